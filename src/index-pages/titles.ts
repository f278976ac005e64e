import { termKey, type Term } from './terms.js';

export interface Pair {
  category: Term;
  tag: Term;
}

export interface Titles {
  /** Title by term key, for every category and tag. */
  byKey: Map<string, string>;
  /** How each category got a title from a tag. */
  pairs: Pair[];
  /** Categories that share a title; names the titles given in `finews.index.titles`. */
  duplicates: { title: string; names: string[] }[];
}

const HAN = /\p{Script=Han}/u;
const ASCII = /^[\x20-\x7e]*$/;

/**
 * Display names. A name in `finews.index.titles` has that title. Otherwise a
 * category written in pinyin or other ASCII takes the name of the tag it is
 * paired with (see findPairs); anything else is shown as it is named.
 */
export function assignTitles(categories: readonly Term[], tags: readonly Term[], given: Readonly<Record<string, string>>): Titles {
  const byKey = new Map<string, string>();
  const explicit = (term: Term) => (Object.hasOwn(given, term.text) ? given[term.text] : undefined);
  for (const tag of tags) byKey.set(tag.key, explicit(tag) ?? tag.text);

  // A derived title must never be what another category is called or titled.
  const taken = new Set<string>();
  for (const c of categories) {
    taken.add(c.text);
    const title = explicit(c);
    if (title !== undefined) taken.add(title);
  }
  const pairs = findPairs(categories.filter((c) => explicit(c) === undefined), tags).filter((p) => !taken.has(p.tag.text));
  const pairedTag = new Map(pairs.map((p) => [p.category.key, p.tag]));
  for (const c of categories) {
    const tag = pairedTag.get(c.key);
    byKey.set(c.key, explicit(c) ?? (tag ? tag.text : c.text));
  }

  const holders = new Map<string, string[]>();
  for (const c of categories) {
    const title = byKey.get(c.key)!;
    // `2022 (number)`: a number and a string can both be called 2022.
    holders.set(title, [...(holders.get(title) ?? []), typeof c.name === 'string' ? c.text : `${c.text} (${c.name instanceof Date ? 'date' : typeof c.name})`]);
  }
  const duplicates = [...holders].filter(([, names]) => names.length > 1).map(([title, names]) => ({ title, names }));
  return { byKey, pairs, duplicates };
}

/**
 * Sites fed by scrapers file each source under a pinyin category and tag it
 * with the source's Chinese name (`egongsi` ↔ `e公司新闻`). A category and a
 * tag are a pair when:
 * - the category's name is ASCII and the tag's has Han characters;
 * - every post with the tag is in the category;
 * - the tag is on more than half of the category's posts, and on more of them
 *   than any other such tag;
 * - the tag fits no other category as well (its share of that category is
 *   lower), so one tag names at most one category.
 * A tie anywhere means no pair: a title is never guessed.
 */
export function findPairs(categories: readonly Term[], tags: readonly Term[]): Pair[] {
  const candidates = new Map(categories.filter((c) => ASCII.test(c.text) && c.posts.length > 0).map((c) => [c.key, c]));
  // For each category, the tag covering most of it; for each tag, its best share of a category.
  const best = new Map<string, { tag: Term; covered: number; tie: boolean }>();
  const tagBest = new Map<string, { share: number; category: string; tie: boolean }>();
  for (const tag of tags) {
    if (typeof tag.name !== 'string' || !HAN.test(tag.text)) continue;
    const tagged = new Set(tag.posts);
    // The categories holding every post with this tag.
    let holding: string[] | null = null;
    for (const post of tagged) {
      const keys = new Set(post.categories.map((c) => termKey(c)));
      holding = (holding ?? [...keys].filter((k) => candidates.has(k))).filter((k) => keys.has(k));
      if (holding.length === 0) break;
    }
    for (const key of holding ?? []) {
      const size = candidates.get(key)!.posts.length;
      const covered = tagged.size;
      if (covered * 2 <= size) continue;
      const current = best.get(key);
      if (!current || covered > current.covered) best.set(key, { tag, covered, tie: false });
      else if (covered === current.covered) current.tie = true;
      const share = covered / size;
      const seen = tagBest.get(tag.key);
      if (!seen || share > seen.share) tagBest.set(tag.key, { share, category: key, tie: false });
      else if (share === seen.share) seen.tie = true;
    }
  }
  const pairs: Pair[] = [];
  for (const c of candidates.values()) {
    const choice = best.get(c.key);
    if (!choice || choice.tie) continue;
    const fit = tagBest.get(choice.tag.key)!;
    if (fit.tie || fit.category !== c.key) continue;
    pairs.push({ category: c, tag: choice.tag });
  }
  return pairs;
}
