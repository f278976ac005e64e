import type { Writable } from './io.js';

export interface ProgressOptions {
  /** The environment: under `CI` no line is drawn, whatever the stream. */
  env?: Record<string, string | undefined>;
  /** Draw nothing until the run has taken this long: a quick run stays silent. */
  delayMs?: number;
}

/**
 * A one-line bar on a terminal, redrawn at most ten times a second, erased when
 * done; nothing in a pipe, a file or a CI log. With a total of 0 (unknown) it
 * shows the time taken so far, redrawn each second.
 */
export class Progress {
  private count = 0;
  private lastDraw = 0;
  private readonly enabled: boolean;
  private readonly started = Date.now();
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly out: Writable,
    private readonly total: number,
    private readonly label: string,
    private readonly options: ProgressOptions = {},
  ) {
    this.enabled = out.isTTY === true && total !== 1 && !isCi(options.env ?? {});
    if (this.enabled && total === 0) {
      this.timer = setInterval(() => this.draw(), 1000);
      this.timer.unref();
    }
  }

  tick(n = 1): void {
    this.count += n;
    if (this.enabled) this.draw();
  }

  done(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.enabled && this.lastDraw > 0) this.out.write('\r\x1b[K');
  }

  private draw(): void {
    const now = Date.now();
    if (now - this.started < (this.options.delayMs ?? 0)) return;
    if (now - this.lastDraw < 100 && this.count < this.total) return;
    this.lastDraw = now;
    if (this.total === 0) {
      this.out.write(`\r${this.label}… ${Math.round((now - this.started) / 1000)} s`);
      return;
    }
    const width = 30;
    const filled = Math.round((this.count / this.total) * width);
    this.out.write(`\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.count}/${this.total}`);
  }
}

/** CI services set CI (GitHub Actions, GitLab, Travis, CircleCI…); `CI=false` or `CI=0` is not CI. */
function isCi(env: Record<string, string | undefined>): boolean {
  const ci = env.CI;
  return ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0';
}
