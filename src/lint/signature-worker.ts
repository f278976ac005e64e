import { parentPort, workerData } from 'node:worker_threads';
import { signChunk, type SignatureTask } from './signatures.js';

/** The signature thread of `lint --cache`: the files' signatures, a chunk at a time, in order (see startSigning). */
const task = workerData as SignatureTask;
const files = task.files.split('\0');
for (let from = 0; from < files.length; from += task.chunk) {
  const sigs = signChunk(files, from, Math.min(task.chunk, files.length - from), task.strategy);
  parentPort!.postMessage({ sigs }, [sigs.buffer as ArrayBuffer]);
}
