import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { parsePost } from '../../src/post/parse.js';
import { loadSite } from '../../src/site/config.js';
import { captureIo } from '../helpers/io.js';

const fixture = path.resolve(import.meta.dirname, '../../fixtures/site');
let site: string;
beforeEach(() => {
  site = mkdtempSync(path.join(tmpdir(), 'finews-new-liquid-'));
  cpSync(fixture, site, { recursive: true });
});
afterEach(() => rmSync(site, { recursive: true, force: true }));

const run = async (...argv: string[]) => {
  const io = captureIo(site, { now: new Date('2026-11-25T01:02:03Z') });
  const code = await main(['new', ...argv], io);
  return { code, out: io.out(), err: io.err() };
};

describe('finews new never writes a post that Liquid stops or eats', () => {
  it('--body-file: text not meant as Liquid is wrapped in {% raw %} and said; intended Liquid is kept', async () => {
    writeFileSync(path.join(site, 'body.md'), '股价 {% foo %} 上涨，rate {{ rate }} pct，{{ page.title }}\n');
    const r = await run('Braces', '--body-file', 'body.md');
    expect(r.code).toBe(0);
    expect(r.err).toBe('body.md: wrapped in {% raw %} so that Jekyll shows them as written: {% foo %} {{ rate }}\n');
    const text = readFileSync(path.join(site, r.out.trim()), 'utf8');
    expect(text).toContain('股价 {% raw %}{% foo %}{% endraw %} 上涨，rate {% raw %}{{ rate }}{% endraw %} pct，{{ page.title }}\n');
    const post = parsePost(text, r.out.trim(), await loadSite(site));
    expect(post.problems.filter((p) => p.rule.startsWith('liquid-'))).toEqual([]);
  });

  it('--body-file: Liquid meant as Liquid that stops the build is refused, nothing written', async () => {
    writeFileSync(path.join(site, 'body.md'), '{% include nothing-here.html %}\n');
    const r = await run('Include', '--body-file', 'body.md');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^finews: body\.md: Jekyll would stop the whole build on this body: Could not locate the included file 'nothing-here.html'/);
    expect(r.out).toBe('');
  });

  it('--from: braces of the HTML article come out as text', async () => {
    writeFileSync(path.join(site, 'a.html'), '<p>数组 {{1..3},{7..9}} 与 {% foo %}</p>');
    const r = await run('From HTML', '--from', 'a.html');
    expect(r.code).toBe(0);
    const text = readFileSync(path.join(site, r.out.trim()), 'utf8');
    const post = parsePost(text, r.out.trim(), await loadSite(site));
    expect(post.jekyll.skip).toBeNull();
    expect(post.problems.filter((p) => p.rule.startsWith('liquid-'))).toEqual([]);
    expect(post.body).toContain('{% raw %}{{1..3}{% endraw %}');
  });
});
