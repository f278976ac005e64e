import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import type { ShowEntry } from '../../src/commands/show.js';
import { captureIo } from '../helpers/io.js';
import { buildWithJekyll, hasJekyll } from '../helpers/jekyll.js';

const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

/** Posts whose fixes move their URL, each in a shape the real sites have. */
const POSTS: Record<string, string> = {
  // Late evening in Shanghai, no offset: read as UTC, dated the next day; the fix dates it the day it was written.
  '2022-01-06-late-night.md': '---\nlayout: post\ntitle: Late\ndate: 2022-01-06 21:25:59\ncategories: emnews\n---\nText.\n',
  // Front matter after a blank line: Jekyll builds it from the file name; once fixed, its category counts.
  '2021-12-08-displaced.md': '\n---\nlayout: post\ntitle: Displaced\ndate: 2021-12-08 10:18:31 +0800\ncategories: emnews\n---\nText.\n',
  // A Chinese slug: the URL holds percent escapes, which the pinned permalink must give back byte for byte.
  '2022-01-06-央行.md': '---\nlayout: post\ntitle: 央行\ndate: 2022-01-06 23:30:00\ncategories: [财经]\n---\nText.\n',
  // Its own permalink template, which the fix would move: replaced by the URL it gave.
  '2022-01-06-own.md': '---\nlayout: post\ntitle: Own\ndate: 2022-01-06 22:00:00\npermalink: /:categories/:year/:month/:day/:title/\ncategories: news\n---\nText.\n',
  // Nothing moves: no notice, no permalink.
  '2022-01-06-noon.md': '---\nlayout: post\ntitle: Noon\ndate: 2022-01-06 12:00:00\n---\nText.\n',
};

function site(config = 'timezone: Asia/Shanghai\n', posts = POSTS): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'finews-url-keep-'));
  temps.push(dir);
  mkdirSync(path.join(dir, '_posts'));
  mkdirSync(path.join(dir, '_layouts'));
  writeFileSync(path.join(dir, '_layouts', 'post.html'), '{{ content }}');
  writeFileSync(path.join(dir, '_config.yml'), config);
  for (const [name, text] of Object.entries(posts)) writeFileSync(path.join(dir, '_posts', name), text);
  return dir;
}

