/**
 * Everything a command touches outside its arguments, passed in so commands run
 * in-process in tests with frozen time and captured output.
 */
export interface Writable {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

export interface Io {
  stdout: Writable;
  stderr: Writable;
  stdin?: NodeJS.ReadableStream;
  cwd: string;
  env: Record<string, string | undefined>;
  /** The build time Jekyll would use ("now"). */
  now: () => Date;
}

export function processIo(): Io {
  return {
    stdout: quietWhenClosed(process.stdout),
    stderr: process.stderr,
    stdin: process.stdin,
    cwd: process.cwd(),
    env: process.env,
    now: () => new Date(),
  };
}

/**
 * A reader that goes away (`finews show | head`) is not an error: the rest of
 * the output is dropped and the command ends as it would have, with its own
 * exit code, instead of a stack trace for EPIPE.
 */
function quietWhenClosed(stream: NodeJS.WriteStream): Writable {
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    closed = true;
  });
  return {
    // true once closed: nothing is buffered, so nobody should wait for 'drain'.
    write: (chunk: string) => closed || stream.write(chunk),
    get isTTY() {
      return stream.isTTY;
    },
    // For callers that wait for 'drain': a stream that closes instead ends the wait too.
    once(event: string, listener: () => void) {
      const done = () => {
        stream.off(event, done);
        stream.off('close', done);
        listener();
      };
      stream.once(event, done);
      stream.once('close', done);
    },
  } as Writable;
}

/** Colour only on a TTY and never under NO_COLOR (https://no-color.org) or FORCE_COLOR=0. */
export function useColor(io: Io, stream: Writable = io.stdout): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR === '0') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '') return true;
  return stream.isTTY === true;
}
