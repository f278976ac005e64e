/**
 * Escape text that came from HTML so it renders as the same characters in
 * kramdown (GFM input, with Jekyll's smart quotes and typographic symbols) and
 * in CommonMark, and escape nothing else: `00700_0`, `a * b` and CJK text stay
 * as they are. Every decision looks only at this text; where the neighbour is
 * outside it (`edge`), the next thing in the output is markup or a line end,
 * and the escape is kept if either could complete a construct.
 */
export interface TextContext {
  /** The text starts a line (after leading white space, which is collapsed away). */
  lineStart: boolean;
  /**
   * Any `[` could pair with a bracket elsewhere: the body defines link
   * references, or a link or image follows in the same block (kramdown pairs
   * an unescaped `[` with the `]` of later link markup).
   */
  bracketsAreLinks: boolean;
  /** Inside a GFM table cell, where `|` ends the cell. */
  tableCell?: boolean;
  /** Image alt text: not parsed for quotes, dashes or line starts. */
  alt?: boolean;
  /** Inside link text or alt text, where an unbalanced bracket ends the text. */
  inBrackets?: boolean;
}

const ASCII_PUNCT = /[!-/:-@[-`{-~]/;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const LETTER = /[\p{Alphabetic}_]/u;
const MD_SPACE = /[ \t\n]/;
const ENTITY_AFTER_AMP = /^#?[A-Za-z0-9]+;/;

/**
 * Turndown trims its output with /[\t\r\n\s]+$/, which takes quadratic time
 * on a long run of white space anywhere: runs are kept under that size.
 */
export function capWhitespace(text: string): string {
  return text.length > 255 && /\s{256}/.test(text) ? text.replace(/\s{256,}/g, (run) => run.slice(0, 255)) : text;
}

/** Characters that may need an escape somewhere; text without them is returned as it is. */
const SPECIAL = /[\\*_`[\]<>&|{"'~$.!:-]/g;

export function escapeText(text: string, ctx: TextContext): string {
  // A table cell of dashes and colons would make its row read as the header separator.
  if (ctx.tableCell && /^[\s|:+=-]*$/.test(text) && /[-=]/.test(text)) return text.replace(/[-=:+]/g, '\\$&');
  let out = '';
  let from = 0;
  const lineStartAt = ctx.lineStart && !ctx.alt ? firstNonSpace(text) : -1;
  if (lineStartAt >= 0) {
    const escaped = escapeLineStart(text, lineStartAt);
    if (escaped !== null) {
      out = text.slice(0, lineStartAt) + escaped.text;
      from = lineStartAt + escaped.consumed;
    }
  }
  // White space at either end may be trimmed away, or moved outside the
  // delimiters of its element (turndown does that with any Unicode space): a
  // neighbour there counts as unknown.
  const first = text.search(/\S/);
  let last = text.length - 1;
  while (last >= 0 && /\s/.test(text[last]!)) last--;
  SPECIAL.lastIndex = from;
  for (let m = SPECIAL.exec(text); m; m = SPECIAL.exec(text)) {
    const i = m.index;
    const c = text[i]!;
    const escaped = escapeChar(c, i > first ? text[i - 1] : undefined, i < last ? text[i + 1] : undefined, text, i, ctx);
    if (escaped !== c) {
      out += text.slice(from, i) + escaped;
      from = i + 1;
    }
  }
  return from === 0 ? text : out + text.slice(from);
}

function escapeChar(c: string, prev: string | undefined, next: string | undefined, text: string, i: number, ctx: TextContext): string {
  switch (c) {
    case '\\':
      return next === undefined || ASCII_PUNCT.test(next) ? '\\\\' : c;
    case '*':
      return prev !== undefined && next !== undefined && MD_SPACE.test(prev) && MD_SPACE.test(next) ? c : '\\*';
    case '_':
      // Between letters or digits `_` neither opens nor closes emphasis in kramdown or CommonMark.
      return prev !== undefined && next !== undefined && LETTER_OR_DIGIT.test(prev) && LETTER_OR_DIGIT.test(next) ? c : '\\_';
    case '`':
      // Not \`: kramdown looks for table rows' code spans before it reads escapes.
      return '&#96;';
    case '[':
      return ctx.bracketsAreLinks || ctx.inBrackets || next === '^' ? '\\[' : c;
    case ']':
      return ctx.inBrackets || next === undefined || next === '(' || next === '[' || next === ':' || next === '{' ? '\\]' : c;
    case '<':
      // At the end, markup may follow: `\<` then `</em>` reads as kramdown's escaped `<<`.
      if (next === undefined) return '&lt;';
      return LETTER.test(next) || '/!?<'.includes(next) ? '\\<' : c;
    case '>':
      return next === '>' && !ctx.alt ? '\\>' : c;
    case '&':
      return ENTITY_AFTER_AMP.test(text.slice(i + 1, i + 40)) ? '&amp;' : c;
    case '|':
      return ctx.tableCell ? '&#124;' : '\\|';
    case '{':
      return next === ':' ? '\\{' : c;
    case ':':
      // kramdown's link definitions match `]:` whatever backslash is before the `]`.
      return prev === ']' ? '\\:' : c;
    case '!':
      // `!` before a link would make it an image.
      return next === undefined && !ctx.alt ? '\\!' : c;
    case '"':
    case "'":
      return ctx.alt ? c : `\\${c}`;
    case '~':
    case '$':
      return prev === c || next === c ? `\\${c}` : c;
    case '-':
      return !ctx.alt && (prev === '-' || next === '-') ? '\\-' : c;
    case '.':
      return !ctx.alt && inRunOfThree(text, i) ? '\\.' : c;
    default:
      return c;
  }
}

/** Part of `...`: looking at neighbours only, so a million dots stay linear. */
function inRunOfThree(text: string, i: number): boolean {
  const at = (k: number) => text[k] === '.';
  return (at(i - 1) && at(i + 1)) || (at(i - 1) && at(i - 2)) || (at(i + 1) && at(i + 2));
}

function firstNonSpace(text: string): number {
  const m = /[^ \t\r\n]/.exec(text);
  return m ? m.index : -1;
}


/**
 * Constructs that only count at the start of a line: ATX headings, block
 * quotes, list items, setext underlines, definition lists and kramdown's
 * end-of-block marker. Returns the escaped prefix and how much of the text it
 * covers, or null when the line start is harmless.
 */
function escapeLineStart(text: string, i: number): { text: string; consumed: number } | null {
  const rest = text.slice(i, i + 32);
  const after = (k: number) => rest[k] === undefined || /[ \t|]/.test(rest[k]!);
  const c = rest[0]!;
  if (c === '#' || c === '>') return { text: `\\${c}`, consumed: 1 };
  if ((c === '-' || c === '+') && after(1)) return { text: `\\${c}`, consumed: 1 };
  if (c === ':' && after(1)) return { text: '\\:', consumed: 1 };
  // A setext underline: any run of - and =, alone on its line.
  if ((c === '=' || c === '-') && /^[-=]+\s*$/.test(text.slice(i))) return { text: `\\${c}`, consumed: 1 };
  if (c === '^' && /^\^\s*$/.test(text.slice(i))) return { text: '&#94;', consumed: 1 };
  const ordered = /^(\d{1,9})([.)])/.exec(rest);
  if (ordered && after(ordered[0].length)) return { text: `${ordered[1]}\\${ordered[2]}`, consumed: ordered[0].length };
  return null;
}
