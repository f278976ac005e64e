import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { checkPost } from '../../src/lint/check.js';
import { lintSettings } from '../../src/lint/settings.js';
import type { LintResult, RuleContext } from '../../src/lint/types.js';
import { parsePost } from '../../src/post/parse.js';
import { yamlQuote } from '../../src/post/stringify.js';
import { loadSite } from '../../src/site/config.js';
import { dateText, frontMatterPost, nastyString } from './arbitraries.js';
import { changed, NAME, NOW, removeTempSites, runCli, tempSite, tree } from './helpers.js';

afterAll(removeTempSites);
/** A fresh site holding these posts in _posts. */
/** A site whose feed shows the posts' excerpts (line-endings reports CRLF that moves them). */
const siteWith = (posts: Uint8Array[] | string[]) => tempSite(Object.fromEntries(posts.map((bytes, i) => [NAME(i), bytes])), 'timezone: Asia/Shanghai\nplugins: [jekyll-feed]\n');

/** Bytes near a post: a generated post with bytes replaced, inserted or cut. */
const nearPost = fc
  .tuple(
    frontMatterPost,
    fc.array(fc.tuple(fc.nat(), fc.constantFrom('replace', 'insert', 'cut'), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
  )
  .map(([g, edits]) => {
    let bytes = Buffer.from(g.text);
    for (const [at, kind, byte] of edits) {
      const i = bytes.length ? at % bytes.length : 0;
      const one = Buffer.from([byte]);
      if (kind === 'replace') bytes = Buffer.concat([bytes.subarray(0, i), one, bytes.subarray(i + 1)]);
      else if (kind === 'insert') bytes = Buffer.concat([bytes.subarray(0, i), one, bytes.subarray(i)]);
      else bytes = Buffer.concat([bytes.subarray(0, i), bytes.subarray(i + 1)]);
    }
    return new Uint8Array(bytes);
  });
const anyBytes = fc.oneof(fc.uint8Array({ maxLength: 300 }), nearPost, frontMatterPost.map((g) => new Uint8Array(Buffer.from(g.text))));

/** Lines a text has, as an editor numbers them: where a message may point. */
const lineCount = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8').split('\n').length;

describe('lint never throws on arbitrary bytes', () => {
  it('the rules give messages at real positions for any bytes (library)', async () => {
    const site = await loadSite(tempSite());
    const ctx: RuleContext = { site, settings: lintSettings(site), layouts: null };
    fc.assert(
      fc.property(anyBytes, (bytes) => {
        const { messages } = checkPost(parsePost(bytes, '_posts/2022-01-06-x.md', site, { now: NOW }), ctx);
        for (const m of messages) {
          expect(Number.isInteger(m.line) && m.line >= 1 && m.line <= lineCount(bytes), JSON.stringify(m)).toBe(true);
          expect(Number.isInteger(m.column) && m.column >= 1, JSON.stringify(m)).toBe(true);
        }
      }),
      { numRuns: 600 },
    );
  });

  it('the command reports every file, exits 0 or 1 as its errors say, in every format', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(anyBytes, { minLength: 1, maxLength: 4 }), fc.constantFrom('stylish', 'github', 'sarif'), async (files, format) => {
        const dir = siteWith(files);
        const r = await runCli(['lint', '--format', 'json'], dir);
        expect(r.err).toBe('');
        const results = JSON.parse(r.out) as LintResult[];
        expect(results.map((x) => path.relative(dir, x.filePath))).toEqual(files.map((_, i) => NAME(i)));
        for (const result of results) {
          for (const m of result.messages) {
            expect(m.line, JSON.stringify(m)).toBeGreaterThanOrEqual(1);
            expect(m.column, JSON.stringify(m)).toBeGreaterThanOrEqual(1);
          }
        }
        expect(r.code).toBe(results.some((x) => x.errorCount > 0) ? 1 : 0);
        const other = await runCli(['lint', '--format', format], dir);
        expect(other).toMatchObject({ code: r.code, err: '' });
      }),
      { numRuns: 40 },
    );
  });
});

