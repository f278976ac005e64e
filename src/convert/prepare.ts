import { isStockNameLink } from './eastmoney.js';
import { capWhitespace, escapeText } from './escape.js';
import { ELEMENT_NODE, isElement, isText, moveChildren, remove, tagOf, TEXT_NODE, unwrap, walk, type DomElement, type DomNode } from './dom.js';
import type { Removal, StockLinks } from './removal.js';
import { isEventHandler, isHidden, isUnsafeUrl, notRenderedReason, type RemovalReason } from './safety.js';
import { fitsGfmTable, sanitizeForHtml } from './tables.js';

/**
 * Turndown's block elements: it puts blank lines around them, so text that
 * follows one starts a line.
 */
export const BLOCK = new Set(
  'address article aside audio blockquote body canvas center dd dir div dl dt fieldset figcaption figure footer form frameset h1 h2 h3 h4 h5 h6 header hgroup hr html isindex li main menu nav noframes noscript ol output p pre section table tbody td tfoot th thead tr ul'.split(' '),
);
const FORMATTING: Record<string, string> = { strong: 'strong', b: 'strong', em: 'em', i: 'em', del: 'del', s: 'del', strike: 'del' };
/** Inline elements with a Markdown form, or kept as inline HTML; other inline elements only carry their content. */
const INLINE_KEPT = new Set(['a', 'img', 'br', 'code', 'sup', 'sub', 'caption', 'colgroup', 'col', ...Object.keys(FORMATTING)]);
/**
 * Stands in for an element that goes into the Markdown as HTML (GFM cannot
 * hold it): the HTML is taken out before turndown, which would otherwise
 * convert everything inside it for nothing.
 */
export const HTML_PLACEHOLDER = 'finews-html';
/** Beyond this depth elements are unwrapped, which bounds turndown's recursion. */
const MAX_TREE_DEPTH = 400;

export interface PrepareOptions {
  stockLinks: StockLinks;
  /** The document defines link references, so a bare `[x]` could link. */
  bracketsAreLinks: boolean;
}

/**
 * Make a parsed fragment ready for turndown: remove what must not reach the
 * output (reporting it), apply the Eastmoney rules, tidy inline formatting,
 * decide which tables stay HTML, and escape every text node for Markdown in
 * its context. Turndown then runs with escaping turned off.
 */
export function prepare(root: DomElement, options: PrepareOptions): { removed: Removal[]; kept: string[] } {
  const removed: Removal[] = [];
  sanitize(root, options, removed);
  flattenDeepTrees(root);
  tidyFormatting(root);
  root.normalize();
  const kept = takeHtmlBlocks(root);
  escapeTextNodes(root, options);
  return { removed, kept };
}

function sanitize(root: DomElement, options: PrepareOptions, removed: Removal[]): void {
  walk(root, (node) => {
    if (node.nodeType !== ELEMENT_NODE && node.nodeType !== TEXT_NODE) {
      remove(node);
      return false;
    }
    if (isText(node)) {
      const capped = capWhitespace(node.data);
      if (capped !== node.data) node.data = capped;
      return;
    }
    if (!isElement(node)) return;
    const name = tagOf(node);
    const reason = notRenderedReason(name) ?? (isHidden(node) ? 'hidden' : null);
    if (reason) {
      removed.push(summarize(node, reason));
      remove(node);
      return false;
    }
    for (const attr of Array.from(node.attributes)) if (isEventHandler(attr.name)) node.removeAttribute(attr.name);
    if (name === 'a') return sanitizeLink(node, options, removed);
    if (name === 'img') {
      const src = node.getAttribute('src');
      if (src !== null && isUnsafeUrl(src)) {
        removed.push({ reason: 'unsafe-url', element: 'img', text: '', links: [], images: [src] });
        remove(node);
      }
      return false;
    }
    if (!BLOCK.has(name) && !INLINE_KEPT.has(name)) unwrap(node);
    return undefined;
  });
}

function sanitizeLink(a: DomElement, options: PrepareOptions, removed: Removal[]): void {
  const href = a.getAttribute('href');
  if (href === null) {
    unwrap(a);
  } else if (isUnsafeUrl(href)) {
    removed.push({ reason: 'unsafe-url', element: 'a', text: '', links: [href], images: [] });
    unwrap(a);
  } else if (options.stockLinks === 'text' && isStockNameLink(a)) {
    removed.push({ reason: 'stock-link', element: 'a', text: collapse(a.textContent ?? ''), links: [href], images: [] });
    unwrap(a);
  }
}

