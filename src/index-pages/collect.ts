import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { readPostSync } from '../post/read.js';
import type { SkipReason } from '../post/parse.js';
import { rubyToS } from '../post/taxonomy.js';
import type { Site } from '../site/config.js';
import { expandInputs } from '../site/files.js';

/**
 * What an index needs of a post Jekyll builds: kept small, because a site of
 * 100 000 posts holds all of them at once.
 */
export interface IndexedPost {
  /** Relative to the site root: Jekyll's tie-breaker between equal dates. */
  path: string;
  url: string;
  /** Where Jekyll writes it, relative to `_site`. */
  destination: string;
  /** As Liquid prints `post.title`. */
  title: string;
  /** `YYYY-MM-DD HH:MM:SS +hhmm` in the site time zone. */
  date: string;
  epochSeconds: number;
  /** Jekyll's values, typed as YAML gave them (`2022` and `"2022"` are two categories). */
  categories: unknown[];
  tags: unknown[];
  /** Jekyll could not read the front matter: the post is built, in no category or tag of its own. */
  unreadable: boolean;
}

/** A file Jekyll leaves out of `site.posts`. */
export interface SkippedFile {
  skip: SkipReason | 'unreadable';
  path: string;
  reason?: string;
}

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

/**
 * Read one file as Jekyll would and keep what an index shows. Synchronous:
 * nothing else waits on the thread, and a promise a file costs more than
 * the read (readPostSync).
 */
export function readForIndex(file: string, site: Site, now: Date): IndexedPost | SkippedFile {
  const result = readPostSync(file, site, { now });
  if (!result.post) return { skip: 'unreadable', path: result.path };
  const { jekyll, path } = result.post;
  if (jekyll.skip) return { skip: jekyll.skip, path, reason: jekyll.fatal ?? undefined };
  return settle(
    {
      path,
      url: jekyll.url!,
      destination: jekyll.destination!,
      title: rubyToS(jekyll.title),
      date: jekyll.date!.text,
      epochSeconds: jekyll.date!.epochSeconds,
      categories: jekyll.categories,
      tags: jekyll.tags ?? [],
      unreadable: jekyll.readError !== null,
    },
    new Map(),
  );
}

/**
 * The post as it is kept, 100 000 times over: one object shape with every
 * property in the object (a post that came from a thread has its properties
 * in a separate store, ~150 bytes more), strings owned, and each category and
 * tag name one string however many posts carry it.
 */
function settle(p: IndexedPost, names: Map<string, string>): IndexedPost {
  const name = (v: unknown) => {
    if (typeof v !== 'string') return v;
    let shared = names.get(v);
    if (shared === undefined) names.set(v, (shared = own(v)));
    return shared;
  };
  return {
    path: own(p.path),
    url: own(p.url),
    destination: own(p.destination),
    title: own(p.title),
    date: own(p.date),
    epochSeconds: p.epochSeconds,
    categories: p.categories.map(name),
    tags: p.tags.map(name),
    unreadable: p.unreadable,
  };
}

/**
 * A copy of `s` that holds nothing else alive. A substring can share the
 * memory of the string it was cut from (V8's sliced strings): a title cut
 * from a post's text would keep the whole text, and 100 000 posts' worth.
 * Concatenating forces a fresh copy.
 */
function own(s: string): string {
  return s.length < 13 ? s : (` ${s}`).slice(1);
}

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
