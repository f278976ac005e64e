import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ConfigError, InputError, UsageError } from '../errors.js';
import { packBatch, type PackedBatch } from './batch.js';
import { lintFile, loadRuleContext, type FileOutcome, type FixMode } from './lint-file.js';
import type { RuleContext } from './types.js';
import type { UrlPolicy } from './url-keep.js';

/**
 * Files each thread must have before threads are started unasked: a thread
 * costs ~0.4 s of CPU to load and warm up, what one thread lints ~2000 posts in.
 * The main thread is one of them: it lints batches too, between handling the others' replies.
 */
const MIN_FILES_PER_WORKER = 2000;
/** Files per message to a worker: large enough to amortise messaging, small enough to balance. */
const BATCH = 128;
/** Files read at once in one thread, so that reading overlaps parsing. */
export const IN_FLIGHT = 8;

export interface LintTask {
  files: readonly string[];
  /** Index into `roots` of each file's site. */
  rootOf: readonly number[];
  roots: readonly string[];
  env: Record<string, string | undefined>;
  ruleArgs: readonly string[];
  cwd: string;
  now: number;
  fix: FixMode;
  /** When the fixes would change a post's URL (default: keep). */
  urls?: UrlPolicy;
  /** Old-generation heap of each thread, in MB (tests lower it to see a thread run out). */
  workerHeapMb?: number;
}

/** Enough for the largest post finews reads (16 MB), measured with room to spare. */
const WORKER_HEAP_MB = 64;

/** What a worker is started with: everything but the files, which come in batches. */
export type WorkerInit = Omit<LintTask, 'files' | 'rootOf' | 'workerHeapMb'>;

export interface WorkerBatch {
  indices: number[];
  files: string[];
  rootOf: number[];
}

export type WorkerReply = { batch: PackedBatch } | { error: { name: string; message: string; stack?: string } };

/**
 * Lint every file, on `jobs` threads (this one and jobs - 1 workers) when
 * there are enough files to pay for them. Batches of outcomes are handed over
 * as they come, in no particular order; no thread holds more than a few batches of posts.
 */
export async function lintAll(task: LintTask, jobs: number | undefined, onBatch: (batch: PackedBatch) => void): Promise<void> {
  // --jobs is obeyed as far as there are batches to share; unasked, threads must pay for themselves.
  const threads = jobs !== undefined ? Math.min(jobs, Math.ceil(task.files.length / BATCH)) : Math.min(availableParallelism(), Math.floor(task.files.length / MIN_FILES_PER_WORKER));
  // Under a TypeScript loader (tests) there is no compiled worker to start.
  if (threads < 2 || import.meta.url.endsWith('.ts')) await lintHere(task, task.files.map((_, i) => i), onBatch);
  else await runWorkers(task, threads, onBatch);
}

/** Lint these files on this thread, a batch at a time, packed as a thread would pack them. */
async function lintHere(task: LintTask, indices: readonly number[], onBatch: (batch: PackedBatch) => void): Promise<void> {
  const contexts = contextCache(task);
  const options = fileOptions(task);
  for (let start = 0; start < indices.length; start += BATCH) {
    const batch = indices.slice(start, start + BATCH);
    onBatch(await lintBatch(batch.map((i) => task.files[i]!), batch.map((i) => task.rootOf[i]!), contexts, options, batch));
  }
}

/** Lint one batch of files and pack the outcomes. */
export async function lintBatch(
  files: readonly string[],
  rootOf: readonly number[],
  contexts: (root: number) => Promise<RuleContext>,
  options: ReturnType<typeof fileOptions>,
  indices: number[],
): Promise<PackedBatch> {
  const outcomes: FileOutcome[] = new Array(files.length);
  await forEachLimited(files.length, IN_FLIGHT, async (k) => {
    outcomes[k] = await lintFile(files[k]!, await contexts(rootOf[k]!), options);
  });
  return packBatch(indices, outcomes);
}

