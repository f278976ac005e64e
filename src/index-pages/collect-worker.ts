import { parentPort, workerData } from 'node:worker_threads';
import { eachLimited, IN_FLIGHT, readForIndex, type IndexedPost, type SkippedFile, type ThreadInit, type ThreadReply } from './collect.js';

/** A collecting thread: batches of files in, what the index keeps of each out. */
const { site, now } = workerData as ThreadInit;
const buildTime = new Date(now);

parentPort!.on('message', async ({ start, files }: { start: number; files: string[] }) => {
  try {
    const slots: (IndexedPost | SkippedFile)[] = new Array(files.length);
    await eachLimited(files, IN_FLIGHT, async (file, k) => {
      slots[k] = await readForIndex(file, site, buildTime);
    });
    parentPort!.postMessage({ start, slots } satisfies ThreadReply);
  } catch (error) {
    const e = error as Error;
    parentPort!.postMessage({ error: e.message, stack: e.stack } satisfies ThreadReply);
  }
});
