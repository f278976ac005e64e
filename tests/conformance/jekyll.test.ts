import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CORPUS_SITE, noCorpus } from '../helpers/corpus.js';
import { show, type ShowEntry } from '../../src/commands/show.js';
import { captureIo } from '../helpers/io.js';
import { buildWithJekyll, copyToTemp, hasJekyll, type JekyllTruth } from '../helpers/jekyll.js';

/**
 * The strongest test finews has: build fixture sites with real Jekyll and
 * check that `finews show --json` agrees on url, date, categories, tags,
 * title and skip for every post.
 */
const root = path.resolve(import.meta.dirname, '../..');
const corpus = CORPUS_SITE;
const newsSite = path.join(root, 'fixtures/news-site');
const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

function fixtureSite(name: string): string {
  const dir = copyToTemp(path.join(root, 'fixtures/conformance', name));
  temps.push(dir);
  return dir;
}

/**
 * One folder of posts of a site in the corpus's shapes — the real corpus or
 * fixtures/news-site — as the `_posts` of a site with its time zone (the
 * corpus's theme and plugins are not installed and decide no URL).
 */
function postsSite(source: string, folder: '_posts' | 'old_post'): string {
  const dir = copyToTemp(path.join(source, folder), 'finews-corpus-');
  temps.push(dir);
  const site = `${dir}-site`;
  mkdirSync(site);
  temps.push(site);
  cpSync(dir, path.join(site, '_posts'), { recursive: true });
  writeFileSync(path.join(site, '_config.yml'), 'timezone: Asia/Shanghai\n');
  return site;
}

async function finewsShow(site: string, now: Date): Promise<ShowEntry[]> {
  const io = captureIo(site, { now });
  const code = await show({ files: [], json: true }, io);
  expect(io.err()).toBe('');
  expect(code).toBe(0);
  return JSON.parse(io.out()) as ShowEntry[];
}

/** Posts Jekyll dates at build time: compare the date and URL with a little slack. */
function sameBuildTime(a: string, b: string): boolean {
  const t = (s: string) => Date.parse(s.replace(' ', 'T').replace(/ ([-+]\d\d)(\d\d)$/, '$1:$2'));
  return Math.abs(t(a) - t(b)) < 5 * 60_000;
}

