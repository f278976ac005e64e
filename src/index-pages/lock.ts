import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { InputError } from '../errors.js';
import { createFileExclusive, ioError, processIsGone } from '../fs/atomic.js';

/** In the site root; Jekyll never builds dot files. */
const LOCK_NAME = '.finews-index.lock';

interface Holder {
  pid: number;
  host: string;
  since: string;
}

export interface LockOptions {
  /** Give up after this many milliseconds. */
  timeoutMs: number;
  /** Only wait for a running writer to finish; take no lock (for --check and --dry-run). */
  readOnly?: boolean;
}

/**
 * One `finews index` at a time on a site: the whole read–plan–write runs
 * under a lock file created with O_EXCL, so two runs cannot interleave their
 * writes and the second one plans from what the first one wrote. A lock left
 * by a process that no longer runs on this host is taken over.
 * Returns the function that releases the lock.
 */
export async function acquireLock(root: string, options: LockOptions): Promise<() => Promise<void>> {
  const file = path.join(root, LOCK_NAME);
  const deadline = Date.now() + options.timeoutMs;
  let delay = 20;
  for (;;) {
    const holder = await readHolder(file);
    if (holder === undefined) {
      if (options.readOnly) return async () => {};
      const mine: Holder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
      const text = `${JSON.stringify(mine)}\n`;
      try {
        // Linked into place whole: nobody reads a half-written lock.
        await createFileExclusive(file, text);
        return async () => {
          // Remove it only while it is still ours.
          if ((await fs.readFile(file, 'utf8').catch(() => null)) === text) await fs.rm(file, { force: true });
        };
      } catch (error) {
        const cause = (error as { cause?: NodeJS.ErrnoException }).cause;
        if (cause?.code !== 'EEXIST') throw error;
        continue;
      }
    }
    if (holder && isStale(holder)) {
      if (options.readOnly) return async () => {};
      await takeOver(file);
      continue;
    }
    if (Date.now() >= deadline) {
      const who = holder ? `pid ${holder.pid} on ${holder.host}, since ${holder.since}` : 'holder unknown';
      throw new InputError(`another finews index is running (${who}); if none is, delete this file`, file);
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 250);
  }
}

/** undefined: no lock; null: a lock file that is not finews' JSON. */
async function readHolder(file: string): Promise<Holder | null | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw ioError(error, file);
  }
  try {
    const value = JSON.parse(text) as Holder;
    return typeof value.pid === 'number' && typeof value.host === 'string' ? value : null;
  } catch {
    return null;
  }
}

function isStale(holder: Holder): boolean {
  if (holder.host !== hostname()) return false;
  return processIsGone(holder.pid);
}

/**
 * Move the stale lock aside rather than delete it, then look at what was
 * moved: if another run replaced the stale lock meanwhile, put its lock back.
 */
async function takeOver(file: string): Promise<void> {
  const aside = `${file}.${randomBytes(6).toString('hex')}`;
  try {
    await fs.rename(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw ioError(error, file);
  }
  const moved = await readHolder(aside);
  if (moved !== undefined && (moved === null || !isStale(moved))) await fs.link(aside, file).catch(() => {});
  await fs.rm(aside, { force: true });
}