export function contextCache(task: Pick<LintTask, 'roots' | 'env' | 'ruleArgs' | 'cwd'>): (root: number) => Promise<RuleContext> {
  const cache = new Map<number, Promise<RuleContext>>();
  return (root) => {
    let ctx = cache.get(root);
    if (!ctx) {
      ctx = loadRuleContext(task.roots[root]!, task.env, task.ruleArgs, task.cwd);
      cache.set(root, ctx);
    }
    return ctx;
  };
}

export function fileOptions(task: Pick<LintTask, 'now' | 'fix' | 'cwd' | 'urls'>) {
  return { now: new Date(task.now), fix: task.fix, cwd: task.cwd, urls: task.urls };
}

async function forEachLimited(count: number, limit: number, fn: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < count) await fn(next++);
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, lane));
}

async function runWorkers(task: LintTask, threads: number, onBatch: (batch: PackedBatch) => void): Promise<void> {
  const workerCount = threads - 1;
  const init: WorkerInit = { roots: task.roots, env: task.env, ruleArgs: task.ruleArgs, cwd: task.cwd, now: task.now, fix: task.fix, urls: task.urls };
  // Without a cap, each thread's heap swells to ~100 MB of garbage before V8 collects it.
  const resourceLimits = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: task.workerHeapMb ?? WORKER_HEAP_MB };
  let next = 0;
  let stopped = false;
  const take = (): number[] | null => {
    if (stopped || next >= task.files.length) return null;
    const batch = Array.from({ length: Math.min(BATCH, task.files.length - next) }, (_, k) => next + k);
    next += batch.length;
    return batch;
  };
  const leftovers: number[][] = [];
  const workers: Worker[] = [];
  const worker = () =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: init, resourceLimits });
      workers.push(worker);
      const inFlight: number[][] = [];
      const send = () => {
        const batch = take();
        if (!batch) return;
        inFlight.push(batch);
        worker.postMessage({ indices: batch, files: batch.map((i) => task.files[i]!), rootOf: batch.map((i) => task.rootOf[i]!) } satisfies WorkerBatch);
      };
      // Three batches in flight: the thread never waits for its next one, even while this thread lints one of its own.
      send();
      send();
      send();
      worker.on('message', (reply: WorkerReply) => {
        if ('error' in reply) return reject(revive(reply.error));
        inFlight.shift();
        onBatch(reply.batch);
        send();
        if (inFlight.length === 0) {
          void worker.terminate();
          resolve();
        }
      });
      worker.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'ERR_WORKER_OUT_OF_MEMORY') return reject(error);
        // A post too big for the capped heap: its batches are linted here, uncapped.
        leftovers.push(...inFlight);
        resolve();
      });
    });
  // Here the modules are loaded already: this thread lints from the start, while the workers load theirs
  // (they have their first batches: the queue's head goes to them).
  const contexts = contextCache(task);
  const options = fileOptions(task);
  const here = async () => {
    for (let batch = take(); batch; batch = take()) {
      onBatch(await lintBatch(batch.map((i) => task.files[i]!), batch.map((i) => task.rootOf[i]!), contexts, options, batch));
      // Let the workers' replies in, and send them more.
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  try {
    await Promise.all([...Array.from({ length: workerCount }, worker), here()]);
  } catch (error) {
    // A thread failed: this one takes no more batches.
    stopped = true;
    throw error;
  } finally {
    // Wait until the threads are gone: their heaps are freed before the report is built.
    await Promise.all(workers.map((w) => w.terminate()));
  }
  // The queue is empty (this thread drained it): what is left is the batches of threads that ran out of memory.
  const rest = leftovers.flat();
  if (rest.length) await lintHere(task, rest, onBatch);
}

/** Errors cross threads as data; a user's error keeps its class, so it still exits 2 with one line. */
function revive(error: { name: string; message: string; stack?: string }): Error {
  const classes: Record<string, new (message: string) => Error> = { ConfigError, InputError, UsageError };
  const Known = classes[error.name];
  if (Known) return new Known(error.message);
  const bug = new Error(error.message);
  bug.stack = error.stack;
  return bug;
}
