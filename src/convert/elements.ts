import { isElement, isText, tagOf, walk, type DomElement } from './dom.js';
import { isSafeStyleSheet, isUnsafeUrl, URL_ATTRIBUTES, urlAsRead } from './safety.js';

/**
 * The elements of HTML (the living standard and the obsolete ones browsers
 * still know). Anything else is a custom element (`<initial>`, `<my-card>`):
 * a site's style sheet or script gives it its look, so Markdown cannot say it.
 */
const HTML_ELEMENTS = new Set(
  `a abbr acronym address applet area article aside audio b base basefont bdi bdo bgsound big blink blockquote body br button
  canvas caption center cite code col colgroup data datalist dd del details dfn dialog dir div dl dt em embed fieldset figcaption
  figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe image img input ins isindex kbd
  keygen label legend li link listing main map mark marquee math menu menuitem meta meter multicol nav nextid nobr noembed noframes
  noscript object ol optgroup option output p param picture plaintext pre progress q rb rbc rp rt rtc ruby s samp script search
  section select slot small source spacer span strike strong style sub summary sup svg table tbody td template textarea tfoot th
  thead time title tr track tt u ul var video wbr xmp`.split(/\s+/),
);

/** Not an element of HTML, and not empty: an empty one without attributes (Word's `<o:p></o:p>`) carries nothing. */
export function isCustomElement(element: DomElement): boolean {
  const name = tagOf(element);
  if (HTML_ELEMENTS.has(name) || name.startsWith('finews-')) return false;
  return !carriesNothing(element);
}

function carriesNothing(element: DomElement): boolean {
  return element.attributes.length === 0 && !/\S/.test(element.textContent ?? '') && element.getElementsByTagName('img').length === 0;
}

/** Attributes that change how a table looks, or how a screen reader reads it; a pipe table has none of them. */
const TABLE_PRESENTATION = new Set(['border', 'class', 'style', 'width', 'height', 'bgcolor', 'background', 'align', 'valign', 'cellpadding', 'cellspacing', 'frame', 'rules', 'dir', 'color', 'scope', 'headers', 'abbr', 'role', 'summary']);
const isTablePresentation = (name: string) => TABLE_PRESENTATION.has(name) || name.startsWith('aria-');

/** A table, or one of its rows, cells or captions, styled by attributes that a pipe table would drop. */
export function hasTablePresentation(table: DomElement): boolean {
  let known = styledTables.get(table);
  if (known === undefined) styledTables.set(table, (known = findTablePresentation(table)));
  return known;
}

const styledTables = new WeakMap<DomElement, boolean>();

function findTablePresentation(table: DomElement): boolean {
  const styled = (element: DomElement) => Array.prototype.some.call(element.attributes, (attr: { name: string }) => isTablePresentation(attr.name.toLowerCase()));
  let found = styled(table);
  walk(table, (node) => {
    if (found || !isElement(node) || tagOf(node) === 'table') return false;
    found = styled(node);
    return undefined;
  });
  return found;
}

/** Whether an element has text or inline elements beside it, so that a block of its own would split a line. */
export function inRunningText(element: DomElement): boolean {
  for (const side of ['previousSibling', 'nextSibling'] as const) {
    for (let n = element[side]; n; n = n[side]) {
      if (isText(n)) {
        if (/\S/.test(n.data)) return true;
        continue;
      }
      if (isElement(n)) {
        if (!BLOCK_LEVEL.has(tagOf(n))) return true;
        break;
      }
    }
  }
  return false;
}

/** A formula shown as a block of its own (`<math display="block">`), as browsers show it. */
export function isDisplayMath(element: DomElement): boolean {
  return tagOf(element) === 'math' && (element.getAttribute('display') ?? '').toLowerCase() === 'block';
}

/** Elements that begin and end blocks of text in a browser. */
const BLOCK_LEVEL = new Set(
  'address article aside blockquote body center dd details dialog div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol p pre section table ul video audio iframe finews-html'.split(' '),
);

