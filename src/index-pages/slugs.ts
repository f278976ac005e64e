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
 */
export function assignSlugs(terms: readonly Term[], style: SlugStyle): Map<string, string> {
  const groups = new Map<string, Term[]>();
  for (const term of terms) {
    const base = makeSlug(term.text, style);
    groups.set(base, [...(groups.get(base) ?? []), term]);
  }
  const slugs = new Map<string, string>();
  const used = new Set<string>();
  const later: { term: Term; base: string }[] = [];
  for (const [base, group] of [...groups].sort(([a], [b]) => compareCodePoints(a, b))) {
    group.sort((a, b) => compareCodePoints(a.text, b.text) || compareCodePoints(a.key, b.key));
    const keeper = base === '' || RESERVED.has(base) ? undefined : (group.find((t) => t.text === base) ?? group[0]);
    for (const term of group) {
      if (term === keeper) {
        slugs.set(term.key, base);
        used.add(base);
      } else later.push({ term, base });
    }
  }
  for (const { term, base } of later) {
    const hash = shortHash(term.key);
    let slug = base ? `${base}-${hash}` : hash;
    for (let n = 2; used.has(slug); n++) slug = `${base ? `${base}-` : ''}${hash}-${n}`;
    slugs.set(term.key, slug);
    used.add(slug);
  }
  return slugs;
}

function shortHash(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 6);
}
