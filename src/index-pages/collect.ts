import { opendirSync, type Dir } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
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
  const most = options.threads ?? availableParallelism();
  // Under a TypeScript loader (the tests) there is no compiled worker to start.
  const compiled = !import.meta.url.endsWith('.ts');
  const listing = expandInputs([], site.root, site);
  // A thread takes a while to start (it loads the parser): when the posts
  // folder alone asks for threads, they start while the site is walked.
  const early = compiled && most >= 2 ? Math.min(most, Math.floor(postsFolderHolds(site, most * MIN_FILES_PER_THREAD) / MIN_FILES_PER_THREAD)) : 0;
  const threads = early >= 2 ? early : compiled ? Math.min(most, Math.floor((await listing).length / MIN_FILES_PER_THREAD)) : 0;
  let slots: (IndexedPost | SkippedFile)[];
  if (threads < 2) slots = (await listing).map((file) => readForIndex(file, site, now));
  else slots = await inThreads(listing, threads, { site, now: now.getTime() }, options.threadHeapMb ?? 64);

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
 * The entries of the site's `_posts` folder, counted up to `enough` (a
 * moment at any size): an early guess at the posts, before the walk finds them.
 */
function postsFolderHolds(site: Site, enough: number): number {
  let dir: Dir;
  try {
    dir = opendirSync(path.join(site.root, site.collectionsDir, '_posts'));
  } catch {
    return 0;
  }
  let count = 0;
  try {
    while (count < enough && dir.readSync() !== null) count++;
  } finally {
    dir.closeSync();
  }
  return count;
}

/**
 * Parse on `threads` worker threads, started at once and given the files
 * when `listing` has them, a batch of files a message, two batches queued
 * per thread. A thread keeps no post past its batch, so it runs on a small
 * heap (collecting often rather than growing); should one post need more (a
 * post may be 16 MB), that thread's batches are read here instead.
 */
async function inThreads(listing: Promise<readonly string[]>, threads: number, init: ThreadInit, heapMb: number): Promise<(IndexedPost | SkippedFile)[]> {
  const leftOver: { start: number; files: string[] }[] = [];
  const names = new Map<string, string>();
  let files: readonly string[] = [];
  let slots: (IndexedPost | SkippedFile)[] = [];
  let next = 0;
  await new Promise<void>((resolve, reject) => {
    let running = threads;
    let stopped = false;
    const workers: Worker[] = [];
    const starts: (() => void)[] = [];
    const stop = (error: unknown) => {
      stopped = true;
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
      let finished = false;
      const done = () => {
        if (finished) return;
        finished = true;
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
      starts.push(() => {
        if (finished) return;
        feed();
        feed();
        // Fewer files than the threads expected: this one has none.
        if (queued.length === 0) done();
      });
    }
    listing.then((found) => {
      if (stopped) return;
      files = found;
      slots = new Array(found.length);
      for (const start of starts) start();
    }, stop);
  });
  // Files no thread lived to take.
  if (next < files.length) leftOver.push({ start: next, files: files.slice(next) });
  const site = init.site;
  const now = new Date(init.now);
  for (const batch of leftOver) batch.files.forEach((file, k) => (slots[batch.start + k] = readForIndex(file, site, now)));
  return slots;
}
