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
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    cwd: process.cwd(),
    env: process.env,
    now: () => new Date(),
  };
}

/** Colour only on a TTY and never under NO_COLOR (https://no-color.org) or FORCE_COLOR=0. */
export function useColor(io: Io, stream: Writable = io.stdout): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR === '0') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '') return true;
  return stream.isTTY === true;
}
