import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseFrontMatter, splitFrontMatter } from '../../src/post/frontmatter.js';
import { copyToTemp } from '../helpers/jekyll.js';
import { FIXTURES, readData, runIndex, snapshot, stamps } from './run.js';

const temps: string[] = [];
const copy = (scenario: string) => {
  const dir = copyToTemp(path.join(FIXTURES, scenario), `finews-index-${scenario}-`);
  temps.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const frontMatter = (file: string) => {
  const split = splitFrontMatter(readFileSync(file, 'utf8'))!;
  return parseFrontMatter(split.block, split.yaml).data!;
};

describe('finews index on the fixture site', () => {
  it('writes a page per category and tag, the two index pages and the data file, and says so', async () => {
    const site = copy('basic');
    const run = await runIndex(site, { verbose: true });
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toContain('categories 2022 (number), 2022 share the title "2022"');
    const data = readData(site);
    const written = run.stdout.split('\n').filter((l) => l.startsWith('created: ')).map((l) => l.slice('created: '.length));
    const pages = [...data.categories.map((c) => `category/${c.slug}.html`), ...data.tags.map((t) => `tag/${t.slug}.html`)];
    expect(written.sort()).toEqual([...pages, 'category/index.html', 'tag/index.html', '_data/finews.json'].sort());
    expect(run.stdout).toMatch(/^finews index: 14 categories and 12 tags from 14 posts; left out as Jekyll does: 1 unpublished, 1 future, 1 no-filename-date$/m);
    expect(run.stdout).toContain('titles from paired tags: egongsi → e公司新闻, emnews → 东财滚动新闻');
    expect(run.stdout).toContain('1 post with front matter Jekyll cannot read');
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe(`wrote ${written.length} files, removed 0; 0 unchanged`);

    // The front matter a layout needs: the exact name, typed, and the marker.
    const egongsi = frontMatter(path.join(site, 'category/egongsi.html'));
    expect(egongsi).toMatchObject({ layout: 'category', title: 'e公司新闻', category: 'egongsi', permalink: '/category/egongsi/', count: 3, generated_by: 'finews index' });
    const integer = data.categories.find((c) => c.name === 2022)!;
    const string = data.categories.find((c) => c.name === '2022')!;
    expect(integer.slug).not.toBe(string.slug);
    expect(frontMatter(path.join(site, `category/${integer.slug}.html`)).category).toBe(2022);
    expect(frontMatter(path.join(site, `category/${string.slug}.html`)).category).toBe('2022');
    expect(data.categories.find((c) => c.name === 'Markets')!.title).toBe('市场行情');
    // A hand-written page in finews' folder is left alone.
    expect(readFileSync(path.join(site, 'category/about.html'), 'utf8')).toBe(readFileSync(path.join(FIXTURES, 'basic/category/about.html'), 'utf8'));
  });

  it('leaves out what Jekyll leaves out: no future, unpublished, undated or draft post, and nothing from unreadable front matter', async () => {
    const site = copy('basic');
    await runIndex(site);
    const urls = readData(site).categories.flatMap((c) => c.posts.map((p) => p.url));
    expect(urls.some((u) => /future|unpublished|nodate|draft|bad-yaml|blank-first/.test(u))).toBe(false);
    const emnews = readData(site).categories.find((c) => c.name === 'emnews')!;
    expect(emnews.posts.map((p) => p.url)).toEqual(['/emnews/2022/01/08/emnews-2.html', '/emnews/2022/01/07/emnews-1.html']);
  });

  it('a second run writes nothing and --check says up to date', async () => {
    const site = copy('basic');
    await runIndex(site);
    const files = [...snapshot(site).keys()];
    const before = stamps(site, files);
    const again = await runIndex(site);
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toMatch(/wrote 0 files, removed 0; 29 unchanged$/m);
    expect(stamps(site, files)).toEqual(before);
    const check = await runIndex(site, { check: true });
    expect(check).toMatchObject({ exitCode: 0, stderr: expect.not.stringContaining('out of date') });
    expect(check.stdout).toMatch(/^up to date: 29 files$/m);
  });

  it('rewrites a data file that holds what it would write and more', async () => {
    const site = copy('basic');
    await runIndex(site);
    const data = path.join(site, '_data/finews.json');
    const right = readFileSync(data);
    // Still finews' own (it ends as finews' files end), and every byte it would write is there first.
    writeFileSync(data, Buffer.concat([right, Buffer.from('\n  ]\n}\n')]));
    const again = await runIndex(site);
    expect(again.stdout).toMatch(/^updated: _data\/finews.json$/m);
    expect(readFileSync(data)).toEqual(right);
  });

  it('writes a data file of many pieces whole, and a re-run finds it unchanged', async () => {
    const site = copy('basic');
    // ~600 bytes of UTF-8 a post line, twice a post (its category and its tag): several 64 KB pieces.
    const title = '长标题'.repeat(60);
    for (let i = 0; i < 300; i++) writeFileSync(path.join(site, `_posts/2021-03-01-long-${i}.md`), `---\ntitle: "${title}${i}"\ncategories: long\ntags: [长]\n---\n`);
    expect((await runIndex(site)).exitCode).toBe(0);
    const data = path.join(site, '_data/finews.json');
    expect(statSync(data).size).toBeGreaterThan(3 * 65_536);
    const long = readData(site).categories.find((c) => c.name === 'long')!;
    expect(long.posts.map((p) => p.title).sort()).toEqual(Array.from({ length: 300 }, (_, i) => `${title}${i}`).sort());
    const before = stamps(site, ['_data/finews.json']);
    expect((await runIndex(site)).stdout).toMatch(/^wrote 0 files, removed 0; \d+ unchanged$/m);
    expect(stamps(site, ['_data/finews.json'])).toEqual(before);
  });

  it('--check exits 1 and --dry-run lists the changes, and neither writes', async () => {
    const site = copy('basic');
    const before = snapshot(site);
    const check = await runIndex(site, { check: true });
    expect(check.exitCode).toBe(1);
    expect(check.stdout).toContain('out of date: category/egongsi.html (create)');
    expect(check.stdout).toMatch(/^29 files out of date: run finews index$/m);
    const dry = await runIndex(site, { dryRun: true });
    expect(dry.exitCode).toBe(0);
    expect(dry.stdout).toContain('would create: tag/e公司新闻.html');
    expect(dry.stdout).toMatch(/^dry run: would write 29 files, remove 0; 0 unchanged$/m);
    expect(snapshot(site)).toEqual(before);

    // A post changes: --check names exactly the pages it touches.
    await runIndex(site);
    const post = path.join(site, '_posts/2022-01-09-finance-hyphen.md');
    writeFileSync(post, readFileSync(post, 'utf8').replace('Finance with a hyphen', 'Finance, retitled'));
    const after = await runIndex(site, { check: true });
    expect(after.exitCode).toBe(1);
    expect(after.stdout.split('\n').filter((l) => l.startsWith('out of date'))).toEqual(['out of date: _data/finews.json (update)']);
  });

  it('--list writes the posts as static pages, newest first, and removes pages it no longer needs', async () => {
    const site = copy('basic');
    const run = await runIndex(site, { list: true, perPage: 1 });
    expect(run.exitCode).toBe(0);
    const egongsi = readData(site).categories.find((c) => c.name === 'egongsi')!;
    expect(existsSync(path.join(site, 'category/egongsi/page/3.html'))).toBe(true);
    const page2 = readFileSync(path.join(site, 'category/egongsi/page/2.html'), 'utf8');
    expect(frontMatter(path.join(site, 'category/egongsi/page/2.html'))).toMatchObject({
      permalink: '/category/egongsi/page/2/',
      pager: { number: 2, pages: 3, previous: '/category/egongsi/', next: '/category/egongsi/page/3/' },
    });
    expect(page2).toContain(`href="{{ site.baseurl }}${egongsi.posts[1]!.url}"`);

    const back = await runIndex(site, { list: true, perPage: 2 });
    expect(back.stdout).toContain('removed: category/egongsi/page/3.html');
    expect(existsSync(path.join(site, 'category/egongsi/page/3.html'))).toBe(false);
    const off = await runIndex(site);
    expect(off.stdout).toContain('removed: category/egongsi/page/2.html');
    // Folders finews emptied go too; its own folder and hand-written files stay.
    expect(existsSync(path.join(site, 'category/egongsi'))).toBe(false);
    expect(existsSync(path.join(site, 'category/about.html'))).toBe(true);
  });

  it('escapes titles so that Liquid and HTML in them show as written', async () => {
    const site = copy('basic');
    await runIndex(site, { list: true });
    const page = readFileSync(path.join(site, 'category/emnews.html'), 'utf8');
    expect(page).toContain('Liquid &#123;&#123; site.time &#125;&#125; &#123;% if true %&#125; &lt;b&gt;&amp;amp;&lt;/b&gt; &quot;quoted&quot;');
    const body = page.slice(page.indexOf('\n---\n', 4) + 5);
    // The only Liquid in the body is the base URL finews puts there.
    expect(body.replaceAll('{{ site.baseurl }}', '')).not.toMatch(/[{}]/);
  });

  it('--slug-style pinyin and ascii give file-safe ASCII slugs, still distinct', async () => {
    for (const style of ['pinyin', 'ascii'] as const) {
      const site = copy('basic');
      expect((await runIndex(site, { slugStyle: style })).exitCode).toBe(0);
      const data = readData(site);
      for (const kind of [data.categories, data.tags]) {
        expect(new Set(kind.map((e) => e.slug)).size).toBe(kind.length);
        for (const e of kind) expect(e.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      }
      if (style === 'pinyin') expect(data.tags.find((t) => t.name === '东财滚动新闻')!.slug).toBe('dong-cai-gundong-xinwen');
    }
  });

  it('gives the same bytes whatever order the file system lists the posts in', async () => {
    // Two copies whose files were created in opposite orders (tmpfs and ext4 list them differently).
    const make = (reverse: boolean) => {
      const dir = mkdtempSync(path.join(tmpdir(), 'finews-index-order-'));
      temps.push(dir);
      const files = [...snapshot(path.join(FIXTURES, 'basic')).keys()];
      for (const rel of reverse ? files.reverse() : files) {
        mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        cpSync(path.join(FIXTURES, 'basic', rel), path.join(dir, rel));
      }
      return dir;
    };
    const a = make(false);
    const b = make(true);
    await runIndex(a, { list: true, perPage: 2 });
    await runIndex(b, { list: true, perPage: 2 });
    expect(snapshot(b)).toEqual(snapshot(a));
  });
});

describe('finews index never touches what is not its own', () => {
  it('reports clashes, leaves those files, removes its stale pages and the folders they leave', async () => {
    const site = copy('owned');
    const hand = ['category/mine.html', 'category/notes.md', 'tag/custom.html', '_data/finews.json'];
    const before = new Map(hand.map((f) => [f, readFileSync(path.join(site, f), 'utf8')]));
    const run = await runIndex(site);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('finews: category/mine.html: exists and was not written by finews');
    expect(run.stderr).toContain('finews: tag/t1.html: its URL is taken by tag/custom.html: Jekyll would write both to /tag/t1/index.html');
    expect(run.stderr).toContain('finews: _data/finews.json: exists and was not written by finews');
    for (const [f, text] of before) expect(readFileSync(path.join(site, f), 'utf8')).toBe(text);
    expect(run.stdout).toContain('removed: category/gone.html');
    expect(run.stdout).toContain('removed: category/gone/page/2.html');
    expect(existsSync(path.join(site, 'category/gone'))).toBe(false);
    expect(existsSync(path.join(site, 'category/kept.html'))).toBe(true);
    expect(existsSync(path.join(site, 'tag/t1.html'))).toBe(false);
    expect(run.stdout).toMatch(/3 files left alone \(not finews'\)$/m);
    // The index does not link to pages that were not written.
    const categories = readFileSync(path.join(site, 'category/index.html'), 'utf8');
    expect(categories).toContain('href="{{ site.baseurl }}/category/kept/"');
    expect(categories).toContain('<li>mine <span class="count">1</span></li>');
  });

  it('with a page removed by hand from finews, it stops treating that page as its own', async () => {
    const site = copy('owned');
    await runIndex(site);
    const kept = path.join(site, 'category/kept.html');
    writeFileSync(kept, readFileSync(kept, 'utf8').replace('generated_by: finews index\n', ''));
    const edited = readFileSync(kept, 'utf8');
    const run = await runIndex(site, { list: true });
    expect(run.stderr).toContain('category/kept.html: exists and was not written by finews');
    expect(readFileSync(kept, 'utf8')).toBe(edited);
  });

  it('a data file it wrote goes when data is turned off', async () => {
    const site = copy('basic');
    await runIndex(site);
    const config = path.join(site, '_config.yml');
    writeFileSync(config, readFileSync(config, 'utf8').replace('  index:\n', '  index:\n    data: false\n    tags: false\n'));
    const run = await runIndex(site);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('removed: _data/finews.json');
    expect(run.stdout).toContain('removed: tag/index.html');
    expect(existsSync(path.join(site, '_data/finews.json'))).toBe(false);
    expect(readdirSync(path.join(site, 'tag'))).toEqual([]);
  });
});

describe('finews index: errors a user can make', () => {
  it.each([
    [{ slugStyle: 'klingon' as never }, '--slug-style must be one of jekyll, pinyin, pinyin-joined, ascii'],
    [{ perPage: 0 }, '--per-page must be a whole number, 1 or more'],
    [{ check: true, dryRun: true }, '--dry-run and --check cannot be used together'],
  ])('%o → exit 2, one line', async (options, message) => {
    const run = await runIndex(copy('basic'), options);
    expect(run).toEqual({ exitCode: 2, stdout: '', stderr: `finews: ${message}\n` });
  });

  it('refuses a folder that is not a Jekyll site, writing nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'finews-index-nosite-'));
    temps.push(dir);
    const run = await runIndex(dir);
    expect(run).toEqual({ exitCode: 2, stdout: '', stderr: `finews: ${dir}: not a Jekyll site: no _config.yml here or above, and no _posts folder\n` });
    expect(readdirSync(dir)).toEqual([]);
  });

  it.each([
    ['    per_page: many\n', 'finews.index.per_page: must be a whole number of posts, 1 or more'],
    ['    category_dir: _category\n', 'finews.index.category_dir: Jekyll does not build files under "_category"'],
    ['    tag_dir: category\n', 'finews.index.tag_dir: must differ from category_dir (category)'],
    ['    category_permalink: /category/:title/\n', 'finews.index.category_permalink: must contain :slug (or :name)'],
    ['    category_permalink: /category/:slug/:title/\n', 'finews.index.category_permalink: :title is not known here'],
    ['    tag_permalink: tag/:slug.html\n', 'finews.index.tag_permalink: must start with /'],
    ['    pager_permalink: /page/:num/\n', 'finews.index.pager_permalink: must start with :path'],
    ['    pager_permalink: ":path/page/"\n', 'finews.index.pager_permalink: must contain :num'],
    ['    archives: [week]\n', 'finews.index.archives: "week" is not an archive: use year, month, day'],
    ['    archives: [month]\n    archive_permalinks: {month: /:year/}\n', 'finews.index.archive_permalinks.month: must contain :month'],
    ['    archives: [year]\n    archive_dir: tag\n', 'finews.index.archive_dir: must differ from tag_dir (tag)'],
    ['    archive_layouts: {week: x}\n', 'finews.index.archive_layouts.week: unknown setting'],
    ['    archive_titles: {year: 2022}\n', 'finews.index.archive_titles: year must be a strftime format'],
    ['    list: sometimes\n', 'finews.index.list: must be true, false or auto'],
    ['    colour: red\n', 'finews.index.colour: unknown setting'],
  ])('bad setting %j → exit 2 naming it', async (line, message) => {
    const site = copy('basic');
    const config = path.join(site, '_config.yml');
    writeFileSync(config, readFileSync(config, 'utf8').replace('  index:\n', `  index:\n${line}`));
    const run = await runIndex(site);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(path.join(site, '_data'))).toBe(false);
  });
});

describe('two runs at once', () => {
  it('give the result of one run: the lock serialises them', async () => {
    const one = copy('basic');
    await runIndex(one, { list: true, perPage: 2 });
    const site = copy('basic');
    const runs = await Promise.all([runIndex(site, { list: true, perPage: 2 }), runIndex(site, { list: true, perPage: 2 })]);
    expect(runs.map((r) => r.exitCode)).toEqual([0, 0]);
    // One wrote everything; the other, planning after it, found everything in place.
    expect(runs.map((r) => /wrote (\d+) files/.exec(r.stdout)![1]).sort()).toEqual(['0', String(snapshot(one).size - snapshot(path.join(FIXTURES, 'basic')).size)]);
    expect(snapshot(site)).toEqual(snapshot(one));
    expect(existsSync(path.join(site, '.finews-index.lock'))).toBe(false);
  });

  it('a lock held by a live process makes the next run wait, then fail with exit 2', async () => {
    const site = copy('basic');
    const config = path.join(site, '_config.yml');
    writeFileSync(config, readFileSync(config, 'utf8').replace('  index:\n', '  index:\n    lock_timeout: 0.2\n'));
    writeFileSync(path.join(site, '.finews-index.lock'), JSON.stringify({ pid: process.pid, host: (await import('node:os')).hostname(), since: 'earlier' }));
    const run = await runIndex(site);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/\.finews-index\.lock: another finews index is running \(pid \d+ on .*, since earlier\); if none is, delete this file\n$/);
    expect(existsSync(path.join(site, '_data'))).toBe(false);
  });

  it('a lock left by a process that died is taken over', async () => {
    const site = copy('basic');
    const lock = path.join(site, '.finews-index.lock');
    // A pid that cannot be running: above the kernel's pid_max.
    writeFileSync(lock, JSON.stringify({ pid: 2 ** 30, host: (await import('node:os')).hostname(), since: 'long ago' }));
    const run = await runIndex(site);
    expect(run.exitCode).toBe(0);
    expect(existsSync(lock)).toBe(false);
    expect(statSync(path.join(site, '_data/finews.json')).isFile()).toBe(true);
  });
});

describe('finews index: quiet, check, folders, and sites without layouts', () => {
  it('-q prints nothing when all is well, and only the problems when not', async () => {
    const site = copy('basic');
    const quiet = await runIndex(site, { quiet: true });
    expect(quiet.exitCode).toBe(0);
    expect(quiet.stdout).toBe('');
    // The warnings are problems: they stay.
    expect(quiet.stderr).toContain('share the title "2022"');
    expect(quiet.stderr).not.toContain('titles from paired tags');
    expect((await runIndex(site)).stdout).not.toContain('titles from paired tags');
  });

  it('--check checks what the same options would write, and its hint repeats them', async () => {
    const site = copy('basic');
    await runIndex(site, { list: true, perPage: 2 });
    expect(await runIndex(site, { check: true, list: true, perPage: 2 })).toMatchObject({ exitCode: 0, stdout: expect.stringMatching(/^up to date: \d+ files$/m) });
    const other = await runIndex(site, { check: true, list: true, perPage: 3, quiet: true });
    expect(other.exitCode).toBe(1);
    expect(other.stdout).toMatch(/^\d+ files out of date: run finews index --list --per-page 3\n$/);
  });

  it('a folder that does not exist is exit 2, and nothing is written anywhere', async () => {
    const site = copy('basic');
    const before = snapshot(site);
    const run = await runIndex(site, { site: 'nonexistent' });
    expect(run).toEqual({ exitCode: 2, stdout: '', stderr: 'finews: nonexistent: no such folder\n' });
    expect(snapshot(site)).toEqual(before);
  });

  it('a site without category and tag layouts gets pages that list their posts, and is told what to add', async () => {
    const site = copy('basic');
    rmSync(path.join(site, '_layouts/category.html'));
    rmSync(path.join(site, '_layouts/tag.html'));
    const run = await runIndex(site);
    expect(run.exitCode).toBe(0);
    expect(readFileSync(path.join(site, 'category/egongsi.html'), 'utf8')).toContain('<ul class="finews-posts">');
    expect(readFileSync(path.join(site, 'tag/e公司新闻.html'), 'utf8')).toContain('<ul class="finews-posts">');
    expect(run.stderr).toContain('finews: warning: layout "category" is not in _layouts/: Jekyll shows these pages without the site\'s design; add _layouts/category.html or set finews.index.category_layout to a layout the site has (e.g. default)');
    // With its layouts back, the layouts list the posts again: no static lists.
    cpSync(path.join(FIXTURES, 'basic/_layouts'), path.join(site, '_layouts'), { recursive: true });
    await runIndex(site);
    expect(readFileSync(path.join(site, 'category/egongsi.html'), 'utf8')).not.toContain('finews-posts');
  });

  it('writes no empty page: no page of all tags on a site with no tags, and no warning about its layout', async () => {
    const site = copy('basic');
    for (const name of readdirSync(path.join(site, '_posts'))) {
      const file = path.join(site, '_posts', name);
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^tags:.*\n(?:- .*\n)*/m, ''));
    }
    rmSync(path.join(site, 'news'), { recursive: true });
    rmSync(path.join(site, '_layouts/tag.html'));
    const run = await runIndex(site);
    expect(run.stdout).toMatch(/and 0 tags from/);
    expect(existsSync(path.join(site, 'tag/index.html'))).toBe(false);
    expect(existsSync(path.join(site, 'category/index.html'))).toBe(true);
    expect(run.stderr).not.toContain('layout "tag"');
    expect(readData(site).tags).toEqual([]);
  });
});
