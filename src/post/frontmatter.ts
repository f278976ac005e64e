import { isMap, isScalar, LineCounter, type Document, type Node, type Pair, type Scalar } from 'yaml';
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
  /** The parsed document, to find a key's node and its byte range. */
  document: Document.Parsed | null;
  lineCounter: LineCounter;
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
 */
export function parseFrontMatter(block: string, yaml: string): FrontMatter {
  const lineCounter = new LineCounter();
  const base = { block, yaml, lineCounter };
  let document: Document.Parsed;
  try {
    document = parsePsych(yaml, lineCounter);
  } catch (error) {
    return { ...base, data: null, error: { message: String((error as Error).message), line: 1, column: 1 }, document: null };
  }
  const first = document.errors[0];
  if (first) {
    const { line, col } = lineCounter.linePos(first.pos[0]);
    return { ...base, data: null, error: { message: firstLine(first.message), line, column: col }, document: null };
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    return { ...base, data: null, error: { message: firstLine((error as Error).message), line: 1, column: 1 }, document: null };
  }
  if (value === null || value === undefined) return { ...base, data: null, error: null, document };
  if (typeof value !== 'object' || Array.isArray(value) || value instanceof Date) {
    return {
      ...base,
      data: null,
      error: { message: `front matter is a ${Array.isArray(value) ? 'list' : 'scalar'}, not a mapping of keys to values`, line: 2, column: 1 },
      document,
    };
  }
  return { ...base, data: value as Record<string, unknown>, error: null, document };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}

/** The last pair with this key at the top level (Psych: the last duplicate wins). */
export function findPair(fm: FrontMatter, key: string): Pair<Node, Node | null> | null {
  const contents = fm.document?.contents;
  if (!isMap(contents)) return null;
  let found: Pair<Node, Node | null> | null = null;
  for (const pair of contents.items as Pair<Node, Node | null>[]) {
    if (isScalar(pair.key) && String((pair.key as Scalar).value) === key) found = pair;
  }
  return found;
}

/** The 1-based line and column of a byte offset in the front matter. */
export function positionOf(fm: FrontMatter, offset: number): { line: number; column: number } {
  const { line, col } = fm.lineCounter.linePos(offset);
  return { line, column: col };
}