async function expectAgreement(site: string): Promise<{ built: number; skipped: number }> {
  const now = new Date();
  const jekyll = buildWithJekyll(site);
  expect(jekyll.status, jekyll.output).toBe(0);
  const finews = await finewsShow(site, now);
  const truth = new Map<string, JekyllTruth>(jekyll.posts.map((p) => [p.path, p]));
  const built = finews.filter((e) => e.skip === null);
  for (const entry of finews) {
    const t = truth.get(entry.path);
    if (entry.skip !== null) {
      expect(t, `${entry.path}: finews says Jekyll skips it (${entry.skip}) but Jekyll built it`).toBeUndefined();
      if (entry.skip === 'future') expect(jekyll.output).toContain(`${entry.path} has a future date`);
      continue;
    }
    expect(t, `${entry.path}: finews says Jekyll builds it, Jekyll did not`).toBeDefined();
    const mine = { url: entry.url, date: entry.date, categories: entry.categories, tags: entry.tags, title: entry.title };
    const theirs = { url: t!.url, date: t!.date, categories: t!.categories, tags: t!.tags, title: t!.title };
    if (entry.dateSource === 'build-time') {
      expect(sameBuildTime(mine.date!, theirs.date), `${entry.path}: build-time date`).toBe(true);
      mine.date = theirs.date;
      mine.url = mine.url!.replace(/^\/\d{4}\/\d\d\/\d\d\//, theirs.url.slice(0, 12));
    }
    expect(mine, entry.path).toEqual(theirs);
  }
  // And nothing Jekyll built is missing from finews' answer.
  expect(new Set(built.map((e) => e.path))).toEqual(new Set(truth.keys()));
  return { built: built.length, skipped: finews.length - built.length };
}

describe.skipIf(!hasJekyll)('finews show agrees with a real Jekyll build', { timeout: 120_000 }, () => {
  for (const name of readdirSync(path.join(root, 'fixtures/conformance'))) {
    it(`fixtures/conformance/${name}`, async () => {
      const { built } = await expectAgreement(fixtureSite(name));
      expect(built).toBeGreaterThan(3);
    });
  }

  it.skipIf(noCorpus)('the real corpus: _posts', async () => {
    const { built, skipped } = await expectAgreement(postsSite(corpus, '_posts'));
    expect(built).toBe(48);
    expect(skipped).toBe(1); // _posts/-202205262391921712.md: no date in its name
  });

  it.skipIf(noCorpus)('the real corpus: old_post, as posts', async () => {
    const { built } = await expectAgreement(postsSite(corpus, 'old_post'));
    expect(built).toBeGreaterThan(20);
  });

  /**
   * Links cannot live in fixtures (a copy resolves them): made here. Jekyll
   * follows links to files and folders, except below _posts, where Ruby's
   * Dir glob does not enter a linked folder; in safe mode (GitHub Pages) a link
   * whose real path leaves the source is passed over.
   */
  for (const safe of [false, true]) {
    it(`links to files and folders${safe ? ', in safe mode' : ''}`, async () => {
      const site = mkdtempSync(path.join(tmpdir(), 'finews-links-'));
      const outside = mkdtempSync(path.join(tmpdir(), 'outside-links-'));
      temps.push(site, outside);
      const post = (file: string, title: string) => {
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, `---\ntitle: ${title}\n---\nBody.\n`);
      };
      writeFileSync(path.join(site, '_config.yml'), `safe: ${safe}\n`);
      post(path.join(site, '_posts/2021-05-01-plain.md'), 'plain');
      post(path.join(site, 'en/_posts/2021-05-02-english.md'), 'english');
      post(path.join(site, 'notes/inside.md'), 'inside');
      post(path.join(outside, 'outside.md'), 'outside');
      post(path.join(outside, '_posts/2021-05-03-far.md'), 'far');
      symlinkSync('../notes/inside.md', path.join(site, '_posts/2021-05-04-link-inside.md'));
      symlinkSync(path.join(outside, 'outside.md'), path.join(site, '_posts/2021-05-05-link-outside.md'));
      symlinkSync('en', path.join(site, 'linked-en'));
      symlinkSync(outside, path.join(site, 'linked-outside'));
      symlinkSync('../en/_posts', path.join(site, '_posts/linked-folder'));
      const { built } = await expectAgreement(site);
      expect(built).toBe(safe ? 4 : 6);
    });
  }

  it('fixtures/news-site, the corpus\'s shapes: _posts', async () => {
    const { built, skipped } = await expectAgreement(postsSite(newsSite, '_posts'));
    expect(built).toBe(13);
    expect(skipped).toBe(2); // -202205261200000107.md: no date in its name; 2099-01-01-…: in the future
  });

  it('fixtures/news-site: old_post, as posts', async () => {
    const { built } = await expectAgreement(postsSite(newsSite, 'old_post'));
    expect(built).toBe(4);
  });

  it('fixtures/news-site as it is, with its layouts and pages', async () => {
    const site = copyToTemp(newsSite);
    temps.push(site);
    const { built } = await expectAgreement(site);
    expect(built).toBe(13);
  });

  for (const [name, said] of [['invalid-date', '2022-01-06-bad-date.md'], ['time-parse-out-of-range', '2022-01-06-hour-24-30.md'], ['unknown-placeholder', 'title_x'], ['permalink-not-text', "undefined method `gsub' for 2022:Integer"]] as const) {
    it(`a post that stops the whole build: ${name}`, async () => {
      const dir = copyToTemp(path.join(root, 'fixtures/conformance-fatal', name));
      temps.push(dir);
      const jekyll = buildWithJekyll(dir);
      expect(jekyll.status).not.toBe(0);
      const finews = await finewsShow(dir, new Date());
      const fatal = finews.filter((e) => e.skip === 'build-error');
      expect(fatal).toHaveLength(1);
      expect(jekyll.output).toContain(said);
    });
  }
});