/** What a removed element carried, for the report. */
export function summarize(element: DomElement, reason: RemovalReason): Removal {
  const silent = reason === 'script' || reason === 'style' || reason === 'metadata';
  return {
    reason,
    element: tagOf(element),
    text: silent ? '' : collapse(element.textContent ?? ''),
    links: Array.from(element.getElementsByTagName('a'), (a) => a.getAttribute('href')).filter((h): h is string => h !== null),
    images: Array.from(element.getElementsByTagName('img'), (i) => i.getAttribute('src')).filter((s): s is string => s !== null),
  };
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function flattenDeepTrees(root: DomElement): void {
  let depth = 0;
  walk(
    root,
    (node) => {
      if (!isElement(node)) return;
      if (depth >= MAX_TREE_DEPTH) {
        unwrap(node);
        return;
      }
      depth++;
    },
    (node) => {
      if (isElement(node)) depth--;
    },
  );
}

/**
 * Formatting that Markdown cannot nest or that renders as nothing: empty
 * `<b>`, `<b>` inside `<b>`, `<b>a</b><b>b</b>` (which would give `**a****b**`),
 * and markup inside inline code, which Markdown shows literally.
 */
function tidyFormatting(root: DomElement): void {
  walk(root, (node) => {
    if (!isElement(node)) return;
    const name = tagOf(node);
    const kind = FORMATTING[name];
    if (kind) {
      if (!hasContent(node) || insideKind(node, kind)) {
        unwrap(node);
        return;
      }
      for (let next = node.nextSibling; isElement(next) && FORMATTING[tagOf(next)] === kind; next = node.nextSibling) {
        moveChildren(next, node);
        remove(next);
      }
    } else if (name === 'code' && tagOf(node.parentNode) !== 'pre') {
      if (node.getElementsByTagName('a').length || node.getElementsByTagName('img').length) unwrap(node);
      else for (const inner of Array.from(node.getElementsByTagName('*'))) if (tagOf(inner) !== 'br') unwrap(inner);
    }
    return undefined;
  });
}

function hasContent(element: DomElement): boolean {
  return (element.textContent ?? '').trim() !== '' || element.getElementsByTagName('img').length > 0;
}

function insideKind(node: DomNode, kind: string): boolean {
  for (let up = node.parentNode; isElement(up) && !BLOCK.has(tagOf(up)); up = up.parentNode) {
    if (FORMATTING[tagOf(up)] === kind) return true;
  }
  return false;
}

/** Tables GFM cannot hold and `<pre>` blocks with links or images stay HTML; returns that HTML. */
function takeHtmlBlocks(root: DomElement): string[] {
  const kept: string[] = [];
  const keep = (element: DomElement) => {
    if (!within(element, root)) return;
    sanitizeForHtml(element);
    const placeholder = root.ownerDocument.createElement(HTML_PLACEHOLDER);
    placeholder.setAttribute('data-index', String(kept.length));
    // Not empty, or turndown would take it for a blank element and drop it.
    placeholder.appendChild(root.ownerDocument.createTextNode('html'));
    // Without blank lines, which would end an HTML block in CommonMark.
    kept.push(element.outerHTML.replace(/\n[ \t]*(?=\n)/g, ''));
    element.parentNode!.insertBefore(placeholder, element);
    remove(element);
  };
  for (const table of Array.from(root.getElementsByTagName('table'))) if (!fitsGfmTable(table)) keep(table);
  for (const pre of Array.from(root.getElementsByTagName('pre'))) {
    if (pre.getElementsByTagName('a').length || pre.getElementsByTagName('img').length) keep(pre);
  }
  return kept;
}

/** Still in the tree: an element inside one already taken out is not taken again. */
function within(node: DomNode, root: DomNode): boolean {
  for (let up = node.parentNode; up; up = up.parentNode) if (up === root) return true;
  return false;
}

/**
 * Escape each text node knowing whether it starts a line: after the start of
 * a block, a `<br>` or the end of a block, but not after inline markup.
 * Code, preformatted text and blocks kept as HTML are not Markdown and stay
 * as they are.
 */
function escapeTextNodes(root: DomElement, options: PrepareOptions): void {
  let lineStart = true;
  let cells = 0;
  let links = 0;
  const linky = new Map<DomNode, boolean>();
  const blockHasLinks = (node: DomNode) => {
    let block = node.parentNode;
    while (isElement(block) && !BLOCK.has(tagOf(block))) block = block.parentNode;
    if (!isElement(block)) return true;
    let known = linky.get(block);
    if (known === undefined) {
      known = block.getElementsByTagName('a').length > 0 || block.getElementsByTagName('img').length > 0;
      linky.set(block, known);
    }
    return known;
  };
  walk(
    root,
    (node) => {
      if (isText(node)) {
        if (!/[^ \t\r\n]/.test(node.data)) return;
        const bracketsAreLinks = options.bracketsAreLinks || (node.data.includes('[') && blockHasLinks(node));
        node.data = escapeText(node.data, { lineStart, bracketsAreLinks, tableCell: cells > 0, inBrackets: links > 0 });
        lineStart = false;
        return;
      }
      if (!isElement(node)) return;
      const name = tagOf(node);
      if (name === 'td' || name === 'th') cells++;
      if (name === 'a') links++;
      if (name === HTML_PLACEHOLDER || name === 'pre' || name === 'code') {
        lineStart = name === HTML_PLACEHOLDER;
        return false;
      }
      lineStart = name === 'br' || (BLOCK.has(name) && name !== 'td' && name !== 'th');
      return undefined;
    },
    (node) => {
      if (!isElement(node)) return;
      const name = tagOf(node);
      if (name === 'td' || name === 'th') cells--;
      if (name === 'a') links--;
      if (BLOCK.has(name)) lineStart = true;
    },
  );
}
