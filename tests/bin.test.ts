import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin/finews.js');
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

describe('the built bin (npm test builds dist/ first)', () => {
  it('prints help and version', () => {
    const help = run('--help');
    expect(help.status).toBe(0);
    for (const command of ['show', 'new']) expect(help.stdout).toContain(command);
    expect(help.stdout).toMatch(/Exit codes:/);
    const version = run('--version');
    expect(version.stdout.trim()).toBe((JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version);
  });

  it('exits 2 with one line on a usage error', () => {
    const cases: [string[], RegExp][] = [
      [['frobnicate'], /^finews: unknown command 'frobnicate' \(see finews --help\)\n$/],
      [['help', 'frobnicate'], /^finews: unknown command 'frobnicate' \(see finews --help\)\n$/],
      [['lint', '--bogus'], /^finews: unknown option '--bogus' \(see finews lint --help\)\n$/],
      [['lint', '--format', 'xml'], /^finews: option .* argument 'xml' is invalid\..* \(see finews lint --help\)\n$/],
      [['show', '--json', '--bogus'], /^finews: unknown option '--bogus' \(see finews show --help\)\n$/],
    ];
    for (const [args, stderr] of cases) {
      const r = run(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(stderr);
      expect(r.stdout).toBe('');
    }
  });

  it('with no command, prints the help on stderr and exits 2; help for a command exits 0', () => {
    const none = run();
    expect(none.status).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toMatch(/^Usage: finews/);
    expect(run('help', 'lint').status).toBe(0);
    expect(run('help', 'lint').stdout).toMatch(/^Usage: finews lint/);
  });

  it('stops quietly when the reader of its output goes away', () => {
    // More than a pipe's buffer of output, read by a reader that takes 10 bytes and leaves.
    const site = mkdtempSync(path.join(tmpdir(), 'finews-epipe-'));
    mkdirSync(path.join(site, '_posts'));
    writeFileSync(path.join(site, '_config.yml'), 'timezone: Asia/Shanghai\n');
    for (let i = 0; i < 1500; i++) writeFileSync(path.join(site, '_posts', `2022-01-06-post-${i}.md`), `---\ntitle: 第${i}篇\ndate: 2022-01-06 21:25:59\n---\n正文\n`);
    try {
      for (const command of [`show --json`, `lint --format json --rule date-no-offset:error`, `--help`]) {
        const shell = (tail: string) => spawnSync('bash', ['-o', 'pipefail', '-c', `"${process.execPath}" "${bin}" ${command} ${tail}`], { cwd: site, encoding: 'utf8' });
        const whole = shell('>/dev/null');
        const r = shell('| head -c 10 >/dev/null');
        expect(r.stderr, command).toBe('');
        // The command's own exit code, as if all had been read (lint finds errors here: 1).
        expect(r.status, command).toBe(whole.status);
        expect(whole.status, command).toBe(command.startsWith('lint') ? 1 : 0);
      }
    } finally {
      rmSync(site, { recursive: true, force: true });
    }
  });

  it('runs show --json on the fixture site', () => {
    const r = run('show', '--json', 'fixtures/site/_posts/2022-05-30-202205302396506117.md');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      expect.objectContaining({ path: '_posts/2022-05-30-202205302396506117.md', url: '/egongsi/2022/05/30/202205302396506117.html', date: '2022-05-30 17:33:09 +0800' }),
    ]);
  });

});
