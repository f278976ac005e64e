import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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
    const r = run('frobnicate');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown command/);
  });

  it('runs show --json on the fixture site', () => {
    const r = run('show', '--json', 'fixtures/site/_posts/2022-05-30-202205302396506117.md');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      expect.objectContaining({ path: '_posts/2022-05-30-202205302396506117.md', url: '/egongsi/2022/05/30/202205302396506117.html', date: '2022-05-30 17:33:09 +0800' }),
    ]);
  });

});
