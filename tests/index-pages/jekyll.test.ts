import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { noCorpus } from '../helpers/corpus.js';
import { destinationOf } from '../../src/site/url.js';
import { copyToTemp, hasJekyll } from '../helpers/jekyll.js';
import { CORPUS, FIXTURES, readData, runIndex, type DataEntry } from './run.js';

/**
 * The oracle: build the site with real Jekyll after `finews index`, and hold
 * finews' pages and `_data/finews.json` against Jekyll's own
 * `site.categories` and `site.tags`.
 */
const LIST = (key: string) =>
  `[{% for c in site.${key} %}{"name": {{ c[0] | jsonify }}, "posts": [{% for p in c[1] %}{"url": {{ p.url | jsonify }}, "title": {{ p.title | jsonify }}, "date": {{ p.date | date: "%Y-%m-%d %H:%M:%S %z" | jsonify }}}{% unless forloop.last %},{% endunless %}{% endfor %}]}{% unless forloop.last %},{% endunless %}{% endfor %}]`;
const TRUTH = `---\nlayout: null\n---\n{"categories": ${LIST('categories')},\n"tags": ${LIST('tags')}}\n`;

interface Truth {
  categories: { name: unknown; posts: { url: string; title: unknown; date: string }[] }[];
  tags: Truth['categories'];
}

function jekyllBuild(site: string): { status: number | null; output: string; truth: Truth | null } {
  writeFileSync(path.join(site, 'finews-taxonomy.json'), TRUTH);
  const r = spawnSync('jekyll', ['build', '--source', site, '--destination', path.join(site, '_site')], { encoding: 'utf8' });
  const file = path.join(site, '_site', 'finews-taxonomy.json');
  return { status: r.status, output: `${r.stdout}${r.stderr}`, truth: r.status === 0 ? (JSON.parse(readFileSync(file, 'utf8')) as Truth) : null };
}

