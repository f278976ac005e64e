/**
 * Errors a user can cause. Each prints as one line and exits 2; anything that is
 * not a FinewsError is a bug and keeps its stack.
 */
export class FinewsError extends Error {
  readonly exitCode: number = 2;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Bad command-line arguments. */
export class UsageError extends FinewsError {}

/** A bad `_config.yml` or `finews:` setting; names the file and line. */
export class ConfigError extends FinewsError {
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
    options?: { cause?: unknown },
  ) {
    super(file ? `${file}${line ? `:${line}` : ''}: ${message}` : message, options);
  }
}

/** A file that cannot be read or written (missing, permission, exists already…). */
export class InputError extends FinewsError {
  constructor(
    /** What is wrong, without the file's name. */
    readonly reason: string,
    readonly file?: string,
    options?: { cause?: unknown },
  ) {
    super(file ? `${file}: ${reason}` : reason, options);
  }
}

/** A file that changed, appeared or vanished between being read and being replaced: the newer edit wins, finews writes nothing. */
export class FileChangedError extends InputError {}

export function isFinewsError(error: unknown): error is FinewsError {
  return error instanceof FinewsError;
}
