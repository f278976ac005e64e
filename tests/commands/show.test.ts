import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import type { ShowEntry } from '../../src/commands/show.js';
import { captureIo } from '../helpers/io.js';
import { makeSite, tempDir } from '../helpers/site.js';

const root = path.resolve(import.meta.dirname, '../..');

describe('finews show', () => {
  it('--json prints one object per file with the documented keys', async () => {
    const io = captureIo(root);
    const code = await main(['show', '--json', 'fixtures/site/_posts'], io);
    expect(code).toBe(0);
    const entries = JSON.parse(io.out()) as ShowEntry[];
    expect(entries).toHaveLength(6);
    for (const e of entries) expect(Object.keys(e)).toEqual(expect.arrayContaining(['path', 'url', 'date', 'categories', 'tags', 'title', 'skip', 'problems']));
    const byPath = Object.fromEntries(entries.map((e) => [e.path, e]));
    expect(byPath['_posts/-202205262391921712.md']!.skip).toBe('no-filename-date');
    expect(byPath['_posts/2022-01-06-late-night.md']).toMatchObject({
      url: '/emnews/2022/01/07/late-night.html',
      date: '2022-01-07 05:25:59 +0800',
      skip: null,
    });
    expect(byPath['_posts/2022-01-06-late-night.md']!.problems.map((p) => p.rule)).toEqual(['date-no-offset', 'filename-date-mismatch']);
    expect(byPath['_posts/2022-01-07-finance-news.md']!.url).toBe('/finance%20news/2022/01/07/finance-news.html');
    expect(byPath['_posts/2021-12-08-202112082206703990.md']).toMatchObject({ title: '202112082206703990', categories: [], dateSource: 'filename' });
  });

  it('prints a readable report without colour off a TTY', async () => {
    const io = captureIo(root);
    await main(['show', 'fixtures/site/_posts/2022-01-06-late-night.md'], io);
    expect(io.out()).toContain('  url        /emnews/2022/01/07/late-night.html\n');
    expect(io.out()).toContain('1 file: 1 built by Jekyll, 0 left out');
    expect(io.out()).not.toMatch(/\x1b\[/);
  });

  it('colours on a TTY unless NO_COLOR is set', async () => {
    const tty = captureIo(root, { tty: true });
    await main(['show', 'fixtures/site/_posts/2022-01-06-late-night.md'], tty);
    expect(tty.out()).toMatch(/\x1b\[/);
    const noColor = captureIo(root, { tty: true, env: { NO_COLOR: '1' } });
    await main(['show', 'fixtures/site/_posts/2022-01-06-late-night.md'], noColor);
    expect(noColor.out()).not.toMatch(/\x1b\[/);
  });

  it('reports a missing file and exits 2, showing the rest', async () => {
    const io = captureIo(root);
    const code = await main(['show', '--json', 'fixtures/site/_posts/nope.md', 'fixtures/site/_posts/2022-01-06-late-night.md'], io);
    expect(code).toBe(2);
    const entries = JSON.parse(io.out()) as ShowEntry[];
    expect(Object.fromEntries(entries.map((e) => [e.path, e.skip]))).toEqual({
      '_posts/nope.md': 'unreadable',
      '_posts/2022-01-06-late-night.md': null,
    });
    expect(entries.find((e) => e.skip === 'unreadable')!.problems[0]!.message).toMatch(/does not exist/);
  });

  it('names file and line when _config.yml is bad', async () => {
    const io = captureIo(path.join(root, 'fixtures/conformance-fatal'));
    const { writeFileSync, mkdirSync } = await import('node:fs');
    const dir = tempDir('finews-bad-config-');
    mkdirSync(path.join(dir, '_posts'));
    writeFileSync(path.join(dir, '_config.yml'), 'title: ok\ntimezone: Nowhere/Land\n');
    writeFileSync(path.join(dir, '_posts/2022-01-06-a.md'), '---\ntitle: a\n---\n');
    const code = await main(['show', path.join(dir, '_posts')], io);
    expect(code).toBe(2);
    expect(io.err()).toMatch(/^finews: .*_config\.yml:2: unknown timezone "Nowhere\/Land"/);
  });

  it('shows a document of another collection as one, with its URL; lint names it and leaves it', async () => {
    const dir = makeSite({
      '_config.yml': 'collections:\n  articles:\n    output: true\n',
      '_articles/scraped.md': '---\ntitle: 抓取的文章\ndate: 2024-03-05 10:00:00 +0000\n---\n正文\n',
      'notes/plain.md': '---\ntitle: 笔记\n---\n正文\n',
    });
    const io = captureIo(dir);
    expect(await main(['show', '_articles/scraped.md', 'notes/plain.md'], io)).toBe(0);
    expect(io.out()).toContain('  collection articles (a document, not a post)\n  url        /articles/scraped.html\n');
    expect(io.out()).toContain('2 files: 1 built by Jekyll, 1 left out (1 document of other collections)');
    // A collection's folder: its documents, and no post.
    const folder = captureIo(dir);
    await main(['show', '--json', '_articles'], folder);
    expect((JSON.parse(folder.out()) as ShowEntry[]).map((e) => [e.path, e.collection, e.url])).toEqual([['_articles/scraped.md', 'articles', '/articles/scraped.html']]);
    const lint = captureIo(dir);
    expect(await main(['lint', '_articles/scraped.md'], lint)).toBe(2);
    expect(lint.err()).toBe('finews: _articles/scraped.md: a document of the collection "articles", not a post (finews reads posts only): not checked\n');
  });
});
