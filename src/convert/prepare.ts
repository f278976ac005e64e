import { isStockNameLink } from './eastmoney.js';
import { isReadableAttributeName } from './kramdown-html.js';
import { capWhitespace, escapeText } from './escape.js';
import { COMMENT_NODE, ELEMENT_NODE, isElement, isText, moveChildren, remove, tagOf, TEXT_NODE, unwrap, walk, type DomElement, type DomNode } from './dom.js';
import type { Removal, StockLinks } from './removal.js';
import { isEventHandler, isHidden, isKeptContent, isNotRendered, isPluginWithFallback, isSafeStyleSheet, isUnsafeUrl, notRenderedReason, URL_ATTRIBUTES, urlAsRead, type RemovalReason } from './safety.js';
import { fitsGfmTable, sanitizeForHtml } from './tables.js';
import { distributeOverBlocks, inlineSource, outermost } from './inline-blocks.js';
import { hasTablePresentation, INLINE_HTML, inRunningText, isCustomElement, isDisplayMath, presentationOf, RAW_INLINE_HTML } from './elements.js';

/**
 * Turndown's block elements: it puts blank lines around them, so text that
 * follows one starts a line.
 */
export const BLOCK = new Set(
  'address article aside audio blockquote body canvas center dd dir div dl dt fieldset figcaption figure footer form frameset h1 h2 h3 h4 h5 h6 header hgroup hr html isindex li main menu nav noframes noscript ol output p pre section table tbody td tfoot th thead tr ul'.split(' '),
);
const FORMATTING: Record<string, string> = { strong: 'strong', b: 'strong', em: 'em', i: 'em', del: 'del', s: 'del', strike: 'del' };
/**
 * Stands in for an element that goes into the Markdown as HTML (GFM cannot
 * hold it): the HTML is taken out before turndown, which would otherwise
 * convert everything inside it for nothing.
 */
export const HTML_PLACEHOLDER = 'finews-html';
/** The same, for HTML kept inline: comments and anchors, in the flow of the text around them. */
export const INLINE_PLACEHOLDER = 'finews-inline';
const PLACEHOLDERS: ReadonlySet<string> = new Set([HTML_PLACEHOLDER, INLINE_PLACEHOLDER]);
/** An inline placeholder as an element kept as HTML serializes it. */
const INLINE_IN_HTML = new RegExp(`<${INLINE_PLACEHOLDER} data-index="(\\d+)">html</${INLINE_PLACEHOLDER}>`, 'g');
/** Carries a paragraph's or heading's kramdown attribute list to its turndown rule. */
export const ATTRIBUTE_LIST = 'data-finews-ial';
/** Inline elements with a Markdown form, or kept as inline HTML; other inline elements only carry their content. */
const INLINE_KEPT = new Set(['a', 'img', 'br', 'code', 'sup', 'sub', 'caption', 'colgroup', 'col', INLINE_PLACEHOLDER, ...Object.keys(FORMATTING), ...INLINE_HTML]);
/** Content that Markdown cannot say: players, frames, drawings, formulas, figures, disclosures (and a summary outside one), style sheets, links. It stays HTML, only made safe. */
const MEDIA = new Set(['video', 'audio', 'picture', 'figure', 'details', 'summary', 'iframe', 'canvas', 'svg', 'math', 'style', 'link', 'meta', 'title']);
/** Of those, the ones kept only when safe (see isKeptContent). */
const KEPT_WHEN_SAFE = new Set(['iframe', 'style', 'link', 'meta', 'title']);
/**
 * Containers whose every class is there for the site's style sheet or an
 * embed script (`pquote`, `twitter-tweet`, `sr-only`): with a class they stay
 * HTML, and so do they with a style, an alignment or a direction.
 */
const CLASSED_CONTAINERS = new Set(['div', 'section', 'blockquote', 'aside']);
/**
 * Blocks that kramdown gives attributes back to (`{: style="…"}` on the line
 * after a paragraph, a heading or a list): their style, a list's numbering
 * and the classes the site names stay Markdown.
 */
