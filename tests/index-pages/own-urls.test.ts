import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { noCorpus } from '../helpers/corpus.js';
import { buildWithJekyll, copyToTemp, hasJekyll } from '../helpers/jekyll.js';
import { CORPUS, FIXTURES, readData, runIndex, snapshot } from './run.js';

/**
 * A site keeps the URLs it has: `.html` permalinks for every kind of page and
 * their later pages, and `--adopt` to take over the pages its own script
 * wrote where finews writes (fixtures/index/own-urls is in the real sample
 * site's shape).
 */
const temps: string[] = [];
const copy = (source: string) => {
  const dir = copyToTemp(source, 'finews-index-urls-');
  temps.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const read = (site: string, rel: string) => readFileSync(path.join(site, rel), 'utf8');
const SOURCE = path.join(FIXTURES, 'own-urls');
const setting = (site: string, lines: string) => {
  const config = path.join(site, '_config.yml');
  writeFileSync(config, read(site, '_config.yml').replace('  index:\n', `  index:\n${lines}`));
};

describe('pages another tool generated', () => {
  it('are left alone without --adopt, and the message says which ones --adopt would take', async () => {
    const site = copy(SOURCE);
    const run = await runIndex(site);
    expect(run.exitCode).toBe(1);
    for (const name of ['egongsi', 'cailianshe']) {
      expect(run.stderr).toContain(`category/${name}.html: exists and was not written by finews (no generated_by: finews index): left as it is; it looks generated (front matter`);
      expect(run.stderr).toContain(`category/${name}.html: exists and was not written by finews (no generated_by: finews index): left as it is; it looks generated`);
    }
    expect(run.stderr).toMatch(/category\/handmade\.html: exists and was not written by finews \(no generated_by: finews index\): left as it is; delete or move it/);
    for (const name of ['egongsi', 'cailianshe', 'handmade', 'wrongname', 'movedurl', 'oldone']) expect(read(site, `category/${name}.html`)).toBe(read(SOURCE, `category/${name}.html`));
  });

  it('--adopt takes over exactly the plainly generated ones, naming each, and keeps their URLs', async () => {
    const site = copy(SOURCE);
    const run = await runIndex(site, { adopt: true });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('adopted: category/egongsi.html (front matter only)');
    expect(run.stdout).toContain('adopted: category/cailianshe.html (front matter and a list)');
    expect(run.stdout.match(/^adopted: /gm)).toHaveLength(2);
    expect(run.stderr).toContain('category/handmade.html: exists and was not written by finews (no generated_by: finews index): left as it is; not taken over: has content of its own beyond front matter and a list');
    expect(run.stderr).toContain('category/wrongname.html: exists and was not written by finews (no generated_by: finews index): left as it is; not taken over: its category is "something-else", finews\' page is for "wrongname"');
    expect(run.stderr).toContain('category/movedurl.html: exists and was not written by finews (no generated_by: finews index): left as it is; not taken over: Jekyll writes it to /topics/movedurl/index.html, finews\' page would go to /category/movedurl.html');
    for (const name of ['handmade', 'wrongname', 'movedurl', 'oldone']) expect(read(site, `category/${name}.html`)).toBe(read(SOURCE, `category/${name}.html`));
    expect(read(site, 'category/egongsi.html')).toContain('permalink: "/category/egongsi.html"\n');
    expect(read(site, 'category/egongsi.html')).toContain('generated_by: finews index\n');
    const data = readData(site);
    expect(data.categories.find((c) => c.name === 'egongsi')!.url).toBe('/category/egongsi.html');
    expect(data.tags.find((t) => t.name === '深市')!.url).toBe('/tag/深市.html'.replace('深市', encodeURIComponent('深市')));
    // Once taken over they are finews' own: the next run, with or without --adopt, writes nothing.
    const before = snapshot(site);
    const again = await runIndex(site);
    expect(again.stdout).toMatch(/^wrote 0 files, removed 0; \d+ unchanged; 3 files left alone \(not finews'\)$/m);
    expect(snapshot(site)).toEqual(before);
  });

  it('--check and --dry-run with --adopt name what would be taken over and write nothing', async () => {
    const site = copy(SOURCE);
    const before = snapshot(site);
    const dry = await runIndex(site, { adopt: true, dryRun: true });
    expect(dry.stdout).toContain('would adopt: category/egongsi.html (front matter only)');
    const check = await runIndex(site, { adopt: true, check: true, list: true });
    expect(check.exitCode).toBe(1);
    expect(check.stdout).toMatch(/files out of date: run finews index --list --adopt;/);
    expect(snapshot(site)).toEqual(before);
  });
});

describe('.html permalinks and their later pages', () => {
  it('pages 2, 3… follow the first page\'s style, or the pattern set', async () => {
    const site = copy(SOURCE);
    await runIndex(site, { adopt: true, list: true, perPage: 2 });
    expect(read(site, 'category/egongsi/page/2.html')).toContain('permalink: "/category/egongsi/page2.html"\n');
    expect(read(site, 'category/egongsi/page/3.html')).toContain('previous: "/category/egongsi/page2.html"\n');
    setting(site, '    pager_permalink: ":path/p/:num/"\n');
    await runIndex(site, { list: true, perPage: 2 });
    expect(read(site, 'category/egongsi/page/2.html')).toContain('permalink: "/category/egongsi/p/2/"\n');
  });

  it.skipIf(!hasJekyll)('build with real Jekyll where the posts link to them', async () => {
    const site = copy(SOURCE);
    const run = await runIndex(site, { adopt: true, list: true, perPage: 2 });
    expect(run.exitCode).toBe(1);
    const build = buildWithJekyll(site);
    expect(build.status, build.output).toBe(0);
    const data = readData(site);
    const built = (url: string) => path.join(site, '_site', decodeURIComponent(url));
    for (const entry of [...data.categories, ...data.tags].filter((e) => e.url)) {
      expect(entry.url!.endsWith('.html')).toBe(true);
      // Every page of the list, each linking the next, together the term's posts in Jekyll's order.
      const seen: string[] = [];
      let url: string | null = entry.url;
      while (url) {
        const html: string = readFileSync(built(url), 'utf8');
        seen.push(...[...html.matchAll(/<a href="([^"]*)">/g)].map((m) => m[1]!).filter((href) => !href.startsWith('/category/') && !href.startsWith('/tag/')));
        url = /<a rel="next" href="([^"]*)">/.exec(html)?.[1] ?? null;
      }
      const posts = entry.posts.map((p) => p.url);
      // The layout's loop lists them once more on each page: each post is there, in order, on the static lists.
      expect([...new Set(seen)].filter((u) => posts.includes(u)).sort()).toEqual([...posts].sort());
    }
    // The link every egongsi post carries works.
    expect(existsSync(path.join(site, '_site/category/egongsi.html'))).toBe(true);
    expect(existsSync(path.join(site, '_site/category/egongsi/page2.html'))).toBe(true);
  });
});

// The real sample site (FINEWS_CORPUS), and fixtures/news-site in its shapes on every clone.
describe.each([
  { label: 'the real sample site', source: CORPUS, skip: noCorpus },
  { label: "fixtures/news-site (the sample's shapes)", source: path.resolve(FIXTURES, '../news-site'), skip: false },
])('$label keeps /category/<slug>.html with --adopt', ({ source, skip }) => {
  it.skipIf(skip)('takes over its generated category pages, touches nothing else, and Jekyll builds them at the same URLs', async () => {
    const site = copy(source);
    // The theme and jekyll-feed are not installed here; the site's default layout calls {% seo %}.
    writeFileSync(path.join(site, '_config.yml'), 'timezone: Asia/Shanghai\nfinews:\n  index:\n    category_permalink: /category/:slug.html\n    tags: false\n');
    writeFileSync(path.join(site, '_layouts/default.html'), '---\n---\n{{ content }}\n');
    const before = snapshot(site);
    const run = await runIndex(site, { adopt: true });
    const adopted = [...run.stdout.matchAll(/^adopted: (\S+) \(/gm)].map((m) => m[1]!);
    expect(adopted.length).toBeGreaterThan(0);
    const data = readData(site);
    for (const entry of data.categories) {
      if (entry.url === null) continue;
      expect(entry.url).toBe(`/category/${entry.slug}.html`);
    }
    // Nothing but the adopted pages changed among the site's own files.
    const after = snapshot(site);
    for (const [rel, bytes] of before) if (!adopted.includes(rel)) expect(after.get(rel), rel).toBe(bytes);
    const build = buildWithJekyll(site);
    expect(build.status, build.output).toBe(0);
    for (const rel of adopted) expect(existsSync(path.join(site, '_site', rel)), rel).toBe(true);
    expect(readdirSync(path.join(site, '_site/category')).filter((f) => f.endsWith('.html')).length).toBeGreaterThanOrEqual(adopted.length);
  });
});
