import { Finder, isBlockElement, isWithoutBody, matchStartTag } from './kramdown-html.js';
import type { Removal } from './removal.js';
import { isEventHandler, isKeptElement, isPluginWithFallback, isSafeStyleSheet, isUnsafeUrl, notRenderedReason, URL_ATTRIBUTES } from './safety.js';

/**
 * The Markdown parts of a body are kept byte for byte, except what must never
 * reach a page: links and images to javascript:, vbscript: or non-image data:
 * URLs, scripts and plugins written as raw HTML (and frames and style sheets
 * that run script), and event-handler
 * attributes. Code spans and code blocks are text and are left alone. Safe
 * Markdown comes back as the same string.
 */
export function sanitizeMarkdown(markdown: string, codeBlocks: ReadonlyArray<readonly [number, number]> = []): { markdown: string; removed: Removal[] } {
  if (!/[:<]/.test(markdown)) return { markdown, removed: [] };
  const edits: Edit[] = [...unsafeLinks(markdown), ...unsafeHtml(markdown)];
  if (edits.length === 0) return { markdown, removed: [] };
  const code = [...codeBlocks, ...nestedFences(markdown), ...codeSpans(markdown)];
  const comments = inlineComments(markdown, code, edits);
  const outsideCode = edits
    .filter((e) => !code.some(([s, t]) => e.start < t && e.end > s) && !comments.some(([s, t]) => e.start > s && e.start < t))
    .sort((a, b) => a.start - b.start);
  let out = '';
  let from = 0;
  const removed: Removal[] = [];
  for (const edit of outsideCode) {
    if (edit.start < from) continue;
    out += markdown.slice(from, edit.start) + edit.replacement;
    from = edit.end;
    removed.push(edit.removal);
  }
  return removed.length ? { markdown: out + markdown.slice(from), removed } : { markdown, removed };
}

interface Edit {
  start: number;
  end: number;
  replacement: string;
  removal: Removal;
}

const LOOKBACK = 4096;

/** `[text](url)`, `![alt](url)` and `[id]: url` whose URL is unsafe. */
function unsafeLinks(md: string): Edit[] {
  const edits: Edit[] = [];
  for (let i = md.indexOf(']'); i >= 0; i = md.indexOf(']', i + 1)) {
    const next = md[i + 1];
    if (next !== '(' && next !== ':') continue;
    // Most links are safe: look at the scheme before doing any bounded scan.
    if (!isUnsafeUrl(md.slice(i + 2, i + 80).replace(/^[ \t\n<]+/, ''))) continue;
    const open = matchingOpen(md, i);
    if (open < 0) continue;
    const target = next === '(' ? inlineTarget(md, i + 2) : definitionTarget(md, i + 2);
    if (!target || !isUnsafeUrl(target.url)) continue;
    const image = next === '(' && md[open - 1] === '!';
    const start = image ? open - 1 : open;
    const text = md.slice(open + 1, i);
    const replacement = next === ':' || image ? '' : text;
    edits.push({
      start,
      end: target.end,
      replacement,
      removal: { reason: 'unsafe-url', element: 'markdown', text: '', links: image ? [] : [target.url], images: image ? [target.url] : [] },
    });
  }
  return edits;
}

function matchingOpen(md: string, close: number): number {
  let depth = 0;
  for (let j = close - 1; j >= 0 && j >= close - LOOKBACK; j--) {
    const c = md[j];
    if (md[j - 1] === '\\') continue;
    if (c === '\n' && md[j - 1] === '\n') return -1;
    if (c === ']') depth++;
    else if (c === '[' && depth-- === 0) return j;
  }
  return -1;
}

