import { parentPort, workerData } from 'node:worker_threads';
import { convertText } from './convert.js';
import type { WorkerJob, WorkerReply } from './pool.js';
import type { ConverterOptions } from './removal.js';

/** A conversion thread: batches of texts in, results out. */
const options = workerData as Omit<ConverterOptions, 'input'>;

parentPort!.on('message', (jobs: WorkerJob[]) => {
  try {
    const results = jobs.map(({ id, text, input }) => ({ id, result: convertText(text, { ...options, input }) }));
    parentPort!.postMessage({ results } satisfies WorkerReply);
  } catch (error) {
    parentPort!.postMessage({ error: String((error as Error).stack ?? error) } satisfies WorkerReply);
  }
});
