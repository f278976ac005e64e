import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { murmur3x128 } from '../fs/murmur3.js';

export type CacheStrategy = 'metadata' | 'content';
export const CACHE_STRATEGIES: readonly CacheStrategy[] = ['metadata', 'content'];

/** How a file stands: metadata (mtime, ctime, size) or content (106 bits of its MurmurHash3, size). */
export type Signature = readonly [number, number, number];

/** Signatures of a run of files, three numbers each, NaN first for a file whose signature cannot be told. */
export type SignatureChunk = Float64Array;

/** Files a chunk holds: the run works on one while the next is made. */
const CHUNK = 2048;
/** Fewer files than this are signed on the run's own thread: a thread costs more to start than they take. */
const THREADED = 4 * CHUNK;

/** Signatures being made: `each` receives them, a chunk at a time, in order. */
export interface Signing {
  each(take: (from: number, sigs: SignatureChunk) => void): Promise<void>;
}

/**
 * Start making the signatures of `files`. With many files and a second core
 * they are made on a thread of their own, begun at once: the stat (or read
 * and hash) of each file overlaps the run's other work, and the run's work on
 * the chunks before; should that thread fail, this one makes the rest.
 */
export function startSigning(files: readonly string[], strategy: CacheStrategy): Signing {
  let next = 0;
  const here = (take: (from: number, sigs: SignatureChunk) => void) => {
    for (; next < files.length; next += CHUNK) take(next, signChunk(files, next, Math.min(CHUNK, files.length - next), strategy));
  };
  // Under a TypeScript loader (tests) there is no compiled thread to start.
  if (files.length < THREADED || availableParallelism() < 2 || import.meta.url.endsWith('.ts')) return { each: async (take) => here(take) };
  const worker = new Worker(new URL('./signature-worker.js', import.meta.url), { workerData: { files: files.join('\0'), strategy, chunk: CHUNK } satisfies SignatureTask });
  // Chunks that come before `each` is called wait here.
  const early: SignatureChunk[] = [];
  let take: ((from: number, sigs: SignatureChunk) => void) | null = null;
  let resolve: (() => void) | null = null;
  let stopped = false;
  const deliver = (sigs: SignatureChunk) => {
    take!(next, sigs);
    next += sigs.length / 3;
  };
  // Once all are taken, or the thread stopped short (this thread makes the rest).
  const settle = () => {
    if (!take || !resolve || (next < files.length && !stopped)) return;
    void worker.terminate();
    here(take);
    resolve();
    resolve = null;
  };
  worker.on('message', ({ sigs }: { sigs: SignatureChunk }) => {
    if (stopped) return;
    if (take) deliver(sigs);
    else early.push(sigs);
    settle();
  });
  const stop = () => {
    stopped = true;
    settle();
  };
  worker.on('error', stop);
  worker.on('exit', stop);
  return {
    each: (receive) =>
      new Promise<void>((done) => {
        take = receive;
        resolve = done;
        for (const sigs of early.splice(0)) deliver(sigs);
        settle();
      }),
  };
}

/** What the signature thread is given. */
export interface SignatureTask {
  /** The files, joined by NUL (which no path holds): one string crosses threads faster than 100 000. */
  files: string;
  strategy: CacheStrategy;
  chunk: number;
}

/** The signatures of `count` files from `from`. */
export function signChunk(files: readonly string[], from: number, count: number, strategy: CacheStrategy): SignatureChunk {
  const sigs = new Float64Array(3 * count);
  for (let k = 0; k < count; k++) {
    const sig = strategy === 'metadata' ? metadataSignature(files[from + k]!) : contentSignature(files[from + k]!);
    if (sig) sigs.set(sig, 3 * k);
    else sigs[3 * k] = Number.NaN;
  }
  return sigs;
}

/** A chunk's signature of its k-th file, or null. */
export function signatureAt(sigs: SignatureChunk, k: number): Signature | null {
  return Number.isNaN(sigs[3 * k]) ? null : [sigs[3 * k]!, sigs[3 * k + 1]!, sigs[3 * k + 2]!];
}

function metadataSignature(file: string): Signature | null {
  const stat = statSync(file, { throwIfNoEntry: false });
  return stat?.isFile() ? [stat.mtimeMs, stat.ctimeMs, stat.size] : null;
}

/** Each file is read into this buffer, grown when a file is larger: no allocation per file. */
let scratch = Buffer.allocUnsafeSlow(1 << 16);

function contentSignature(file: string): Signature | null {
  let fd = -1;
  try {
    // Not blocking: a FIFO named like a post must not hang the run (it is no regular file, and not kept).
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    const stat = fstatSync(fd);
    if (!stat.isFile()) return null;
    // The bytes the file has as it is opened, as fs.readFileSync reads them (lint reads it so): no second read to find the end.
    if (stat.size > scratch.length) scratch = Buffer.allocUnsafeSlow(2 ** Math.ceil(Math.log2(stat.size)));
    let size = 0;
    for (let n; size < stat.size && (n = readSync(fd, scratch, size, stat.size - size, null)) > 0; ) size += n;
    const [a, b, c, d] = murmur3x128(scratch.subarray(0, size));
    return [a * 2 ** 21 + (b >>> 11), c * 2 ** 21 + (d >>> 11), size];
  } catch {
    return null;
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}
