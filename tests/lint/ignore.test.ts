import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import type { LintResult } from '../../src/lint/types.js';
import { captureIo } from '../helpers/io.js';
import { buildWithJekyll, hasJekyll } from '../helpers/jekyll.js';

const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

const CLEAN = '---\nlayout: post\ntitle: A\ndate: 2021-01-04 10:00:00 +0800\n---\nText.\n';
const BINARY = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0xff, 0xfe]);

function site(config: string, files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'finews-ignore-'));
  temps.push(dir);
  writeFileSync(path.join(dir, '_config.yml'), config);
  mkdirSync(path.join(dir, '_layouts'));
  writeFileSync(path.join(dir, '_layouts', 'post.html'), '{{ content }}');
  for (const [name, data] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), data);
  }
  return dir;
}

async function lintJson(dir: string, files: string[] = []) {
  const io = captureIo(dir);
  const code = await main(['lint', '--format', 'json', ...files], io);
  const results = code === 2 ? [] : (JSON.parse(io.out()) as LintResult[]);
  const found = Object.fromEntries(results.map((r) => [path.relative(dir, r.filePath), r.messages.map((m) => m.ruleId)]));
  return { code, found, err: io.err() };
}

describe('files in _posts that are no posts', () => {
  const files = {
    '_posts/2021-01-04-a.md': CLEAN,
    '_posts/photo.jpg': BINARY,
    '_posts/img/chart.png': BINARY,
    '_posts/README.txt': 'What this folder holds.\n',
    '_posts/ideas.md': '# Ideas\n\nNext week: a post on rates.\n',
    '_posts/notes.md': '---\nlayout: post\ntitle: Notes\ndate: 2021-01-05 10:00:00 +0800\n---\nA post without its date.\n',
    '_posts/2021-01-01-photo.jpg': BINARY,
  };

  it.skipIf(!hasJekyll)('are what Jekyll makes of them: an image, a README or notes without a date and front matter are passed over without a word', () => {
    const dir = site('timezone: Asia/Shanghai\n', files);
    const build = buildWithJekyll(dir);
    expect(build.status).toBe(0);
    expect(build.posts.map((p) => p.path)).toEqual(['_posts/2021-01-04-a.md']);
    for (const name of ['photo.jpg', 'img/chart.png', 'README.txt', 'ideas.md', 'ideas.html', 'notes.html', '2021/01/01/photo.jpg']) expect(existsSync(path.join(dir, '_site', name)), name).toBe(false);
    // A dated file that is not UTF-8 is one error in Jekyll's log.
    expect(build.output.match(/could not read file .*2021-01-01-photo\.jpg: invalid byte sequence in UTF-8/g)).toHaveLength(1);
  });

  it('get no finding, while a post without a date and a dated binary file get one each', async () => {
    const dir = site('timezone: Asia/Shanghai\n', files);
    const { code, found } = await lintJson(dir);
    expect(code).toBe(1);
    expect(found['_posts/photo.jpg']).toEqual([]);
    expect(found['_posts/img/chart.png']).toEqual([]);
    expect(found['_posts/README.txt']).toEqual([]);
    expect(found['_posts/ideas.md']).toEqual([]);
    expect(found['_posts/2021-01-04-a.md']).toEqual([]);
    expect(found['_posts/notes.md']).toContain('filename-no-date');
    expect(found['_posts/2021-01-01-photo.jpg']).toEqual(['encoding']);
  });

  it('named on the command line (a pre-commit hook), are passed over too', async () => {
    const dir = site('timezone: Asia/Shanghai\n', files);
    const { code, found } = await lintJson(dir, ['_posts/photo.jpg', '_posts/README.txt']);
    expect(code).toBe(0);
    expect(Object.values(found).flat()).toEqual([]);
  });
});

describe('finews.lint.ignore', () => {
  const files = {
    '_posts/2021-01-04-a.md': CLEAN,
    '_posts/archive/2020-01-01-old.md': 'no front matter\n',
    '_posts/2021-01-05-b.md': '---\ntitle: ""\n---\n',
    '_drafts/README.md': '# Drafts\n',
  };

  it('leaves the matching files alone, whether found or named', async () => {
    const dir = site('timezone: Asia/Shanghai\nfinews:\n  lint:\n    ignore: ["_posts/archive/**", "**/README.md"]\n', files);
    const all = await lintJson(dir);
    expect(Object.keys(all.found).sort()).toEqual(['_posts/2021-01-04-a.md', '_posts/2021-01-05-b.md']);
    const named = await lintJson(dir, ['_posts/archive/2020-01-01-old.md', '_drafts/README.md']);
    expect(named).toMatchObject({ code: 0, found: {} });
  });

  it('without it, the same files are linted', async () => {
    const dir = site('timezone: Asia/Shanghai\n', files);
    const { found } = await lintJson(dir);
    expect(found['_posts/archive/2020-01-01-old.md']).toContain('front-matter-missing');
    expect(found['_drafts/README.md']).toBeDefined();
  });

  it('is a configuration error when it is not a list of globs', async () => {
    const dir = site('finews:\n  lint:\n    ignore: "_posts/archive/**"\n', files);
    const { code, err } = await lintJson(dir);
    expect(code).toBe(2);
    expect(err).toMatch(/finews\.lint\.ignore/);
  });
});
