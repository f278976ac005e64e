import { promises as fs, constants } from 'node:fs';
import { InputError } from '../errors.js';
import { MAX_POST_BYTES, refusal } from '../post/read.js';
import { ioError } from './atomic.js';

/**
 * The bytes of a post or an article to convert, refused as lint and show
 * refuse a post (a folder, a FIFO, more than MAX_POST_BYTES) with an
 * InputError naming it. O_NONBLOCK so that a FIFO is refused, not waited on.
 */
export async function readInputFile(file: string, name: string): Promise<Buffer> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(file, constants.O_RDONLY | constants.O_NONBLOCK);
    const refused = refusal(await handle.stat());
    if (refused) throw new InputError(refused, name);
    return await handle.readFile();
  } catch (error) {
    throw ioError(error, name);
  } finally {
    await handle?.close();
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
