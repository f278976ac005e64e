import { isMap, isScalar, LineCounter, type Document, type Node, type Pair, type Scalar } from 'yaml';
import { readFlatMapping } from '../yaml/flat.js';
import { MAX_ALIAS_COUNT, parsePsych } from '../yaml/psych.js';

/**
 * Jekyll's YAML_FRONT_MATTER_REGEXP, `\A(---\s*\n.*?\n?)^((---|\.\.\.)\s*$\n?)`
 * under Ruby's rules: `\s` is ASCII white space only, `^`/`$` are line
 * anchors at `\n` only, and the match must start at byte 0 (sticky flag).
 */
const FRONT_MATTER = /(---[ \t\r\n\f\v]*\n[\s\S]*?\n?)(?<=\n)((?:---|\.\.\.)[ \t\r\n\f\v]*(?=\n|(?![\s\S]))\n?)/y;

/** A fence that names another language (`---js`, `---coffee`): never evaluated. */
const LANGUAGE_FENCE = /^---[ \t]*([A-Za-z][\w-]*)[ \t]*\r?\n/;

export interface YamlProblem {
  message: string;
  /** 1-based line and column in the file. */
  line: number;
  column: number;
}

export interface FrontMatter {
  /** Everything from byte 0 up to where the body starts: both fences included. */
  block: string;
  /** The YAML Jekyll parses: the opening fence line and the lines up to the closing fence. */
  yaml: string;
  /** The parsed mapping; null when the YAML is empty, invalid or not a mapping. */
  data: Record<string, unknown> | null;
  error: YamlProblem | null;
  /** Each top-level key's last occurrence, where it stands; null when the YAML is invalid. */
  fields: ReadonlyMap<string, Field> | null;
}

/** A top-level key and its value, as offsets in `block` (which starts with the YAML). */
export interface Field {
  keyStart: number;
  keyEnd: number;
  value: FieldValue | null;
}

export interface FieldValue {
  /** Where the value starts and where its text ends. */
  start: number;
  end: number;
  /** How a scalar is written; null for a list, a mapping or an alias. */
  type: Scalar.Type | null;
  /** A scalar's text: as written when plain, the unquoted content when quoted. */
  source: string | undefined;
  /** A scalar's value (undefined for anything else). */
  value: unknown;
}

/** Split `text` exactly where Jekyll does; `block + body === text`. */
export function splitFrontMatter(text: string): { block: string; yaml: string; body: string } | null {
  FRONT_MATTER.lastIndex = 0;
  const m = FRONT_MATTER.exec(text);
  if (!m) return null;
  return { block: m[0], yaml: m[1]!, body: text.slice(m[0].length) };
}

/** `js` for `---js`: a front matter fence naming a language Jekyll does not read. */
export function frontMatterLanguage(text: string): string | null {
  return LANGUAGE_FENCE.exec(text)?.[1] ?? null;
}

/**
 * Front matter that Jekyll would not see because something stands before it:
 * blank lines or white space. Returns the offset of the fence, or -1.
 */
export function displacedFrontMatter(text: string): number {
  const m = /^[\s\uFEFF]+(?=---[ \t]*\r?\n)/.exec(text);
  if (!m) return -1;
  return splitFrontMatter(text.slice(m[0].length)) ? m[0].length : -1;
}

/**
 * Parse front matter YAML safely: YAML 1.1 as Ruby's Psych reads it, no custom
 * tags or code, aliases bounded. An error is returned as data, never thrown.
 * Flat front matter (one `key: value` a line) takes a fast path that reads it
 * the same way. `timeZone` is the site's: Psych shows a time with no zone in it.
 */
export function parseFrontMatter(block: string, yaml: string, timeZone = 'UTC'): FrontMatter {
  const flat = readFlatMapping(yaml, timeZone);
  if (flat) return { block, yaml, data: flat.data, error: null, fields: flat.fields };
  return parseFrontMatterFully(block, yaml, timeZone);
}

/** parseFrontMatter without the fast path: the yaml package reads any YAML. */
export function parseFrontMatterFully(block: string, yaml: string, timeZone = 'UTC'): FrontMatter {
  const base = { block, yaml };
  const lineCounter = new LineCounter();
  let document: Document.Parsed;
  try {
    document = parsePsych(yaml, lineCounter, timeZone);
  } catch (error) {
    return { ...base, data: null, error: { message: String((error as Error).message), line: 1, column: 1 }, fields: null };
  }
  const first = document.errors[0];
  if (first) {
    const { line, col } = lineCounter.linePos(first.pos[0]);
    return { ...base, data: null, error: { message: firstLine(first.message), line, column: col }, fields: null };
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    return { ...base, data: null, error: { message: firstLine((error as Error).message), line: 1, column: 1 }, fields: null };
  }
  const fields = fieldsOf(document);
  if (value === null || value === undefined) return { ...base, data: null, error: null, fields };
  if (typeof value !== 'object' || Array.isArray(value) || value instanceof Date) {
    return {
      ...base,
      data: null,
      error: { message: `front matter is a ${Array.isArray(value) ? 'list' : 'scalar'}, not a mapping of keys to values`, line: 2, column: 1 },
      fields,
    };
  }
  return { ...base, data: value as Record<string, unknown>, error: null, fields };
}

/** The top-level keys of a parsed document, the last of duplicates winning. */
function fieldsOf(document: Document.Parsed): Map<string, Field> {
  const fields = new Map<string, Field>();
  const contents = document.contents;
  if (!isMap(contents)) return fields;
  for (const pair of contents.items as Pair<Node, Node | null>[]) {
    if (!isScalar(pair.key)) continue;
    const key = pair.key as Scalar;
    const node = pair.value;
    let value: FieldValue | null = null;
    if (node?.range) {
      const scalar = isScalar(node) ? (node as Scalar) : null;
      value = { start: node.range[0], end: node.range[1], type: scalar ? scalar.type! : null, source: scalar?.source, value: scalar?.value };
    }
    fields.set(String(key.value), { keyStart: key.range![0], keyEnd: key.range![1], value });
  }
  return fields;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}

/** A top-level key of the front matter (Psych: the last duplicate wins), or null. */
export function field(fm: FrontMatter, key: string): Field | null {
  return fm.fields?.get(key) ?? null;
}

/**
 * Where a top-level key's value stands (the key itself when it has no value,
 * or with `at: 'key'`); line 1, column 1 when the key is absent.
 */
export function fieldPosition(fm: FrontMatter | null, key: string, at: 'key' | 'value' = 'value'): { line: number; column: number } {
  const found = fm ? field(fm, key) : null;
  if (!found) return { line: 1, column: 1 };
  return positionOf(fm!, at === 'value' && found.value ? found.value.start : found.keyStart);
}

/** The 1-based line and column of an offset in the front matter block. */
function positionOf(fm: FrontMatter, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = fm.block.indexOf('\n'); i >= 0 && i < offset; i = fm.block.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
