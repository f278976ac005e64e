import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { parsePost } from '../../src/post/parse.js';
import { loadSite } from '../../src/site/config.js';
import { captureIo } from '../helpers/io.js';
import { buildWithJekyll, copyToTemp, hasJekyll } from '../helpers/jekyll.js';

const fixture = path.resolve(import.meta.dirname, '../../fixtures/site');
let site: string;
beforeEach(() => {
  site = mkdtempSync(path.join(tmpdir(), 'finews-new-'));
  cpSync(fixture, site, { recursive: true });
});
afterEach(() => rmSync(site, { recursive: true, force: true }));

const NOW = new Date('2026-11-25T01:02:03Z'); // 09:02:03 in Shanghai
const run = async (...argv: string[]) => {
  const io = captureIo(site, { now: NOW });
  const code = await main(['new', ...argv], io);
  return { code, out: io.out(), err: io.err() };
};

describe('finews new', () => {
  it('writes a post Jekyll reads with the date, categories and tags asked for', async () => {
    const r = await run('央行：加大金融支持消费力度', '-c', 'egongsi', '-c', 'Finance News', '-t', 'e公司新闻');
    expect(r).toMatchObject({ code: 0, err: '' });
    const rel = r.out.trim();
    expect(rel).toBe('_posts/2026-11-25-央行-加大金融支持消费力度.md');
    const text = readFileSync(path.join(site, rel), 'utf8');
    expect(text).toBe(
      '---\nlayout: post\ntitle: "央行：加大金融支持消费力度"\ndate: 2026-11-25 09:02:03 +0800\ncategories: [egongsi, "Finance News"]\ntags: [e公司新闻]\n---\n',
    );
    const post = parsePost(text, rel, await loadSite(site));
    expect(post.jekyll).toMatchObject({ categories: ['egongsi', 'Finance News'], tags: ['e公司新闻'], skip: null });
    expect(post.problems).toEqual([]);
  });

  it('never clobbers: a second run is an error (exit 2) unless --force', async () => {
    expect((await run('Same title')).code).toBe(0);
    const second = await run('Same title', '--body-file', path.join(fixture, '_config.yml'));
    expect(second.code).toBe(2);
    expect(second.err).toMatch(/^finews: _posts\/2026-11-25-same-title\.md: already exists; use --force/);
    expect(second.err.split('\n').filter(Boolean)).toHaveLength(1);
    const forced = await run('Same title', '--force', '--body-file', path.join(fixture, '_config.yml'));
    expect(forced.code).toBe(0);
    expect(readFileSync(path.join(site, '_posts/2026-11-25-same-title.md'), 'utf8')).toContain('timezone: Asia/Shanghai');
  });

  it('gives six parallel runs with one title one file and five clear errors', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, () => run('Breaking news')));
    expect(results.filter((r) => r.code === 0)).toHaveLength(1);
    const failed = results.filter((r) => r.code === 2);
    expect(failed).toHaveLength(5);
    for (const f of failed) expect(f.err).toMatch(/already exists/);
    expect(readdirSync(path.join(site, '_posts')).filter((f) => f.includes('breaking-news'))).toHaveLength(1);
    expect(readdirSync(path.join(site, '_posts')).filter((f) => f.startsWith('.finews-tmp'))).toEqual([]);
  });

  it.each([
    'He said "no": #1 isn\'t ../../etc/passwd',
    'line one\nline two',
    'yes',
    '2022-01-06',
    '- dash: start',
    `${'长标题'.repeat(170)}`,
    'tab\tand \u2028 separator',
  ])('keeps a hostile title safe and exact: %j', async (title) => {
    const r = await run('--', title); // a title may start with a dash
    expect(r.code).toBe(0);
    const rel = r.out.trim();
    expect(path.dirname(rel)).toBe('_posts');
    expect(Buffer.byteLength(path.basename(rel))).toBeLessThan(255);
    const post = parsePost(readFileSync(path.join(site, rel)), rel, await loadSite(site));
    expect(post.jekyll.title).toBe(title);
    expect(post.jekyll.skip).toBeNull();
  });

  it('asks for --slug when the title slugs to nothing', async () => {
    const r = await run('：“”！', '--slug-style', 'jekyll');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--slug/);
    const ascii = await run('财经新闻', '--slug-style', 'ascii');
    expect(ascii.code).toBe(2);
    expect((await run('财经新闻', '--slug-style', 'pinyin')).out.trim()).toBe('_posts/2026-11-25-caijing-xinwen.md');
  });

  it('rejects a --slug that leaves the posts folder', async () => {
    expect((await run('x', '--slug', '../escape')).code).toBe(2);
    expect(existsSync(path.join(site, 'escape.md'))).toBe(false);
  });

  it('--dry-run prints the post and writes nothing', async () => {
    const r = await run('Dry', '--date', '2022-01-06 21:25:59', '--layout', 'news');
    expect(r.code).toBe(0);
    const dry = await run('Dry 2', '--dry-run', '--date', '2022-01-06 21:25:59');
    expect(dry.out).toContain('date: 2022-01-06 21:25:59 +0800\n');
    expect(dry.err).toBe('would write _posts/2022-01-06-dry-2.md\n');
    expect(existsSync(path.join(site, '_posts/2022-01-06-dry-2.md'))).toBe(false);
  });

  it('--draft writes _drafts/<slug>.md with no date', async () => {
    const r = await run('A draft', '--draft');
    expect(r.out.trim()).toBe('_drafts/a-draft.md');
    expect(readFileSync(path.join(site, '_drafts/a-draft.md'), 'utf8')).not.toMatch(/^date:/m);
  });

  it('takes defaults from finews.new in _config.yml', async () => {
    writeFileSync(path.join(site, '_config.yml'), 'timezone: Asia/Shanghai\nfinews:\n  new:\n    layout: article\n    categories: [emnews]\n    tags: 东财滚动新闻\n    slug_style: pinyin\n');
    const r = await run('茅台');
    const text = readFileSync(path.join(site, r.out.trim()), 'utf8');
    expect(r.out.trim()).toBe('_posts/2026-11-25-mao-tai.md');
    expect(text).toContain('layout: article\n');
    expect(text).toContain('categories: [emnews]\n');
    expect(text).toContain('tags: [东财滚动新闻]\n');
  });

  it("files the post in the site's folder for its first category, where Jekyll builds it as show says", async () => {
    mkdirSync(path.join(site, '_posts', 'opera'));
    writeFileSync(path.join(site, '_posts', 'opera', '2026-11-20-kept.md'), '---\ntitle: kept\ncategories: opera\n---\nText.\n');
    const r = await run('折子戏', '-c', 'opera', '-c', 'kunqu');
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out.trim()).toBe('_posts/opera/2026-11-25-折子戏.md');
    // A first category with no folder of its own: _posts, as before.
    expect((await run('京剧', '-c', 'peking')).out.trim()).toBe('_posts/2026-11-25-京剧.md');
    if (!hasJekyll) return;
    const copy = copyToTemp(site);
    const built = buildWithJekyll(copy);
    expect(built.status, built.output).toBe(0);
    const truth = built.posts.find((p) => p.path === '_posts/opera/2026-11-25-折子戏.md');
    const io = captureIo(site, { now: NOW });
    await main(['show', '--json', '_posts/opera/2026-11-25-折子戏.md'], io);
    const [shown] = JSON.parse(io.out()) as { url: string; categories: unknown[] }[];
    expect(truth).toMatchObject({ url: shown!.url, categories: ['opera', 'kunqu'] });
  });

  it('rejects a --date it cannot read', async () => {
    const r = await run('x', '--date', 'someday');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^finews: --date/);
  });
});

