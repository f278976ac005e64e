import { promises as fs } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';
import { createFileExclusive, ioError, removeFile, writeFileAtomic, type FileVersion } from './atomic.js';

/**
 * Write a new post: never over a file that exists (an exclusive link, so
 * parallel runs give one file and clear errors) unless `force`, which
 * replaces it atomically. `shown` is the name errors use.
 */
export async function createPostFile(file: string, content: string, options: { force: boolean; shown: string }): Promise<void> {
  if (options.force) {
    const folder = path.dirname(file);
    await fs.mkdir(folder, { recursive: true }).catch((error: unknown) => {
      throw ioError(error, folder);
    });
    await writeFileAtomic(file, content, { name: options.shown });
    return;
  }
  try {
    await createFileExclusive(file, content);
  } catch (error) {
    if (error instanceof InputError && /already exists/.test(error.message)) {
      throw new InputError('already exists; use --force to replace it', options.shown, { cause: error });
    }
    throw error;
  }
}

/**
 * Move a post to `to` with new `content`: the new file first, then the old
 * one removed if it is still as it was read. A crash between the two leaves
 * both files: nothing is lost.
 */
export async function movePost(from: string, to: string, content: string, read: FileVersion, options: { force: boolean; shown: { from: string; to: string } }): Promise<void> {
  await createPostFile(to, content, { force: options.force, shown: options.shown.to });
  await removeFile(from, { expect: read, name: options.shown.from });
}
