import { hasReadableFrontMatter, keyPosition } from '../position.js';
import type { Report, Rule } from '../types.js';
import { excerpt } from '../../excerpt.js';

const KEYS = ['categories', 'category', 'tags', 'tag'] as const;

const rule: Rule = {
  id: 'taxonomy-format',
  description: 'categories or tags that are not strings or lists of strings, empty entries, case-only duplicates',
  severity: 'warn',
  fixable: false,
  check(post, _ctx, report) {
    if (!hasReadableFrontMatter(post)) return;
    // Positions are looked up only for a finding: most posts have none.
    for (const key of KEYS) {
      if (!Object.hasOwn(post.data, key)) continue;
      checkValue(key, post.data[key], (message) => report({ message, ...keyPosition(post, key) }));
    }
    caseDuplicates('categories', post.jekyll.categories, () => keyPosition(post, 'categories'), report);
    caseDuplicates('tags', post.jekyll.tags ?? [], () => keyPosition(post, 'tags'), report);
  },
};

function checkValue(key: (typeof KEYS)[number], value: unknown, say: (message: string) => void): void {
  if (value === null || value === undefined) return;
  // A string with spaces, which Jekyll splits, is taxonomy-split's (off by default).
  if (typeof value === 'string') {
    if (value.trim() === '') say(`${key} is an empty string`);
    return;
  }
  if (!Array.isArray(value)) {
    say(`${key} is ${kindOf(value)}, not a string or a list of strings`);
    return;
  }
  value.forEach((entry, i) => {
    if (entry === null || entry === undefined || (typeof entry === 'string' && entry.trim() === '')) say(`${key}: entry ${i + 1} is empty`);
    else if (typeof entry !== 'string') say(`${key}: entry ${i + 1} is ${kindOf(entry)}, not a string`);
  });
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value === 'number' ? 'the number' : 'the boolean'} ${excerpt(String(value))}`;
}

/** Jekyll keeps `Finance` and `finance` apart in site.categories, yet lower-cases both in URLs. */
function caseDuplicates(key: string, values: readonly unknown[], at: () => { line: number; column: number }, report: (r: Report) => void): void {
  if (values.length < 2) return;
  const seen = new Map<string, string>();
  for (const value of values) {
    if (typeof value !== 'string') continue;
    const lower = value.toLowerCase();
    const first = seen.get(lower);
    if (first === undefined) seen.set(lower, value);
    else if (first !== value) report({ message: `${key}: "${excerpt(first)}" and "${excerpt(value)}" differ only in case: Jekyll keeps both`, ...at() });
  }
}

export default rule;
