import { RubyDate, RubyFloat, RubyTime } from '../yaml/ruby.js';

/**
 * Categories and tags as Jekyll's Document computes them (merge_categories!,
 * populate_categories, populate_tags, Utils.pluralized_array_from_hash).
 */

/** Ruby's to_s for the scalars YAML gives. */
export function rubyToS(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return `[${value.map(rubyInspect).join(', ')}]`;
  if (value instanceof RubyTime || value instanceof RubyDate || value instanceof RubyFloat) return value.toString();
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') return `{${Object.entries(value).map(([k, v]) => `${rubyInspect(k)}=>${rubyInspect(v)}`).join(', ')}}`;
  return String(value);
}

function rubyInspect(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || value === undefined) return 'nil';
  return rubyToS(value);
}

/** Ruby's Array#| : union keeping the first occurrence, by value and type. */
function rubyUnion(a: readonly unknown[], b: readonly unknown[]): unknown[] {
  // Strings only (the usual case): equal by value, a Set keeps the first of each.
  if (a.every(isString) && b.every(isString)) {
    const union = new Set(a);
    for (const v of b) union.add(v);
    return [...union];
  }
  const seen = new Set<string>();
  const out: unknown[] = [];
  for (const v of [...a, ...b]) {
    const key = `${typeof v}:${JSON.stringify(v)}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(v);
    }
  }
  return out;
}

/** Splits a string on white space as Ruby's String#split does. */
export function rubySplit(s: string): string[] {
  return s.split(/[ \t\r\n\f\v]+/).filter(Boolean);
}

const isString = (v: unknown): v is string => typeof v === 'string';

function deepFlatten(values: readonly unknown[]): readonly unknown[] {
  if (!values.some(Array.isArray)) return values;
  return values.flatMap((v) => (Array.isArray(v) ? deepFlatten(v) : [v]));
}

const compact = (values: readonly unknown[]) => values.filter((v) => v !== null && v !== undefined);

/** Utils.pluralized_array_from_hash: the singular key wins when set. */
function pluralizedArray(data: Record<string, unknown>, singular: string, plural: string): unknown[] {
  let value: unknown = data[singular];
  if (value === null || value === undefined) {
    const p = data[plural];
    value = typeof p === 'string' ? rubySplit(p) : Array.isArray(p) ? compact(p) : undefined;
  }
  return compact(Array.isArray(value) ? deepFlatten(value) : [value]);
}

export class CategoryTypeError extends Error {}

/**
 * merge_categories!: a `categories` string is split, then united with what is
 * there already (the folder categories). A value that is neither a list nor a
 * string makes Jekyll fail to read the post ("no implicit conversion").
 */
export function mergeCategories(existing: unknown[] | null, incoming: unknown): unknown[] | null {
  if (incoming === null || incoming === undefined) return existing;
  const list = typeof incoming === 'string' ? rubySplit(incoming) : incoming;
  if (existing === null) return Array.isArray(list) ? list : [list];
  if (!Array.isArray(list)) {
    const kind = list instanceof RubyFloat ? 'Float' : list instanceof RubyTime ? 'Time' : list instanceof RubyDate ? 'Date' : typeof list === 'object' ? 'Hash' : typeof list === 'number' ? (Number.isInteger(list) ? 'Integer' : 'Float') : typeof list === 'boolean' ? (list ? 'TrueClass' : 'FalseClass') : 'Object';
    throw new CategoryTypeError(`no implicit conversion of ${kind} into Array`);
  }
  return rubyUnion(existing, list);
}

/** populate_categories: every entry as a string, flattened, unique; united with the typed list. */
export function populateCategories(data: Record<string, unknown>): unknown[] {
  const current = Array.isArray(data.categories) ? data.categories : data.categories == null ? [] : [data.categories];
  const strings = [...new Set([...current, ...pluralizedArray(data, 'category', 'categories')].map(rubyToS))];
  return rubyUnion(current, strings);
}

/** populate_tags: the singular or plural key, flattened, nils dropped, duplicates kept. */
export function populateTags(data: Record<string, unknown>): unknown[] {
  return pluralizedArray(data, 'tag', 'tags');
}
