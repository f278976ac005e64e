import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CORPUS_SITE, noCorpus, writableCopy } from '../helpers/corpus.js';
import { lint } from '../../src/commands/lint.js';
import type { LintResult } from '../../src/lint/types.js';
import { captureIo } from '../helpers/io.js';
import { buildWithJekyll, hasJekyll } from '../helpers/jekyll.js';

/**
 * `finews lint` on the real corpus (a copy) and on `fixtures/news-site`, the
 * project's own site in the corpus's shapes and with its mistakes: it must
 * report what is wrong there and nothing else. Each finding below was checked
 * by reading the file (and, for dates, URLs and conflicts, by building it with
 * Jekyll).
 */
const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

/** A writable copy: the corpus is read-only, and --fix must be able to write next to the posts. */
function siteCopy(source: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'finews-lint-corpus-'));
  temps.push(dir);
  writableCopy(source, dir);
  return dir;
}

async function lintSite(dir: string, options: { fix?: boolean; fixDryRun?: boolean; fixPermalink?: string } = {}) {
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

/** A site and what finews lint must find in it. */
interface Site {
  label: string;
  skip: boolean;
  source: string;
  /** Front matter after a blank line: once --fix moves it to byte 0, its category counts and the URL moves. */
  moved: string[];
  /** Dates in Shanghai time without +0800: Jekyll shows them 8 hours late. */
  noOffset: string[];
  /** What needs a person and is left after --fix (the scraper's failure, the twins, …). */
  left: string[];
  /** Every finding, as `path rule`. */
  expected: string[];
  /** Files with findings. */
  files: number;
  /** Exact messages: [file, rule, what the message must match]. */
  messages: [string, string, Record<string, unknown>][];
  /** The spec's example: front matter moved to byte 0, then its date given the site's offset. */
  example: [string, RegExp];
  /** A post the default --fix keeps at its URL goes to this URL under --fix-permalink move. */
  movedTo: string;
}

function lintsSite(site: Site): void {
  const { source, moved, noOffset, left } = site;
  describe.skipIf(site.skip)(`finews lint on ${site.label}`, () => {
    it('reports exactly what is wrong in _posts', async () => {
      const dir = siteCopy(source);
      const { exitCode, results, pairs } = await lintSite(dir);
      expect(exitCode).toBe(1);
      expect(pairs).toEqual(site.expected);
      expect(results).toHaveLength(site.files);
      const message = (file: string, rule: string) => results.find((r) => r.filePath.endsWith(file))!.messages.find((m) => m.ruleId === rule)!;
      for (const [file, rule, expected] of site.messages) expect(message(file, rule), `${file} ${rule}`).toMatchObject(expected);
    });

    it('--fix --fix-permalink move repairs what it can, a second --fix changes nothing', async () => {
      const dir = siteCopy(source);
      const fixed = await lintSite(dir, { fix: true, fixPermalink: 'move' });
      expect(fixed.notices).toHaveLength(moved.length);
      expect(fixed.pairs).toEqual(left);
      const read = () => readdirSync(path.join(dir, '_posts')).map((f) => [f, readFileSync(path.join(dir, '_posts', f))] as const);
      const once = read();
      expect(readFileSync(path.join(dir, site.example[0]), 'utf8')).toMatch(site.example[1]);
      const again = await lintSite(dir, { fix: true, fixPermalink: 'move' });
      expect(again.pairs).toEqual(fixed.pairs);
      expect(again.notices).toEqual([]);
      expect(read()).toEqual(once);
      // Nothing but the fixed bytes changed: each fixed file differs from the original only where a fix applies.
      let changed = 0;
      const crlfFixed = site.expected.some((p) => p.endsWith(' line-endings'));
      for (const [name, bytes] of once) {
        const original = readFileSync(path.join(source, '_posts', name), 'utf8');
        const normalised = original.replace(/^\s+(?=---\n)/, '').replaceAll('\r\n', crlfFixed ? '\n' : '\r\n').replace(/^(date: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d)$/m, '$1 +0800');
        expect(bytes.toString('utf8'), name).toBe(normalised);
        if (normalised !== original) changed++;
      }
      expect(changed).toBe(noOffset.length + moved.length + (crlfFixed ? 1 : 0));
    });

    /** The posts of `dir` built by Jekyll with the site's time zone (the corpus's theme is not installed here). */
    const build = (dir: string) => {
      const built = mkdtempSync(path.join(tmpdir(), 'finews-lint-corpus-site-'));
      temps.push(built);
      mkdirSync(path.join(built, '_posts'));
      cpSync(path.join(dir, '_posts'), path.join(built, '_posts'), { recursive: true });
      writeFileSync(path.join(built, '_config.yml'), 'timezone: Asia/Shanghai\n');
      const result = buildWithJekyll(built);
      expect(result.status, result.output).toBe(0);
      return result;
    };

    it.skipIf(!hasJekyll)('after --fix, Jekyll shows each post at the time its author wrote', async () => {
      const dir = siteCopy(source);
      await lintSite(dir, { fix: true, fixPermalink: 'move' });
      const jekyll = build(dir);
      for (const name of [...noOffset, ...posts(moved, '')].map((p) => p.split(' ')[0]!)) {
        const written = /^date: (.*)$/m.exec(readFileSync(path.join(source, name), 'utf8'))![1]!;
        const truth = jekyll.posts.find((p) => p.path === name)!;
        expect(truth.date, name).toBe(`${written} +0800`);
        expect(truth.url).toMatch(new RegExp(`/${path.basename(name).slice(0, 10).replaceAll('-', '/')}/`));
      }
    });

    it.skipIf(!hasJekyll)(`by default --fix keeps every published URL: Jekyll builds each post where it was, and the ${moved.length} moves are named`, async () => {
      const dir = siteCopy(source);
      const urls = () => new Map(build(dir).posts.map((p) => [p.path, p.url]));
      const before = urls();
      expect(before.size).toBeGreaterThan(10);
      const dry = await lintSite(dir, { fixDryRun: true });
      expect(dry.notices.map((n) => /^finews: _posts\/(.*)\.md: /.exec(n)?.[1])).toEqual(moved);
      const fixed = await lintSite(dir, { fix: true });
      expect(fixed.notices).toEqual(dry.notices.map((n) => n.replace('would move', 'would have moved').replace('would keep', 'kept')));
      for (const name of moved) {
        const text = readFileSync(path.join(dir, '_posts', `${name}.md`), 'utf8');
        expect(text).toContain(`\npermalink: ${before.get(`_posts/${name}.md`)}\n`);
        expect(fixed.notices.some((n) => n.includes(`${name}.md: the fixes would have moved its URL (${before.get(`_posts/${name}.md`)} → ${site.movedTo}`))).toBe(true);
      }
      expect(urls()).toEqual(before);
    });
  });
}

/** The real corpus. */
{
  const moved = ['2021-12-08-202112082206703990', '2021-12-08-202112082206727327', '2021-12-08-202112082206742097', '2021-12-08-202112082206928461'];
  /** 29 posts of 2021 write Shanghai time without +0800. */
  const noOffset = posts(
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
  const scraperFailure = ['filename-no-date', 'title-empty', 'date-invalid', 'link-empty'].map((rule) => `_posts/-202205262391921712.md ${rule}`);
  /** The Eastmoney copy and the source paper's copy of one article: same title, same date. */
  const twins = posts(['2022-05-30-202205302396506117', '2022-05-30-NW202205302396506117', '2022-05-30-202205302396671645', '2022-05-30-NW202205302396671645'], 'duplicate-post');
  lintsSite({
    label: 'the real corpus',
    skip: noCorpus,
    source: CORPUS_SITE,
    moved,
    noOffset,
    left: [...scraperFailure, ...twins].sort(),
    expected: [
      ...noOffset,
      ...scraperFailure,
      ...twins,
      // A blank line before the front matter: Jekyll renders it as text and titles the post from its slug.
      ...posts(moved, 'front-matter-missing'),
      // (Ten body lines pasted with CRLF into an LF file after its first blank line: Jekyll reads them as
      // LF and cuts the excerpt where it would, so line-endings reports nothing.)
    ].sort(),
    files: 49,
    messages: [
      ['2021-12-08-202112082206672930.md', 'date-no-offset', { message: '2021-12-08 10:46:18 has no UTC offset and is read as UTC: Jekyll shows 2021-12-08 18:46:18 +0800', line: 4, column: 7, severity: 1 }],
      ['-202205262391921712.md', 'link-empty', { line: 12, column: 1 }],
    ],
    example: ['_posts/2021-12-08-202112082206703990.md', /^---\nlayout: post\ntitle: "FF：有充足的现金支持到FF 91完成投产"\ndate: 2021-12-08 10:18:31 \+0800\n/],
    movedTo: '/emnews/',
  });
}

/** fixtures/news-site: the same shapes and mistakes in posts of the project's own, on every clone. */
{
  const moved = ['2021-12-08-202112081000000102', '2021-12-08-202112081000000103'];
  const noOffset = posts(['2021-12-01-kaizhan', ...['101', '104', '105'].map((n) => `2021-12-08-202112081000000${n}`)], 'date-no-offset');
  const scraperFailure = ['filename-no-date', 'title-empty', 'date-invalid', 'link-empty'].map((rule) => `_posts/-202205261200000107.md ${rule}`);
  const twins = posts(['109', '110'].flatMap((n) => [`2022-05-30-202205301200000${n}`, `2022-05-30-NW202205301200000${n}`]), 'duplicate-post');
  const future = '_posts/2099-01-01-202901011200000112.md date-future';
  lintsSite({
    label: "fixtures/news-site, in the corpus's shapes",
    skip: false,
    source: path.resolve(import.meta.dirname, '../../fixtures/news-site'),
    moved,
    noOffset,
    left: [...scraperFailure, ...twins, future].sort(),
    expected: [...noOffset, ...scraperFailure, ...twins, ...posts(moved, 'front-matter-missing'), '_posts/2022-05-25-NW202205251200000108.md line-endings', future].sort(),
    files: 15,
    messages: [
      ['2021-12-08-202112081000000101.md', 'date-no-offset', { message: '2021-12-08 10:12:30 has no UTC offset and is read as UTC: Jekyll shows 2021-12-08 18:12:30 +0800', line: 4, column: 7, severity: 1 }],
      ['-202205261200000107.md', 'link-empty', { line: 13, column: 1 }],
      ['2022-05-25-NW202205251200000108.md', 'line-endings', { message: 'mixed line endings: 10 of 22 lines end in CRLF, the others in LF: Jekyll\'s excerpt separator "\\n\\n" misses the CRLFs, so the excerpt runs past the first paragraph' }],
    ],
    example: ['_posts/2021-12-08-202112081000000102.md', /^---\nlayout: post\ntitle: "某车企：现金充足 足以支撑新车投产"\ndate: 2021-12-08 10:18:31 \+0800\n/],
    movedTo: '/emnews/',
  });
}
