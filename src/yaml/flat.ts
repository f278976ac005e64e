import type { Scalar } from 'yaml';
import { psychScalar } from './psych.js';

/**
 * A fast reader for the front matter nearly every news post has: one
 * `key: value` per line, scalars only. It reads exactly what `parsePsych`
 * reads (`psychScalar` resolves every plain scalar, as in the full parser) and gives up, returning
 * null, on anything else: comments, block lists, nesting, anchors, tags, escapes,
 * block scalars, CRLF, tabs, control characters. The full parser then reads it.
 * tests/yaml/flat.test.ts checks both agree on generated front matter.
 */

export interface FlatValue {
  /** Offsets in the YAML text: where the value starts and where its text ends. */
  start: number;
  end: number;
  /** null for a one-line list of plain scalars (`tags: [a, b]`), as the full parser gives a list. */
  type: Scalar.Type | null;
  /** The scalar's text: as written when plain, the unquoted content when quoted; undefined for a list. */
  source: string | undefined;
  /** The scalar's value; undefined for a list (whose value is in the mapping only). */
  value: unknown;
}

export interface FlatField {
  keyStart: number;
  keyEnd: number;
  value: FlatValue;
}

export interface FlatMapping {
  /** null for front matter with no keys, as the full parser reads it. */
  data: Record<string, unknown> | null;
  /** Each key's last occurrence (Psych: the last duplicate wins). */
  fields: Map<string, FlatField>;
}

/** A key the fast path takes: an identifier, not `__proto__`. */
const KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/**
 * Characters after which the fast path hands over: YAML indicators that may
 * start a plain scalar only in some contexts, or start something else.
 */
const INDICATOR_START = new Set([...'-?:,[]{}#&*!|>\'"%@`']);

class GiveUp extends Error {}

/** The mapping, or null when the text is not in the flat subset. */
export function readFlatMapping(yaml: string, timeZone = 'UTC'): FlatMapping | null {
  if (!yaml.startsWith('---\n')) return null;
  const fields = new Map<string, FlatField>();
  const data: Record<string, unknown> = {};
  let count = 0;
  try {
    for (let at = 4; at < yaml.length; ) {
      let eol = yaml.indexOf('\n', at);
      if (eol < 0) eol = yaml.length;
      const [field, value] = readLine(yaml, at, eol, timeZone);
      const key = yaml.slice(field.keyStart, field.keyEnd);
      if (key === '__proto__') return null;
      data[key] = value;
      fields.set(key, field);
      count++;
      at = eol + 1;
    }
  } catch (error) {
    if (error instanceof GiveUp) return null;
    throw error;
  }
  return { data: count ? data : null, fields };
}

/** A line's field, and its value (a list's is not in the field, as the full parser has it). */
function readLine(yaml: string, start: number, end: number, timeZone: string): [FlatField, unknown] {
  const colon = yaml.indexOf(':', start);
  if (colon < 0 || colon >= end) throw new GiveUp();
  const key = yaml.slice(start, colon);
  if (!KEY.test(key) || psychScalar(key, giveUp) !== key) throw new GiveUp();
  if (colon + 1 === end) {
    // `key:` with nothing after it: an empty plain scalar, which is null.
    const at = colon + 1;
    return [{ keyStart: start, keyEnd: colon, value: { start: at, end: at, type: 'PLAIN', source: '', value: null } }, null];
  }
  if (yaml.charCodeAt(colon + 1) !== 0x20) throw new GiveUp();
  let from = colon + 1;
  while (from < end && yaml.charCodeAt(from) === 0x20) from++;
  let to = end;
  while (to > from && yaml.charCodeAt(to - 1) === 0x20) to--;
  // Spaces and nothing else: the full parser decides where that empty value stands.
  if (from === to) throw new GiveUp();
  const text = yaml.slice(from, to);
  if (!printable(text)) throw new GiveUp();
  if (text[0] === '[') return [{ keyStart: start, keyEnd: colon, value: { start: from, end: to, type: null, source: undefined, value: undefined } }, readFlowList(text, timeZone)];
  const value = readValue(text, from, to, timeZone);
  return [{ keyStart: start, keyEnd: colon, value }, value.value];
}

function readValue(text: string, start: number, end: number, timeZone: string): FlatValue {
  const first = text[0]!;
  if (first === '"' || first === "'") {
    const content = text.slice(1, -1);
    if (text.length < 2 || text[text.length - 1] !== first || content.includes(first) || (first === '"' && content.includes('\\'))) throw new GiveUp();
    return { start, end, type: first === '"' ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE', source: content, value: content };
  }
  if (INDICATOR_START.has(first) || text.includes(': ') || text.endsWith(':') || text.includes(' #')) throw new GiveUp();
  return { start, end, type: 'PLAIN', source: text, value: psychScalar(text, giveUp, timeZone) };
}

/**
 * `[a, b, 2022]`: a one-line flow list of plain scalars, what news posts
 * write for their tags. Quotes, nesting, comments, colons, empty items and a
 * trailing comma are left to the full parser.
 */
function readFlowList(text: string, timeZone: string): unknown[] {
  if (!text.endsWith(']')) throw new GiveUp();
  const inner = text.slice(1, -1);
  if (/[[\]{}#:'"]/.test(inner)) throw new GiveUp();
  if (inner.trim() === '') return [];
  return inner.split(',').map((raw) => {
    const item = raw.trim();
    if (item === '' || INDICATOR_START.has(item[0]!)) throw new GiveUp();
    return psychScalar(item, giveUp, timeZone);
  });
}

function giveUp(): never {
  throw new GiveUp();
}

/**
 * No tab, no control or line-breaking character, no BOM or non-character,
 * no lone surrogate: what YAML treats specially is left to the full parser.
 */
function printable(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029 || c === 0xfeff || c === 0xfffe || c === 0xffff) return false;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return false;
  }
  return true;
}
