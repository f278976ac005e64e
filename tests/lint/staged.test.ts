import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/commands/lint.js';
import type { LintResult } from '../../src/lint/types.js';
import { copyToTemp } from '../helpers/jekyll.js';
import { captureIo } from '../helpers/io.js';
import { NOW } from './rule-tester.js';

const SITE = fileURLToPath(new URL('../../fixtures/lint/cross-file/', import.meta.url));

async function run(site: string, files: string[], extra: Record<string, unknown> = {}) {
  const io = captureIo(site, { now: NOW });
  const exitCode = await lint({ files, format: 'json', ...extra }, io);
  return { exitCode, results: JSON.parse(io.out()) as LintResult[] };
}

describe('named files inside a site: the cross-file rules compare them with every post', () => {
  it('each named file gets exactly the findings the whole-site run gives it, and only named files are reported', async () => {
    const whole = await run(SITE, []);
    expect(whole.exitCode).toBe(1);
    const names = readdirSync(path.join(SITE, '_posts')).map((n) => `_posts/${n}`);
    for (const name of names) {
      const staged = await run(SITE, [name]);
      const mine = whole.results.find((r) => r.filePath === path.join(SITE, name))!;
      expect(staged.results).toEqual([mine]);
      expect(staged.exitCode, name).toBe(mine.errorCount > 0 ? 1 : 0);
    }
    // The case: a post whose URL another post has.
    expect((await run(SITE, ['_posts/2022-01-07-about.md'])).exitCode).toBe(1);
  });

  it('--fix on named files fixes only them; the others are read, never written', async () => {
    const site = copyToTemp(SITE, 'finews-lint-staged-');
    const unfixed = (day: string) => `---\nlayout: post\ntitle: "Day ${day}"\ndate: 2022-02-${day} 10:00:00\n---\nText ${day}.\n`;
    writeFileSync(path.join(site, '_posts/2022-02-01-x.md'), unfixed('01'));
    writeFileSync(path.join(site, '_posts/2022-02-02-y.md'), unfixed('02'));
    const before = new Map(readdirSync(path.join(site, '_posts')).map((n) => [n, readFileSync(path.join(site, '_posts', n), 'utf8')]));
    await run(site, ['_posts/2022-02-01-x.md'], { fix: true });
    expect(readFileSync(path.join(site, '_posts/2022-02-01-x.md'), 'utf8')).toContain('date: 2022-02-01 10:00:00 +0800');
    for (const [name, text] of before) if (name !== '2022-02-01-x.md') expect(readFileSync(path.join(site, '_posts', name), 'utf8')).toBe(text);
  });
});