/**
 * A post with the problems --fix repairs, built so that the fixed text is known:
 * white space before the front matter, a date without offset, CRLF or mixed line endings (fixed where
 * they move the excerpt).
 */
const fixable = fc
  .record({
    lead: fc.constantFrom('', '\n', '\n\n', ' \n', '\r\n'),
    eol: fc.constantFrom('\n', '\r\n'),
    bodyEol: fc.constantFrom('\n', '\r\n', '\r'),
    date: dateText.filter((d) => d >= '2000'),
    title: nastyString,
    // Other one-line fields, under keys Jekyll gives no meaning to.
    extra: frontMatterPost.map((g) => g.text.split(/\r?\n/).slice(1, -1).filter((l) => /^[a-z]\w*: [^|>]*$/.test(l)).map((l) => `x_${l}`)),
    // No Liquid markup: an unclosed `{{` or `{%` has a fix of its own (liquid-syntax wraps it in raw), tested with the Liquid rules.
    body: nastyString.filter((s) => !/\{[{%]/.test(Buffer.from(s).toString())),
  })
  .map(({ lead, eol, bodyEol, date, title, extra, body: raw }) => {
    const body = Buffer.from(raw).toString(); // as written to the file: a lone surrogate becomes U+FFFD
    const lines = ['---', 'layout: post', `title: ${yamlQuote(title)}`, `date: ${date}`, ...extra, '---'];
    // A first paragraph: its blank line written CRLF hides the excerpt separator, which is when CRLF is fixed.
    const content = `导语${bodyEol}${bodyEol}${body.replace(/\r?\n|\r/g, bodyEol)}${bodyEol}`;
    const text = `${lead}${lines.join(eol)}${eol}${content}`;
    const offset = /[+-]\d\d:?\d\d$|Z$/.test(date) ? '' : ' +0800'; // Asia/Shanghai since 1992
    const crlfFixed = bodyEol === '\r\n';
    const frontEol = crlfFixed ? '\n' : eol;
    const fixed = `${lines.join(frontEol).replace(`date: ${date}`, `date: ${date}${offset}`)}${frontEol}${crlfFixed ? content.replaceAll('\r\n', '\n') : content}`;
    return { text, fixed };
  });

describe('lint --fix', () => {
  it('changes only the bytes it claims (leading space, date offset, CR of CRLF), and a second --fix changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fixable, { minLength: 1, maxLength: 3 }), async (posts) => {
        const dir = siteWith(posts.map((p) => p.text));
        // The bytes of the fixes alone; what keeps the URLs they move is tests/lint/url-keep.test.ts.
        const first = await runCli(['lint', '--fix', '--fix-permalink', 'move', '--format', 'json'], dir);
        expect(first.err.split('\n').filter((l) => l && !l.includes('under --fix-permalink move'))).toEqual([]);
        const fixedTree = tree(dir);
        posts.forEach((p, i) => expect(readFileSync(path.join(dir, NAME(i)), 'utf8')).toBe(p.fixed));
        const results = JSON.parse(first.out) as LintResult[];
        expect(results.flatMap((x) => x.messages.filter((m) => m.fixable))).toEqual([]);
        const second = await runCli(['lint', '--fix', '--fix-permalink', 'move', '--format', 'json'], dir);
        expect(changed(fixedTree, tree(dir))).toEqual([]);
        expect(second.err).toBe('');
        expect(second.out).toBe(first.out);
      }),
      { numRuns: 40 },
    );
  });

  it('a second --fix changes nothing on near-valid posts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(nearPost, { minLength: 1, maxLength: 3 }), async (files) => {
        const dir = siteWith(files);
        await runCli(['lint', '--fix'], dir);
        const once = tree(dir);
        await runCli(['lint', '--fix'], dir);
        expect(changed(once, tree(dir))).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });
});
