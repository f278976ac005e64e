import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LintResult } from '../../src/lint/types.js';
import { splitFrontMatter } from '../../src/post/frontmatter.js';
import { changed, runCli, tree } from './helpers.js';

// Every command over fixtures/hostile (see its README), through the built bin as a user runs it.
// tests/lint/robustness.test.ts and tests/convert/hostile.test.ts check the exact diagnostics and
// the converter's limits; this file checks what must hold whatever the input.

const FIXTURE = path.resolve(import.meta.dirname, '../../fixtures/hostile');
const BIN = path.resolve(import.meta.dirname, '../../bin/finews.js');
/** Written by the code in the JS front matter and the YAML tags, were it ever run. */
const CANARY = '/tmp/finews-pwned';
const NOT_UTF8 = ['2022-01-09-png.md', '2022-01-11-gb18030.md', '2022-01-12-latin1.md', '2022-01-13-utf16-bom.md', '2022-01-14-lone-surrogate.md'].map((f) => `site/_posts/${f}`);
const OUTSIDE_POST = '---\r\nlayout: post\r\ntitle: outside\r\ndate: 2022-02-02 09:00:00\r\n---\r\n<p>outside <b>the</b> site</p>\r\n';

let root: string;
let site: string;

beforeAll(() => {
  rmSync(CANARY, { force: true });
  root = mkdtempSync(path.join(tmpdir(), 'props-hostile-'));
  site = path.join(root, 'site');
  cpSync(FIXTURE, site, { recursive: true });
  // What git cannot hold well, or should not: made here.
  mkdirSync(path.join(root, 'outside'));
  writeFileSync(path.join(root, 'outside/target.md'), OUTSIDE_POST);
  const posts = path.join(site, '_posts');
  symlinkSync('../../outside/target.md', path.join(posts, '2022-02-02-link-outside.md'));
  symlinkSync('nowhere.md', path.join(posts, '2022-02-03-dangling.md'));
  mkdirSync(path.join(posts, '2022-02-04-folder.md'));
  const line = '沪指涨 2%，成交 a*b [1] 正文。\n\n';
  writeFileSync(path.join(posts, '2022-02-05-huge.md'), `---\nlayout: post\ntitle: huge\ndate: 2022-02-05 09:00:00\n---\n${line.repeat(Math.ceil((21 << 20) / Buffer.byteLength(line)))}`);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Run {
  code: number | null;
  out: string;
  err: string;
  /** Paths under the scratch root (`site/…`, `outside/…`) that the run added, removed or changed. */
  touched: string[];
}

/** `finews …` in the site through the built bin; what it touched anywhere under the scratch root. */
function finews(...args: string[]): Run {
  const before = tree(root);
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: site, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 1 << 28, timeout: 300_000 });
  expect(r.error, `finews ${args.join(' ')}`).toBeUndefined();
  const run = { code: r.status, out: r.stdout, err: r.stderr, touched: changed(before, tree(root)) };
  expectNoCrash(run, args);
  return run;
}

/** The same in-process, for the many short runs (a bug is thrown by main and fails the test). */
async function finewsInProcess(...args: string[]): Promise<Run> {
  const before = tree(root);
  const r = await runCli(args, site);
  const run = { ...r, touched: changed(before, tree(root)) };
  expectNoCrash(run, args);
  return run;
}

