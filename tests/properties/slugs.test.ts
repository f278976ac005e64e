import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignSlugs } from '../../src/index-pages/slugs.js';
import { termKey, type Term } from '../../src/index-pages/terms.js';
import { makeSlug, SLUG_STYLES } from '../../src/site/slug-style.js';
import { nastyString } from './arbitraries.js';

/** Names as hostile as file names get: separators, dot runs, NUL and controls, RTL, emoji, very long. */
const hostileName = fc.oneof(
  { weight: 4, arbitrary: nastyString },
  fc.constantFrom('/', '\\', '.', '..', '../../etc/passwd', '..\\..\\x', '%2e%2e%2f', '\u0000', '\n', 'CON', 'nul', '.hidden', '-', '!!!', '\u202eevil\u202c', 'index'),
  fc.tuple(fc.constantFrom('x', '中', '😀', 'é', '/.', 'a-'), fc.integer({ min: 100, max: 400 })).map(([s, n]) => s.repeat(n)),
);

/** A name a file system takes in any folder, whatever the OS: what a slug must always be. */
function expectSafeFileName(name: string): void {
  expect(name).not.toBe('');
  expect(name).not.toMatch(/[/\\]/);
  expect(name).not.toMatch(/^\./);
  expect(name).not.toMatch(/\p{C}/u); // controls (NUL included), format (RTL marks), lone surrogates, unassigned
  expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
}

describe('slugs are safe file names', () => {
  it.each(SLUG_STYLES)('makeSlug, %s style: empty (the caller asks for another) or a safe name with room for a date and extension', (style) => {
    fc.assert(
      fc.property(hostileName, (name) => {
        const slug = makeSlug(name, style);
        if (slug === '') return;
        expectSafeFileName(slug);
        expectSafeFileName(`2026-11-25-${slug}.markdown`);
        expect(makeSlug(name, style)).toBe(slug);
      }),
      { numRuns: style === 'pinyin' ? 150 : 400 },
    );
  });

  it.each(SLUG_STYLES)('index pages, %s style: every name gets a safe slug, distinct names distinct slugs', (style) => {
    const term = (text: string): Term => ({ kind: 'category', key: termKey(text), name: text, text, posts: [] });
    fc.assert(
      fc.property(fc.uniqueArray(hostileName, { minLength: 1, maxLength: 12 }), (names) => {
        const slugs = assignSlugs(names.map(term), style);
        const got = names.map((n) => slugs.get(termKey(n))!);
        for (const slug of got) {
          expectSafeFileName(slug);
          expectSafeFileName(`${slug}.html`);
          expect(slug).not.toBe('index');
        }
        expect(new Set(got).size).toBe(names.length);
      }),
      { numRuns: style === 'pinyin' ? 60 : 200 },
    );
  });
});
