import { parentPort, workerData } from 'node:worker_threads';
import type { ThreadInit, ThreadReply } from './collect.js';
import { readForIndex } from './indexed-post.js';

/** A collecting thread: batches of files in, what the index keeps of each out. */
const { site, now } = workerData as ThreadInit;
const buildTime = new Date(now);

parentPort!.on('message', ({ start, files }: { start: number; files: string[] }) => {
  try {
    const slots = files.map((file) => readForIndex(file, site, buildTime));
    parentPort!.postMessage({ start, slots } satisfies ThreadReply);
  } catch (error) {
    const e = error as Error;
    parentPort!.postMessage({ error: e.message, stack: e.stack } satisfies ThreadReply);
  }
});
