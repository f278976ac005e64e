import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, type Stats } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';
import { versionOf, type FileVersion } from '../fs/atomic.js';
import type { Site } from '../site/config.js';
import { parsePost, type ParseOptions, type Post } from './parse.js';

/** Larger files are reported, not read: no news post is this big. */
export const MAX_POST_BYTES = 16 * 1024 * 1024;

export type ReadResult =
  /** `version`: the file when it was opened, for a write that must not overwrite a newer edit. */
  | { path: string; file: string; post: Post; version: FileVersion; error: null }
  | { path: string; file: string; post: null; error: string };

/**
 * Read and parse one post. Whatever the file is (a folder, a FIFO, a dangling
 * link, unreadable, huge), the answer is a result, never an exception.
 */
export async function readPost(file: string, site: Site, options: ParseOptions = {}): Promise<ReadResult> {
  return readPostSync(file, site, options);
}

/**
 * readPost without a promise: the one implementation. Synchronous reads are
 * several times faster per file where nothing else waits on the thread (a
 * worker reading thousands of posts).
 */
export function readPostSync(file: string, site: Site, options: ParseOptions = {}): ReadResult {
  const abs = path.resolve(site.root, file);
  const rel = path.relative(site.root, abs).split(path.sep).join('/');
  let read: { bytes: Buffer; version: FileVersion };
  try {
    read = readPostBytes(abs);
  } catch (error) {
    if (error instanceof InputError) return { path: rel, file: abs, post: null, error: error.reason };
    return { path: rel, file: abs, post: null, error: readError(error, lstatSync(abs, { throwIfNoEntry: false })?.isSymbolicLink() ?? false) };
  }
  return { path: rel, file: abs, post: parsePost(read.bytes, rel, site, options), version: read.version, error: null };
}

/**
 * The bytes of a file to read as a post, and its version: one open and one
 * fstat, so that the checks and the read see the same file; O_NONBLOCK so
 * that a FIFO is refused, not waited on. What is not a post (a folder, a
 * FIFO, more than MAX_POST_BYTES) is an InputError; a failed open or read
 * is Node's error.
 */
export function readPostBytes(abs: string): { bytes: Buffer; version: FileVersion } {
  const fd = openSync(abs, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stat = fstatSync(fd);
    const refused = refusal(stat);
    if (refused) throw new InputError(refused, abs);
    const bytes = Buffer.allocUnsafe(stat.size);
    let length = 0;
    for (let n = -1; n !== 0 && length < bytes.length; length += n) n = readSync(fd, bytes, length, bytes.length - length, length);
    return { bytes: bytes.subarray(0, length), version: versionOf(stat) };
  } finally {
    closeSync(fd);
  }
}

/** Why a file that exists is not read, or null to read it. */
function refusal(stat: Stats): string | null {
  if (stat.isDirectory()) return 'is a directory, not a post';
  if (!stat.isFile()) return 'is not a regular file';
  if (stat.size > MAX_POST_BYTES) return `is ${(stat.size / 1024 / 1024).toFixed(1)} MB, larger than any post (limit ${MAX_POST_BYTES / 1024 / 1024} MB): not read`;
  return null;
}

/** What a failed open or read means for the user; anything unforeseen is rethrown. */
function readError(error: unknown, isLink: boolean): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return isLink ? 'is a dangling symbolic link' : 'does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'cannot be read: permission denied';
  if (code === 'ELOOP') return 'is a symbolic link loop';
  if (code === 'EISDIR') return 'is a directory, not a post';
  throw error;
}
