import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CORPUS_SITE, noCorpus } from '../helpers/corpus.js';
import { lint } from '../../src/commands/lint.js';
import type { LintResult } from '../../src/lint/types.js';
import { captureIo } from '../helpers/io.js';
import { buildWithJekyll, hasJekyll } from '../helpers/jekyll.js';

/**
 * `finews lint` on the real corpus (a copy): it must report what is wrong
 * there and nothing else. Each finding below was checked by reading the file
 * (and, for dates, URLs and conflicts, by building it with Jekyll).
 */
const CORPUS = CORPUS_SITE;
const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

/** A writable copy: the corpus is read-only, and --fix must be able to write next to the posts. */
function corpusCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'finews-lint-corpus-'));
  temps.push(dir);
  cpSync(CORPUS, dir, { recursive: true });
  const writable = (p: string) => {
    chmodSync(p, 0o755);
    for (const entry of readdirSync(p, { withFileTypes: true })) {
      if (entry.isDirectory()) writable(path.join(p, entry.name));
      else chmodSync(path.join(p, entry.name), 0o644);
    }
  };
  writable(dir);
  return dir;
}

async function lintCorpus(dir: string, options: { fix?: boolean; fixDryRun?: boolean; fixPermalink?: string } = {}) {
  const io = captureIo(dir);
  const exitCode = await lint({ files: [], format: 'json', ...options }, io);
  // Only a fix that moves a URL says so on stderr.
  const lines = io.err().split('\n').filter(Boolean);
  const notices = lines.filter((line) => line.startsWith('finews: '));
  // Under --fix-dry-run a JSON report sends the diffs to stderr.
  if (!options.fixDryRun) expect(lines).toEqual(notices);
  expect(notices.filter((line) => !/: (the fixes would|URL moved|URL would move)/.test(line))).toEqual([]);
  const results = JSON.parse(io.out()) as LintResult[];
  const pairs = results.flatMap((r) => r.messages.map((m) => `${path.relative(dir, r.filePath)} ${m.ruleId}`)).sort();
  return { exitCode, results, pairs, notices };
}

const posts = (names: string[], rule: string) => names.map((n) => `_posts/${n}.md ${rule}`);

/** Front matter after a blank line: once --fix moves it to byte 0, the category `emnews` counts and the URL moves. */
const MOVED = ['2021-12-08-202112082206703990', '2021-12-08-202112082206727327', '2021-12-08-202112082206742097', '2021-12-08-202112082206928461'];

/** 29 posts of 2021 write Shanghai time without +0800: Jekyll shows them 8 hours late. */
const NO_OFFSET = posts(
  [
    '2021-12-01-init',
    ...[
      '672930', '710723', '718253', '735975', '736335', '736549', '747356', '748961', '749391', '753163', '757673', '765596', '768417', '769714',
      '777086', '778173', '779752', '781916', '782366', '786275', '797286', '805832', '807620', '890854', '891339', '896571', '945215',
    ].map((id) => `2021-12-08-202112082206${id}`),
  ],
  'date-no-offset',
);

/** The scraper's failure: no date in the name (Jekyll skips it), an empty title, `date:  +0800`, `<>` for the source. */
const SCRAPER_FAILURE = ['filename-no-date', 'title-empty', 'date-invalid', 'link-empty'].map((rule) => `_posts/-202205262391921712.md ${rule}`);

/** The Eastmoney copy and the source paper's copy of one article: same title, same date. */
const TWINS = posts(['2022-05-30-202205302396506117', '2022-05-30-NW202205302396506117', '2022-05-30-202205302396671645', '2022-05-30-NW202205302396671645'], 'duplicate-post');

const EXPECTED = [
  ...NO_OFFSET,
  ...SCRAPER_FAILURE,
  ...TWINS,
  // A blank line before the front matter: Jekyll renders it as text and titles the post from its slug.
  ...posts(['2021-12-08-202112082206703990', '2021-12-08-202112082206727327', '2021-12-08-202112082206742097', '2021-12-08-202112082206928461'], 'front-matter-missing'),
  // Ten body lines pasted with CRLF into an LF file.
  '_posts/2022-05-25-NW202205252390829633.md line-endings',
].sort();