/**
 * Phrasing elements with a look of their own that Markdown has no syntax for
 * (`<u>`, `<kbd>`, `<mark>`, `<abbr title>`…): they stay inline HTML around
 * their converted content. All are span elements to kramdown, so a line may
 * start with one and still be a paragraph.
 */
export const INLINE_HTML = new Set('abbr acronym big bdo cite dfn ins kbd mark q rb rbc rp rt rtc ruby samp small tt u var'.split(' '));

/**
 * Of those, the ones whose content kramdown does not read as Markdown (its
 * raw content model: `<u>*a*</u>` shows the asterisks), so their content
 * stays HTML too.
 */
export const RAW_INLINE_HTML = new Set(['kbd', 'mark', 'samp', 'u', 'var']);

/**
 * What Markdown says (or a converter may leave out as the page's own
 * decoration): the verifier compares these by their text, links and images;
 * every other element, with its attributes, must be in the output too.
 */
export const MARKDOWN_VOCABULARY = new Set(
  `a article aside b bdi blockquote body br code data del div em font footer h1 h2 h3 h4 h5 h6 head header html i img
  li main nav nobr ol p pre s section span strike strong sub sup tbody tfoot thead time ul wbr finews-html finews-inline`.split(/\s+/),
);

/** Table parts and rules: Markdown says them only without presentational attributes. */
const PLAIN_WHEN_UNSTYLED = new Set(['table', 'tr', 'td', 'th', 'caption', 'col', 'colgroup', 'hr']);

/** Blocks whose look the attributes below change: a paragraph, a heading, a container, preformatted text, a list. */
const PRESENTED_BLOCKS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'div', 'section', 'blockquote', 'aside', 'pre', 'ul', 'ol']);
/**
 * A list's numbering and markers: kramdown numbers every list from 1 whatever
 * its first number says, so a `start` other than 1 is an attribute too.
 */
const LIST_PRESENTATION = new Set(['start', 'type', 'reversed']);
/** Attributes that change how a block looks or is read on any site: its own style, alignment, direction, language, tooltip, role (and `aria-*`). */
const BLOCK_PRESENTATION = new Set(['style', 'align', 'dir', 'lang', 'title', 'role']);
const NO_CLASSES: ReadonlySet<string> = new Set();

/**
 * What an image or a link carries beyond its source, text and title that
 * changes what the page shows or does: an image's size, alignment, border,
 * spacing and sources by resolution; a link's window, relation, download and
 * referrer policy; either's own style. kramdown's span attribute list
 * (`![a](b.png){: width="300"}`) says them.
 */
export const SPAN_PRESENTATION: Readonly<Record<string, ReadonlySet<string>>> = {
  img: new Set(['width', 'height', 'align', 'border', 'hspace', 'vspace', 'srcset', 'sizes', 'style']),
  a: new Set(['target', 'rel', 'download', 'referrerpolicy', 'style']),
};

const NONE_BY_DEFAULT = new Set(['border', 'hspace', 'vspace']);

/** A list's attribute as it shows: `reversed` whatever its value, `start` as the number it starts at ('' for 1, the default). */
function listValue(key: string, given: string): string {
  const value = given.replace(/\s+/g, ' ').trim();
  if (key === 'reversed') return 'reversed';
  if (key !== 'start') return value;
  const start = /^\d+/.exec(value)?.[0];
  return start === undefined || Number(start) === 1 ? '' : String(Number(start));
}

/**
 * The attributes of a block, an image or a link that change what a reader
 * sees on this site: those above, and the classes the site names
 * (`classes`, see site-classes.ts); a `<pre>`'s classes are its code's
 * language (see codeLanguage). Empty for any other element.
 */
