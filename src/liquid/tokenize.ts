/**
 * Liquid's tokenizer, as Jekyll runs it (Ruby Liquid 4.0 and 5.x share it):
 * `source.split(/(\{%.*?%\}|\{\{.*?\}\}?|\{%|\{\{)/m)`. Every `{%` and `{{`
 * starts a token; a tag token runs to the first `%}`, an output token to the
 * first `}` (and one more `}` if it follows), and a `{%`/`{{` with no end is a
 * token of its own. Offsets are UTF-16 indexes into the source.
 */

export type LiquidTokenKind = 'text' | 'tag' | 'output';

export interface LiquidToken {
  kind: LiquidTokenKind;
  /** [start, end) in the source. */
  start: number;
  end: number;
}

/** A stretch of the source that Liquid reads rather than copies: a tag, an output, or a whole block whose inside is not text. */
export interface LiquidSpan {
  /** `block`: a `raw`, `comment` or `highlight` block from its opening tag to the end of its closing tag. */
  kind: 'tag' | 'output' | 'block';
  /** [start, end) in the source. */
  start: number;
  end: number;
  /** The tag's name (`if`, `raw`, `#`…); null for an output or a tag Liquid cannot read. */
  name: string | null;
}

/** Liquid's TemplateParser: JavaScript's `[\s\S]` is Ruby's `.` under /m. */
const TEMPLATE_PARSER = /\{%[\s\S]*?%\}|\{\{[\s\S]*?\}\}?|\{%|\{\{/g;

/** Ruby's `\s`: ASCII white space only (JavaScript's `\s` also takes U+3000 and NBSP). */
export const RUBY_SPACE = '[ \\t\\n\\v\\f\\r]';

/**
 * BlockBody::FullToken (Liquid 5: a tag name is `#` or `\w+`, Ruby's `\w` being ASCII).
 * Groups: 1 the tag name, 2 its markup.
 */
export const FULL_TOKEN = new RegExp(`^\\{%-?${RUBY_SPACE}*(#|[A-Za-z0-9_]+)${RUBY_SPACE}*([\\s\\S]*?)-?%\\}$`);

/** Whether the source holds anything Liquid reads: Jekyll's `Utils.has_liquid_construct?`. */
export function hasLiquid(source: string): boolean {
  return source.includes('{%') || source.includes('{{');
}

/** Liquid's tokens, empty text left out (Liquid skips it too). */
export function tokenizeLiquid(source: string): LiquidToken[] {
  const tokens: LiquidToken[] = [];
  if (!hasLiquid(source)) {
    if (source !== '') tokens.push({ kind: 'text', start: 0, end: source.length });
    return tokens;
  }
  let last = 0;
  TEMPLATE_PARSER.lastIndex = 0;
  for (let m = TEMPLATE_PARSER.exec(source); m; m = TEMPLATE_PARSER.exec(source)) {
    if (m.index > last) tokens.push({ kind: 'text', start: last, end: m.index });
    const end = m.index + m[0].length;
    tokens.push({ kind: source.charCodeAt(m.index + 1) === 0x25 /* % */ ? 'tag' : 'output', start: m.index, end });
    last = end;
  }
  if (last < source.length) tokens.push({ kind: 'text', start: last, end: source.length });
  return tokens;
}

/** The tag's name as Liquid reads it, or null when the token is no well-formed tag. */
export function tagName(token: string): string | null {
  const m = FULL_TOKEN.exec(token);
  return m ? m[1]! : null;
}

/** Raw::FullTokenPossiblyInvalid: the `{% name … %}` at the end of a token inside `raw`, and where it starts. */
const RAW_END = new RegExp(`^\\{%${RUBY_SPACE}*([A-Za-z0-9_]+)${RUBY_SPACE}*[\\s\\S]*%\\}$`);

/**
 * Whether a token inside a `raw` block ends it, as Liquid's Raw#parse decides:
 * the last `{%` in the token that starts a `{% endraw … %}` ending the token
 * (no `-` allowed after `{%`). Returns the offset of that `{%` in the token, or -1.
 */
export function rawEnd(token: string): number {
  if (!token.endsWith('%}')) return -1;
  // (.*) is greedy: Ruby tries the last `{%` first and stops at the first that matches.
  for (let at = token.lastIndexOf('{%'); at >= 0; at = at === 0 ? -1 : token.lastIndexOf('{%', at - 1)) {
    const m = RAW_END.exec(token.slice(at));
    if (m) return m[1] === 'endraw' ? at : -1;
  }
  return -1;
}

/** Blocks whose inside is not text for Markdown: kept whole. */
const OPAQUE_BLOCKS = new Set(['raw', 'comment', 'highlight']);

/**
 * The stretches Liquid reads, in order and not overlapping: every tag and
 * output, and `raw`, `comment` and `highlight` blocks whole (opening tag to
 * closing tag). A block never closed spans its opening tag alone (Jekyll stops
 * the build on it). Text between spans is what Liquid copies as it is.
 */
export function liquidSpans(source: string): LiquidSpan[] {
  const spans: LiquidSpan[] = [];
  if (!hasLiquid(source)) return spans;
  const tokens = tokenizeLiquid(source);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind === 'text') continue;
    if (token.kind === 'output') {
      spans.push({ kind: 'output', start: token.start, end: token.end, name: null });
      continue;
    }
    const name = tagName(source.slice(token.start, token.end));
    const close = name !== null && OPAQUE_BLOCKS.has(name) ? blockEnd(source, tokens, i, name) : -1;
    if (close < 0) {
      spans.push({ kind: 'tag', start: token.start, end: token.end, name });
      continue;
    }
    spans.push({ kind: 'block', start: token.start, end: tokens[close]!.end, name });
    i = close;
  }
  return spans;
}

/** Index of the token that closes the block opened at `open`, or -1 when it is never closed. */
function blockEnd(source: string, tokens: readonly LiquidToken[], open: number, name: string): number {
  if (name === 'raw') {
    for (let i = open + 1; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (t.kind !== 'text' && rawEnd(source.slice(t.start, t.end)) >= 0) return i;
    }
    return -1;
  }
  // comment and highlight: Liquid parses their inside, so nested blocks of the same name count and raw blocks are skipped.
  let depth = 1;
  for (let i = open + 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'tag') continue;
    const inner = tagName(source.slice(t.start, t.end));
    if (inner === 'raw') {
      const end = blockEnd(source, tokens, i, 'raw');
      if (end < 0) return -1;
      i = end;
    } else if (inner === name) depth++;
    else if (inner === `end${name}` && --depth === 0) return i;
  }
  return -1;
}
