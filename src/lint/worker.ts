import { parentPort, workerData } from 'node:worker_threads';
import { lintFile, type FileOutcome } from './lint-file.js';
import { contextCache, fileOptions, forEachLimited, IN_FLIGHT, type WorkerBatch, type WorkerInit, type WorkerReply } from './pool.js';

/** A lint thread: batches of files in, outcomes out. */
const init = workerData as WorkerInit;
const contexts = contextCache(init);
const options = fileOptions(init);

parentPort!.on('message', async (batch: WorkerBatch) => {
  try {
    const outcomes: [number, FileOutcome][] = [];
    await forEachLimited(batch.files.length, IN_FLIGHT, async (k) => {
      outcomes.push([batch.indices[k]!, await lintFile(batch.files[k]!, await contexts(batch.rootOf[k]!), options)]);
    });
    parentPort!.postMessage({ outcomes } satisfies WorkerReply);
  } catch (error) {
    const e = error as Error;
    parentPort!.postMessage({ error: { name: e.name, message: e.message, stack: e.stack } } satisfies WorkerReply);
  }
});