describe('finews new --open', () => {
  it('opens the new post in $EDITOR, with its arguments', async () => {
    const editor = path.join(site, 'fake-editor.sh');
    writeFileSync(editor, '#!/bin/sh\nprintf "%s|%s" "$1" "$2" > "$(dirname "$0")/opened.txt"\n', { mode: 0o755 });
    const io = captureIo(site, { now: NOW, env: { EDITOR: `${editor} --wait` } });
    expect(await main(['new', 'Open me', '--open'], io)).toBe(0);
    expect(readFileSync(path.join(site, 'opened.txt'), 'utf8')).toBe(`--wait|${path.join(site, '_posts/2026-11-25-open-me.md')}`);
  });

  it('says what is missing when no editor is set', async () => {
    const io = captureIo(site, { now: NOW, env: {} });
    expect(await main(['new', 'No editor', '--open'], io)).toBe(2);
    expect(io.err()).toMatch(/\$VISUAL or \$EDITOR/);
    expect(existsSync(path.join(site, '_posts/2026-11-25-no-editor.md'))).toBe(false);
  });
});

describe('finews new --from', () => {
  it('makes the body from an HTML article, converted, and says what it removed', async () => {
    writeFileSync(
      path.join(site, 'article.html'),
      '<!doctype html><html><body><nav>menu</nav><article><p>正文<a href="http://x.com/a">链接</a></p><script>alert(1)</script><img src="http://x.com/i.png"></article></body></html>',
    );
    const r = await run('From HTML', '--from', 'article.html');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/removed on purpose from article\.html: 1 × <script> script/);
    const text = readFileSync(path.join(site, r.out.trim()), 'utf8');
    expect(text).toMatch(/---\n正文\[链接\]\(http:\/\/x\.com\/a\)\n\n!\[\]\(http:\/\/x\.com\/i\.png\)\n$/);
    expect(text).not.toMatch(/menu|alert/);
  });

  it('refuses --from with --body-file', async () => {
    expect((await run('x', '--from', 'a.html', '--body-file', 'b.md')).code).toBe(2);
  });
});
