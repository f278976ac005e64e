import { randomBytes } from 'node:crypto';
import { promises as fs, constants } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';

/** Temporary files finews leaves only if killed; the next run may remove them. */
export const TEMP_PREFIX = '.finews-tmp-';

/**
 * Replace `file` with `content` atomically: write a temporary file in the same
 * folder, fsync it, rename it over the target. A crash leaves the old file or
 * the new one, never a torn one.
 */
export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `${TEMP_PREFIX}${path.basename(file)}-${randomBytes(6).toString('hex')}`);
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(tmp, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o644);
    await handle.writeFile(content);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await preserveMode(file, tmp);
    await fs.rename(tmp, file);
  } catch (error) {
    await handle?.close().catch(() => {});
    await fs.rm(tmp, { force: true }).catch(() => {});
    throw ioError(error, file);
  }
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
  const tmp = path.join(dir, `${TEMP_PREFIX}${path.basename(file)}-${randomBytes(6).toString('hex')}`);
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

async function preserveMode(from: string, to: string): Promise<void> {
  try {
    const stat = await fs.stat(from);
    await fs.chmod(to, stat.mode & 0o7777);
  } catch {
    // A new file keeps the default mode.
  }
}

/** Turn a Node file-system error into a one-line InputError naming the file. */
export function ioError(error: unknown, file: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const messages: Record<string, string> = {
    EEXIST: 'already exists',
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on device',
    EISDIR: 'is a directory',
    ENOTDIR: 'a parent is not a directory',
    EDQUOT: 'disk quota exceeded',
  };
  if (code && messages[code]) return new InputError(messages[code], file, { cause: error });
  return error;
}
