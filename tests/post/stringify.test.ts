import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CORPUS_SITE, noCorpus } from '../helpers/corpus.js';
import { parsePost } from '../../src/post/parse.js';
import { stringifyPost, withBody, withFrontMatterValue, yamlQuote } from '../../src/post/stringify.js';
import { siteFromConfig } from '../../src/site/config.js';

const site = siteFromConfig('/site', null, 'timezone: Asia/Shanghai\n');
const corpus = CORPUS_SITE;
const corpusFiles = noCorpus ? [] : ['_posts', 'old_post'].flatMap((d) => readdirSync(path.join(corpus, d)).map((f) => path.join(corpus, d, f)));
/** Every file of the project's own fixtures in a posts folder: BOM, CRLF, blank lines first, HTML bodies, broken YAML (not the files that are not UTF-8, which no command rewrites). */
const fixtures = path.resolve(import.meta.dirname, '../../fixtures');
const fixtureFiles = (readdirSync(fixtures, { recursive: true }) as string[])
  .filter((f) => /(^|\/)(_posts|_drafts|old_post)\//.test(f))
  .map((f) => path.join(fixtures, f))
  .filter((f) => statSync(f).isFile() && isUtf8(readFileSync(f)));

describe('stringifyPost', () => {
  it.skipIf(noCorpus)('writes every corpus post back byte for byte', () => {
    expect(corpusFiles.length).toBeGreaterThan(70);
    for (const file of corpusFiles) {
      const bytes = readFileSync(file);
      const post = parsePost(bytes, `_posts/${path.basename(file)}`, site);
      expect(Buffer.from(stringifyPost(post)).equals(bytes), file).toBe(true);
    }
  });

  it('writes every fixture post back byte for byte', () => {
    expect(fixtureFiles.length).toBeGreaterThan(100);
    for (const file of fixtureFiles) {
      const bytes = readFileSync(file);
      const post = parsePost(bytes, `_posts/${path.basename(file)}`, site);
      expect(Buffer.from(stringifyPost(post)).equals(bytes), file).toBe(true);
    }
  });

  it('round-trips any front matter and body, with CRLF, BOM, comments and no final newline', () => {
    const line = fc.stringMatching(/^[ -~\u4e00-\u4e20]{0,30}$/).filter((s) => !s.startsWith('---') && !s.startsWith('...'));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 6 }), fc.string(), fc.boolean(), fc.boolean(), (yamlLines, body, crlf, bom) => {
        const eol = crlf ? '\r\n' : '\n';
        const text = `${bom ? '\uFEFF' : ''}---${eol}${yamlLines.map((l) => `${l}${eol}`).join('')}---${eol}${body}`;
        const post = parsePost(text, '_posts/2022-01-06-x.md', site);
        expect(stringifyPost(post)).toBe(text);
      }),
    );
  });

  it('sees and keeps a BOM in bytes read from a file', () => {
    const text = '\uFEFF---\r\ntitle: A\r\ndate: 2022-01-06 09:00:00\r\n---\r\nBody\r\n';
    const post = parsePost(Buffer.from(text, 'utf8'), '_posts/2022-01-06-bom.md', site);
    expect(post.bom).toBe(true);
    // Jekyll strips it: the model reports nothing (unicode-bom, off by default, reads post.bom).
    expect(post.problems.map((p) => p.rule)).not.toContain('encoding');
    expect(Buffer.from(stringifyPost(post), 'utf8')).toEqual(Buffer.from(text, 'utf8'));
  });

  it('changes only the bytes of the value it edits', () => {
    const text = '---\nlayout: post   # keep this comment\ntitle: "x"\ndate: 2021-12-08 10:18:31\ncategories: emnews\n---\nbody';
    const post = parsePost(text, '_posts/2021-12-08-x.md', site);
    const edited = withFrontMatterValue(post, 'date', '2021-12-08 10:18:31 +0800')!;
    expect(edited).toBe(text.replace('10:18:31\n', '10:18:31 +0800\n'));
    const added = withFrontMatterValue(post, 'tags', 'news')!;
    expect(added).toBe(text.replace('categories: emnews\n', 'categories: emnews\ntags: news\n'));
    expect(withBody(post, 'new body')).toBe(text.replace('body', 'new body'));
  });

  it.each([
    ['---\ntitle: x\ndate:\n---\nbody\n'], // flat: the fast path
    ['---\ntitle: x # c\ndate:\n---\nbody\n'], // the full parser
  ])('gives an empty value its space after the colon (%j)', (text) => {
    const post = parsePost(text, '_posts/2021-12-08-x.md', site);
    expect(withFrontMatterValue(post, 'date', '2021-12-08 10:18:31 +0800')).toBe(text.replace('date:\n', 'date: 2021-12-08 10:18:31 +0800\n'));
  });

  it.each([
    ['---\nk:\n- 1\n- 2\nz: 1\n---\nbody\n', '---\nk: "v"\nz: 1\n---\nbody\n'],
    ['---\nt: # c\n  a: x\n---\nbody\n', '---\nt: "v"\n---\nbody\n'],
    ['---\nk: |\n  line\nz: 1\n---\n', '---\nk: "v"\nz: 1\n---\n'],
    ['---\nk: [a, b]\nz: 1\n---\n', '---\nk: "v"\nz: 1\n---\n'],
    ['---\nk: a\n  b\nz: 1\n---\n', '---\nk: "v"\nz: 1\n---\n'],
  ])('replaces a list, mapping or block value in place (%j)', (text, expected) => {
    const post = parsePost(text, '_posts/2021-12-08-x.md', site);
    const edited = withFrontMatterValue(post, post.frontMatter!.fields!.has('t') ? 't' : 'k', '"v"')!;
    expect(edited).toBe(expected);
    expect(parsePost(edited, '_posts/2021-12-08-x.md', site).frontMatter!.error).toBeNull();
  });

  it('keeps CRLF when it adds a key', () => {
    const text = '---\r\ntitle: x\r\n---\r\nbody\r\n';
    const post = parsePost(text, '_posts/2022-01-06-x.md', site);
    expect(withFrontMatterValue(post, 'layout', 'post')).toBe('---\r\ntitle: x\r\nlayout: post\r\n---\r\nbody\r\n');
  });

  it('quotes any string so that YAML reads it back exactly', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const post = parsePost(`---\ntitle: ${yamlQuote(s)}\n---\n`, '_posts/2022-01-06-x.md', site);
        expect(post.frontMatter?.error).toBeNull();
        expect(post.data.title).toBe(s);
      }),
    );
  });
});
