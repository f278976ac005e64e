import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { convertText } from '../../src/convert/convert.js';
import { splitFrontMatter } from '../../src/post/frontmatter.js';
import { frontMatterPost } from './arbitraries.js';
import { changed, NAME, removeTempSites, runCli, tempSite, tree } from './helpers.js';

// tests/convert/properties.test.ts covers convertText itself (never throws, idempotent, nothing lost);
// these check the command around it: a file in, the posts of a folder rewritten in place.

afterAll(removeTempSites);

const PIECES = ['<p>', '</p>', '<b>粗体</b>', '中文，标点。', '\n', '\n\n', '\r\n', '<div>', '</div>', '*', '_', '[', ']', '# ', '- ', '> ', '`', '<a href="http://x.com/a_b">链接</a>', '<script>alert(1)</script>', '<br>', '<img src="a.png" alt="图">', '<img src="a.png" alt="图" width="300" align="right">', '<a href="/x" target="_blank">新窗口</a>', '<center>', '</center>', '<pre class="language-js">let a;</pre>', '<table><tr><th>列</th></tr><tr><td>1</td></tr></table>', '<ul><li>x</li></ul>', '<!-- c -->', '&amp;', '<span style="display:none">藏</span>', 'plain text'];
const body = fc.array(fc.constantFrom(...PIECES), { maxLength: 25 }).map((parts) => parts.join(''));
/** A post: generated front matter (CRLF, comments, no final newline…) and an HTML or Markdown body. */
const post = fc.tuple(frontMatterPost, body).map(([g, b]) => {
  const head = g.text.slice(0, g.bodyStart);
  return `${head}${head.endsWith('\n') ? '' : '\n'}${b}`;
});

describe('finews convert, the command', () => {
  it('prints for one file what convertText makes of it', async () => {
    await fc.assert(
      fc.asyncProperty(post, fc.constantFrom('md', 'html'), async (text, ext) => {
        const dir = tempSite({ [`_posts/2022-01-01-x.${ext}`]: text });
        const r = await runCli(['convert', `_posts/2022-01-01-x.${ext}`], dir);
        expect(r.code).toBe(0);
        expect(r.out).toBe(convertText(text, { input: ext === 'html' ? 'html' : 'auto' }).markdown);
        for (const line of r.err.split('\n').filter(Boolean)) expect(line).toMatch(/^_posts\/2022-01-01-x\.(md|html): removed /);
      }),
      { numRuns: 60 },
    );
  });

  it('--write keeps each front matter byte for byte; a second run reports every post unchanged and writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(post, { minLength: 1, maxLength: 4 }), async (texts) => {
        const dir = tempSite(Object.fromEntries(texts.map((t, i) => [NAME(i), t])));
        const first = await runCli(['convert', '--write', '_posts'], dir);
        expect(first.code).toBe(0);
        const written = tree(dir);
        texts.forEach((t, i) => {
          const now = readFileSync(path.join(dir, NAME(i)), 'utf8');
          expect(now).toBe(convertText(Buffer.from(t).toString()).markdown);
          expect(splitFrontMatter(now)?.block).toBe(splitFrontMatter(Buffer.from(t).toString())?.block);
        });
        const second = await runCli(['convert', '--write', '_posts'], dir);
        expect(second).toMatchObject({ code: 0, out: '' });
        expect(second.err).toBe(`converted 0, unchanged ${texts.length}, failed 0\n`);
        expect(changed(written, tree(dir))).toEqual([]);
        expect(await runCli(['convert', '--check', '_posts'], dir)).toMatchObject({ code: 0, out: '' });
      }),
      { numRuns: 40 },
    );
  });
});