export function presentationOf(element: DomElement, classes: ReadonlySet<string> = NO_CLASSES): Array<[string, string]> {
  const name = tagOf(element);
  const span = SPAN_PRESENTATION[name];
  if ((!span && !PRESENTED_BLOCKS.has(name)) || element.attributes.length === 0) return [];
  const list = name === 'ul' || name === 'ol';
  const shows = span ? (key: string) => span.has(key) : (key: string) => BLOCK_PRESENTATION.has(key) || key.startsWith('aria-') || (list && LIST_PRESENTATION.has(key));
  const found: Array<[string, string]> = [];
  for (const attr of Array.from(element.attributes)) {
    const key = attr.name.toLowerCase();
    const value = list ? listValue(key, attr.value) : attr.value.replace(/\s+/g, ' ').trim();
    // A style that runs script is removed, never shown; an image's border or spacing of 0 is what it has anyway.
    if (value && shows(key) && (key !== 'style' || isSafeStyleSheet(value)) && !(span && value === '0' && NONE_BY_DEFAULT.has(key))) found.push([key, value]);
  }
  if (name !== 'pre' && classes.size > 0) {
    const named = (element.getAttribute('class') ?? '').split(/\s+/).filter((c) => c && classes.has(c));
    if (named.length) found.push(['class', named.join(' ')]);
  }
  return found;
}

/**
 * How an element counts in the verifier's comparison of structure: its name
 * and the attributes that change what a reader sees, or null when Markdown
 * says it (or drops it on purpose).
 */
export function structureSignature(element: DomElement, classes?: ReadonlySet<string>): string | null {
  const name = tagOf(element);
  // A `<center>` shows what a paragraph centred by its style shows (the converter makes one of it).
  if (name === 'center' && element.attributes.length === 0) return '<p style="text-align: center">';
  if (PRESENTED_BLOCKS.has(name) || SPAN_PRESENTATION[name]) {
    const shown = presentationOf(element, classes);
    const language = name === 'pre' ? codeLanguage(element) : '';
    if (language) shown.push(['language', language]);
    // An image's or a link's attributes belong to its URL; without one they show and do nothing.
    const url = name === 'img' ? element.getAttribute('src') : name === 'a' ? element.getAttribute('href') : null;
    if (shown.length === 0 || (url === null && name in SPAN_PRESENTATION)) return null;
    if (url !== null) shown.push([name === 'img' ? 'src' : 'href', urlAsRead(url)]);
    return `<${[name, ...shown.map(([k, v]) => `${k}="${v}"`).sort()].join(' ')}>`;
  }
  if (MARKDOWN_VOCABULARY.has(name) || (!HTML_ELEMENTS.has(name) && carriesNothing(element))) return null;
  const attributes: string[] = [];
  for (const attr of Array.from(element.attributes)) {
    const key = attr.name.toLowerCase();
    // Handlers and unsafe URLs go (and are reported): what the element shows stays.
    if (key === 'id' || key.startsWith('on') || key.startsWith('data-') || (URL_ATTRIBUTES.has(key) && isUnsafeUrl(attr.value))) continue;
    if (PLAIN_WHEN_UNSTYLED.has(name) && name !== 'hr' && !isTablePresentation(key)) continue;
    attributes.push(`${key}="${attr.value.replace(/\s+/g, ' ').trim()}"`);
  }
  if (PLAIN_WHEN_UNSTYLED.has(name) && attributes.length === 0) return null;
  return `<${[name, ...attributes.sort()].join(' ')}>`;
}

/**
 * The language of a code block, as the page's highlighter reads it: a class
 * `language-X` or `lang-X` (Prism, highlight.js, prettify, Rouge) on its
 * `<code>` or on the `<pre>` itself, SyntaxHighlighter's `brush: X`, Crayon's
 * `lang:X`, GitHub's `highlight-source-X`; '' when none. Only characters kramdown takes in a
 * fence's info string (it stops at white space and `?`).
 */
export function codeLanguage(pre: DomElement): string {
  const code = pre.firstChild;
  return (isElement(code) && tagOf(code) === 'code' ? languageClass(code) : '') || languageClass(pre);
}

/** The language an element's own classes name, or ''. */
export function languageClass(element: Pick<DomElement, 'getAttribute'>): string {
  return LANGUAGE_CLASS.exec(element.getAttribute('class') ?? '')?.[1] ?? '';
}

const LANGUAGE_CLASS = /(?:^|\s)(?:language-|lang-|lang:|highlight-source-|brush:\s*)([\w+#.-]+)/i;
