/**
 * The pieces of Ruby Liquid's grammar (lib/liquid.rb and the tags' own
 * regexps), written for JavaScript: Ruby's `\s`, `\w` and `\S` are ASCII-only,
 * Ruby's `.` under /m is `[\s\S]`.
 */

export const S = '[ \\t\\n\\v\\f\\r]';
export const NS = '[^ \\t\\n\\v\\f\\r]';
export const W = '[A-Za-z0-9_]';
export const QUOTED_STRING = `(?:"[^"]*"|'[^']*')`;
export const QUOTED_FRAGMENT = `(?:"[^"]*"|'[^']*'|(?:[^ \\t\\n\\v\\f\\r,|'"]|"[^"]*"|'[^']*')+)`;
const VARIABLE_SIGNATURE = `(?:\\(?[A-Za-z0-9_\\-.\\[\\]]\\)?)`;
const VARIABLE_SEGMENT = '[A-Za-z0-9_\\-]';

export const ASSIGN = new RegExp(`(${VARIABLE_SIGNATURE}+)${S}*=${S}*([\\s\\S]*)${S}*`);
export const CAPTURE = new RegExp(`(${VARIABLE_SIGNATURE}+)`);
export const CASE = new RegExp(`(${QUOTED_FRAGMENT})`);
export const WHEN = new RegExp(`(${QUOTED_FRAGMENT})(?:(?:${S}+or${S}+|${S}*,${S}*)(${QUOTED_FRAGMENT}[\\s\\S]*))?`);
const CYCLE_NAMED = new RegExp(`^(${QUOTED_FRAGMENT})${S}*:${S}*([\\s\\S]*)`);
export const CYCLE_SIMPLE = new RegExp(`^${QUOTED_FRAGMENT}+`);
export const FOR = new RegExp(`^(${VARIABLE_SEGMENT}+)${S}+in${S}+(${QUOTED_FRAGMENT}+)${S}*(reversed)?`);
export const TABLEROW = new RegExp(`(${W}+)${S}+in${S}+(${QUOTED_FRAGMENT}+)`);
export const RENDER = new RegExp(`(${QUOTED_STRING}+)`);
export const BLANK = new RegExp(`^${S}*$`);
/** InlineComment: every line of a `{% # %}` comment starts with `#`. */
export const INLINE_COMMENT_INVALID = new RegExp(`\\n${S}*[^#${S.slice(1, -1)}]`);

const IF_WORDS = `\\b(?:${S}?and${S}?|${S}?or${S}?)\\b`;
const EXPRESSIONS_AND_OPERATORS = new RegExp(`(?:${IF_WORDS}|(?:${S}*(?!${IF_WORDS})(?:${QUOTED_FRAGMENT}|${NS}+)${S}*)+)`, 'g');
const IF_SYNTAX = new RegExp(`(${QUOTED_FRAGMENT})${S}*([=!<>a-z_]+)?${S}*(${QUOTED_FRAGMENT})?`);

/** If#lax_parse: whether the condition of `if`, `elsif` or `unless` is accepted. */
export function ifAccepts(markup: string): boolean {
  const expressions = [...markup.matchAll(EXPRESSIONS_AND_OPERATORS)].map((m) => m[0]);
  const last = expressions.pop();
  if (last === undefined || !IF_SYNTAX.test(last)) return false;
  while (expressions.length > 0) {
    const operator = (expressions.pop() ?? '').replace(/^[ \t\n\v\f\r\0]+|[ \t\n\v\f\r\0]+$/g, '');
    if (!IF_SYNTAX.test(expressions.pop() ?? '')) return false;
    if (operator !== 'and' && operator !== 'or') return false;
  }
  return true;
}

/** Case#record_when_condition: every `or`/`,` separated value of a `when`. */
export function whenAccepts(markup: string): boolean {
  let rest: string | undefined = markup;
  while (rest !== undefined) {
    const m = WHEN.exec(rest);
    if (!m) return false;
    rest = m[2];
  }
  return true;
}

export function cycleAccepts(markup: string): boolean {
  return CYCLE_NAMED.test(markup) || CYCLE_SIMPLE.test(markup);
}

// Jekyll's tags (lib/jekyll/tags/*.rb).

