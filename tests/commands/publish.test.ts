import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { captureIo } from '../helpers/io.js';

const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));
const site = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'finews-publish-'));
  temps.push(dir);
  writeFileSync(path.join(dir, '_config.yml'), 'timezone: Asia/Shanghai\n');
  return dir;
};
/** 2026-11-24 23:30 UTC is already the 25th in Shanghai. */
const run = async (cwd: string, ...argv: string[]) => {
  const io = captureIo(cwd, { now: new Date('2026-11-24T23:30:00Z') });
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
};

describe('finews new --draft, publish, unpublish (as jekyll-compose has them)', () => {
  it('a draft written by new has no date, and lint takes it as it is', async () => {
    const dir = site();
    const made = await run(dir, 'new', '央行：加大金融支持', '--draft', '--slug', 'yanghang');
    expect(made.out.trim()).toBe('_drafts/yanghang.md');
    expect(readFileSync(path.join(dir, '_drafts/yanghang.md'), 'utf8')).not.toMatch(/^date:/m);
    const lint = await run(dir, 'lint', '_drafts/yanghang.md');
    expect(lint.out).not.toMatch(/required-fields/);
  });

  it('publish dates the draft in site time, names it by that date, and changes only the date', async () => {
    const dir = site();
    mkdirSync(path.join(dir, '_drafts'));
    const draft = '---\r\nlayout: post\r\ntitle: "标题: 引号" # comment\r\ntags: [a, b]\r\n---\r\n正文\r\n';
    writeFileSync(path.join(dir, '_drafts/x.md'), draft);
    const r = await run(dir, 'publish', '_drafts/x.md');
    expect(r).toEqual({ code: 0, out: '_drafts/x.md → _posts/2026-11-25-x.md\n', err: '' });
    expect(existsSync(path.join(dir, '_drafts/x.md'))).toBe(false);
    expect(readFileSync(path.join(dir, '_posts/2026-11-25-x.md'), 'utf8')).toBe(draft.replace('tags: [a, b]\r\n', 'tags: [a, b]\r\ndate: 2026-11-25 07:30:00 +0800\r\n'));
    // Read back as Jekyll would: the date, with its offset, in the name's day.
    const shown = await run(dir, 'show', '--json', '_posts/2026-11-25-x.md');
    expect(JSON.parse(shown.out)[0]).toMatchObject({ date: '2026-11-25 07:30:00 +0800', dateSource: 'front-matter', skip: null });
  });

  it('publish --date replaces a date the draft has; an existing post is never replaced without --force', async () => {
    const dir = site();
    mkdirSync(path.join(dir, '_drafts'));
    mkdirSync(path.join(dir, '_posts'));
    writeFileSync(path.join(dir, '_drafts/y.md'), '---\ntitle: y\ndate: 2020-01-01\n---\nnew text\n');
    writeFileSync(path.join(dir, '_posts/2022-01-06-y.md'), '---\ntitle: old\n---\nold text\n');
    const refused = await run(dir, 'publish', '_drafts/y.md', '--date', '2022-01-06 09:30');
    expect(refused.code).toBe(2);
    expect(refused.err).toBe('finews: _posts/2022-01-06-y.md: already exists; use --force to replace it\n');
    expect(readFileSync(path.join(dir, '_posts/2022-01-06-y.md'), 'utf8')).toMatch(/old text/);
    expect(existsSync(path.join(dir, '_drafts/y.md'))).toBe(true);
    const forced = await run(dir, 'publish', '_drafts/y.md', '--date', '2022-01-06 09:30', '--force');
    expect(forced.code).toBe(0);
    expect(readFileSync(path.join(dir, '_posts/2022-01-06-y.md'), 'utf8')).toBe('---\ntitle: y\ndate: 2022-01-06 09:30:00 +0800\n---\nnew text\n');
  });

  it('unpublish moves a post back to _drafts without its date, and publish brings it back', async () => {
    const dir = site();
    mkdirSync(path.join(dir, 'news/_posts'), { recursive: true });
    const post = '---\nlayout: post\ndate: 2022-01-06 09:30:00 +0800\ntitle: z\n---\nbody\n';
    writeFileSync(path.join(dir, 'news/_posts/2022-01-06-z.md'), post);
    const r = await run(dir, 'unpublish', 'news/_posts/2022-01-06-z.md');
    expect(r).toEqual({ code: 0, out: 'news/_posts/2022-01-06-z.md → news/_drafts/z.md\n', err: '' });
    expect(readFileSync(path.join(dir, 'news/_drafts/z.md'), 'utf8')).toBe('---\nlayout: post\ntitle: z\n---\nbody\n');
    expect(existsSync(path.join(dir, 'news/_posts/2022-01-06-z.md'))).toBe(false);
    expect((await run(dir, 'publish', 'news/_drafts/z.md', '--date', '2022-01-06 09:30:00 +0800')).code).toBe(0);
    expect(readFileSync(path.join(dir, 'news/_posts/2022-01-06-z.md'), 'utf8')).toBe('---\nlayout: post\ntitle: z\ndate: 2022-01-06 09:30:00 +0800\n---\nbody\n');
  });

  it('refuses what is not a draft or a post, and a dry run moves nothing', async () => {
    const dir = site();
    mkdirSync(path.join(dir, '_posts'));
    writeFileSync(path.join(dir, '_posts/2022-01-06-a.md'), '---\ntitle: a\n---\n');
    expect((await run(dir, 'publish', '_posts/2022-01-06-a.md')).err).toMatch(/not a draft/);
    expect((await run(dir, 'unpublish', '_posts/nodate.md')).err).toMatch(/not a post/);
    expect((await run(dir, 'publish', '_drafts/missing.md')).err).toBe('finews: _drafts/missing.md: does not exist\n');
    const dry = await run(dir, 'unpublish', '_posts/2022-01-06-a.md', '--dry-run');
    expect(dry.err).toBe('would move _posts/2022-01-06-a.md → _drafts/a.md\n');
    expect(existsSync(path.join(dir, '_posts/2022-01-06-a.md'))).toBe(true);
    expect(existsSync(path.join(dir, '_drafts'))).toBe(false);
  });

  it('new outside any site says so instead of making ./_posts', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'finews-nosite-'));
    temps.push(dir);
    const r = await run(dir, 'new', '标题');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not a Jekyll site/);
    expect(existsSync(path.join(dir, '_posts'))).toBe(false);
    expect((await run(dir, 'new', '标题', '--dir', 'out')).code).toBe(0);
  });
});
