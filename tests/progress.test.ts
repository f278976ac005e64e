import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lint } from '../src/commands/lint.js';
import { Progress } from '../src/progress.js';
import { captureIo } from './helpers/io.js';

function stream(isTTY: boolean) {
  let text = '';
  return { write: (s: string) => ((text += s), true), isTTY, text: () => text };
}

afterEach(() => vi.restoreAllMocks());

describe('Progress', () => {
  it('draws a bar on a terminal and erases it when done', () => {
    const out = stream(true);
    const bar = new Progress(out, 4, 'linting');
    bar.tick(2);
    bar.tick(2);
    bar.done();
    expect(out.text()).toContain('\rlinting [###############...............] 2/4');
    expect(out.text()).toContain('\rlinting [##############################] 4/4');
    expect(out.text().endsWith('\r\x1b[K')).toBe(true);
  });

  it('is never drawn in a pipe, a file or a CI log', () => {
    for (const [out, env] of [
      [stream(false), {}],
      [stream(true), { CI: 'true' }],
      [stream(true), { CI: '1' }],
    ] as const) {
      const bar = new Progress(out, 10, 'linting', { env });
      bar.tick(10);
      bar.done();
      expect(out.text()).toBe('');
    }
    const notCi = stream(true);
    new Progress(notCi, 10, 'linting', { env: { CI: 'false' } }).tick(10);
    expect(notCi.text()).not.toBe('');
  });

  it('waits delayMs before the first line, so quick runs stay silent', () => {
    const out = stream(true);
    let now = 1_000_000;
    vi.spyOn(Date, 'now').mockImplementation(() => now);
    const bar = new Progress(out, 10, 'linting', { delayMs: 500 });
    bar.tick();
    expect(out.text()).toBe('');
    now += 600;
    bar.tick();
    expect(out.text()).toBe('\rlinting [######........................] 2/10');
    bar.done();
  });

  it('with no total, shows the time taken so far', () => {
    const out = stream(true);
    let now = 1_000_000;
    vi.spyOn(Date, 'now').mockImplementation(() => now);
    const bar = new Progress(out, 0, 'reading posts');
    now += 3000;
    bar.tick();
    bar.done();
    expect(out.text()).toBe('\rreading posts… 3 s\r\x1b[K');
  });
});

describe('finews lint progress', () => {
  const site = fileURLToPath(new URL('../fixtures/lint/mixed/', import.meta.url));

  it('shows on a terminal once the run takes a while, and is gone before the report', async () => {
    let now = 1_000_000;
    vi.spyOn(Date, 'now').mockImplementation(() => (now += 1000));
    const io = captureIo(site, { tty: true });
    await lint({ files: [] }, io);
    expect(io.err()).toMatch(/^\rlinting \[#+\] \d+\/\d+\r\x1b\[K$/);
  });

  it('never shows under CI or off a terminal', async () => {
    let now = 1_000_000;
    vi.spyOn(Date, 'now').mockImplementation(() => (now += 1000));
    for (const io of [captureIo(site, { tty: true, env: { CI: 'true' } }), captureIo(site)]) {
      await lint({ files: [] }, io);
      expect(io.err()).toBe('');
    }
  });
});
