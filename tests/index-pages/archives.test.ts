import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { noCorpus } from '../helpers/corpus.js';
import { buildWithJekyll, copyToTemp, hasJekyll, type JekyllTruth } from '../helpers/jekyll.js';
import { CORPUS, FIXTURES, readData, runIndex, snapshot } from './run.js';

/**
 * Date archives against real Jekyll, on GitHub Pages' terms (no plugin): every
 * post is on exactly the archive pages of the date Jekyll gives it, in
 * Jekyll's order (site.posts), across all the pages of each archive.
 */
type Kind = 'year' | 'month' | 'day';
const KINDS: Kind[] = ['year', 'month', 'day'];
const SPAN: Record<Kind, number> = { year: 4, month: 7, day: 10 };

interface ArchiveData {
  name: string;
  title: string;
  count: number;
  url: string | null;
  posts: { url: string; title: string; date: string }[];
}
const archivesOf = (site: string) => (readData(site) as unknown as { archives: Partial<Record<`${Kind}s`, ArchiveData[]>> }).archives;

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const copy = (source: string) => {
  const dir = copyToTemp(source, 'finews-archives-');
  temps.push(dir);
  return dir;
};

/** What Jekyll says: for each archive name, its posts' URLs in site.posts order (newest first). */
function expectedArchives(posts: JekyllTruth[], kind: Kind): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of posts) {
    const name = p.date.slice(0, SPAN[kind]);
    out.set(name, [...(out.get(name) ?? []), p.url]);
  }
  return out;
}

/** The URL of an archive by jekyll-archives' default permalinks. */
const defaultUrl = (name: string) => `/${name.split('-').join('/')}/`;
const builtFile = (site: string, url: string) => path.join(site, '_site', decodeURIComponent(url), url.endsWith('/') ? 'index.html' : '');

/** The posts an archive's built pages list, following each page's link to the next. */
function listed(site: string, firstUrl: string): { urls: string[]; pages: number } {
  const urls: string[] = [];
  let url: string | null = firstUrl;
  let pages = 0;
  while (url) {
    const html: string = readFileSync(builtFile(site, url), 'utf8');
    pages++;
    const list = /<ul class="finews-posts">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
    urls.push(...[...list.matchAll(/<a href="([^"]*)">/g)].map((m) => m[1]!));
    url = /<a rel="next" href="([^"]*)">/.exec(html)?.[1] ?? null;
  }
  return { urls, pages };
}

function checkArchives(site: string, posts: JekyllTruth[], kinds: Kind[], perPage: number, urlOf = defaultUrl): void {
  expect(posts.length).toBeGreaterThan(0);
  const data = archivesOf(site);
  for (const kind of KINDS) {
    if (!kinds.includes(kind)) {
      expect(data[`${kind}s`], `${kind}s not configured`).toBeUndefined();
      continue;
    }
    const expected = expectedArchives(posts, kind);
    const entries = data[`${kind}s`]!;
    // Exactly the archives of the posts' dates, newest first.
    expect(entries.map((e) => e.name)).toEqual([...expected.keys()].sort().reverse());
    for (const entry of entries) {
      const want = expected.get(entry.name)!;
      expect(entry.url).toBe(urlOf(entry.name));
      expect(entry.posts.map((p) => p.url), `${kind} ${entry.name} in the data file`).toEqual(want);
      expect(entry.count).toBe(want.length);
      const built = listed(site, entry.url!);
      expect(built.urls, `${kind} ${entry.name} in _site`).toEqual(want);
      expect(built.pages).toBe(Math.max(1, Math.ceil(want.length / perPage)));
      for (const url of want) expect(existsSync(builtFile(site, url)), url).toBe(true);
    }
  }
}