const unescape = (s: string) => s.replace(/&(amp|lt|gt|quot|#39|#123|#125);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#123': '{', '#125': '}' })[e]!);

/** The links of a list in a built page: [href, text] pairs. */
function links(html: string, list: string): [string, string][] {
  const found = new RegExp(`<${list}>([\\s\\S]*?)</ul>`).exec(html);
  if (!found) return [];
  return [...found[1]!.matchAll(/<a href="([^"]*)">([\s\S]*?)<\/a>/g)].map((m) => [unescape(m[1]!), unescape(m[2]!)]);
}

const built = (site: string, url: string) => path.join(site, '_site', destinationOf(url, '.html'));

/**
 * Everything the issue asks of the pages and the data file, checked against
 * one Jekyll build. `perPage` null: no static lists, the layout loops over
 * `site.categories[page.category]` in a `loop` list.
 */
function checkAgainstJekyll(site: string, truth: Truth, perPage: number | null, loop = 'ul class="loop"'): void {
  const data = readData(site);
  for (const kind of ['categories', 'tags'] as const) {
    const key = (name: unknown) => JSON.stringify(name);
    // Same names, typed: `2022` and `"2022"` are two categories for Jekyll.
    expect(data[kind].map((e) => key(e.name)).sort()).toEqual(truth[kind].map((t) => key(t.name)).sort());
    const byName = new Map(truth[kind].map((t) => [key(t.name), t]));
    for (const entry of data[kind]) {
      const jekyll = byName.get(key(entry.name))!;
      // Same posts, same order (newest first, Jekyll's tie order), same count.
      expect(entry.posts.map((p) => p.url), `${kind} ${key(entry.name)}`).toEqual(jekyll.posts.map((p) => p.url));
      expect(entry.posts.map((p) => p.date)).toEqual(jekyll.posts.map((p) => p.date));
      expect(entry.posts.map((p) => p.title)).toEqual(jekyll.posts.map((p) => (p.title === null ? '' : String(p.title))));
      expect(entry.count).toBe(jekyll.posts.length);
      for (const post of entry.posts) expect(existsSync(built(site, post.url)), post.url).toBe(true);
      if (entry.url !== null) checkPages(site, entry, perPage, loop);
    }
    if (!data[kind].some((e) => e.url)) continue; // pages of this kind are off
    const indexUrl = kind === 'categories' ? '/category/' : '/tag/';
    const indexHtml = readFileSync(built(site, indexUrl), 'utf8');
    const listed = links(indexHtml, `ul class="finews-${kind}"`).map(([href]) => href);
    expect(listed.sort()).toEqual(data[kind].flatMap((e) => (e.url ? [e.url] : [])).sort());
  }
}

function checkPages(site: string, entry: DataEntry, perPage: number | null, loop: string): void {
  const first = built(site, entry.url!);
  expect(existsSync(first), `${entry.url} in _site`).toBe(true);
  if (perPage === null) {
    // No static list: the layout's loop over site.categories[page.category] found the posts.
    const html = readFileSync(first, 'utf8');
    expect(links(html, loop).map(([href]) => href)).toEqual(entry.posts.map((p) => p.url));
    return;
  }
  const pages = Math.max(1, Math.ceil(entry.posts.length / perPage));
  for (let n = 1; n <= pages; n++) {
    const url = n === 1 ? entry.url! : `${entry.url}page/${n}/`;
    const html = readFileSync(built(site, url), 'utf8');
    const slice = entry.posts.slice((n - 1) * perPage, n * perPage);
    // Links and titles as written: a title with {{ }} or <b> is not run as Liquid or HTML.
    expect(links(html, 'ul class="finews-posts"')).toEqual(slice.map((p) => [p.url, p.title || p.url]));
  }
  expect(existsSync(built(site, `${entry.url}page/${pages + 1}/`))).toBe(false);
}

// Each test builds a site with Jekyll: the timeout is a hang guard, far above what a busy machine needs.
describe.skipIf(!hasJekyll)(`finews index checked against real Jekyll${hasJekyll ? '' : ' (skipped: jekyll is not on PATH)'}`, { timeout: 300_000 }, () => {
  it('the fixture site, pages listing their posts through the layout', async () => {
    const site = copyToTemp(path.join(FIXTURES, 'basic'));
    const run = await runIndex(site, {}, new Date());
    expect(run).toMatchObject({ exitCode: 0 });
    const build = jekyllBuild(site);
    expect(build.status, build.output).toBe(0);
    checkAgainstJekyll(site, build.truth!, null);
    rmSync(site, { recursive: true, force: true });
  });

  it('the fixture site, static lists two posts a page', async () => {
    const site = copyToTemp(path.join(FIXTURES, 'basic'));
    const run = await runIndex(site, { list: true, perPage: 2 }, new Date());
    expect(run).toMatchObject({ exitCode: 0 });
    const build = jekyllBuild(site);
    expect(build.status, build.output).toBe(0);
    checkAgainstJekyll(site, build.truth!, 2);
    rmSync(site, { recursive: true, force: true });
  });

  it('a generated site shaped like the corpus, with its mistakes (bench/generate.js)', async () => {
    const site = mkdtempSync(path.join(tmpdir(), 'finews-index-generated-'));
    // @ts-expect-error plain JavaScript, no declarations
    const { generateSite } = (await import('../../bench/generate.js')) as { generateSite: (dir: string, count: number, seed: number) => Promise<unknown> };
    await generateSite(site, 400, 5);
    // Its config names a theme and jekyll-feed, which this Jekyll lacks.
    writeFileSync(path.join(site, '_config.yml'), 'timezone: Asia/Shanghai\nfinews:\n  index:\n    category_layout: null\n    tag_layout: null\n');
    const run = await runIndex(site, { list: true, perPage: 7, slugStyle: 'pinyin' }, new Date());
    expect(run).toMatchObject({ exitCode: 0 });
    const build = jekyllBuild(site);
    expect(build.status, build.output).toBe(0);
    checkAgainstJekyll(site, build.truth!, 7);
    rmSync(site, { recursive: true, force: true });
  });

  /**
   * A copy of a site in the corpus's shapes that this Jekyll can build: the real corpus
   * (its theme and plugins are not installed here) or fixtures/news-site.
   */
  const siteCopy = (source: string, index: string) => {
    const site = copyToTemp(source);
    // Keep the site's time zone; drop the theme and jekyll-feed.
    writeFileSync(path.join(site, '_config.yml'), `timezone: Asia/Shanghai\nfinews:\n  index:\n${index}`);
    // The corpus's default layout calls {% seo %} (jekyll-seo-tag).
    writeFileSync(path.join(site, '_layouts/default.html'), '---\n---\n{{ content }}\n');
    return site;
  };

  /** The site's own category pages are hand-written: finews reports them and leaves them. */
  const expectClashes = (source: string, names: string[], site: string, stderr: string) => {
    for (const name of names) {
      expect(stderr).toContain(`category/${name}.html: exists and was not written by finews`);
      expect(readFileSync(path.join(site, `category/${name}.html`))).toEqual(readFileSync(path.join(source, `category/${name}.html`)));
    }
  };

  const sites = [
    { label: 'the real corpus', source: CORPUS, skip: noCorpus, perPage: 10, own: ['emnews', 'sitenews', 'yangxingwangzhan', 'zhongguojijinbao'] },
    { label: "fixtures/news-site (the corpus's shapes)", source: path.resolve(FIXTURES, '../news-site'), skip: false, perPage: 2, own: ['emnews', 'sitenews'] },
  ];
  for (const { label, source, skip, perPage, own } of sites) {
    it.skipIf(skip)(`${label}, static lists ${perPage} posts a page`, async () => {
      const site = siteCopy(source, '    category_layout: null\n    tag_layout: null\n');
      const run = await runIndex(site, { list: true, perPage }, new Date());
      expect(run.exitCode).toBe(1);
      expectClashes(source, own, site, run.stderr);
      const build = jekyllBuild(site);
      expect(build.status, build.output).toBe(0);
      checkAgainstJekyll(site, build.truth!, perPage);
      rmSync(site, { recursive: true, force: true });
    });

    it.skipIf(skip)(`${label}, category pages listed by the site's own category layout`, async () => {
      const site = siteCopy(source, '    tags: false\n');
      const run = await runIndex(site, {}, new Date());
      expect(run.exitCode).toBe(1);
      expectClashes(source, own, site, run.stderr);
      const build = jekyllBuild(site);
      expect(build.status, build.output).toBe(0);
      // _layouts/category.html loops over site.categories[page.category] in a bare <ul>.
      checkAgainstJekyll(site, build.truth!, null, 'ul');
      expect(existsSync(path.join(site, 'tag'))).toBe(false);
      rmSync(site, { recursive: true, force: true });
    });
  }
});
