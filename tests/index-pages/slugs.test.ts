import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignSlugs } from '../../src/index-pages/slugs.js';
import { termKey, type Term } from '../../src/index-pages/terms.js';

// macOS file systems (APFS, HFS+) take `café` with a precomposed `é` and with
// `e` + U+0301 for one file name, as they do names differing in case: slugs
// that differ only so would make two terms share one page.

const slugsOf = (names: string[]) => {
  const terms = names.map((name): Term => ({ kind: 'category', key: termKey(name), name, text: name, posts: [] }));
  const slugs = assignSlugs(terms, 'jekyll');
  return terms.map((t) => slugs.get(t.key)!);
};
/** A file name as a case-insensitive, normalizing file system compares it. */
const asMacOs = (name: string) => name.normalize('NFC').toLowerCase();

const NFC = 'Caf\u00e9';
const NFD = 'Cafe\u0301';

describe('slugs that only Unicode normalization or case tells apart', () => {
  it('NFC and NFD spellings of one name get slugs that stay distinct on macOS, one plain, one hashed', () => {
    const [a, b] = slugsOf([NFC, NFD]);
    expect(a).not.toBe(b);
    expect(asMacOs(a!)).not.toBe(asMacOs(b!));
    const [plain, hashed] = [a!, b!].sort((x, y) => x.length - y.length) as [string, string];
    expect(asMacOs(hashed)).toMatch(new RegExp(`^${asMacOs(plain)}-[0-9a-f]{6}$`, 'u'));
  });

  it('the same names give the same slugs whatever the order, all distinct on macOS', () => {
    const names = [NFC, NFD, 'CAF\u00c9', 'CAFE\u0301', 'caf\u00e9', 'cafe\u0301', 'cafe', 'Cafe\u0301 news', 'caf\u00e9-news'];
    const expected = new Map(names.map((name, i) => [name, slugsOf(names)[i]!]));
    expect(new Set([...expected.values()].map(asMacOs)).size).toBe(names.length);
    fc.assert(
      fc.property(fc.shuffledSubarray(names, { minLength: names.length }), (shuffled) => {
        const got = slugsOf(shuffled);
        shuffled.forEach((name, i) => expect(got[i]).toBe(expected.get(name)));
      }),
    );
  });

  it('a hashed slug that meets a real one in another normalization still gets a file of its own', () => {
    const hashed = slugsOf([NFC, NFD]).find((slug) => slug.includes('-'))!;
    const other = hashed.normalize(hashed === hashed.normalize('NFC') ? 'NFD' : 'NFC');
    const slugs = slugsOf([NFC, NFD, other]);
    expect(slugs[2]).toBe(other);
    expect(new Set(slugs.map(asMacOs)).size).toBe(3);
  });
});
