import { rubyToS } from '../post/taxonomy.js';
import type { IndexedPost } from './indexed-post.js';

export type TermKind = 'category' | 'tag';

/** One key of Jekyll's `site.categories` or `site.tags`, with its posts in Jekyll's order. */
export interface Term {
  kind: TermKind;
  /** Identity of the name as a Ruby hash key: `2022` and `"2022"` differ. */
  key: string;
  /** The name as YAML gave it (a string, number, boolean or date). */
  name: unknown;
  /** The name as Liquid prints it. */
  text: string;
  /** Newest first; a post tagged twice is listed twice, as Jekyll does. */
  posts: IndexedPost[];
}

/** A Ruby hash key: equal when both type and value are. */
export function termKey(name: unknown): string {
  if (name instanceof Date) return `date:${name.toISOString()}`;
  if (typeof name === 'object') return `object:${JSON.stringify(name)}`;
  return `${typeof name}:${String(name)}`;
}

/**
 * Jekyll's Document#<=> reversed (Site#post_attr_hash sorts, then reverses):
 * newest first, and between equal dates the greater path first, comparing
 * bytes as Ruby's String#<=> does.
 */
export function newestFirst(a: IndexedPost, b: IndexedPost): number {
  if (a.epochSeconds !== b.epochSeconds) return b.epochSeconds - a.epochSeconds;
  return compareCodePoints(b.path, a.path);
}

/** UTF-8 byte order, which is code point order (UTF-16 code-unit order differs above U+FFFF). */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

/**
 * `site.categories` and `site.tags` as Jekyll builds them, in a stable order:
 * by the name as printed, then by its YAML type. Input order does not matter.
 */
export function collectTerms(posts: readonly IndexedPost[]): { categories: Term[]; tags: Term[] } {
  const sorted = [...posts].sort(newestFirst);
  // A string name is its own key (no key string made a post); other names go by termKey.
  const maps = { category: [new Map<string, Term>(), new Map<string, Term>()], tag: [new Map<string, Term>(), new Map<string, Term>()] } as const;
  const add = (kind: TermKind, name: unknown, post: IndexedPost) => {
    const [strings, others] = maps[kind];
    const [map, lookup] = typeof name === 'string' ? [strings, name] : [others, termKey(name)];
    let term = map.get(lookup);
    if (!term) {
      term = { kind, key: termKey(name), name, text: rubyToS(name), posts: [] };
      map.set(lookup, term);
    }
    term.posts.push(post);
  };
  for (const post of sorted) {
    for (const name of post.categories) add('category', name, post);
    for (const name of post.tags) add('tag', name, post);
  }
  const all = (kind: TermKind) => sortTerms(maps[kind].flatMap((map) => [...map.values()]));
  return { categories: all('category'), tags: all('tag') };
}

function sortTerms(terms: Term[]): Term[] {
  return terms.sort((a, b) => compareCodePoints(a.text, b.text) || compareCodePoints(a.key, b.key));
}

/**
 * The name as a YAML scalar that Psych reads back as the same hash key, so
 * that `site.categories[page.category]` finds the posts.
 */
export function yamlName(name: unknown, quote: (s: string) => string): string {
  if (typeof name === 'string') return quote(name);
  if (typeof name === 'number' && Number.isFinite(name)) return String(name);
  if (typeof name === 'boolean') return String(name);
  if (name instanceof Date) return name.toISOString().slice(0, 10);
  return quote(rubyToS(name));
}

/** The name as Jekyll's `jsonify` writes it. */
export function jsonName(name: unknown): unknown {
  if (typeof name === 'string' || typeof name === 'boolean') return name;
  if (typeof name === 'number' && Number.isFinite(name)) return name;
  return rubyToS(name);
}
