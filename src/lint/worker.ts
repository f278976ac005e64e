import { parentPort, workerData } from 'node:worker_threads';
import { contextCache, fileOptions, lintBatch, type WorkerBatch, type WorkerInit, type WorkerReply } from './pool.js';

/** A lint thread: batches of files in, packed outcomes out. */
const init = workerData as WorkerInit;
const contexts = contextCache(init);
const options = fileOptions(init);

parentPort!.on('message', async (batch: WorkerBatch) => {
  try {
    const packed = await lintBatch(batch.files, batch.rootOf, contexts, options, batch.indices);
    parentPort!.postMessage({ batch: packed } satisfies WorkerReply, [packed.keys.buffer as ArrayBuffer]);
  } catch (error) {
    const e = error as Error;
    parentPort!.postMessage({ error: { name: e.name, message: e.message, stack: e.stack } } satisfies WorkerReply);
  }
});
