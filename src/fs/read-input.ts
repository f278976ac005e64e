import { InputError } from '../errors.js';
import { MAX_POST_BYTES, readPostBytes } from '../post/read.js';
import { ioError, type FileVersion } from './atomic.js';

/**
 * The bytes of a post or an article named on the command line, and its
 * version, read as lint and show read a post: what is not a post (a folder, a
 * FIFO, more than MAX_POST_BYTES) or cannot be read is an InputError naming it.
 */
export function readInputFile(file: string, name: string): { bytes: Buffer; version: FileVersion } {
  try {
    return readPostBytes(file);
  } catch (error) {
    if (error instanceof InputError) throw new InputError(error.reason, name, { cause: error });
    throw ioError(error, name);
  }
}

/** All of a stream, up to MAX_POST_BYTES: more is refused as soon as it arrives, not kept. */
export async function readInputStream(stream: NodeJS.ReadableStream, name: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += bytes.length;
    if (size > MAX_POST_BYTES) throw new InputError(`is larger than any post (limit ${MAX_POST_BYTES / 1024 / 1024} MB): not read`, name);
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, size);
}
