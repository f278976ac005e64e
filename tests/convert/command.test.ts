import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { convert, type ConvertOptions } from '../../src/commands/convert.js';
import { KramdownUnavailableError } from '../../src/convert/kramdown.js';
import { UsageError } from '../../src/errors.js';
import { captureIo } from '../helpers/io.js';
import { hasKramdown } from './helpers.js';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/convert');
const env = { PATH: process.env.PATH };
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'finews-convert-'));
  cpSync(fixtures, dir, { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const options = (over: Partial<ConvertOptions>): ConvertOptions => ({ inputs: [], write: false, check: false, verify: false, stockLinks: 'link', ...over });
const run = async (over: Partial<ConvertOptions>, io = captureIo(dir, { env })) => ({ code: await convert(options(over), io), out: io.out(), err: io.err() });
const post = (name: string) => path.join(dir, 'site/_posts', name);

describe('finews convert, one input', () => {
  it('prints the article of a whole page as Markdown and reports what it removed from it', async () => {
    const r = await run({ inputs: ['page.html'], verbose: true });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^# 央行：加大金融支持消费力度\n\n　　据\[贵州茅台\]\(http:\/\/quote\.eastmoney\.com\/unify\/r\/1\.600519\)公告，<strong>“雪球”<\/strong>产品暂停发行。\n/);
    expect(r.out).toContain('| 腾讯控股 | 00700 |');
    for (const gone of ['金融消息', '东财滚动新闻', '隐藏的文字', 'javascript', 'steal', 'window.track', '页面标题']) expect(r.out).not.toContain(gone);
    expect(r.out).toContain('点击这里了解更多。');
    expect(r.err).toMatch(/page\.html: removed <p> hidden element \(display:none, visibility:hidden or hidden\), text "隐藏的文字"/);
    expect(r.err).toMatch(/page\.html: removed <a> unsafe URL, link javascript:alert\(1\)/);
  });

  it('without an article, takes the body less its header, navigation, sidebar and footer, and says so', async () => {
    const r = await run({ inputs: ['page-without-article.html'], verbose: true });
    expect(r.out).toBe('正文\n');
    expect(r.err.split('\n').filter(Boolean)).toEqual([
      'page-without-article.html: removed <header> page chrome (header, navigation, sidebar or footer), text "站名"',
      'page-without-article.html: removed <nav> page chrome (header, navigation, sidebar or footer), text "导航", link /x',
      'page-without-article.html: removed <aside> page chrome (header, navigation, sidebar or footer), text "侧栏"',
      'page-without-article.html: removed <footer> page chrome (header, navigation, sidebar or footer), text "页脚"',
    ]);
  });

  it('without --verbose, counts what it removed by kind on one line', async () => {
    const r = await run({ inputs: ['site/_posts/2022-01-01-unsafe.md'] });
    expect(r.err.split('\n').filter(Boolean)).toEqual([expect.stringMatching(/^site\/_posts\/2022-01-01-unsafe\.md: removed \d+ × .*; \d+ × .* \(--verbose lists each\)$/)]);
  });

  it('reads standard input with -, and writes -o atomically instead of printing', async () => {
    const io = captureIo(dir, { env });
    io.stdin = Readable.from([Buffer.from(readFileSync(path.join(fixtures, 'fragment.html')))]);
    expect(await convert(options({ inputs: ['-'], output: 'out.md' }), io)).toBe(0);
    expect(io.out()).toBe('');
    const written = readFileSync(path.join(dir, 'out.md'), 'utf8');
    expect(written).toContain('加拿大年金计划委员会(C[PPI](http://data.eastmoney.com/cjsj/ppi.html)B)持有腾讯控股。  \n第二行');
    expect(written).toContain('[![K图 00700_0](https://webquoteklinepic.eastmoney.com/GetPic.aspx?nid=116.00700&imageType=k)](http://quote.eastmoney.com/unify/r/116.00700){: target="_blank"}');
  });

  it('--stock-links text keeps the names, whole', async () => {
    const r = await run({ inputs: ['fragment.html'], stockLinks: 'text', verbose: true });
    expect(r.out).toContain('加拿大年金计划委员会(CPPIB)持有腾讯控股。');
    expect(r.err).toContain('removed <a> stock-name link (--stock-links text), text "PPI", link http://data.eastmoney.com/cjsj/ppi.html');
  });

  it('keeps a post\'s front matter byte for byte and the Markdown parts as they are', async () => {
    const original = readFileSync(post('2022-05-26-mixed.md'), 'utf8');
    const r = await run({ inputs: ['site/_posts/2022-05-26-mixed.md'] });
    const frontMatter = original.slice(0, original.indexOf('---\n', 4) + 4);
    expect(r.out.startsWith(frontMatter)).toBe(true);
    expect(r.out).toContain('> 摘要：据<span>霍尼韦尔</span>官网消息。\n\n据霍尼韦尔官网消息，[蔚来](http://quote.eastmoney.com/unify/r/106.NIO)旗下ET7新能源汽车。');
    expect(r.out.endsWith('[返回东财滚动新闻](//finews.withounder.com/emnews/)｜[返回首页](//finews.withounder.com/)\n')).toBe(true);
  });

  it('removes unsafe links and scripts from the Markdown parts too, but not from code', async () => {
    const r = await run({ inputs: ['site/_posts/2022-01-01-unsafe.md'], verbose: true });
    expect(r.out).toContain('点这里看看，还有 `<script>代码</script>`。');
    expect(r.out).not.toMatch(/javascript|steal|onclick/);
    expect(r.err.split('\n').filter(Boolean)).toHaveLength(3);
  });

  it.skipIf(!hasKramdown)('--verify refuses what kramdown would render differently, and prints nothing', async () => {
    writeFileSync(path.join(dir, 'deep.md'), `${'<div>'.repeat(20_000)}深${'</div>'.repeat(20_000)}`);
    const r = await run({ inputs: ['deep.md'], verify: true });
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^deep\.md: not converted, the rendering would change:\n  cannot render with kramdown: SystemStackError/);
  });

  it.skipIf(!hasKramdown)('--verify passes what renders the same', async () => {
    const r = await run({ inputs: ['site/_posts/2022-05-26-mixed.md'], verify: true });
    expect(r.code).toBe(0);
    expect(r.out).toContain('**什么是HFO-1234yf**');
  });

  it('--verify without Ruby is a named error naming what to install', async () => {
    const io = captureIo(dir, { env: { PATH: path.join(dir, 'no-such-bin') } });
    const failure = convert(options({ inputs: ['fragment.html'], verify: true }), io);
    await expect(failure).rejects.toBeInstanceOf(KramdownUnavailableError);
    await expect(failure).rejects.toThrow(/--verify needs ruby with kramdown and kramdown-parser-gfm \(Debian: apt-get install jekyll\): ruby not found/);
  });

  it('usage errors', async () => {
    await expect(run({ inputs: ['a.md', 'b.md'] })).rejects.toThrow(UsageError);
    await expect(run({ inputs: [] })).rejects.toThrow(/give a file to convert/);
    await expect(run({ inputs: ['x'], write: true, check: true })).rejects.toThrow(/--write and --check: choose one/);
    await expect(run({ inputs: ['x'], write: true, output: 'y' })).rejects.toThrow(UsageError);
    await expect(run({ inputs: ['-'], check: true })).rejects.toThrow(/standard input cannot be converted in place/);
    await expect(run({ inputs: ['missing.html'] })).rejects.toThrow(/missing\.html: no such file or directory/);
  });
});

describe('finews convert --write and --check', () => {
  it('converts in place, leaves Markdown posts untouched (mtime too), skips what is not Markdown, fails what is not UTF-8', async () => {
    const markdown = post('2021-12-08-markdown.md');
    const before = { text: readFileSync(markdown, 'utf8'), mtime: statSync(markdown).mtimeMs };
    const notUtf8 = readFileSync(post('2022-01-02-not-utf8.md'));
    const r = await run({ inputs: ['site/_posts'], write: true });
    expect(r.code).toBe(2);
    expect(r.err).toContain('site/_posts/2022-01-02-not-utf8.md: not UTF-8 text: left as it is');
    expect(r.err).toContain('converted 2, unchanged 1, failed 1, skipped 1 (not Markdown)');
    expect(r.err).toContain('removed on purpose: 1 × Markdown link: unsafe URL; 1 × <script> script');
    expect(readFileSync(markdown, 'utf8')).toBe(before.text);
    expect(statSync(markdown).mtimeMs).toBe(before.mtime);
    expect(readFileSync(post('2022-01-02-not-utf8.md'))).toEqual(notUtf8);
    expect(readFileSync(post('2022-05-26-mixed.md'), 'utf8')).not.toContain('<p>');
    expect(readFileSync(path.join(dir, 'site/_posts/notes.txt'), 'utf8')).toBe('not a post\n');
    expect(existsSync(path.join(dir, 'site/_posts')) && readFileSync(post('2022-01-01-unsafe.md'), 'utf8')).not.toMatch(/javascript/);
  });

  it('--check lists the posts that would change and exits 1; after --write it exits 0', async () => {
    rmSync(post('2022-01-02-not-utf8.md'));
    const check = await run({ inputs: ['site/_posts/*.md'], check: true });
    expect(check.code).toBe(1);
    expect(check.out.split('\n').filter(Boolean).sort()).toEqual(['site/_posts/2022-01-01-unsafe.md', 'site/_posts/2022-05-26-mixed.md']);
    expect(check.err).toContain('would convert 2, unchanged 1, failed 0');
    expect((await run({ inputs: ['site/_posts'], write: true })).code).toBe(0);
    const again = await run({ inputs: ['site/_posts'], check: true });
    expect(again).toMatchObject({ code: 0, out: '' });
  });

  it('draws a progress bar on a terminal only', async () => {
    rmSync(post('2022-01-02-not-utf8.md'));
    const tty = captureIo(dir, { env, tty: true });
    await convert(options({ inputs: ['site/_posts'], check: true }), tty);
    expect(tty.err()).toMatch(/\rchecking \[#+\.*\] \d+\/4/);
    expect(tty.err()).toContain('\r\x1b[K');
    const plain = await run({ inputs: ['site/_posts'], check: true });
    expect(plain.err).not.toContain('\r');
  });
});

describe('finews convert in a site: the classes its own files name', () => {
  it('keeps a paragraph class the site styles, in --write, --verify and one input alike; drops one it never names', async () => {
    const site = path.join(dir, 'styled');
    const body = '<p class="lead em_media" style="text-align:center">导语</p>\n<p>正文</p>\n';
    for (const [file, text] of Object.entries({ '_config.yml': 'title: t\n', 'assets/site.css': 'p.lead { font-size: 1.2em }\n', '_posts/2024-01-01-a.md': `---\ntitle: a\n---\n${body}` })) {
      const full = path.join(site, file);
      mkdirSync(path.dirname(full), { recursive: true });
      writeFileSync(full, text);
    }
    const expected = '---\ntitle: a\n---\n导语\n{: style="text-align:center" class="lead"}\n\n正文\n';
    const one = await run({ inputs: ['styled/_posts/2024-01-01-a.md'] });
    expect(one.out).toBe(expected);
    const written = await run({ inputs: ['styled/_posts'], write: true, verify: hasKramdown });
    expect(written.err).not.toContain('not converted');
    expect(readFileSync(path.join(site, '_posts/2024-01-01-a.md'), 'utf8')).toBe(expected);
  });
});
