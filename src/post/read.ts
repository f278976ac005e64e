import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Site } from '../site/config.js';
import { parsePost, type ParseOptions, type Post } from './parse.js';

/** Larger files are reported, not read: no news post is this big. */
export const MAX_POST_BYTES = 16 * 1024 * 1024;

export type ReadResult =
  | { path: string; file: string; post: Post; error: null }
  | { path: string; file: string; post: null; error: string };

/**
 * Read and parse one post. Whatever the file is (a folder, a dangling link,
 * unreadable, huge), the answer is a result, never an exception.
 */
export async function readPost(file: string, site: Site, options: ParseOptions = {}): Promise<ReadResult> {
  const abs = path.resolve(site.root, file);
  const rel = path.relative(site.root, abs).split(path.sep).join('/');
  const fail = (error: string): ReadResult => ({ path: rel, file: abs, post: null, error });
  let bytes: Buffer;
  try {
    const stat = await fs.stat(abs);
    if (stat.isDirectory()) return fail('is a directory, not a post');
    if (!stat.isFile()) return fail('is not a regular file');
    if (stat.size > MAX_POST_BYTES) return fail(`is ${(stat.size / 1024 / 1024).toFixed(1)} MB, larger than any post (limit ${MAX_POST_BYTES / 1024 / 1024} MB): not read`);
    bytes = await fs.readFile(abs);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') {
      const link = await fs.lstat(abs).catch(() => null);
      return fail(link?.isSymbolicLink() ? 'is a dangling symbolic link' : 'does not exist');
    }
    if (e.code === 'EACCES' || e.code === 'EPERM') return fail('cannot be read: permission denied');
    if (e.code === 'ELOOP') return fail('is a symbolic link loop');
    if (e.code === 'EISDIR') return fail('is a directory, not a post');
    throw error;
  }
  return { path: rel, file: abs, post: parsePost(bytes, abs, site, options), error: null };
}