describe.skipIf(noCorpus)('finews lint on the real corpus', () => {
  it('reports exactly what is wrong in _posts', async () => {
    const dir = corpusCopy();
    const { exitCode, results, pairs } = await lintCorpus(dir);
    expect(exitCode).toBe(1);
    expect(pairs).toEqual(EXPECTED);
    expect(results).toHaveLength(49);
    const message = (file: string, rule: string) => results.find((r) => r.filePath.endsWith(file))!.messages.find((m) => m.ruleId === rule)!;
    expect(message('2021-12-08-202112082206672930.md', 'date-no-offset')).toMatchObject({
      message: '2021-12-08 10:46:18 has no UTC offset and is read as UTC: Jekyll shows 2021-12-08 18:46:18 +0800',
      line: 4,
      column: 7,
      severity: 1,
    });
    expect(message('-202205262391921712.md', 'link-empty')).toMatchObject({ line: 12, column: 1 });
    expect(message('2022-05-25-NW202205252390829633.md', 'line-endings').message).toBe('mixed line endings: 10 of 21 lines end in CRLF, the others in LF');
  });

  it('--fix --fix-permalink move repairs what it can, a second --fix changes nothing', async () => {
    const dir = corpusCopy();
    const fixed = await lintCorpus(dir, { fix: true, fixPermalink: 'move' });
    expect(fixed.notices).toHaveLength(MOVED.length);
    // Left: what needs a person (the scraper's failure, the twins).
    expect(fixed.pairs).toEqual([...SCRAPER_FAILURE, ...TWINS].sort());
    const read = () => readdirSync(path.join(dir, '_posts')).map((f) => [f, readFileSync(path.join(dir, '_posts', f))] as const);
    const once = read();
    // The spec's example: front matter moved to byte 0, then its date given the site's offset.
    expect(readFileSync(path.join(dir, '_posts/2021-12-08-202112082206703990.md'), 'utf8')).toMatch(/^---\nlayout: post\ntitle: "FF：有充足的现金支持到FF 91完成投产"\ndate: 2021-12-08 10:18:31 \+0800\n/);
    const again = await lintCorpus(dir, { fix: true, fixPermalink: 'move' });
    expect(again.pairs).toEqual(fixed.pairs);
    expect(again.notices).toEqual([]);
    expect(read()).toEqual(once);
    // Nothing but the fixed bytes changed: each fixed file differs from the original only where a fix applies.
    for (const [name, bytes] of once) {
      const original = readFileSync(path.join(CORPUS, '_posts', name), 'utf8');
      const normalised = original.replace(/^\s+(?=---\n)/, '').replaceAll('\r\n', '\n').replace(/^(date: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d)$/m, '$1 +0800');
      expect(bytes.toString('utf8')).toBe(normalised);
    }
  });

  it.skipIf(!hasJekyll)('after --fix, Jekyll shows each post at the time its author wrote', async () => {
    const dir = corpusCopy();
    await lintCorpus(dir, { fix: true, fixPermalink: 'move' });
    const site = mkdtempSync(path.join(tmpdir(), 'finews-lint-corpus-site-'));
    temps.push(site);
    mkdirSync(path.join(site, '_posts'));
    cpSync(path.join(dir, '_posts'), path.join(site, '_posts'), { recursive: true });
    writeFileSync(path.join(site, '_config.yml'), 'timezone: Asia/Shanghai\n');
    const build = buildWithJekyll(site);
    expect(build.status).toBe(0);
    const fixedNames = [...NO_OFFSET, ...posts(MOVED, '')].map((p) => p.split(' ')[0]!);
    for (const name of fixedNames) {
      const written = /^date: (.*)$/m.exec(readFileSync(path.join(CORPUS, name), 'utf8'))![1]!;
      const truth = build.posts.find((p) => p.path === name)!;
      expect(truth.date).toBe(`${written} +0800`);
      expect(truth.url).toMatch(new RegExp(`/${path.basename(name).slice(0, 10).replaceAll('-', '/')}/`));
    }
  });

  it.skipIf(!hasJekyll)('by default --fix keeps every published URL: Jekyll builds each post where it was, and the four moves are named', async () => {
    const dir = corpusCopy();
    // The posts under the site's own settings for URLs (its theme is not installed here).
    const urls = () => {
      const site = mkdtempSync(path.join(tmpdir(), 'finews-lint-corpus-site-'));
      temps.push(site);
      cpSync(path.join(dir, '_posts'), path.join(site, '_posts'), { recursive: true });
      writeFileSync(path.join(site, '_config.yml'), 'timezone: Asia/Shanghai\n');
      const build = buildWithJekyll(site);
      expect(build.status).toBe(0);
      return new Map(build.posts.map((p) => [p.path, p.url]));
    };
    const before = urls();
    expect(before.size).toBeGreaterThan(40);
    const dry = await lintCorpus(dir, { fixDryRun: true });
    expect(dry.notices.map((n) => /^finews: _posts\/(.*)\.md: /.exec(n)?.[1])).toEqual(MOVED);
    const fixed = await lintCorpus(dir, { fix: true });
    expect(fixed.notices).toEqual(dry.notices.map((n) => n.replace('would move', 'would have moved').replace('would keep', 'kept')));
    for (const name of MOVED) {
      const text = readFileSync(path.join(dir, '_posts', `${name}.md`), 'utf8');
      expect(text).toContain(`\npermalink: ${before.get(`_posts/${name}.md`)}\n`);
      expect(fixed.notices.some((n) => n.includes(`${name}.md: the fixes would have moved its URL (${before.get(`_posts/${name}.md`)} → /emnews/`))).toBe(true);
    }
    expect(urls()).toEqual(before);
  });
});