const INCLUDE_VALID = `([A-Za-z0-9_-]+)${S}*=${S}*(?:"([^"\\\\]*(?:\\\\.[^"\\\\]*)*)"|'([^'\\\\]*(?:\\\\.[^'\\\\]*)*)'|([A-Za-z0-9_.-]+))`;
const INCLUDE_FULL_VALID = new RegExp(`^${S}*(?:${INCLUDE_VALID}(?=${S}|$)${S}*)*$`);
/** IncludeTag::VARIABLE_SYNTAX: a file name built from `{{ variable }}`, known only when rendering. */
export const INCLUDE_VARIABLE = new RegExp(`([^{]*(\\{\\{${S}*[A-Za-z0-9_\\-.]+${S}*(\\|[\\s\\S]*)?\\}\\}[^ \\t\\n\\v\\f\\r{}]*)+)([\\s\\S]*)`);
const INCLUDE_FILENAME_CHARS = /^[A-Za-z0-9_/.\-()+~#@]+$/m;
const INCLUDE_INVALID_SEQUENCES = /[./]{2,}/;

/** Ruby's String#strip: ASCII white space and NUL. */
export function rubyStrip(s: string): string {
  return s.replace(/^[ \t\n\v\f\r\0]+|[ \t\n\v\f\r\0]+$/g, '');
}

/** IncludeTag#initialize: the file (null when built from a variable) and what is wrong with the parameters, if anything. */
export function readInclude(markup: string): { file: string | null; dynamic: boolean; badParams: string | null } {
  const stripped = rubyStrip(markup);
  const variable = INCLUDE_VARIABLE.exec(stripped);
  let file: string | null;
  let params: string | null;
  if (variable) {
    file = rubyStrip(variable[1]!);
    params = rubyStrip(variable[4]!);
  } else {
    const at = stripped.search(/[ \t\n\v\f\r]+/);
    if (stripped === '') [file, params] = [null, null];
    else if (at < 0) [file, params] = [stripped, null];
    else [file, params] = [stripped.slice(0, at), stripped.slice(at).replace(/^[ \t\n\v\f\r]+/, '')];
  }
  const badParams = params !== null && !INCLUDE_FULL_VALID.test(params) ? params : null;
  return { file, dynamic: variable !== null, badParams };
}

/** IncludeTag#validate_file_name, at render time. */
export function includeFileNameValid(file: string): boolean {
  return !INCLUDE_INVALID_SEQUENCES.test(file) && INCLUDE_FILENAME_CHARS.test(file);
}

/** PostComparer::MATCHER, after a leading `/` is removed. Ruby's `^` and `$` are line anchors. */
const POST_NAME = /^(.+\/)*(\d+-\d+-\d+)-(.*)$/m;

export function readPostUrlName(markup: string): { path: string; date: string; slug: string } | null {
  const name = rubyStrip(markup).replace(/^\//, '');
  const m = POST_NAME.exec(name);
  return m ? { path: m[1] ?? '', date: m[2]!, slug: m[3]! } : null;
}

/** HighlightBlock::SYNTAX, on the stripped markup (Ruby's `^`/`$` are line anchors). */
const HIGHLIGHT = new RegExp(`^([a-zA-Z0-9.+#_-]+)((${S}+${W}+(=(${W}+|"([0-9]+${S})*[0-9]+"))?)*)$`, 'm');

export function highlightAccepts(markup: string): boolean {
  return HIGHLIGHT.test(rubyStrip(markup));
}

// Variables: Variable#lax_parse and Expression.parse.

const MARKUP_WITH_QUOTED_FRAGMENT = new RegExp(`(${QUOTED_FRAGMENT})([\\s\\S]*)`);
const FILTER_MARKUP = /\|[ \t\n\v\f\r]*([\s\S]*)/;
const FILTER_PARSER = new RegExp(`(?:${S}+|${QUOTED_FRAGMENT}|,)+`, 'g');
const VARIABLE_PARSER = /\[[^\]]+\]|[A-Za-z0-9_-]+\??/g;
const INTEGER = /^(-?\d+)$/;
const FLOAT = /^(-?\d[\d.]+)$/;
const RANGE = /^\([ \t\n\v\f\r]*(?:([^ \t\n\v\f\r]+)[ \t\n\v\f\r]*\.\.)[ \t\n\v\f\r]*([^ \t\n\v\f\r]+)[ \t\n\v\f\r]*\)$/;

/** What an output's value is, as far as parsing tells. */
export type OutputValue =
  /** Renders nothing: nil, an empty literal, or nothing Liquid could read. */
  | { kind: 'nothing' }
  /** A literal that renders as it is (a string, a number, a range, true…). */
  | { kind: 'literal' }
  /** A variable whose value only rendering tells, rooted at `root` (null for a computed `[…]` root). */
  | { kind: 'variable'; root: string | null }
  /** Filters run on it: what it renders is not known. */
  | { kind: 'filtered' };

/** Variable#lax_parse of the inside of `{{ … }}`. */
export function outputValue(markup: string): OutputValue {
  const m = MARKUP_WITH_QUOTED_FRAGMENT.exec(markup);
  if (!m) return { kind: 'nothing' };
  const filters = FILTER_MARKUP.exec(m[2]!);
  if (filters && [...filters[1]!.matchAll(FILTER_PARSER)].some((f) => /[A-Za-z0-9_]/.test(f[0]))) return { kind: 'filtered' };
  return expressionValue(m[1]!);
}

function expressionValue(markup: string): OutputValue {
  const s = rubyStrip(markup);
  if ((s.startsWith('"') && s.endsWith('"') && s.length >= 2) || (s.startsWith("'") && s.endsWith("'") && s.length >= 2)) {
    return s.length === 2 ? { kind: 'nothing' } : { kind: 'literal' };
  }
  if (INTEGER.test(s) || RANGE.test(s) || FLOAT.test(s)) return { kind: 'literal' };
  if (s === 'nil' || s === 'null' || s === '' || s === 'blank' || s === 'empty') return { kind: 'nothing' };
  if (s === 'true' || s === 'false') return { kind: 'literal' };
  const name = s.match(VARIABLE_PARSER)?.[0];
  if (name === undefined) return { kind: 'nothing' };
  if (name.startsWith('[') && name.endsWith(']')) return { kind: 'variable', root: null };
  return { kind: 'variable', root: name };
}
