import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePost, siteFromConfig, stringifyPost, withFrontMatterValue, yamlQuote } from '../../src/index.js';
import { frontMatterPost, keyName, nastyString, scalarSource, type Generated } from './arbitraries.js';

/** The public API only: what a library user gets. */
const site = siteFromConfig('/site', null, 'timezone: Asia/Shanghai\n');
const FILE = '_posts/2022-01-06-x.md';
const parse = (text: string | Uint8Array) => parsePost(text, FILE, site, { now: new Date('2026-11-25T00:00:00Z') });
/** What YAML makes of `source` as a value, read on its own: the oracle for an edited value. */
const valueOf = (source: string) => parse(`---\nv: ${source}\n---\n`).data.v;
const RUNS = { numRuns: 300 };

describe('parse → stringify', () => {
  it('gives back the bytes of any generated post, which reads with every key', () => {
    fc.assert(
      fc.property(frontMatterPost, fc.boolean(), ({ text, entries }, bom) => {
        const post = parse(`${bom ? '\ufeff' : ''}${text}`);
        expect(post.frontMatter?.error ?? null).toBeNull();
        expect(Object.keys(post.data).sort()).toEqual(entries.map((e) => e.key).sort());
        expect(stringifyPost(post)).toBe(`${bom ? '\ufeff' : ''}${text}`);
        const bytes = Buffer.from(text);
        expect(Buffer.from(stringifyPost(parse(bytes))).equals(bytes)).toBe(true);
      }),
      RUNS,
    );
  });

  it('gives back any text at all, front matter or not', () => {
    const fence = fc.constantFrom('', '---\n', '---\r\n', '---js\n', '\n---\n', '---', '...\n');
    fc.assert(
      fc.property(fence, nastyString, fc.constantFrom('', '---', '---\n', '...\r\n'), nastyString, (open, a, close, b) => {
        const text = `${open}${a}\n${close}${b}`;
        expect(stringifyPost(parse(text))).toBe(text);
      }),
      RUNS,
    );
  });
});

/** `text` edited at `[start, end)`: the bytes `withFrontMatterValue` may change and no others. */
const spliced = (text: string, start: number, end: number, insert: string) => text.slice(0, start) + insert + text.slice(end);

describe('withFrontMatterValue changes only that value', () => {
  const withTarget = frontMatterPost.chain((g) => fc.tuple(fc.constant(g), fc.nat({ max: g.entries.length - 1 }), scalarSource));

  it('replaces the bytes of a value on its key\'s line, or fills an empty one, and no others', () => {
    fc.assert(
      fc.property(withTarget, ([g, n, source]: [Generated, number, string]) => {
        const e = g.entries[n]!;
        fc.pre(e.block === null);
        const span = g.spans[n]!;
        const post = parse(g.text);
        const edited = withFrontMatterValue(post, e.key, source);
        expect(edited).toBe(e.inline === '' ? spliced(g.text, span.valueEnd, span.valueEnd, ` ${source}`) : spliced(g.text, span.valueStart, span.valueEnd, source));
        const after = parse(edited!);
        expect(after.data).toEqual({ ...post.data, [e.key]: valueOf(source) });
      }),
      RUNS,
    );
  });

  it('adds a missing key as one line before the closing fence, in the post\'s line ending', () => {
    fc.assert(
      fc.property(frontMatterPost, keyName, scalarSource, (g, key, source) => {
        fc.pre(!g.entries.some((e) => e.key === key));
        const post = parse(g.text);
        const edited = withFrontMatterValue(post, key, source)!;
        expect(parse(edited).data).toEqual({ ...post.data, [key]: valueOf(source) });
        // A pure insertion: the old text is a prefix and a suffix of the new one.
        let prefix = 0;
        while (prefix < g.text.length && g.text[prefix] === edited[prefix]) prefix++;
        const inserted = edited.slice(prefix, edited.length - (g.text.length - prefix));
        expect(spliced(g.text, prefix, prefix, inserted)).toBe(edited);
        expect(inserted.trim()).toBe(`${key}: ${source}`.trim());
        expect(prefix).toBeLessThan(g.bodyStart);
      }),
      RUNS,
    );
  });
});

describe('yamlQuote', () => {
  it('reads back as exactly the string, as a value, in a flow list and under CRLF', () => {
    fc.assert(
      fc.property(nastyString, (s) => {
        const q = yamlQuote(s);
        expect(q).not.toMatch(/[\n\r\u0085\u2028\u2029]/);
        expect(parse(`---\ntitle: ${q}\n---\n`).data.title).toBe(s);
        expect(parse(`---\r\ntitle: ${q}\r\ntags: [${q}, ${q}]\r\n---\r\n`).data).toEqual({ title: s, tags: [s, s] });
      }),
      { numRuns: 1000 },
    );
  });
});