describe.skipIf(!hasJekyll)(`date archives checked against real Jekyll${hasJekyll ? '' : ' (skipped: jekyll is not on PATH)'}`, () => {
  it.each(['Asia/Shanghai', 'America/New_York', 'UTC'])('the fixture site of edge dates, in %s', async (zone) => {
    const site = copy(path.join(FIXTURES, 'archives'));
    const config = path.join(site, '_config.yml');
    writeFileSync(config, readFileSync(config, 'utf8').replace('timezone: Asia/Shanghai', `timezone: ${zone}`));
    const run = await runIndex(site, {}, new Date());
    expect(run.exitCode, run.stderr).toBe(0);
    const build = buildWithJekyll(site);
    expect(build.status, build.output).toBe(0);
    checkArchives(site, build.posts, ['year', 'month', 'day'], 2);
    // Titles as the date filter formats them; the index of years with their months.
    const months = archivesOf(site).months!;
    expect(months.every((m) => m.title === `${m.name.slice(0, 4)}年${Number(m.name.slice(5, 7))}月`)).toBe(true);
    const index = readFileSync(path.join(site, '_site/archives/index.html'), 'utf8');
    for (const year of archivesOf(site).years!) expect(index).toContain(`<a href="${year.url}">${year.title}</a> <span class="count">${year.count}</span>`);
    for (const month of months) expect(index).toContain(`<a href="${month.url}">${month.title}</a> <span class="count">${month.count}</span>`);
  });

  it('permalinks, layouts and titles as jekyll-archives configures them; .html pages', async () => {
    const site = copy(path.join(FIXTURES, 'archives'));
    const config = path.join(site, '_config.yml');
    writeFileSync(config, 'timezone: Asia/Shanghai\nfinews:\n  index:\n    archives: [month, year]\n    per_page: 3\n    archive_permalinks:\n      year: /archives/year/:year.html\n      month: "/archives/month/:year-:month/"\n    archive_layouts:\n      month: default\n    archive_titles:\n      year: "Year %Y"\n');
    const run = await runIndex(site, {}, new Date());
    expect(run.exitCode, run.stderr).toBe(0);
    const build = buildWithJekyll(site);
    expect(build.status, build.output).toBe(0);
    const urlOf = (name: string) => (name.length === 4 ? `/archives/year/${name}.html` : `/archives/month/${name}/`);
    checkArchives(site, build.posts, ['year', 'month'], 3, urlOf);
    expect(archivesOf(site).years!.map((y) => y.title)).toContain('Year 2022');
  });

  it('a generated site shaped like the corpus (bench/generate.js), 600 posts', async () => {
    const site = mkdtempSync(path.join(tmpdir(), 'finews-archives-generated-'));
    temps.push(site);
    // @ts-expect-error plain JavaScript, no declarations
    const { generateSite } = (await import('../../bench/generate.js')) as { generateSite: (dir: string, count: number, seed: number) => Promise<unknown> };
    await generateSite(site, 600, 7);
    writeFileSync(path.join(site, '_config.yml'), 'timezone: Asia/Shanghai\nfinews:\n  index:\n    archives: [year, month, day]\n    per_page: 25\n    categories: false\n    tags: false\n');
    const run = await runIndex(site, {}, new Date());
    expect(run.exitCode, run.stderr).toBe(0);
    const build = buildWithJekyll(site);
    expect(build.status, build.output).toBe(0);
    checkArchives(site, build.posts, ['year', 'month', 'day'], 25);
  });

  // The real sample site (FINEWS_CORPUS), and fixtures/news-site in its shapes on every clone.
  for (const { label, source, skip } of [
    { label: 'the real sample site', source: CORPUS, skip: noCorpus },
    { label: "fixtures/news-site (the sample's shapes)", source: path.resolve(FIXTURES, '../news-site'), skip: false },
  ]) {
    it.skipIf(skip)(label, async () => {
      const site = copy(source);
      // The theme and jekyll-feed are not installed here; the sample's default layout calls {% seo %}.
      writeFileSync(path.join(site, '_config.yml'), 'timezone: Asia/Shanghai\nfinews:\n  index:\n    archives: [year, month, day]\n    per_page: 5\n    categories: false\n    tags: false\n');
      writeFileSync(path.join(site, '_layouts/default.html'), '---\n---\n{{ content }}\n');
      const run = await runIndex(site, {}, new Date());
      expect(run.exitCode, run.stderr).toBe(0);
      const build = buildWithJekyll(site);
      expect(build.status, build.output).toBe(0);
      checkArchives(site, build.posts, ['year', 'month', 'day'], 5);
    });
  }
});

describe('date archives: writing', () => {
  it('a re-run writes nothing; turning archives off removes their pages and the data key', async () => {
    const site = copy(path.join(FIXTURES, 'archives'));
    const first = await runIndex(site);
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toContain('created: archives/2022/01.html');
    expect(first.stdout).toContain('created: archives/index.html');
    const before = snapshot(site);
    const again = await runIndex(site);
    expect(again.stdout).toMatch(/^wrote 0 files, removed 0; \d+ unchanged$/m);
    expect(snapshot(site)).toEqual(before);
    expect((await runIndex(site, { check: true })).exitCode).toBe(0);
    const config = path.join(site, '_config.yml');
    writeFileSync(config, readFileSync(config, 'utf8').replace('archives: [year, month, day]', 'archives: [year]'));
    const fewer = await runIndex(site);
    expect(fewer.stdout).toContain('removed: archives/2022/01.html');
    expect(existsSync(path.join(site, 'archives/2022.html'))).toBe(true);
    expect(Object.keys(archivesOf(site))).toEqual(['years']);
    writeFileSync(config, readFileSync(config, 'utf8').replace('archives: [year]', 'archives: []'));
    await runIndex(site);
    expect([...snapshot(site).keys()].filter((rel) => rel.startsWith('archives/'))).toEqual([]);
    expect(Object.keys(readData(site))).toEqual(['categories', 'tags']);
  });

  it('the page front matter gives a layout what jekyll-archives gives it: type and date', async () => {
    const site = copy(path.join(FIXTURES, 'archives'));
    await runIndex(site);
    const page = readFileSync(path.join(site, 'archives/2022/02.html'), 'utf8');
    expect(page).toContain('title: "2022年2月"\ntype: month\ndate: 2022-02-01\npermalink: "/2022/02/"\n');
  });
});