const ATTRIBUTE_LIST_BLOCKS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol']);
/** Classes that themes give to notices and banners: such a paragraph stays HTML, whatever the site. */
const NOTICE_CLASS = /(?:^|\s)(?:alert|notice|note|warning|warn|callout|admonition|banner|tip|info|danger|success|important|caution|error)(?:[-_][\w-]*)?(?:\s|$)/i;
/** Where a paragraph's attribute list is lost: a list item's first paragraph is its text, a pipe table's cell and a heading a line. */
const NO_ATTRIBUTE_LIST_INSIDE = new Set(['li', 'td', 'th', 'table', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** A heading id that a kramdown attribute list `{#id}` can carry. */
const IAL_ID = /^[A-Za-z][\w-]*$/;
/** Beyond this depth elements are unwrapped, which bounds turndown's recursion. */
const MAX_TREE_DEPTH = 400;

export interface PrepareOptions {
  stockLinks: StockLinks;
  /** The document defines link references, so a bare `[x]` could link. */
  bracketsAreLinks: boolean;
  /** Ids that links elsewhere in the body point to. */
  anchorTargets?: ReadonlySet<string>;
  /** Custom elements stay HTML with the block around them (default); a whole page's article leaves them out. */
  keepCustomElements?: boolean;
  /** The class names the site (or the body's own style sheets) name: these classes of a paragraph or heading are kept. */
  classes?: ReadonlySet<string>;
  /** Jekyll runs Liquid on the output (a post body, whose own Liquid stands aside): braces left in text are no Liquid. */
  liquidRuns?: boolean;
  /** A whole page's article: its HTML is what a browser reads, not what kramdown reads of a post body. */
  wholePage?: boolean;
}

const NO_CLASSES: ReadonlySet<string> = new Set();

/**
 * Make a parsed fragment ready for turndown: remove what must not reach the
 * output (reporting it), apply the Eastmoney rules, tidy inline formatting,
 * decide which tables stay HTML, and escape every text node for Markdown in
 * its context. Turndown then runs with escaping turned off.
 */
export function prepare(root: DomElement, options: PrepareOptions): { removed: Removal[]; kept: string[]; onlyHtml: boolean } {
  const removed: Removal[] = [];
  const kept: string[] = [];
  const whole = options.keepCustomElements === false ? NONE : holdersOfCustomElements(root);
  const classes = options.classes ?? NO_CLASSES;
  markAnchors(root, kept, options.anchorTargets ?? new Set(), whole, classes);
  const htmlBlocks: DomElement[] = [];
  sanitize(root, options, removed, htmlBlocks, whole, classes);
  liftBlockLinks(root);
  keepHeadingsAroundHtml(root, htmlBlocks, removed);
  const opaque = new Set(htmlBlocks);
  distributeOverBlocks(root, INLINE_WRAPPERS, BLOCK, opaque);
  distributeOverBlocks(root, HEADINGS, BLOCK, opaque);
  lineBreaksInPre(root);
  flattenDeepTrees(root);
  tidyFormatting(root);
  root.normalize();
  if (options.wholePage === true) dropUnreadableAttributes(htmlBlocks, removed);
  const stripped = takeHtmlBlocks(root, htmlBlocks, kept, options.liquidRuns === true);
  keepRawInline(root, kept, options.liquidRuns === true);
  textBeforeItems(root);
  keepComments(root, kept);
  escapeTextNodes(root, options);
  return { removed, kept, onlyHtml: removed.length === 0 && !stripped && onlyPlaceholders(root) };
}

/**
 * A browser ignores an attribute named `<div` (left by a tag never closed) or
 * `@click`, but kramdown reads no tag with one and shows the whole tag as
 * text: in a page's HTML kept as it is, they go (reported). A post body keeps
 * them, since kramdown shows its original the same way.
 */
function dropUnreadableAttributes(htmlBlocks: readonly DomElement[], removed: Removal[]): void {
  const drop = (node: DomNode) => {
    if (!isElement(node)) return;
    for (const attr of Array.from(node.attributes)) {
      if (isReadableAttributeName(attr.name)) continue;
      removed.push({ reason: 'attribute-name', element: tagOf(node), text: attr.name, links: [], images: [] });
      node.removeAttribute(attr.name);
    }
  };
  for (const element of htmlBlocks) {
    drop(element);
    walk(element, drop);
    // A link around media is written as HTML with it (see takeHtmlBlocks).
    const a = linkAround(element);
    if (a) drop(a);
  }
}

/** Inline elements that are formatting or have a look of their own: around blocks, they go down into them (see distributeOverBlocks). */
const INLINE_WRAPPERS = new Set([...Object.keys(FORMATTING), ...INLINE_HTML, 'sup', 'sub']);

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * A heading around something kept as HTML (`<h3><div class="x">…</div></h3>`)
 * stays HTML with it: a Markdown heading is one line of text.
 */
function keepHeadingsAroundHtml(root: DomElement, htmlBlocks: DomElement[], removed: Removal[]): void {
  const kept = new Set(htmlBlocks);
  for (const heading of outermost(root, (el) => HEADINGS.has(tagOf(el)))) {
    if (kept.has(heading) || !Array.prototype.some.call(heading.getElementsByTagName('*'), (el: DomElement) => kept.has(el))) continue;
    makeSafe(heading, removed);
    htmlBlocks.push(heading);
  }
}

/**
 * `<u>`, `<mark>`, `<kbd>`…: kramdown shows their content as it is, so it
 * stays HTML, links and formatting included, inline in the text around it.
 */
function keepRawInline(root: DomElement, kept: string[], liquidRuns: boolean): void {
  for (const element of outermost(root, (el) => RAW_INLINE_HTML.has(tagOf(el)))) keepInline(root, element, kept, liquidRuns, false);
}

/**
 * An element kept as inline HTML, on one line; `inSpan` when the line could
 * start with it and kramdown would read it as a block of its own (`<math>`,
 * `<svg>` are no span elements to kramdown), so it goes inside a `<span>`.
 */
function keepInline(root: DomElement, element: DomElement, kept: string[], liquidRuns: boolean, inSpan: boolean): void {
  const source = inlineSource(element, kept, [INLINE_PLACEHOLDER, HTML_PLACEHOLDER]);
  const html = inSpan ? `<span>${source}</span>` : source;
  element.parentNode!.insertBefore(inlinePlaceholder(root, kept, liquidRuns ? braceEntities(html) : html), element);
  remove(element);
}

/**
 * What belongs in the line of text around it: media a browser shows there (an
 * inline formula, not `display="block"`; a drawing; a picture), and metadata it
 * shows nothing of (microdata's `<meta itemprop>` and `<link itemprop>` beside a name).
 */
function isInline(element: DomElement): boolean {
  const name = tagOf(element);
  return (name === 'math' && !isDisplayMath(element)) || name === 'svg' || name === 'picture' || name === 'canvas' || name === 'meta' || name === 'link';
}

/**
 * Whether the Markdown of `node` would start a line: before it in its block
 * there is only white space (and what `passOver` picks), or a line break, a
 * block or HTML kept as a block.
 */
export function startsLine(node: DomNode, passOver: (prev: DomNode) => boolean = () => false): boolean {
  for (let at: DomNode = node; ; ) {
    for (let prev = at.previousSibling; prev; prev = prev.previousSibling) {
      if ((isText(prev) && /^[ \t\r\n]*$/.test(prev.data)) || passOver(prev)) continue;
      return tagOf(prev) === 'br' || tagOf(prev) === HTML_PLACEHOLDER || BLOCK.has(tagOf(prev));
    }
    const parent = at.parentNode;
    if (!isElement(parent) || BLOCK.has(tagOf(parent))) return true;
    at = parent;
  }
}

/** An element that shows nothing and holds no other (a line break is no such thing: it starts the line itself): an inline formula after it still starts the line. */
const isEmptyLeaf = (node: DomNode) => isElement(node) && tagOf(node) !== 'br' && !hasContent(node) && node.getElementsByTagName('*').length === 0;

/** Nothing but HTML kept as it was (media, comments…) and white space: the source needs no conversion. */
function onlyPlaceholders(root: DomElement): boolean {
  for (let child = root.firstChild; child; child = child.nextSibling) {
    if (isText(child) ? /[^ \t\r\n]/.test(child.data) : tagOf(child) !== HTML_PLACEHOLDER && tagOf(child) !== INLINE_PLACEHOLDER) return false;
  }
  return true;
}

/**
 * Whether an element stays HTML: media, figures, disclosures, known players,
 * notices and banners; definition lists and styled rules and tables, which
 * Markdown would flatten; a `<center>` that is no centred paragraph (see
 * isCentredParagraph); and the blocks that hold a custom element (`whole`).
 */
function keptAsHtml(element: DomElement, whole: ReadonlySet<DomElement>, classes: ReadonlySet<string>): boolean {
  const name = tagOf(element);
  if (MEDIA.has(name)) return !KEPT_WHEN_SAFE.has(name) || isKeptContent(element);
  if (whole.has(element) || name === 'dl' || name === 'figcaption' || name === 'address' || (name === 'hr' && element.attributes.length > 0)) return true;
  if (name === 'center') return !isCentredParagraph(element);
  if (name === 'table') return hasTablePresentation(element);
  if (CLASSED_CONTAINERS.has(name)) return (element.getAttribute('class') ?? '').trim() !== '' || presentationOf(element, classes).length > 0;
  if (name === 'pre') return presentationOf(element).length > 0;
  if (!ATTRIBUTE_LIST_BLOCKS.has(name)) return false;
  if (name === 'p' && NOTICE_CLASS.test(element.getAttribute('class') ?? '')) return true;
  const shown = presentationOf(element, classes);
  return shown.length > 0 && (attributeList(shown) === null || !attributeListHolds(element));
}

/**
 * A `<center>` around text, links and images, where an attribute list reaches
 * it: it becomes a paragraph centred by kramdown's attribute list (see
 * CENTRED), which shows the same line, less the `<center>` tag. Around
 * blocks, with attributes of its own, or empty, it stays HTML, and kramdown
 * shows its content as it is (so that stays HTML too).
 */
function isCentredParagraph(center: DomElement): boolean {
  if (center.attributes.length > 0 || !hasContent(center) || !attributeListHolds(center)) return false;
  return !Array.prototype.some.call(center.getElementsByTagName('*'), (inner: DomElement) => BLOCK.has(tagOf(inner)));
}

/** The attribute list of a `<center>` made a paragraph; the verifier counts a `<center>` as such a paragraph. */
export const CENTRED = '{: style="text-align: center"}';

/**
 * kramdown's block attribute list for these attributes (`{: style="…"}`), or
 * null when a value holds what the list cannot say as written (a quote, a
 * brace, a backslash, an entity).
 */
export function attributeList(attributes: ReadonlyArray<[string, string]>): string | null {
  if (attributes.some(([, value]) => /["{}\\&<>]/.test(value))) return null;
  return `{: ${attributes.map(([key, value]) => `${key}="${value}"`).join(' ')}}`;
}

/** Whether an attribute list after this block reaches it: not in a list item or a table cell, and no media inside. */
function attributeListHolds(element: DomElement): boolean {
  for (let up = element.parentNode; isElement(up); up = up.parentNode) if (NO_ATTRIBUTE_LIST_INSIDE.has(tagOf(up))) return false;
  for (const inner of Array.from(element.getElementsByTagName('*'))) if (MEDIA.has(tagOf(inner)) || isCustomElement(inner)) return false;
  return true;
}

const NONE: ReadonlySet<DomElement> = new Set();
/** Where a block kept as HTML can stand between Markdown blocks: containers turndown turns into blocks and nothing else. */
const CONTAINERS = new Set(['div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'nav', 'body', 'center']);

/** A form's controls: Markdown cannot say them. */
const FORM_CONTROLS = new Set(['input', 'select', 'textarea', 'button', 'meter', 'progress', 'output']);

/**
 * A custom element or a form control stays HTML, and so does what holds it
 * up to a block that can stand alone: its form, paragraph, list, table or
 * preformatted block, so that a line is never split and the element is
 * never flattened.
 */
function holdersOfCustomElements(root: DomElement): Set<DomElement> {
  const holders = new Set<DomElement>();
  walk(root, (node) => {
    if (!isElement(node) || !(isCustomElement(node) || FORM_CONTROLS.has(tagOf(node)))) return undefined;
    let holder = node;
    for (let up = holder.parentNode; isElement(up) && up !== root; up = holder.parentNode) {
      if (CONTAINERS.has(tagOf(up)) && !inRunningText(holder)) break;
      holder = up;
    }
    holders.add(holder);
    return false;
  });
  return holders;
}

function insideKeptHtml(element: DomElement, whole: ReadonlySet<DomElement>, classes: ReadonlySet<string>): boolean {
  for (let up: DomNode | null = element; isElement(up); up = up.parentNode) if (keptAsHtml(up, whole, classes)) return true;
  return false;
}

/**
 * Anchors stay: `<a name>` and `<a id>`, and any element whose id a link of
 * the same text points to (`href="#id"`). A heading takes kramdown's `{#id}`;
 * anything else gets an empty `<a id>` at its start.
 */
function markAnchors(root: DomElement, kept: string[], elsewhere: ReadonlySet<string>, whole: ReadonlySet<DomElement>, classes: ReadonlySet<string>): void {
  const targets = new Set<string>([...elsewhere].map(decodeFragment));
  for (const a of Array.from(root.getElementsByTagName('a'))) {
    const given = a.getAttribute('href');
    const href = given === null ? null : urlAsRead(given);
    if (href?.startsWith('#') && href.length > 1) targets.add(decodeFragment(href.slice(1)));
  }
  const anchors: Array<{ element: DomElement; attribute: 'id' | 'name'; value: string }> = [];
  walk(root, (node) => {
    if (!isElement(node)) return;
    const id = node.getAttribute('id');
    const name = tagOf(node) === 'a' ? node.getAttribute('name') : null;
    const byId = id && (targets.has(id) || tagOf(node) === 'a');
    if (byId) anchors.push({ element: node, attribute: 'id', value: id });
    // `<a id="postcount7" name="7">`: a link can land on either.
    if (name && (!byId || name !== id)) anchors.push({ element: node, attribute: 'name', value: name });
  });
  for (const { element, attribute, value } of anchors) {
    if (insideKeptHtml(element, whole, classes)) continue;
    const tag = tagOf(element);
    if (/^h[1-6]$/.test(tag) && attribute === 'id' && IAL_ID.test(value)) {
      element.setAttribute('data-finews-id', value);
      continue;
    }
    const placeholder = inlinePlaceholder(root, kept, `<a ${attribute}="${escapeAttribute(value)}"></a>`);
    if (tag === 'a' || tag === 'img' || tag === 'br' || tag === 'table' || !element.firstChild) element.parentNode!.insertBefore(placeholder, element);
    else element.insertBefore(placeholder, element.firstChild);
  }
}

/** The id a `#fragment` link points to. */
export function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An element standing for a piece of inline HTML, which turndown puts in the output as it is. */
function inlinePlaceholder(root: DomElement, kept: string[], html: string): DomElement {
  const placeholder = root.ownerDocument.createElement(INLINE_PLACEHOLDER);
  placeholder.setAttribute('data-index', String(kept.length));
  placeholder.appendChild(root.ownerDocument.createTextNode('html'));
  kept.push(html);
  return placeholder;
}

function sanitize(root: DomElement, options: PrepareOptions, removed: Removal[], htmlBlocks: DomElement[], whole: ReadonlySet<DomElement>, classes: ReadonlySet<string>): void {
  walk(root, (node) => {
    // Comments are content of the page's source: they stay (see keepComments).
    if (node.nodeType === COMMENT_NODE) return false;
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
    if (name === INLINE_PLACEHOLDER) return false;
    if (isPluginWithFallback(name)) {
      unwrapPlugin(node, removed);
      return undefined;
    }
    const reason = isNotRendered(node) ? notRenderedReason(name) : isHidden(node) ? 'hidden' : null;
    if (reason) {
      removed.push(summarize(node, reason));
      remove(node);
      return false;
    }
    removeHandlers(node, removed);
    if (keptAsHtml(node, whole, classes)) {
      makeSafe(node, removed);
      htmlBlocks.push(node);
      return false;
    }
    if (ATTRIBUTE_LIST_BLOCKS.has(name)) {
      const shown = presentationOf(node, classes);
      // Not kept as HTML, so the list can say them.
      if (shown.length) node.setAttribute(ATTRIBUTE_LIST, attributeList(shown)!);
    } else if (name === 'center') {
      node.setAttribute(ATTRIBUTE_LIST, CENTRED);
    }
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

/**
 * What stays HTML keeps everything but what is unsafe: scripts, plugins,
 * frames with their own document, style sheets with script, handlers,
 * javascript: URLs (each removal reported). Comments, classes, styles, style
 * sheets and frames stay.
 */
function makeSafe(element: DomElement, removed: Removal[]): void {
  const clean = (el: DomElement) => {
    removeHandlers(el, removed);
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      if (URL_ATTRIBUTES.has(name) && isUnsafeUrl(attr.value)) {
        removed.push({ reason: 'unsafe-url', element: tagOf(el), text: '', links: name === 'href' ? [attr.value] : [], images: name === 'src' && tagOf(el) === 'img' ? [attr.value] : [] });
        el.removeAttribute(attr.name);
      }
    }
  };
  clean(element);
  walk(element, (node) => {
    if (node.nodeType === COMMENT_NODE || isText(node)) return false;
    if (!isElement(node)) {
      remove(node);
      return false;
    }
    if (isPluginWithFallback(tagOf(node))) {
      unwrapPlugin(node, removed);
      return undefined;
    }
    if (isNotRendered(node)) {
      removed.push(summarize(node, notRenderedReason(tagOf(node))!));
      remove(node);
      return false;
    }
    clean(node);
    return undefined;
  });
}

/** A plugin goes, reported; its fallback content stays where it was, without the plugin's `<param>`s. */
function unwrapPlugin(element: DomElement, removed: Removal[]): void {
  removed.push({ reason: 'embed', element: tagOf(element), text: '', links: [], images: [] });
  for (const param of Array.from(element.childNodes).filter((child) => isElement(child) && tagOf(child) === 'param')) remove(param);
  unwrap(element);
}

/** Attributes that run code (`onclick`…, a style with `expression()`) go, each reported. */
function removeHandlers(element: DomElement, removed: Removal[]): void {
  for (const attr of Array.from(element.attributes)) {
    if (isEventHandler(attr.name)) removed.push({ reason: 'handler', element: tagOf(element), text: attr.name, links: [], images: [] });
    else if (attr.name.toLowerCase() === 'style' && !isSafeStyleSheet(attr.value)) removed.push({ reason: 'style', element: tagOf(element), text: '', links: [], images: [] });
    else continue;
    element.removeAttribute(attr.name);
  }
}

/**
 * A link around block content (`<a href><h3>…</h3><p>…</p></a>`) cannot be
 * one Markdown link: the link goes to the first content inside it (the
 * headline), whose block stays a block.
 */
function liftBlockLinks(root: DomElement): void {
  for (const a of Array.from(root.getElementsByTagName('a'))) {
    if (!a.parentNode || !a.hasAttribute('href')) continue;
    if (!Array.prototype.some.call(a.getElementsByTagName('*'), (el: DomElement) => BLOCK.has(tagOf(el)))) continue;
    // Around blocks that show nothing (an icon drawn by CSS) the link stays, empty, in the first of them.
    if (!linkFirstContent(a, a)) {
      const block = firstBlockWithin(a);
      block.insertBefore(a.cloneNode(false), block.firstChild);
    }
    unwrap(a);
  }
}

/** The innermost of the first blocks an element holds (itself when it holds none). */
function firstBlockWithin(element: DomElement): DomElement {
  for (let child = element.firstChild; child; child = child.nextSibling) if (isElement(child) && BLOCK.has(tagOf(child))) return firstBlockWithin(child);
  return element;
}

function linkFirstContent(container: DomNode, a: DomElement): boolean {
  for (let child = container.firstChild; child; child = child.nextSibling) {
    if (isElement(child) && BLOCK.has(tagOf(child))) {
      if (linkFirstContent(child, a)) return true;
      continue;
    }
    if (!hasContent(child)) continue;
    const link = a.cloneNode(false);
    container.insertBefore(link, child);
    while (link.nextSibling && !(isElement(link.nextSibling) && BLOCK.has(tagOf(link.nextSibling)))) link.appendChild(link.nextSibling);
    return true;
  }
  return false;
}

/** A `<br>` in preformatted text is a line break of the text. */
function lineBreaksInPre(root: DomElement): void {
  for (const pre of Array.from(root.getElementsByTagName('pre'))) {
    for (const br of Array.from(pre.getElementsByTagName('br'))) {
      br.parentNode!.insertBefore(root.ownerDocument.createTextNode('\n'), br);
      remove(br);
    }
  }
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

function hasContent(node: DomNode): boolean {
  if ((node.textContent ?? '').trim() !== '') return true;
  return isElement(node) && (tagOf(node) === 'img' || node.getElementsByTagName('img').length > 0);
}

function insideKind(node: DomNode, kind: string): boolean {
  for (let up = node.parentNode; isElement(up) && !BLOCK.has(tagOf(up)); up = up.parentNode) {
    if (FORMATTING[tagOf(up)] === kind) return true;
  }
  return false;
}

/**
 * What stays HTML is taken out of the tree, outermost first, into `kept`:
 * media and notices (made safe already), tables GFM cannot hold and `<pre>`
 * blocks with links or images (both stripped to the attributes that matter).
 * A table that stays Markdown has its caption as a paragraph before it.
 */
function takeHtmlBlocks(root: DomElement, htmlBlocks: readonly DomElement[], kept: string[], liquidRuns: boolean): boolean {
  const keep = (element: DomElement, strip: boolean) => {
    if (!within(element, root)) return;
    if (isInline(element) && inRunningText(element)) {
      keepInline(root, element, kept, liquidRuns, startsLine(element, isEmptyLeaf));
      return;
    }
    // The anchors and comments marked inside keep their index, media inside keep their sources.
    if (strip) sanitizeForHtml(element, (inner) => PLACEHOLDERS.has(tagOf(inner)) || asTheyAre.has(inner));
    const placeholder = root.ownerDocument.createElement(HTML_PLACEHOLDER);
    placeholder.setAttribute('data-index', String(kept.length));
    // Not empty, or turndown would take it for a blank element and drop it.
    placeholder.appendChild(root.ownerDocument.createTextNode('html'));
    dropBlankLines(element);
    // Anchors and comments marked inside before the element was found to stay HTML go back as they were;
    // an anchor that stood in for an id the kept HTML still carries goes.
    const ids = new Set<string>();
    const noteId = (node: DomNode) => {
      const id = isElement(node) && tagOf(node) !== INLINE_PLACEHOLDER ? node.getAttribute('id') : null;
      if (id) ids.add(`<a id="${escapeAttribute(id)}"></a>`);
    };
    noteId(element);
    walk(element, noteId);
    const html = element.outerHTML.replace(INLINE_IN_HTML, (_, index: string) => (ids.has(kept[Number(index)]!) ? '' : kept[Number(index)]!));
    kept.push(liquidRuns ? braceEntities(html) : html);
    element.parentNode!.insertBefore(placeholder, element);
    remove(element);
    // It is a block of its own: white space beside it would be a line of a space between blocks, which a second run adds again.
    for (const side of [placeholder.previousSibling, placeholder.nextSibling]) if (isText(side) && /^[ \t\r\n]*$/.test(side.data)) remove(side);
  };
  const strip = new Set<DomElement>();
  const asTheyAre = new Set(htmlBlocks);
  const inside = (element: DomElement, blocks: ReadonlySet<DomElement>) => {
    for (let up: DomNode | null = element; isElement(up); up = up.parentNode) if (blocks.has(up as DomElement)) return true;
    return false;
  };
  const tables = Array.from(root.getElementsByTagName('table')).filter((table) => !inside(table, asTheyAre));
  for (const table of tables) if (!fitsGfmTable(table)) strip.add(table);
  // A table inside HTML that stays HTML keeps its caption where it is; one that becomes Markdown has it as a paragraph before it.
  for (const table of tables) if (!inside(table, strip)) captionBefore(table);
  for (const pre of Array.from(root.getElementsByTagName('pre'))) {
    // An anchor is already its placeholder here (`<a name>` that a link points to): it needs HTML as much as a link does.
    const anchored = pre.getElementsByTagName(INLINE_PLACEHOLDER).length > 0;
    if (anchored || pre.getElementsByTagName('a').length || pre.getElementsByTagName('img').length || hasComment(pre)) strip.add(pre);
  }
  const all = new Set([...htmlBlocks, ...strip]);
  // A link around media (`<a href><picture>…</picture></a>`) stays HTML with it, inline: a Markdown link cannot hold a block.
  for (const element of htmlBlocks) {
    const a = linkAround(element);
    if (!a || !within(a, root)) continue;
    // kramdown reads the link's own text as Markdown.
    walk(a, (node) => {
      if (isText(node)) node.data = node.data.replace(/[\\`*_[\]$]/g, '\\$&');
      return !all.has(node as DomElement);
    });
    // On one line: kramdown ends the paragraph at a line that starts with `<source` or `</picture>`, and shows the rest as text.
    const html = inlineSource(a, kept, [INLINE_PLACEHOLDER, HTML_PLACEHOLDER]);
    a.parentNode!.insertBefore(inlinePlaceholder(root, kept, liquidRuns ? braceEntities(html) : html), a);
    remove(a);
  }
  const outermost = [...all].filter((element) => {
    for (let up = element.parentNode; isElement(up); up = up.parentNode) if (all.has(up)) return false;
    return true;
  });
  for (const element of outermost) keep(element, strip.has(element));
  return outermost.some((element) => strip.has(element));
}

/** Where line breaks show: preformatted elements, and any element styled `white-space: pre`, `pre-wrap`, `pre-line` or `break-spaces`. */
const PREFORMATTED = new Set(['pre', 'textarea', 'listing', 'xmp', 'plaintext']);
const PREFORMATTED_STYLE = /(?:^|;)\s*white-space\s*:\s*(?:pre|break-spaces)/i;
const BLANK_LINE = /\n[ \t]*(?=\n)/g;

/**
 * Blank lines in HTML kept as it is. kramdown keeps a block's bytes up to its
 * end tag, blank lines included, but CommonMark ends an HTML block at a blank
 * line: they go where a browser does not show them (between tags, in running
 * text, comments and attributes) and stay in preformatted text, where they are
 * lines of the text.
 */
function dropBlankLines(element: DomElement): void {
  const preformatted = (node: DomElement) => PREFORMATTED.has(tagOf(node)) || PREFORMATTED_STYLE.test(node.getAttribute('style') ?? '');
  const tidy = (node: DomNode): boolean => {
    if (isElement(node)) {
      for (const attr of Array.from(node.attributes)) if (attr.value.includes('\n')) node.setAttribute(attr.name, attr.value.replace(BLANK_LINE, ''));
      return !preformatted(node);
    }
    if (isText(node) || node.nodeType === COMMENT_NODE) {
      const data = node.nodeValue ?? '';
      if (data.includes('\n')) node.nodeValue = data.replace(BLANK_LINE, '');
    }
    return true;
  };
  if (tidy(element)) walk(element, tidy);
}

/** The link whose text an element is part of, if any (in the same block). */
function linkAround(element: DomElement): DomElement | null {
  for (let up = element.parentNode; isElement(up) && !BLOCK.has(tagOf(up)); up = up.parentNode) {
    if (tagOf(up) === 'a' && up.hasAttribute('href')) return up;
  }
  return null;
}

/**
 * Braces the HTML wrote as entities (`&#123;% raw %}`) that parsing made
 * characters again: Liquid, which runs first, must not see them (the body's
 * own Liquid stands aside as placeholders, so any brace left is text).
 */
function braceEntities(text: string): string {
  return text.includes('{') ? text.replace(/\{(?=[{%])/g, '&#123;') : text;
}

function captionBefore(table: DomElement): void {
  for (const caption of Array.from(table.getElementsByTagName('caption'))) {
    if (!hasContent(caption)) continue;
    const p = table.ownerDocument.createElement('p');
    moveChildren(caption, p);
    table.parentNode!.insertBefore(p, table);
    remove(caption);
  }
}

function hasComment(element: DomElement): boolean {
  let found = false;
  walk(element, (node) => {
    if (node.nodeType === COMMENT_NODE) found = true;
    return !found;
  });
  return found;
}

/**
 * Comments left in the tree (not inside HTML already kept) stay, inline,
 * without blank lines, and their lines indented where a line of their own
 * could end the paragraph they are in (`<link …>` in a conditional comment
 * would, and the comment's start would show as text); inside inline code,
 * which shows its text literally, they cannot.
 */
function keepComments(root: DomElement, kept: string[]): void {
  commentsIntoItems(root);
  walk(root, (node) => {
    if (tagOf(node) === 'code') return false;
    if (node.nodeType !== COMMENT_NODE) return;
    const data = (node.nodeValue ?? '').replace(BLANK_LINE, '').replace(/\n(?!\t| {4})/g, '\n    ');
    node.parentNode!.insertBefore(inlinePlaceholder(root, kept, `${startsOwnLine(node, data) ? '\n' : ''}<!--${data}-->`), node);
    remove(node);
    return false;
  });
}

/**
 * A comment between list items goes to the end of the item before it (of
 * its last nested item), before the list when no item precedes it: between
 * two items' lines it would stand where the next item's marker must start a
 * line. Among the text, it stays where it was.
 */
function commentsIntoItems(root: DomElement): void {
  const between: DomNode[] = [];
  walk(root, (node) => {
    if (node.nodeType !== COMMENT_NODE) return undefined;
    if (LISTS.has(tagOf(node.parentNode))) between.push(node);
    return false;
  });
  for (const comment of between) {
    let item: DomNode | null = comment.previousSibling;
    while (item && tagOf(item) !== 'li') item = item.previousSibling;
    const list = comment.parentNode!;
    if (!item) {
      list.parentNode?.insertBefore(comment, list);
      continue;
    }
    for (let last = lastElement(item); last && LISTS.has(tagOf(last)) && tagOf(lastElement(last)) === 'li'; last = lastElement(item)) item = lastElement(last)!;
    item.appendChild(root.ownerDocument.createTextNode(' '));
    item.appendChild(comment);
  }
}

const LISTS = new Set(['ul', 'ol']);

/**
 * Text or inline elements in a list before its first item (`<ul><span>Mehr
 * zum Thema</span><li>…`): a browser shows them as a line above the items, so
 * they go before the list as a paragraph; in it they ran into the first
 * item's marker.
 */
function textBeforeItems(root: DomElement): void {
  const lists: DomElement[] = [...Array.from(root.getElementsByTagName('ul')), ...Array.from(root.getElementsByTagName('ol'))];
  for (const list of lists) {
    const leading: DomNode[] = [];
    for (let n = list.firstChild; n && tagOf(n) !== 'li'; n = n.nextSibling) leading.push(n);
    if (!leading.some((n) => (isText(n) ? /\S/.test(n.data) : isElement(n) && !LISTS.has(tagOf(n))))) continue;
    const p = root.ownerDocument.createElement('p');
    for (const n of leading) p.appendChild(n);
    list.parentNode!.insertBefore(p, list);
  }
}

/** The element a node ends with (white space and comments aside), if it ends with one. */
function lastElement(node: DomNode): DomElement | null {
  for (let n = node.lastChild; n; n = n.previousSibling) {
    if (isElement(n)) return n;
    if (isText(n) && /\S/.test(n.data)) return null;
  }
  return null;
}

/**
 * A `|` on a paragraph's first line makes it a table to kramdown, comments
 * and all: a comment holding one starts a line of its own, where white space
 * before it lets a line break show as nothing more (not in a heading or a
 * table's cell, which are one line).
 */
function startsOwnLine(comment: DomNode, data: string): boolean {
  const before = comment.previousSibling;
  if (!data.includes('|') || !isText(before) || !/[ \t\r\n]$/.test(before.data)) return false;
  for (let up = comment.parentNode; isElement(up); up = up.parentNode) if (HEADINGS.has(tagOf(up)) || tagOf(up) === 'td' || tagOf(up) === 'th') return false;
  return true;
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
        if (options.liquidRuns) node.data = braceEntities(node.data);
        lineStart = false;
        return;
      }
      if (!isElement(node)) return;
      const name = tagOf(node);
      if (name === 'td' || name === 'th') cells++;
      if (name === 'a') links++;
      if (name === INLINE_PLACEHOLDER) return false;
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
