import { createHash } from 'node:crypto';
import { makeSlug, type SlugStyle } from '../site/slug-style.js';
import { compareCodePoints, type Term } from './terms.js';

/** Slugs a page of one kind cannot take: `index` is the page of all categories (or tags). */
const RESERVED = new Set(['index']);

/**
 * A slug for every term, unique within its kind, from the name alone: the
 * same names give the same slugs whatever order they come in.
 *
 * Names that slug alike (`Finance News`, `finance-news`) keep the plain slug
 * for one of them: the name that is its own slug, else the first in code point
 * order. The others get `-` and a short hash of their name, so their slugs do
 * not depend on which other names exist. A name that slugs to nothing (`!!!`)
 * gets the hash alone.
 *
 * Slugs are told apart as macOS file systems tell file names apart (see
 * `fold`): `café` with `é` and with `e` + U+0301, or names differing in case
 * only, slug alike and get pages of their own.
 */
export function assignSlugs(terms: readonly Term[], style: SlugStyle): Map<string, string> {
  const groups = new Map<string, { base: string; term: Term }[]>();
  for (const term of terms) {
    const base = makeSlug(term.text, style);
    const key = fold(base);
    groups.set(key, [...(groups.get(key) ?? []), { base, term }]);
  }
  const slugs = new Map<string, string>();
  const used = new Set<string>();
  const later: { term: Term; base: string }[] = [];
  for (const [key, group] of [...groups].sort(([a], [b]) => compareCodePoints(a, b))) {
    group.sort((a, b) => compareCodePoints(a.term.text, b.term.text) || compareCodePoints(a.term.key, b.term.key));
    const keeper = key === '' || RESERVED.has(key) ? undefined : (group.find((g) => g.term.text === g.base) ?? group[0]);
    for (const entry of group) {
      if (entry === keeper) {
        slugs.set(entry.term.key, entry.base);
        used.add(key);
      } else later.push(entry);
    }
  }
  for (const { term, base } of later) {
    const hash = shortHash(term.key);
    let slug = base ? `${base}-${hash}` : hash;
    for (let n = 2; used.has(fold(slug)); n++) slug = `${base ? `${base}-` : ''}${hash}-${n}`;
    slugs.set(term.key, slug);
    used.add(fold(slug));
  }
  return slugs;
}

/** A slug as a case-insensitive, normalizing file system (APFS, HFS+) compares file names. */
function fold(slug: string): string {
  return slug.normalize('NFC').toLowerCase();
}

function shortHash(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 6);
}
