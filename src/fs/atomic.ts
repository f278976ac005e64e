import { randomBytes } from 'node:crypto';
import { promises as fs, constants, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { FileChangedError, InputError } from '../errors.js';

/**
 * Temporary files finews leaves only if killed: `.finews-tmp-<pid>-<hex>-<name>`.
 * The writer's pid in the name lets the next run tell a dead run's file from
 * a live one's.
 */
export const TEMP_PREFIX = '.finews-tmp-';
const TEMP_NAME = /^\.finews-tmp-(\d+)-[0-9a-f]{12}-/;

/** What a file was when finews read it: replaced only if it still is. */
export interface FileVersion {
  ino: number;
  size: number;
  mtimeMs: number;
}

/** A file's version, or 'absent' for a file that is not there. */
export type Expected = FileVersion | 'absent';

export interface WriteOptions {
  /**
   * The file as it was before it was read (take it with `versionNow` before
   * reading): if it changed, appeared or vanished since, nothing is written
   * and a FileChangedError is thrown.
   */
  expect?: Expected;
  /** The file as error messages name it (default: the path written). */
  name?: string;
  /**
   * fsync the new bytes before the rename (default true). Derived files that
   * the next run rebuilds and compares byte for byte can skip it: the rename
   * stays atomic (a kill never leaves a torn file), only a power loss may.
   */
  sync?: boolean;
}

/** The version of `file` now; take it before reading the file, so that any later edit shows. */
export function versionNow(file: string): Expected {
  try {
    return versionOf(statSync(file));
  } catch {
    // Not there or not readable: the read that follows fails or finds a file that appeared.
    return 'absent';
  }
}

export function versionOf(stat: Stats): FileVersion {
  return { ino: stat.ino, size: stat.size, mtimeMs: stat.mtimeMs };
}

export function sameVersion(a: Expected, b: Expected): boolean {
  if (a === 'absent' || b === 'absent') return a === b;
  return a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;
}

async function currentVersion(file: string): Promise<Expected> {
  try {
    return versionOf(await fs.stat(file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
    throw error;
  }
}

/**
 * Replace `file` with `content` atomically: write a temporary file in the same
 * folder, fsync it, rename it over the target. A crash leaves the old file or
 * the new one, never a torn one; on an error the temporary file is removed.
 * A symbolic link or a read-only file is never replaced: an InputError says so.
 * Content in pieces (an iterable) is written piece by piece, never held whole.
 */
export async function writeFileAtomic(file: string, content: string | Uint8Array | Iterable<Uint8Array>, options: WriteOptions = {}): Promise<void> {
  const name = options.name ?? file;
  const tmp = tempName(file);
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(tmp, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o644);
    if (typeof content === 'string' || content instanceof Uint8Array) await handle.writeFile(content);
    else for (const piece of content) for (let at = 0; at < piece.length; ) at += (await handle.write(piece, at)).bytesWritten;
    if (options.sync !== false) await handle.sync();
    await handle.close();
    handle = undefined;
    // A file that was not there has no mode to keep (and if one appeared, it is not replaced: below).
    if (options.expect !== 'absent') await preserveMode(file, tmp);
    // As late as can be: what is left is the window between one lstat and the rename.
    await assertReplaceable(file, options.expect, name);
    await fs.rename(tmp, file);
  } catch (error) {
    await handle?.close().catch(() => {});
    await fs.rm(tmp, { force: true }).catch(() => {});
    throw ioError(error, name);
  }
}

/**
 * Remove `file` if it is still as expected (see WriteOptions.expect); one
 * that is gone already is no error.
 */
export async function removeFile(file: string, options: WriteOptions = {}): Promise<void> {
  const name = options.name ?? file;
  try {
    const now = await currentVersion(file);
    if (now === 'absent') return;
    const changed = options.expect && changeError(now, options.expect, name);
    if (changed) throw changed;
    await fs.rm(file, { force: true });
  } catch (error) {
    throw ioError(error, name);
  }
}

/**
 * What a write checks just before its rename, with one lstat: the target is
 * not a symbolic link (renamed over, the link would be lost: finews never
 * replaces a link with a file), and it is still as `expected`, if given.
 */
async function assertReplaceable(file: string, expected: Expected | undefined, name: string): Promise<void> {
  const stat = await fs.lstat(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (stat?.isSymbolicLink()) throw new InputError('is a symbolic link; not replaced (finews never replaces a link with a file)', name);
  // A rename replaces a read-only file as easily as any other (and root may write anything):
  // a file nobody may write is one its owner froze on purpose.
  if (stat && (stat.mode & 0o222) === 0) throw new InputError('is read-only; left as it is (make it writable to let finews change it)', name);
  const changed = expected && changeError(stat ? versionOf(stat) : 'absent', expected, name);
  if (changed) throw changed;
}

/** Why a file that is `now` is no longer as `expected`, or null when it is. */
function changeError(now: Expected, expected: Expected, name: string): FileChangedError | null {
  if (sameVersion(now, expected)) return null;
  if (expected === 'absent') return new FileChangedError('appeared since finews looked; left as it is', name);
  if (now === 'absent') return new FileChangedError('was removed since it was read; not written again', name);
  return new FileChangedError('changed since it was read; left as it is', name);
}

/**
 * Create `file` only if it does not exist (O_EXCL), so that parallel runs with
 * one name give one file and an error for the others. The content is written
 * to a temporary file first and linked into place, so the new file is never
 * seen half-written.
 */
export async function createFileExclusive(file: string, content: string | Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  await fs.mkdir(dir, { recursive: true }).catch((error: unknown) => {
    throw ioError(error, dir);
  });
  const tmp = tempName(file);
  try {
    const handle = await fs.open(tmp, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o644);
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    // link() fails with EEXIST when the target exists: the exclusive step.
    await fs.link(tmp, file);
  } catch (error) {
    throw ioError(error, file);
  } finally {
    await fs.rm(tmp, { force: true }).catch(() => {});
  }
}

/** Next to `file`, named for this process; the target's name kept short enough for any file system. */
function tempName(file: string): string {
  const base = path.basename(file);
  const shown = Buffer.byteLength(base) <= 200 ? base : Array.from(base).slice(0, 40).join('');
  return path.join(path.dirname(file), `${TEMP_PREFIX}${process.pid}-${randomBytes(6).toString('hex')}-${shown}`);
}

/**
 * Remove the temporary files that killed runs left in these folders: one
 * listing a folder. A file of a process that still runs (a concurrent run) is
 * never touched. Best effort: a folder that cannot be listed or written is
 * left to the writes that follow, which report it.
 */
export async function removeStaleTemps(dirs: Iterable<string>): Promise<void> {
  await Promise.all(
    [...new Set(dirs)].map(async (dir) => {
      const names = await fs.readdir(dir).catch(() => [] as string[]);
      await removeIfStale(names.filter((n) => n.startsWith(TEMP_PREFIX)).map((n) => path.join(dir, n)));
    }),
  );
}

/** Remove each of these temporary files whose writer is gone. */
export async function removeIfStale(temps: readonly string[]): Promise<void> {
  for (const file of temps) {
    const pid = TEMP_NAME.exec(path.basename(file))?.[1];
    if (pid !== undefined && processIsGone(Number(pid))) await fs.rm(file, { force: true }).catch(() => {});
  }
}

/** Whether no process of this host has this pid (one of another user still runs: EPERM). */
export function processIsGone(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

async function preserveMode(from: string, to: string): Promise<void> {
  try {
    const stat = await fs.stat(from);
    await fs.chmod(to, stat.mode & 0o7777);
  } catch {
    // A new file keeps the default mode.
  }
}

const MESSAGES: Readonly<Record<string, string>> = {
  EEXIST: 'already exists',
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large',
  EIO: 'input/output error',
  EISDIR: 'is a directory',
  ENOTDIR: 'a parent is not a directory',
  ENAMETOOLONG: 'file name too long',
};

/** Turn a Node file-system error into a one-line InputError naming the file. */
export function ioError(error: unknown, file: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code && MESSAGES[code]) return new InputError(MESSAGES[code], file, { cause: error });
  return error;
}