/** No stack trace, an exit code of 0, 1 or 2, 2 only with lines naming files, nothing evaluated. */
function expectNoCrash(r: Run, args: string[]): void {
  const what = `finews ${args.join(' ')}:\n${r.err.slice(0, 2000)}`;
  expect(r.err, what).not.toMatch(/^\s+at .+[:(]\d+:\d+\)?$|^\w*Error\b|\[Error/m);
  expect([0, 1, 2], what).toContain(r.code);
  if (r.code === 2) {
    const lines = r.err.split('\n').filter((l) => l !== '' && !/^(converted|would convert) \d+/.test(l) && !/^removed on purpose/.test(l));
    expect(lines.length, what).toBeGreaterThan(0);
    for (const l of lines) expect(l, what).toMatch(/^(finews: )?(_posts\/|articles\/|\/)\S*: \S/);
  }
  expect(existsSync(CANARY), `${what}\nevaluated code from a post`).toBe(false);
}

const postFiles = () => readdirSync(path.join(FIXTURE, '_posts'));
const inside = (prefixes: string[]) => (p: string) => prefixes.some((prefix) => p === prefix || p.startsWith(`${prefix}/`));

describe('read-only commands change nothing', () => {
  it('show, show --json', { timeout: 120_000 }, () => {
    const shown = finews('show');
    expect(shown.touched).toEqual([]);
    // The 21 MB post is not read: exit 2, and stderr names it.
    expect(shown.code).toBe(2);
    expect(shown.err).toMatch(/^finews: _posts\/2022-02-05-huge\.md: .*larger than any post.*\n$/);
    expect(shown.out).toContain('_posts/2022-01-20-path-tricks.md');
    const json = finews('show', '--json');
    expect(json.touched).toEqual([]);
    const entries = JSON.parse(json.out) as { path: string; title: unknown }[];
    // Every regular file under _posts is shown; the folder and dangling link are not posts to glob.
    expect(entries.map((e) => e.path)).toEqual(expect.arrayContaining(postFiles().map((f) => `_posts/${f}`)));
    expect(entries.find((e) => e.path.endsWith('js-front-matter.md'))?.title).not.toBe('pwned');
  });

  it.each(['stylish', 'json', 'github', 'sarif'])('lint --format %s: exit 1, every message at line and column ≥ 1', { timeout: 120_000 }, (format) => {
    const r = finews('lint', '--format', format);
    expect(r.touched).toEqual([]);
    expect(r.code).toBe(1);
    if (format === 'json') {
      const results = JSON.parse(r.out) as LintResult[];
      const named = results.map((x) => path.basename(x.filePath));
      for (const f of [...postFiles(), '2022-02-03-dangling.md', '2022-02-04-folder.md', '2022-02-05-huge.md']) expect(named).toContain(f);
      for (const m of results.flatMap((x) => x.messages)) expect(m.line >= 1 && m.column >= 1, JSON.stringify(m)).toBe(true);
    }
    if (format === 'sarif') expect((JSON.parse(r.out) as { version: string }).version).toBe('2.1.0');
  });

  it('convert of single posts and articles prints Markdown', { timeout: 120_000 }, async () => {
    for (const file of [...postFiles().map((f) => `_posts/${f}`), ...readdirSync(path.join(FIXTURE, 'articles')).map((f) => `articles/${f}`)]) {
      const r = await finewsInProcess('convert', file);
      expect(r.touched, file).toEqual([]);
      expect(r.code, file).toBe(0);
    }
    // Not posts, or larger than any post (16 MB): refused in one line naming the file.
    for (const file of ['_posts/2022-02-03-dangling.md', '_posts/2022-02-04-folder.md', '_posts/2022-02-05-huge.md']) {
      const r = finews('convert', file);
      expect([r.code, r.touched]).toEqual([2, []]);
      expect(r.err, file).toMatch(new RegExp(`^finews: ${file.replace(/[.]/g, '\\.')}: [^\\n]*\\n$`));
    }
  });

  it('index --dry-run and --check', { timeout: 120_000 }, () => {
    expect(finews('index', '--dry-run').touched).toEqual([]);
    expect(finews('index', '--check')).toMatchObject({ code: 1, touched: [] });
  });
});

describe('writing commands change only what they own, inside the site', () => {
  it('lint --fix: posts with fixes, never a file it cannot decode nor one outside; a second run changes nothing', { timeout: 120_000 }, () => {
    const outside = readFileSync(path.join(root, 'outside/target.md'));
    const r = finews('lint', '--fix');
    expect(r.touched.length).toBeGreaterThan(0);
    for (const p of r.touched) expect(p).toMatch(/^site\/_posts\/[^/]+\.md$/);
    for (const p of NOT_UTF8) expect(r.touched).not.toContain(p);
    expect(readFileSync(path.join(root, 'outside/target.md'))).toEqual(outside);
    expect(finews('lint', '--fix').touched).toEqual([]);
  });

  it('convert --write: front matter kept byte for byte, non-UTF-8 left alone (exit 2, named); a second run changes nothing', { timeout: 300_000 }, () => {
    const before = new Map(postFiles().map((f) => [f, readFileSync(path.join(site, '_posts', f))]));
    const r = finews('convert', '--write', '_posts');
    expect(r.code).toBe(2);
    for (const p of NOT_UTF8) expect(r.err).toContain(`${p.slice('site/'.length)}: not UTF-8 text: left as it is`);
    expect(r.touched.every(inside(['site/_posts']))).toBe(true);
    for (const p of NOT_UTF8) expect(r.touched).not.toContain(p);
    for (const p of r.touched) {
      const old = before.get(path.basename(p));
      if (!old) continue;
      expect(splitFrontMatter(readFileSync(path.join(root, p), 'utf8'))?.block, p).toBe(splitFrontMatter(old.toString('utf8'))?.block);
    }
    expect(readFileSync(path.join(root, 'outside/target.md'), 'utf8')).toBe(OUTSIDE_POST);
    const again = finews('convert', '--write', '_posts');
    expect(again.touched).toEqual([]);
    expect(again.err).toMatch(/^converted 0, /m);
  });

  it('index and index --list write only their pages and data file; then --check is clean', { timeout: 120_000 }, () => {
    for (const list of [[], ['--list']]) {
      const r = finews('index', ...list);
      expect(r.code).toBe(0);
      expect(r.touched.length).toBeGreaterThan(0);
      expect(r.touched.every(inside(['site/category', 'site/tag', 'site/_data']))).toBe(true);
      for (const p of r.touched) expect(path.basename(p), p).toMatch(/^[^.\s/\\][^/\\\p{C}]*$/u);
      expect(finews('index', '--check', ...list)).toMatchObject({ code: 0, touched: [] });
    }
  });

  it('new --from each hostile article, with hostile titles: one file in _posts', { timeout: 120_000 }, async () => {
    const titles = ['../../etc/passwd', '..', 'CON', '\\', '中文/标题', '%2e%2e%2f', '!!!'];
    for (const [i, article] of readdirSync(path.join(FIXTURE, 'articles')).entries()) {
      // One day per post: several of these titles slug alike, and a clash is (rightly) an error.
      for (const [j, title] of titles.entries()) {
        const date = `2023-${String(i + 1).padStart(2, '0')}-${String(j + 1).padStart(2, '0')} 09:00:00`;
        const r = await finewsInProcess('new', '--date', date, '--from', `articles/${article}`, '--', `${title} ${article}`);
        expect(r.code, `${title} ${article}`).toBe(0);
        expect(r.touched).toEqual([`site/${r.out.trim()}`]);
        expect(r.out.trim()).toMatch(/^_posts\/2023-\d\d-\d\d-[^/\\]+\.md$/);
      }
    }
    // And once through the bin, where a stack trace would show.
    expect(finews('new', '--date', '2023-12-31 09:00:00', '--from', 'articles/scripts.html', '--', '../../etc/passwd').touched).toEqual(['site/_posts/2023-12-31-etc-passwd.md']);
  });
});

describe('nothing from a post reaches the program', () => {
  it('__proto__ and constructor keys do not pollute Object.prototype (in-process)', async () => {
    const r = await runCli(['show', '--json', '_posts/2022-01-22-proto-pollution.md'], site);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as { title: unknown }[])[0]?.title).toBe('proto');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });
});
