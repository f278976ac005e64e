/**
 * How kramdown 2.4 reads raw HTML in a Markdown document (parser/html.rb and
 * parser/kramdown/html.rb), ported so finews converts exactly the spans
 * kramdown passes through as HTML and nothing it reads as Markdown. The
 * regular expressions are replaced by scanners that never backtrack over the
 * rest of the document, so hostile input stays linear.
 */

/** REXML's UNAME_STR: Ruby's [[:alpha:]] and [[:alnum:]] are Unicode-aware. */
export const UNAME = String.raw`(?:[\p{Alphabetic}_][-\p{Alphabetic}\p{Nd}._]*:)?[\p{Alphabetic}_][-\p{Alphabetic}\p{Nd}._]*`;
const READABLE_ATTRIBUTE_NAME = new RegExp(`^${UNAME}$`, 'u');

/**
 * An attribute name kramdown reads in a tag (`class`, `xml:lang`,
 * `x-on:click`). A tag with any other (`<div` left by a tag never closed,
 * `@click`, `:class`) is no tag to kramdown: it shows the whole tag as text.
 */
export function isReadableAttributeName(name: string): boolean {
  return READABLE_ATTRIBUTE_NAME.test(name);
}

/** Ruby's \s: ASCII white space only. */
export const RS = String.raw`[ \t\r\n\f\v]`;

export const SPAN_ELEMENTS = new Set(
  'a abbr acronym b big bdo br button cite code del dfn em i img input ins kbd label mark option q rb rbc rp rt rtc ruby samp select small span strong sub sup tt u var'.split(' '),
);
const BLOCK_ELEMENTS = 'address article aside applet body blockquote caption col colgroup dd div dl dt fieldset figcaption footer form h1 h2 h3 h4 h5 h6 header hgroup hr html head iframe legend menu li main map nav ol optgroup p pre section summary table tbody td th thead tfoot tr ul'.split(' ');
const BLOCK_ELEMENT_SET = new Set(BLOCK_ELEMENTS);
const WITHOUT_BODY = new Set('area base br col command embed hr img input keygen link meta param source track wbr'.split(' '));
const CONTENT_MODEL_NAMES = 'address applet article aside blockquote body dd details div dl fieldset figure figcaption footer form header hgroup iframe li main map menu nav noscript object section summary td a abbr acronym b bdo big button cite caption del dfn dt em h1 h2 h3 h4 h5 h6 i ins label legend optgroup p q rb rbc rp rt rtc ruby select small span strong sub sup th tt script style math option textarea pre code kbd samp var'.split(' ');
/** kramdown's HTML_ELEMENT: names it compares case-insensitively. */
const KNOWN = new Set([...SPAN_ELEMENTS, ...BLOCK_ELEMENTS, ...WITHOUT_BODY, ...CONTENT_MODEL_NAMES]);

const NAME_AT = new RegExp(UNAME, 'uy');
const WORD_RUN = /[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}]+/uy;
const CLOSE_TAG = new RegExp(String.raw`<\/(${UNAME})${RS}*>`, 'uy');
const SPACE = /[ \t\r\n\f\v]/;

/** Where the next occurrence of a fixed string starts; amortised linear over a scan. */
export class Finder {
  private readonly cache = new Map<string, { from: number; at: number; length?: number }>();
  constructor(private readonly src: string) {}

  indexOf(needle: string, from: number): number {
    const hit = this.cache.get(needle);
    // The answer found from an earlier start holds for every start up to it.
    if (hit && hit.from <= from && (hit.at === -1 || hit.at >= from)) return hit.at;
    const at = this.src.indexOf(needle, from);
    this.cache.set(needle, { from, at });
    return at;
  }

  /**
   * The next occurrence of `needle` at or after `from` that `accept` takes.
   * Whether an occurrence is accepted must not depend on `from`, so the
   * answer can be remembered like indexOf's.
   */
  indexWhere(key: string, needle: string, from: number, accept: (at: number) => boolean): number {
    const hit = this.cache.get(key);
    if (hit && hit.from <= from && (hit.at === -1 || hit.at >= from)) return hit.at;
    let at = this.indexOf(needle, from);
    while (at >= 0 && !accept(at)) at = this.indexOf(needle, at + 1);
    this.cache.set(key, { from, at });
    return at;
  }

  /** Like indexOf, for a case-insensitive pattern given as a global RegExp. */
  search(key: string, re: RegExp, from: number): { index: number; length: number } | null {
    const hit = this.cache.get(key);
    if (hit && hit.from <= from && hit.at === -1) return null;
    if (hit && hit.from <= from && hit.at >= from && hit.length !== undefined) return { index: hit.at, length: hit.length };
    re.lastIndex = from;
    const m = re.exec(this.src);
    this.cache.set(key, { from, at: m ? m.index : -1, length: m?.[0].length });
    return m ? { index: m.index, length: m[0].length } : null;
  }
}

export interface StartTag {
  name: string;
  end: number;
  selfClosed: boolean;
}

/**
 * kramdown's HTML_TAG_RE at `pos`: `<name` and attributes that are bare names,
 * `name=word` or quoted values, then optional `/` and `>`. Anything else (an
 * unquoted URL, a stray character) means kramdown does not see a tag.
 */
