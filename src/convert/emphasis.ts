/**
 * Whether `**…**`, `*…*` or `~~…~~` placed between `before` and `after`
 * renders as formatting in kramdown and in CommonMark. CommonMark's flanking
 * rules fail next to CJK punctuation (`，**“雪球”**产品` stays literal), so
 * there the converter keeps `<strong>`, which both render.
 *
 * Characters are the ones in the Markdown source; '' is a line boundary.
 */
const UNICODE_SPACE = /^[\s\p{Zs}]$/u;
/** CommonMark 0.31 counts Unicode symbols as punctuation, 0.30 did not: both must agree. */
const PUNCT_P = /^[!-/:-@[-`{-~\p{P}]$/u;
const PUNCT_PS = /^[!-/:-@[-`{-~\p{P}\p{S}]$/u;
const ASCII_SPACE = /^[ \t\r\n\f\v]$/;

export function delimitersFit(before: string, first: string, last: string, after: string): boolean {
  if (!first || !last || ASCII_SPACE.test(first) || ASCII_SPACE.test(last)) return false;
  return [PUNCT_P, PUNCT_PS].every((punct) => opens(before, first, punct) && closes(last, after, punct));
}

const isSpace = (c: string) => c === '' || UNICODE_SPACE.test(c);

/** Left-flanking: not followed by space, and not followed by punctuation unless preceded by space or punctuation. */
function opens(before: string, first: string, punct: RegExp): boolean {
  if (isSpace(first)) return false;
  return !punct.test(first) || isSpace(before) || punct.test(before);
}

function closes(last: string, after: string, punct: RegExp): boolean {
  if (isSpace(last)) return false;
  return !punct.test(last) || isSpace(after) || punct.test(after);
}

/** The first and last characters of a string, by code point. */
export function edges(text: string): { first: string; last: string } {
  if (!text) return { first: '', last: '' };
  const first = String.fromCodePoint(text.codePointAt(0)!);
  const lowSurrogate = /[\uDC00-\uDFFF]/.test(text[text.length - 1]!) && text.length > 1;
  return { first, last: text.slice(lowSurrogate ? -2 : -1) };
}
