import type { Io } from '../../src/io.js';

export interface CapturedIo extends Io {
  out: () => string;
  err: () => string;
}

/** An Io that records what a command prints; time frozen at `now`. */
export function captureIo(cwd: string, options: { now?: Date; env?: Record<string, string | undefined>; tty?: boolean } = {}): CapturedIo {
  let out = '';
  let err = '';
  return {
    stdout: { write: (s: string) => ((out += s), true), isTTY: options.tty ?? false },
    stderr: { write: (s: string) => ((err += s), true), isTTY: options.tty ?? false },
    cwd,
    env: options.env ?? {},
    now: () => options.now ?? new Date('2026-11-25T00:00:00Z'),
    out: () => out,
    err: () => err,
  };
}
