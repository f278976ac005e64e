import { Finder, hasParsedBody, isSpanElement, matchStartTag, rawElementEnd, RS, UNAME } from './kramdown-html.js';

/**
 * Where kramdown's block parser (GFM input, as Jekyll runs it) reads block
 * HTML in a post body. Only those spans are HTML to convert; everything else
 * is Markdown and is kept byte for byte. The order of the block parsers and
 * the extent of each Markdown block follow kramdown 2.4 and
 * kramdown-parser-gfm 1.1, because an HTML line inside a list item, a code
 * block or a table is Markdown content, not a block of its own.
 */
export interface Segment {
  html: boolean;
  start: number;
  end: number;
  /** Code blocks (indented or fenced) inside a Markdown segment, as body offsets: text, not markup. */
  code?: Array<[number, number]>;
  /**
   * Block HTML with an element whose `markdown` attribute ("1", "block",
   * "span") makes kramdown read its content as Markdown: the author's
   * Markdown, to keep as written, not HTML to convert.
   */
  markdownInside?: boolean;
}

/**
 * A start tag with kramdown's `markdown` attribute set to read its content as
 * Markdown. kramdown honours it at any depth, even inside raw HTML, so the
 * whole block is looked at; "0" and other values leave the content raw.
 */
const MARKDOWN_ATTRIBUTE = /<[^\s<>!\/][^<>]*?[\s"']markdown[ \t\r\n\f\v]*=[ \t\r\n\f\v]*(["']?)(?:1|block|span)\1(?=[\s/>])/i;

const S = RS;
const NS = String.raw`[^ \t\r\n\f\v]`;
const SPAN_LAZY = String.raw`(?:a|abbr|acronym|b|big|bdo|br|button|cite|code|del|dfn|em|i|img|input|ins|kbd|label|mark|option|q|rb|rbc|rp|rt|rtc|ruby|samp|select|small|span|strong|sub|sup|tt|u|var|script)(?![\p{Alphabetic}\p{Nd}_])`;
const LAZY_HTML_START = String.raw`<(?!${SPAN_LAZY})${UNAME}`;
const LAZY_HTML_STOP = String.raw`<\/(?!${SPAN_LAZY})${UNAME}${S}*>`;
const ALD_ANY = String.raw`(?:\\\}|[^}])`;
const IAL_BLOCK = String.raw`\{:(?!:|\/)${ALD_ANY}+\}${S}*?\n`;
const EOB = String.raw`\^${S}*?\n`;
const PATTERN_TAIL = String.raw`[\t| ][^\n]*?\n`;

const re = (source: string) => new RegExp(source, 'uy');

const BLANK = /(?:[ \t\r\n\f\v]*\n)+/y;
const INDENT = /(?:\t| {4})/y;
const FENCE_OPEN = re(String.raw` {0,3}(([~\x60])\2{2,})${S}*?(?:(${NS}+?)(?:\?${NS}*)?)?${S}*?\n`);
const BLOCKQUOTE = re(String.raw` {0,3}> ?`);
const ATX = re(String.raw`#{1,6}[\t ]+([^\n]*)\n`);
const HR = re(String.raw` {0,3}([*\-_])[ \t]*\1[ \t]*\1(?:\1|[ \t])*\n`);
const LIST_UL = re(String.raw`( {0,3}[+*\-])(${PATTERN_TAIL})`);
const LIST_OL = re(String.raw`( {0,3}\d+\.)(${PATTERN_TAIL})`);
const DEFINITION = re(String.raw`( {0,3}:)(${PATTERN_TAIL})`);
const HTML_START = re(String.raw` {0,3}<(?:${UNAME}|!--|\/)`);
const SETEXT = re(String.raw` {0,3}[^ \t\n][^\n]*\n[\-=][\-=]*[ \t\r\f\v]*\n`);
const MATH = re(String.raw` {0,3}\$\$`);
const TABLE_LINE = re(String.raw`(?:\||[^\n]*?[^\\\n]\|)[^\n]*?\n`);
const TABLE_START = re(String.raw` {0,3}(?=${NS})(?:\||[^\n]*?[^\\\n]\|)[^\n]*?\n`);
const FOOTNOTE = re(String.raw` {0,3}\[\^\w[\w-]*\]:[^\n]*\n`);
const LINK_DEF = re(String.raw` {0,3}\[[^\n\]]+\]:[ \t]*(?:<[^\n]*?>|[^\n]*?${NS}[^\n]*?)(?:(?:[ \t]*?\n|[ \t]+?)[ \t]*?(["'])(?:[^\n]+?)\1)?[ \t]*?\n`);
const ABBREV = re(String.raw` {0,3}\*\[[^\n]+?\]:[^\n]*?\n`);
const EXT_START = re(String.raw` {0,3}\{::(\w+)(?:${S}${ALD_ANY}*?|)(\/)?\}${S}*?\n`);
const EXT_LINE = re(String.raw` {0,3}(?:\{:\w[\w-]*:${ALD_ANY}+\}|\{:\/\w*\}|${IAL_BLOCK.replace(String.raw`${S}*?\n`, '')})${S}*?\n`);
const EOB_LINE = re(EOB);
const IAL_LINE = re(String.raw` {0,3}${IAL_BLOCK}`);
const BOUNDARY = re(String.raw`(?:[ \t\r\n\f\v]*\n|${EOB}| {0,3}${IAL_BLOCK})`);
const PARAGRAPH_END = re(
  String.raw`(?:[ \t\r\n\f\v]*\n| {0,3}${IAL_BLOCK}|${EOB}| {0,3}${LAZY_HTML_STOP}| {0,3}${LAZY_HTML_START}|( {0,3}[+*\-]| {0,3}\d+\.)${PATTERN_TAIL}|#{1,6}[\t ]+[^\n]*\n| {0,3}:${PATTERN_TAIL}| {0,3}> ?| {0,3}[~\x60]{3,})`,
);
const LAZY_END = re(String.raw`(?:[ \t\r\n\f\v]*\n| {0,3}${IAL_BLOCK}|${EOB}| {0,3}${LAZY_HTML_STOP}| {0,3}${LAZY_HTML_START})`);
const CODE_LAZY_STOP = re(String.raw`(?: {0,3}${IAL_BLOCK}|${EOB}| {0,3}${LAZY_HTML_STOP}| {0,3}${LAZY_HTML_START})`);
const NONBLANK_LINE = /[ \t]*[^ \t\r\n\f\v][^\n]*\n/y;

function at(pattern: RegExp, src: string, pos: number): RegExpExecArray | null {
  pattern.lastIndex = pos;
  return pattern.exec(src);
}

/** kramdown-parser-gfm's ATX heading: `#` and a space, and some text once a closing `#` run is cut. */
function atxHeader(src: string, pos: number): RegExpExecArray | null {
  const m = at(ATX, src, pos);
  return m && m[1]!.replace(/[\t ]#+$/, '').trim() !== '' ? m : null;
}

/** Split a body into Markdown and block-HTML segments covering it exactly. */
export function segmentBody(body: string): Segment[] {
  return mergeAcrossBlankLines(blocks(body), body);
}

/** Where each top-level block HTML element (or comment) starts: what kramdown makes an HTML block of. */
export function htmlBlockStarts(body: string): number[] {
  return blocks(body)
    .filter((b) => b.html)
    .map((b) => b.start);
}

/** Every top-level block, in order. */
function blocks(body: string): Segment[] {
  // kramdown reads \r\n and \r as \n; a same-length copy keeps offsets valid.
  const src = body.replace(/\r\n?/g, (m) => (m.length === 2 ? ' \n' : '\n')) + '\n';
  const scanner = new BlockScanner(src);
  const out: Segment[] = [];
  let pos = 0;
  while (pos < body.length) {
    const html = scanner.htmlBlock(pos);
    const end = Math.min(body.length, html ?? scanner.markdownBlock(pos));
    if (html === null) out.push(scanner.lastWasCode ? { html: false, start: pos, end, code: [[pos, end]] } : { html: false, start: pos, end });
    else out.push(MARKDOWN_ATTRIBUTE.test(body.slice(pos, end)) ? { html: true, start: pos, end, markdownInside: true } : { html: true, start: pos, end });
    pos = end;
  }
  return out;
}

/** HTML blocks separated only by blank lines are one fragment: HTML ignores the gap. Blocks of Markdown inside HTML stay apart. */
function mergeAcrossBlankLines(segments: Segment[], body: string): Segment[] {
  const out: Segment[] = [];
  for (const segment of segments) {
    const last = out[out.length - 1];
    const beforeLast = out[out.length - 2];
    const apart = segment.markdownInside === true;
    if (segment.html && !apart && last && !last.html && beforeLast?.html && !beforeLast.markdownInside && body.slice(last.start, last.end).trim() === '') {
      out.pop();
      beforeLast.end = segment.end;
    } else if (last && last.html === segment.html && last.end === segment.start && !apart && !last.markdownInside) {
      last.end = segment.end;
      if (segment.code) (last.code ??= []).push(...segment.code);
    } else {
      out.push({ ...segment });
    }
  }
  return out;
}

class BlockScanner {
  private readonly finder: Finder;
  private readonly fenceNotClosedAfter = new Map<string, number>();
  /** The last Markdown block was a code block. */
  lastWasCode = false;
  /** What the previous block was: tables, math and definitions depend on it. */
  private previous: 'start' | 'boundary' | 'paragraph' | 'other' = 'start';

  constructor(private readonly src: string) {
    this.finder = new Finder(src);
  }

  /** The end of the block HTML element starting at `pos`, or null when kramdown sees none. */
  htmlBlock(pos: number): number | null {
    const { src } = this;
    if (!this.precedesHtml(pos) || !at(HTML_START, src, pos)) return null;
    let end: number | null = null;
    let trailingLine = true;
    if (src.startsWith('<!--', pos)) {
      const close = this.finder.indexOf('-->', pos + 4);
      if (close >= 0) end = close + 3;
    } else {
      let lt = pos;
      while (src[lt] === ' ') lt++;
      const tag = matchStartTag(src, lt, this.finder);
      if (tag && !isSpanElement(tag.name)) {
        end = rawElementEnd(src, tag, tag.end, this.finder);
        trailingLine = hasParsedBody(tag);
      }
    }
    if (end === null) return null;
    const trailing = /[ \t]*\n/y;
    trailing.lastIndex = end;
    if (trailingLine && trailing.exec(src)) end = trailing.lastIndex;
    this.previous = 'other';
    return end;
  }

  /**
   * The block parsers kramdown tries before block HTML: when one of them
   * matches at `pos`, the line is Markdown even if it starts with a tag.
   */
  private precedesHtml(pos: number): boolean {
    const { src } = this;
    return !(
      at(BLANK, src, pos) ||
      at(INDENT, src, pos) ||
      this.fencedEnd(pos) !== null ||
      at(BLOCKQUOTE, src, pos) ||
      atxHeader(src, pos) ||
      at(HR, src, pos) ||
      at(LIST_UL, src, pos) ||
      at(LIST_OL, src, pos) ||
      (this.previous === 'paragraph' && at(DEFINITION, src, pos))
    );
  }

  /** The end of the Markdown block at `pos`, by the first kramdown block parser that matches. */
  markdownBlock(pos: number): number {
    const { src } = this;
    const previous = this.previous;
    this.previous = 'other';
    this.lastWasCode = false;
    const afterBoundary = previous === 'start' || previous === 'boundary';
    let m: RegExpExecArray | null;
    if ((m = at(BLANK, src, pos)) || (m = at(EOB_LINE, src, pos)) || (m = at(IAL_LINE, src, pos))) {
      this.previous = 'boundary';
      return pos + m[0].length;
    }
    this.lastWasCode = true;
    if (at(INDENT, src, pos)) return this.indentedCodeEnd(pos);
    const fenced = this.fencedEnd(pos);
    if (fenced !== null) return fenced;
    this.lastWasCode = false;
    if (at(BLOCKQUOTE, src, pos)) return this.linesUntil(pos, LAZY_END);
    if ((m = atxHeader(src, pos)) || (m = at(HR, src, pos))) return pos + m[0].length;
    if (at(LIST_UL, src, pos)) return this.listEnd(pos, LIST_UL);
    if (at(LIST_OL, src, pos)) return this.listEnd(pos, LIST_OL);
    if (previous === 'paragraph' && at(DEFINITION, src, pos)) return this.listEnd(pos, DEFINITION);
    if (afterBoundary && (m = at(SETEXT, src, pos))) return pos + m[0].length;
    const math = afterBoundary ? this.mathEnd(pos) : null;
    if (math !== null) return math;
    const table = afterBoundary && at(TABLE_START, src, pos) ? this.tableEnd(pos) : null;
    if (table !== null) return table;
    if ((m = at(FOOTNOTE, src, pos))) return this.indentedCodeEnd(pos + m[0].length, true);
    // LINK_DEF's two lazy runs are quadratic in the line: past 64 KB no line is a link definition.
    const linkDefinition = this.lineEnd(pos) - pos < 65_536 ? at(LINK_DEF, src, pos) : null;
    if ((m = linkDefinition) || (m = at(ABBREV, src, pos)) || (m = at(EXT_LINE, src, pos))) return pos + m[0].length;
    const extension = this.extensionEnd(pos);
    if (extension !== null) return extension;
    this.previous = 'paragraph';
    return this.linesUntil(pos, PARAGRAPH_END);
  }

  private lineEnd(pos: number): number {
    const nl = this.finder.indexOf('\n', pos);
    return nl < 0 ? this.src.length : nl + 1;
  }

  /** The first line, then every line until `stop` matches at a line start. */
  private linesUntil(pos: number, stop: RegExp): number {
    let end = this.lineEnd(pos);
    while (end < this.src.length && !at(stop, this.src, end)) end = this.lineEnd(end);
    return end;
  }

  /** kramdown's CODEBLOCK_MATCH: indented lines, lazy lines, and blank lines between indented ones. */
  private indentedCodeEnd(pos: number, optional = false): number {
    const { src } = this;
    let end = pos;
    for (;;) {
      let p = end;
      const blank = at(BLANK, src, p);
      if (blank) p += blank[0].length;
      let indented = 0;
      while (p < src.length && at(INDENT, src, p) && at(NONBLANK_LINE, src, p)) {
        p = this.lineEnd(p);
        indented++;
      }
      if (indented === 0) return end === pos && !optional ? this.lineEnd(pos) : end;
      while (p < src.length && at(NONBLANK_LINE, src, p) && !at(CODE_LAZY_STOP, src, p)) p = this.lineEnd(p);
      end = p;
    }
  }

  /** GFM fenced code: the opening line, then up to a closing fence of the same kind. */
  private fencedEnd(pos: number): number | null {
    const open = at(FENCE_OPEN, this.src, pos);
    if (!open) return null;
    const fence = open[1]!;
    const from = pos + open[0].length;
    const notAfter = this.fenceNotClosedAfter.get(fence);
    if (notAfter !== undefined && notAfter <= from) return null;
    // kramdown's closing fence is the opening one and more of its character: at least as long.
    const close = new RegExp(String.raw`(?<=\n) {0,3}${fence[0] === '~' ? '~' : '\x60'}{${fence.length},}${S}*?\n`, 'g');
    // The content may be empty: the closing fence can follow the opening line.
    close.lastIndex = from;
    const m = close.exec(this.src);
    if (!m) {
      this.fenceNotClosedAfter.set(fence, from);
      return null;
    }
    return m.index + m[0].length;
  }

  /** A list or definition list: items, content indented past the marker, lazy lines, blank lines. */
  private listEnd(pos: number, first: RegExp): number {
    const { src } = this;
    let p = pos;
    let lastBlank = false;
    let itemStart: RegExp = first;
    let content: RegExp | null = null;
    let lazy: RegExp | null = null;
    while (p < src.length) {
      let m: RegExpExecArray | null;
      if (lastBlank && at(HR, src, p)) break;
      if ((m = at(EOB_LINE, src, p))) return p + m[0].length;
      if ((m = at(itemStart, src, p))) {
        const indentation = listIndentation(m[1]!.length, m[2]!);
        const cap = Math.min(indentation, 3);
        content = re(String.raw`(?:(?:\t| {4}){${Math.floor(indentation / 4)}} {${indentation % 4}}|(?:\t| {4}){${Math.floor(indentation / 4) + 1}})[^\n]*${NS}[^\n]*\n`);
        lazy = re(String.raw`(?! {0,${cap}}(?:${IAL_BLOCK}|${LAZY_HTML_STOP}|${LAZY_HTML_START}))[^\n]*${NS}[^\n]*\n`);
        const marker = first === LIST_OL ? String.raw`\d+\.` : first === DEFINITION ? ':' : String.raw`[+*\-]`;
        itemStart = re(String.raw`( {0,${Math.min(3, Math.max(indentation - 1, 0))}}${marker})(${PATTERN_TAIL})`);
        p += m[0].length;
        lastBlank = false;
      } else if (content && ((m = at(content, src, p)) || (!lastBlank && lazy && (m = at(lazy, src, p))))) {
        p += m[0].length;
        lastBlank = false;
      } else if ((m = at(BLANK, src, p))) {
        p += m[0].length;
        lastBlank = true;
      } else {
        break;
      }
    }
    return p;
  }

  /** `$$ … $$` as a block: the closing `$$` must end its line. */
  private mathEnd(pos: number): number | null {
    if (!at(MATH, this.src, pos)) return null;
    const open = this.src.indexOf('$$', pos);
    const close = this.finder.indexOf('$$', open + 2);
    if (close < 0) return null;
    const tail = /[ \t\r\n\f\v]*?\n/y;
    tail.lastIndex = close + 2;
    return tail.exec(this.src) && this.beforeBoundary(tail.lastIndex) ? tail.lastIndex : null;
  }

  /** Table lines; kramdown gives up on a table not followed by a block boundary. */
  private tableEnd(pos: number): number | null {
    let p = this.lineEnd(pos);
    while (p < this.src.length && at(TABLE_LINE, this.src, p)) p = this.lineEnd(p);
    return this.beforeBoundary(p) ? p : null;
  }

  private beforeBoundary(pos: number): boolean {
    return pos >= this.src.length - 1 || at(BOUNDARY, this.src, pos) !== null;
  }

  /** `{::comment}` … `{:/comment}` and the other block extensions with a body. */
  private extensionEnd(pos: number): number | null {
    const m = at(EXT_START, this.src, pos);
    if (!m) return null;
    const start = pos + m[0].length;
    if (m[2]) return start;
    const close = this.finder.search(`extension ${m[1]}`, new RegExp(String.raw`(?<=\n) {0,3}\{:\/(?:${m[1]})?\}${S}*?\n`, 'g'), start);
    return close ? close.index + close.length : start;
  }
}

/** kramdown's parse_first_list_line: the column where an item's content starts. */
function listIndentation(markerLength: number, tail: string): number {
  if (/^[ \t]*\n$/.test(tail)) return 4;
  let content = tail;
  let indentation = markerLength;
  while (/^ *\t/.test(content)) {
    const spaces = /^ */.exec(content)![0].length + indentation;
    content = content.replace(/^( *)(\t+)/, (_m, s: string, tabs: string) => s + ' '.repeat(4 - (spaces % 4) + (tabs.length - 1) * 4));
  }
  return indentation + /^ */.exec(content)![0].length;
}
