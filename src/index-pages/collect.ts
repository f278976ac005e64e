import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { SkipReason } from '../post/parse.js';
import type { Site } from '../site/config.js';
import { expandInputs } from '../site/files.js';
import { readForIndex, settle, type IndexedPost, type SkippedFile } from './indexed-post.js';

/** Files under `_posts`/`_drafts` that are not in `site.posts`, by reason. */
export type Skipped = Partial<Record<SkipReason | 'unreadable', number>>;

export interface Collected {
  posts: IndexedPost[];
  skipped: Skipped;
  /** Posts whose front matter Jekyll cannot read: built, but in no category or tag of their own. */
  unreadableFrontMatter: string[];
  /** Posts that stop Jekyll's whole build, with why. */
  buildErrors: { path: string; reason: string }[];
}

/** Below this many posts, starting threads costs more than it saves. */
const MIN_FILES_PER_THREAD = 1000;
/** Files a message to a thread. */
const BATCH = 256;

export interface CollectOptions {
  /** Threads to parse on; default: one a CPU when the site is large enough. */
  threads?: number;
  /** Old-generation heap of each thread, in MB. */
  threadHeapMb?: number;
}

/** Read every post of the site as Jekyll would. The result does not depend on the order files come in. */
export async function collectPosts(site: Site, now: Date, options: CollectOptions = {}): Promise<Collected> {
  const files = await expandInputs([], site.root, site);
  const threads = Math.min(options.threads ?? availableParallelism(), Math.floor(files.length / MIN_FILES_PER_THREAD));
  const slots: (IndexedPost | SkippedFile)[] = new Array(files.length);
  // Under a TypeScript loader (the tests) there is no compiled worker to start.
  if (threads < 2 || import.meta.url.endsWith('.ts')) {
    files.forEach((file, i) => (slots[i] = readForIndex(file, site, now)));
  } else {
    await inThreads(files, threads, { site, now: now.getTime() }, slots, options.threadHeapMb ?? 64);
  }

  const posts: IndexedPost[] = [];
  const skipped: Skipped = {};
  const unreadableFrontMatter: string[] = [];
  const buildErrors: Collected['buildErrors'] = [];
  for (const slot of slots) {
    if ('skip' in slot) {
      skipped[slot.skip] = (skipped[slot.skip] ?? 0) + 1;
      if (slot.skip === 'build-error') buildErrors.push({ path: slot.path, reason: slot.reason ?? 'unknown' });
      continue;
    }
    if (slot.unreadable) unreadableFrontMatter.push(slot.path);
    posts.push(slot);
  }
  return { posts, skipped, unreadableFrontMatter, buildErrors };
}

/** What a collecting thread starts with. */
export interface ThreadInit {
  /** Plain data: it crosses to the thread as it is. */
  site: Site;
  now: number;
}
export type ThreadReply = { start: number; slots: (IndexedPost | SkippedFile)[] } | { error: string; stack?: string };

/**
 * Parse on `threads` worker threads, a batch of files a message, two batches
 * queued per thread. A thread keeps no post past its batch, so it runs on a
 * small heap (collecting often rather than growing); should one post need
 * more (a post may be 16 MB), that thread's batches are read here instead.
 */
async function inThreads(files: readonly string[], threads: number, init: ThreadInit, slots: (IndexedPost | SkippedFile)[], heapMb: number): Promise<void> {
  const leftOver: { start: number; files: string[] }[] = [];
  const names = new Map<string, string>();
  let next = 0;
  await new Promise<void>((resolve, reject) => {
    let running = threads;
    const workers: Worker[] = [];
    const stop = (error: Error) => {
      for (const w of workers) void w.terminate();
      reject(error);
    };
    for (let t = 0; t < threads; t++) {
      const worker = new Worker(new URL('./collect-worker.js', import.meta.url), {
        workerData: init,
        resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 8 },
      });
      workers.push(worker);
      const queued: { start: number; files: string[] }[] = [];
      const feed = () => {
        if (next >= files.length) return;
        const batch = { start: next, files: files.slice(next, next + BATCH) };
        next += BATCH;
        queued.push(batch);
        worker.postMessage(batch);
      };
      const done = () => {
        void worker.terminate();
        if (--running === 0) resolve();
      };
      worker.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'ERR_WORKER_OUT_OF_MEMORY') return stop(error);
        leftOver.push(...queued.splice(0));
        done();
      });
      worker.on('message', (reply: ThreadReply) => {
        if ('error' in reply) {
          const bug = new Error(reply.error);
          bug.stack = reply.stack;
          return stop(bug);
        }
        queued.splice(queued.findIndex((b) => b.start === reply.start), 1);
        reply.slots.forEach((slot, k) => (slots[reply.start + k] = 'skip' in slot ? slot : settle(slot, names)));
        feed();
        if (queued.length === 0) done();
      });
      feed();
      feed();
    }
  });
  // Files no thread lived to take.
  if (next < files.length) leftOver.push({ start: next, files: files.slice(next) });
  const site = init.site;
  const now = new Date(init.now);
  for (const batch of leftOver) batch.files.forEach((file, k) => (slots[batch.start + k] = readForIndex(file, site, now)));
}