/** The destination of `(url "title")`, its parentheses balanced, and where the link ends. */
function inlineTarget(md: string, from: number): { url: string; end: number } | null {
  let depth = 0;
  for (let j = from; j < md.length && j < from + LOOKBACK; j++) {
    const c = md[j];
    if (c === '(') depth++;
    else if (c === ')' && depth-- === 0) {
      const inside = md.slice(from, j).trim();
      const url = inside.startsWith('<') ? inside.slice(1, inside.indexOf('>') >= 0 ? inside.indexOf('>') : undefined) : inside.split(/\s+(?=["'(])/)[0]!;
      return { url, end: j + 1 };
    }
  }
  return null;
}

function definitionTarget(md: string, from: number): { url: string; end: number } | null {
  const m = /^[ \t]*<?([^\s>]+)>?[^\n]*/.exec(md.slice(from, from + LOOKBACK));
  return m ? { url: m[1]!, end: from + m[0].length } : null;
}

const ATTRIBUTE = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

/** Raw HTML in Markdown: scripts, plugins, and frames, style sheets, links and metas that run script or redirect go; so do handlers and unsafe URL attributes. */
function unsafeHtml(md: string): Edit[] {
  const edits: Edit[] = [];
  const finder = new Finder(md);
  for (let lt = md.indexOf('<'); lt >= 0; lt = md.indexOf('<', lt + 1)) {
    const tag = matchStartTag(md, lt, finder);
    if (!tag) continue;
    const name = tag.name.toLowerCase();
    // kramdown shows a block element's tag inside running text as text (`the <iframe> tag`): nothing to remove.
    if (isBlockElement(name) && !startsLine(md, lt)) continue;
    const reason = isKeptElement(name, (attribute) => attributeValue(md.slice(lt, tag.end), attribute)) ? null : notRenderedReason(name);
    if (reason) {
      // kramdown closes an element at the end of its paragraph, list item or heading: a later close tag is text.
      const limit = spanEnd(md, tag.end);
      const close = new RegExp(`</${name}\\s*>`, 'gi');
      close.lastIndex = tag.end;
      const m = tag.selfClosed ? null : close.exec(md);
      const removal: Removal = { reason, element: name, text: '', links: [], images: [] };
      if (isPluginWithFallback(name)) {
        // Its content is the fallback a browser shows: only the tags go.
        edits.push({ start: lt, end: tag.end, replacement: '', removal });
        if (m && m.index < limit) edits.push({ start: m.index, end: m.index + m[0].length, replacement: '', removal: { ...removal } });
        continue;
      }
      const end = tag.selfClosed || isWithoutBody(name) ? tag.end : m && m.index < limit ? m.index + m[0].length : limit;
      // A style sheet is the author's, unless it holds script.
      if (name === 'style' && isSafeStyleSheet(md.slice(tag.end, end))) continue;
      edits.push({ start: lt, end, replacement: '', removal });
      lt = end - 1;
      continue;
    }
    const source = md.slice(lt, tag.end);
    const attrs = source.slice(1 + tag.name.length, source.length - (tag.selfClosed ? 2 : 1));
    let unsafe: { attribute: string; url: string } | null = null;
    let handler = false;
    const kept: string[] = [];
    for (const m of attrs.matchAll(ATTRIBUTE)) {
      const attr = m[1]!.toLowerCase();
      const value = m[2] ?? m[3] ?? m[4] ?? '';
      if (isEventHandler(attr)) handler = true;
      else if (URL_ATTRIBUTES.has(attr) && isUnsafeUrl(decodeEntities(value))) unsafe = { attribute: attr, url: value };
      else kept.push(m[0]);
    }
    if (!unsafe && !handler) continue;
    if (unsafe && name === 'img') {
      edits.push({ start: lt, end: tag.end, replacement: '', removal: { reason: 'unsafe-url', element: name, text: '', links: [], images: [unsafe.url] } });
      continue;
    }
    const rebuilt = `<${tag.name}${kept.map((k) => ` ${k}`).join('')}${tag.selfClosed ? ' />' : '>'}`;
    const removal: Removal = unsafe
      ? { reason: 'unsafe-url', element: name, text: '', links: name === 'a' ? [unsafe.url] : [], images: [] }
      : { reason: 'script', element: name, text: '', links: [], images: [] };
    edits.push({ start: lt, end: tag.end, replacement: rebuilt, removal });
  }
  return edits;
}

/** The value of one attribute in a start tag's source, null when absent. */
function attributeValue(source: string, wanted: string): string | null {
  for (const m of source.slice(1).matchAll(ATTRIBUTE)) if (m[1]!.toLowerCase() === wanted) return decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  return null;
}

/** Enough entity decoding to see a scheme written as `&#106;avascript:`. */
function decodeEntities(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_m, hex: string) => String.fromCodePoint(Math.min(0x10ffff, Number.parseInt(hex, 16))))
    .replace(/&#(\d+);?/g, (_m, dec: string) => String.fromCodePoint(Math.min(0x10ffff, Number(dec))))
    .replace(/&colon;/gi, ':')
    .replace(/&tab;/gi, '\t')
    .replace(/&newline;/gi, '\n');
}

/** A line that starts another block: a list item, a heading, a quote, a fence, or a blank line. */
const NEXT_BLOCK = /^(?:[ \t]*(?:[-+*]|\d+\.)(?:[ \t]|$)| {0,3}(?:#{1,6}(?:[ \t]|$)|>|`{3,}|~{3,})|[ \t]*$)/;

/**
 * Where the text that holds `from` ends, as kramdown reads its spans: a
 * heading at the end of its line; a paragraph or a list item's text at the
 * line before a blank line or another block (the next item, a heading…).
 */
function spanEnd(md: string, from: number): number {
  let end = lineEnd(md, from);
  if (/^ {0,3}#{1,6}[ \t]/.test(md.slice(md.lastIndexOf('\n', from - 1) + 1, end))) return end;
  while (end < md.length && !NEXT_BLOCK.test(md.slice(end + 1, lineEnd(md, end + 1)))) end = lineEnd(md, end + 1);
  return end;
}

/**
 * Comments as kramdown reads them in running text: from `<!--` to the next
 * `-->` in the same paragraph, list item or heading. What they hold (a
 * conditional comment's `<script>`) is no markup. A `<!--` in code, or inside
 * markup that is removed (a script's text), starts none.
 */
function inlineComments(md: string, code: ReadonlyArray<readonly [number, number]>, edits: readonly Edit[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const inside = (at: number) => code.some(([s, t]) => at >= s && at < t) || edits.some((e) => at > e.start && at < e.end);
  let spanEnds = -1;
  for (let lt = md.indexOf('<!--'); lt >= 0; lt = md.indexOf('<!--', lt + 1)) {
    const close = md.indexOf('-->', lt + 4);
    if (close < 0) break;
    // Every `<!--` up to the end of a span ends its comment in the same span.
    if (lt >= spanEnds) spanEnds = spanEnd(md, lt);
    if (close + 3 > spanEnds || inside(lt)) continue;
    ranges.push([lt, close + 3]);
    lt = close + 2;
  }
  return ranges;
}

/** Only indentation, list markers and quote markers before `at` on its line: where a block can start. */
function startsLine(md: string, at: number): boolean {
  const lineStart = md.lastIndexOf('\n', at - 1) + 1;
  return /^(?:[ \t]*(?:>|[-+*]|\d+\.)(?=[ \t]))*[ \t]*$/.test(md.slice(lineStart, at));
}

/**
 * Fenced code blocks at any indentation: inside list items and block quotes
 * (which segmentBody leaves whole) they are code too. A fence closes at the
 * next fence of its character at least as long; an unclosed one is no code.
 */
function nestedFences(md: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const fence = /^[ \t>]*(?:(?:[-+*]|\d+\.)[ \t]+)*(`{3,}|~{3,})/gm;
  let open: { start: number; run: string } | null = null;
  for (const m of md.matchAll(fence)) {
    const run = m[1]!;
    if (!open) open = { start: m.index, run };
    else if (run[0] === open.run[0] && run.length >= open.run.length && /^[ \t]*$/.test(md.slice(m.index + m[0].length, lineEnd(md, m.index)))) {
      ranges.push([open.start, lineEnd(md, m.index)]);
      open = null;
    }
  }
  return ranges;
}

function lineEnd(md: string, from: number): number {
  const nl = md.indexOf('\n', from);
  return nl < 0 ? md.length : nl;
}

/** Code spans, as offset ranges: backtick runs paired with the next run of the same length in the paragraph. */
function codeSpans(md: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const paragraph of md.matchAll(/(?:[^\n]+\n?)+/g)) {
    const open = new Map<number, number>();
    for (const run of paragraph[0].matchAll(/`+/g)) {
      const at = paragraph.index + run.index;
      const start = open.get(run[0].length);
      if (start === undefined) open.set(run[0].length, at);
      else {
        ranges.push([start, at + run[0].length]);
        open.delete(run[0].length);
      }
    }
  }
  return ranges;
}