async function run(dir: string, args: string[]) {
  const io = captureIo(dir);
  const code = await main(['lint', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

const urls = (dir: string) => {
  const build = buildWithJekyll(dir);
  expect(build.status, build.output).toBe(0);
  rmSync(path.join(dir, '_site'), { recursive: true, force: true });
  return Object.fromEntries(build.posts.map((p) => [p.path, p.url]));
};

const read = (dir: string, name: string) => readFileSync(path.join(dir, '_posts', name), 'utf8');

describe('a fix never moves a published URL in silence', () => {
  it.skipIf(!hasJekyll)('by default pins the old URL with permalink:, which Jekyll builds to exactly the old URL', async () => {
    const dir = site();
    const before = urls(dir);
    const { err } = await run(dir, ['--fix']);
    const moved = ['2022-01-06-late-night.md', '2021-12-08-displaced.md', '2022-01-06-央行.md', '2022-01-06-own.md'];
    expect(err.split('\n').filter(Boolean).map((l) => /^finews: _posts\/(.*?): /.exec(l)?.[1]).sort()).toEqual([...moved].sort());
    expect(err).toContain('finews: _posts/2022-01-06-late-night.md: the fixes would have moved its URL (/emnews/2022/01/07/late-night.html → /emnews/2022/01/06/late-night.html): kept /emnews/2022/01/07/late-night.html with permalink: (--fix-permalink move to move it)\n');
    expect(read(dir, '2022-01-06-late-night.md')).toBe('---\nlayout: post\ntitle: Late\ndate: 2022-01-06 21:25:59 +0800\ncategories: emnews\npermalink: /emnews/2022/01/07/late-night.html\n---\nText.\n');
    expect(read(dir, '2022-01-06-own.md')).toContain('\npermalink: /news/2022/01/07/own/\n');
    expect(read(dir, '2022-01-06-央行.md')).toContain('\npermalink: /%E8%B4%A2%E7%BB%8F/2022/01/07/%E5%A4%AE%E8%A1%8C.html\n');
    expect(read(dir, '2022-01-06-noon.md')).not.toContain('permalink');
    expect(urls(dir)).toEqual(before);
    // Settled: a second --fix changes nothing and says nothing.
    const again = await run(dir, ['--fix']);
    expect(again.err).toBe('');
  });

  it.skipIf(!hasJekyll)('--fix-permalink move moves the posts, and says so', async () => {
    const dir = site();
    const before = urls(dir);
    const { err } = await run(dir, ['--fix', '--fix-permalink', 'move']);
    expect(err).toContain('finews: _posts/2021-12-08-displaced.md: URL moved (/2021/12/08/displaced.html → /emnews/2021/12/08/displaced.html) under --fix-permalink move: links to /2021/12/08/displaced.html are broken\n');
    const after = urls(dir);
    expect(after['_posts/2022-01-06-late-night.md']).toBe('/emnews/2022/01/06/late-night.html');
    expect(after['_posts/2021-12-08-displaced.md']).toBe('/emnews/2021/12/08/displaced.html');
    expect(after['_posts/2022-01-06-noon.md']).toBe(before['_posts/2022-01-06-noon.md']);
    expect(read(dir, '2022-01-06-own.md')).toContain('\npermalink: /:categories/:year/:month/:day/:title/\n');
  });

  it('--fix-dry-run shows the move and the pinned permalink, and writes nothing', async () => {
    const dir = site();
    const { out, err } = await run(dir, ['--fix-dry-run', '_posts/2022-01-06-late-night.md']);
    expect(out).toContain('+date: 2022-01-06 21:25:59 +0800\n');
    expect(out).toContain('+permalink: /emnews/2022/01/07/late-night.html\n');
    expect(err).toBe('finews: _posts/2022-01-06-late-night.md: the fixes would move its URL (/emnews/2022/01/07/late-night.html → /emnews/2022/01/06/late-night.html): would keep /emnews/2022/01/07/late-night.html with permalink: (--fix-permalink move to move it)\n');
    expect(read(dir, '2022-01-06-late-night.md')).toBe(POSTS['2022-01-06-late-night.md']);
  });

  it('with jekyll-redirect-from in plugins, the post moves and redirect_from keeps the old URL', async () => {
    const posts = {
      '2022-01-06-late-night.md': POSTS['2022-01-06-late-night.md']!,
      '2022-01-06-had-one.md': '---\nlayout: post\ntitle: x\ndate: 2022-01-06 21:00:00\nredirect_from: /old/\n---\nText.\n',
      '2022-01-06-odd.md': '---\nlayout: post\ntitle: x\ndate: 2022-01-06 22:00:00\nredirect_from: {a: 1}\n---\nText.\n',
    };
    const dir = site('timezone: Asia/Shanghai\nplugins:\n  - jekyll-redirect-from\n', posts);
    const { err } = await run(dir, ['--fix']);
    expect(read(dir, '2022-01-06-late-night.md')).toContain('date: 2022-01-06 21:25:59 +0800\ncategories: emnews\nredirect_from: [/emnews/2022/01/07/late-night.html]\n---\n');
    expect(read(dir, '2022-01-06-had-one.md')).toContain('\nredirect_from: [/old/, /2022/01/07/had-one.html]\n');
    // A redirect_from finews cannot add to: pinned instead.
    expect(read(dir, '2022-01-06-odd.md')).toContain('\npermalink: /2022/01/07/odd.html\n');
    expect(err).toContain('finews: _posts/2022-01-06-late-night.md: URL moved (/emnews/2022/01/07/late-night.html → /emnews/2022/01/06/late-night.html); /emnews/2022/01/07/late-night.html redirects to it (redirect_from, jekyll-redirect-from)\n');
    const io = captureIo(dir);
    await main(['show', '--json', '_posts/2022-01-06-late-night.md'], io);
    const [entry] = JSON.parse(io.out()) as ShowEntry[];
    expect(entry).toMatchObject({ url: '/emnews/2022/01/06/late-night.html', fixedUrl: '/emnews/2022/01/06/late-night.html' });
  });

  it('leaves a post unfixed when its old URL cannot be written as a permalink, and says why', async () => {
    const text = '---\nlayout: post\ntitle: x\ndate: 2022-01-06 23:00:00\ncategories: "a:b"\n---\nText.\n';
    const dir = site(undefined, { '2022-01-06-colon.md': text });
    const { code, out, err } = await run(dir, ['--fix']);
    expect(read(dir, '2022-01-06-colon.md')).toBe(text);
    expect(err).toMatch(/^finews: _posts\/2022-01-06-colon\.md: not fixed: the fixes would move its URL \(\/a:b\/2022\/01\/07\/colon\.html → \/a:b\/2022\/01\/06\/colon\.html\)/);
    expect(out).toContain('date-no-offset');
    expect(code).toBe(0);
  });

  it('finews show tells both URLs: the current one and the one after the fixes', async () => {
    const dir = site();
    const io = captureIo(dir);
    expect(await main(['show', '--json'], io)).toBe(0);
    const byPath = Object.fromEntries((JSON.parse(io.out()) as ShowEntry[]).map((e) => [e.path, e]));
    expect(byPath['_posts/2021-12-08-displaced.md']).toMatchObject({ url: '/2021/12/08/displaced.html', fixedUrl: '/emnews/2021/12/08/displaced.html' });
    expect(byPath['_posts/2022-01-06-noon.md']!.fixedUrl).toBe(byPath['_posts/2022-01-06-noon.md']!.url);
    const text = captureIo(dir);
    await main(['show', '_posts/2022-01-06-late-night.md'], text);
    expect(text.out()).toContain('  url        /emnews/2022/01/07/late-night.html\n  fixed url  /emnews/2022/01/06/late-night.html (lint --fix keeps /emnews/2022/01/07/late-night.html unless --fix-permalink move)\n');
  });
});