export function matchStartTag(src: string, pos: number, finder: Finder): StartTag | null {
  if (src.charCodeAt(pos) !== 60 /* < */) return null;
  NAME_AT.lastIndex = pos + 1;
  const name = NAME_AT.exec(src);
  if (!name) return null;
  let i = pos + 1 + name[0].length;
  for (;;) {
    const wsStart = i;
    while (i < src.length && SPACE.test(src[i]!)) i++;
    const c = src[i];
    if (c === '>') return { name: name[0], end: i + 1, selfClosed: false };
    if (c === '/' && src[i + 1] === '>') return { name: name[0], end: i + 2, selfClosed: true };
    if (i === wsStart) return null;
    NAME_AT.lastIndex = i;
    const attr = NAME_AT.exec(src);
    if (!attr) return null;
    i += attr[0].length;
    let j = i;
    while (j < src.length && SPACE.test(src[j]!)) j++;
    if (src[j] !== '=') continue;
    j++;
    while (j < src.length && SPACE.test(src[j]!)) j++;
    const quote = src[j];
    if (quote === '"' || quote === "'") {
      const close = quotedValueEnd(src, j + 1, quote, finder);
      if (close < 0) return null;
      i = close + 1;
    } else {
      WORD_RUN.lastIndex = j;
      const word = WORD_RUN.exec(src);
      if (!word) return null;
      i = j + word[0].length;
    }
  }
}

/**
 * The closing quote of an attribute value. Ruby's lazy `.*?\3` backtracks to a
 * later quote when the first one is followed by junk; so does this, without
 * rescanning what it has passed.
 */
function quotedValueEnd(src: string, from: number, quote: string, finder: Finder): number {
  return finder.indexWhere(`value-end ${quote}`, quote, from, (at) => {
    const next = src[at + 1];
    return next === undefined || next === '>' || next === '/' || SPACE.test(next);
  });
}

const lower = (name: string) => (KNOWN.has(name.toLowerCase()) ? name.toLowerCase() : name);

/**
 * The end of the raw HTML element whose start tag ends at `from` (kramdown's
 * parse_raw_html): nested start tags open elements, a close tag closes only
 * the innermost open element and is otherwise text, as is a `<` that starts
 * no tag, comment or instruction kramdown reads (`asText` is told where), and
 * an element that is never closed runs to the end of the document.
 */
export function rawElementEnd(src: string, tag: StartTag, from: number, finder: Finder, asText?: (lt: number) => void): number {
  const stack: string[] = [];
  const open = (t: StartTag, at: number): number => {
    const name = lower(t.name);
    if (name === 'script' || name === 'style') {
      const close = finder.search(`</${name}`, new RegExp(String.raw`<\/${name}${RS}*>`, 'giu'), at);
      return close ? close.index + close.length : src.length;
    }
    if (!t.selfClosed && !WITHOUT_BODY.has(name)) stack.push(name);
    return at;
  };
  let i = open(tag, from);
  while (stack.length > 0) {
    const lt = finder.indexOf('<', i);
    if (lt < 0) return src.length;
    if (src.startsWith('<!--', lt)) {
      const end = finder.indexOf('-->', lt + 4);
      if (end >= 0) {
        i = end + 3;
        continue;
      }
    } else if (src.startsWith('<?', lt)) {
      const end = finder.indexOf('?>', lt + 2);
      if (end >= 0) {
        i = end + 2;
        continue;
      }
    }
    const start = matchStartTag(src, lt, finder);
    if (start) {
      i = open(start, start.end);
      continue;
    }
    CLOSE_TAG.lastIndex = lt;
    const close = CLOSE_TAG.exec(src);
    if (close) {
      if (lower(close[1]!) === stack[stack.length - 1]) stack.pop();
      else asText?.(lt);
      i = lt + close[0].length;
      continue;
    }
    asText?.(lt);
    i = lt + 1;
  }
  return i;
}

/**
 * Where kramdown shows a `<` as text in a run of block HTML, where a browser
 * would read markup: inside an element, an end tag that does not close the
 * innermost open one (`<li>…</a></li>`) is written out as `&lt;/a&gt;`, and
 * so is a tag kramdown cannot read (`<img height="120 />`, `<a href=/x>`) or
 * a comment never closed. Top-level elements are scanned in turn; what lies
 * between them is left alone.
 */
export function textTagStarts(src: string): number[] {
  const finder = new Finder(src);
  const starts: number[] = [];
  let i = 0;
  for (let lt = finder.indexOf('<', i); lt >= 0; lt = finder.indexOf('<', i)) {
    const tag = matchStartTag(src, lt, finder);
    if (tag) {
      i = rawElementEnd(src, tag, tag.end, finder, (at) => starts.push(at));
      continue;
    }
    const comment = src.startsWith('<!--', lt) ? finder.indexOf('-->', lt + 4) : -1;
    i = comment >= 0 ? comment + 3 : lt + 1;
  }
  return starts;
}

/**
 * Whether kramdown parses a body for this start tag; only then does it also
 * swallow the white space and line break after the end tag. After a script, a
 * style or an empty element, the line break is left to read as a blank line.
 */
export function hasParsedBody(tag: StartTag): boolean {
  const name = lower(tag.name);
  return !tag.selfClosed && !WITHOUT_BODY.has(name) && name !== 'script' && name !== 'style';
}

/** An element without content (`<meta>`, `<embed>`…): kramdown ends it at its start tag. */
export function isWithoutBody(name: string): boolean {
  return WITHOUT_BODY.has(name.toLowerCase());
}

/** kramdown's HTML_BLOCK_ELEMENTS: in running text their tags are shown as text, never passed through. */
export function isBlockElement(name: string): boolean {
  return BLOCK_ELEMENT_SET.has(name.toLowerCase());
}

export function isSpanElement(name: string): boolean {
  return SPAN_ELEMENTS.has(name.toLowerCase());
}
