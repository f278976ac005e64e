import { createRequire } from 'node:module';
import TurndownService from 'turndown';
import { isElement, isText, tagOf, type DomElement, type DomNode } from './dom.js';
import { delimitersFit, edges } from './emphasis.js';
import { capWhitespace, escapeText } from './escape.js';
import { codeLanguage, INLINE_HTML, presentationOf } from './elements.js';
import { ATTRIBUTE_LIST, attributeList, BLOCK, HTML_PLACEHOLDER, INLINE_PLACEHOLDER, startsLine } from './prepare.js';
import { isUnsafeUrl, urlAsRead } from './safety.js';

/**
 * The turndown service with finews' rules. Text arrives already escaped (see
 * prepare.ts), so turndown's own escaping is off; the rules only decide the
 * markup around it.
 */
interface TurndownNode extends DomElement {
  flankingWhitespace?: { leading: string; trailing: string };
}
type Rule = (content: string, node: TurndownNode) => string;

const { tables } = createRequire(import.meta.url)('@joplin/turndown-plugin-gfm') as { tables: TurndownService.Plugin };

/** The HTML blocks of the conversion under way, which the placeholders stand for. */
let keptHtml: readonly string[] = [];
/** The class names that mean something in the conversion under way (see site-classes.ts). */
let meaningfulClasses: ReadonlySet<string> = new Set();

/** Run turndown on a prepared tree, with the HTML blocks `prepare` took out of it and the classes that mean something. */
export function turndownPrepared(service: TurndownService, root: DomElement, kept: readonly string[], classes: ReadonlySet<string> = new Set()): string {
  keptHtml = kept;
  meaningfulClasses = classes;
  try {
    return service.turndown(root as never);
  } finally {
    keptHtml = [];
    meaningfulClasses = new Set();
  }
}

export function createService(): TurndownService {
  const service = new TurndownService({
    headingStyle: 'atx',
    hr: '* * *',
    bulletListMarker: '-',
    codeBlockStyle: 'fenced',
    fence: '```',
    emDelimiter: '*',
    strongDelimiter: '**',
    linkStyle: 'inlined',
    br: '  ',
  });
  service.escape = (text: string) => text;
  service.use(tables);
  const add = (key: string, filter: (node: DomElement) => boolean, replacement: Rule) =>
    service.addRule(key, {
      filter: (node) => filter(node as unknown as DomElement),
      replacement: (content, node) => replacement(content, node as unknown as TurndownNode),
    });
  add('strong', is('strong', 'b'), delimited('**', 'strong'));
  add('emphasis', is('em', 'i'), delimited('*', 'em'));
  add('strikethrough', is('del', 's', 'strike'), delimited('~~', 'del'));
  add('superscript', is('sup', 'sub'), (content, node) => (content.trim() ? `<${tagOf(node)}>${content}</${tagOf(node)}>` : content));
  add('inlineHtml', (node) => INLINE_HTML.has(tagOf(node)), inlineHtml);
  add('link', (node) => tagOf(node) === 'a' && node.hasAttribute('href'), link);
  add('image', is('img'), image);
  add('heading', is('h1', 'h2', 'h3', 'h4', 'h5', 'h6'), heading);
  // A `<center>` that is no HTML here is a centred paragraph (see prepare).
  add('paragraph', is('p', 'center'), paragraph);
  // A `<br>` that starts a line (after another, after a block, or first in its block) cannot be two spaces and a
  // line break: that would be a blank line, which ends the paragraph. It stays an HTML `<br />`, inline in both renderers.
  add('lineBreak', is('br'), (_content, node) => (endsBlock(node) ? '' : startsLine(node) ? '<br />' : '  \n'));
  add('codeBlock', (node) => tagOf(node) === 'pre', codeBlock);
  add('code', (node) => tagOf(node) === 'code' && tagOf(node.parentNode) !== 'pre', codeSpan);
  add('list', is('ul', 'ol'), list);
  add('listItem', is('li'), listItem);
  add('keptHtml', (node) => tagOf(node) === HTML_PLACEHOLDER, (_content, node) => `\n\n${keptHtml[Number(node.getAttribute('data-index'))] ?? ''}\n\n`);
  add('keptInline', (node) => tagOf(node) === INLINE_PLACEHOLDER, (_content, node) => keptHtml[Number(node.getAttribute('data-index'))] ?? '');
  return service;
}

const is =
  (...names: string[]) =>
  (node: DomElement) =>
    names.includes(tagOf(node));

/**
 * `**…**` where kramdown and CommonMark both read it as formatting, else the
 * HTML element, whose content both still parse as Markdown.
 */
function delimited(delimiter: string, tag: string): Rule {
  return (content, node) => {
    if (!content.trim()) return content;
    const { first, last } = edges(content);
    const whitespace = node.flankingWhitespace ?? { leading: '', trailing: '' };
    const before = whitespace.leading ? ' ' : outerChar(node, 'previousSibling');
    const after = whitespace.trailing ? ' ' : outerChar(node, 'nextSibling');
    // kramdown finds `~~…~~` with a pattern that knows nothing of code spans or escapes.
    const tildeSafe = delimiter !== '~~' || !/[~`]/.test(content);
    const touching = [node.firstChild, node.lastChild, node.previousSibling].some((n) => FORMATTING.has(tagOf(n)));
    // `*[` starting a line is a kramdown abbreviation definition if a `]:` follows.
    const abbreviation = delimiter === '*' && first === '[';
    return tildeSafe && !touching && !abbreviation && delimitersFit(before, first, last, after) ? `${delimiter}${content}${delimiter}` : `<${tag}>${content}</${tag}>`;
  };
}

/**
 * Formatting that touches other formatting: `***a* b**` and `**a***b*` are
 * read differently by kramdown and CommonMark, so one of the two stays HTML.
 */
const FORMATTING = new Set(['strong', 'b', 'em', 'i', 'del', 's', 'strike']);

/**
 * The character the output has next to this element: a text neighbour's own
 * character, '' at a line boundary, and '*' (standing for any punctuation) for
 * inline markup, which always begins and ends with punctuation.
 */
function outerChar(node: DomNode, side: 'previousSibling' | 'nextSibling'): string {
  const sibling = node[side];
  if (isText(sibling)) {
    const data = sibling.data;
    if (!data) return outerChar(sibling, side);
    return side === 'previousSibling' ? edges(data).last : edges(data).first;
  }
  if (isElement(sibling)) return BLOCK.has(tagOf(sibling)) || tagOf(sibling) === 'br' ? '' : '*';
  const parent = node.parentNode;
  return isElement(parent) && !BLOCK.has(tagOf(parent)) ? '*' : '';
}

/** A `<br>` with nothing visible after it in its block makes no line. */
function endsBlock(br: DomNode): boolean {
  for (let node: DomNode = br; ; ) {
    if (!trailingChildren(node.parentNode).has(node)) return false;
    const parent = node.parentNode;
    if (!isElement(parent) || BLOCK.has(tagOf(parent))) return true;
    node = parent;
  }
}

const trailing = new WeakMap<DomNode, Set<DomNode>>();

/**
 * The children after which only line breaks and white space follow, and the
 * last child before them: worked out once per parent, so a run of
 * thousands of `<br>` stays linear.
 */
function trailingChildren(parent: DomNode | null): Set<DomNode> {
  if (!parent) return new Set();
  let set = trailing.get(parent);
  if (!set) {
    set = new Set();
    for (let child = parent.lastChild; child; child = child.previousSibling) {
      set.add(child);
      const blank = (isText(child) && /^[ \t\r\n]*$/.test(child.data)) || tagOf(child) === 'br';
      if (!blank) break;
    }
    trailing.set(parent, set);
  }
  return set;
}

/** An element Markdown has no syntax for, as inline HTML around its converted content, with its safe attributes. */
function inlineHtml(content: string, node: DomElement): string {
  if (!content.trim()) return content;
  const name = tagOf(node);
  const attributes = Array.from(node.attributes)
    .filter((a) => !/^on/i.test(a.name) && !(/^(?:cite|href|src)$/i.test(a.name) && isUnsafeUrl(a.value)))
    .map((a) => ` ${a.name}="${attribute(a.value)}"`)
    .join('');
  return `<${name}${attributes}>${content}</${name}>`;
}

function link(content: string, node: DomElement): string {
  const href = urlAsRead(node.getAttribute('href') ?? '');
  const title = node.getAttribute('title');
  const destination = linkDestination(href);
  const titlePart = linkTitle(title);
  const { list, html } = spanAttributes(node);
  // kramdown reads a line starting `[…]:` as a link definition, even when the `]` is in code.
  if (destination === null || titlePart === null || list === null || /(?<!\\)\]:/.test(content)) {
    return `<a href="${attribute(href)}"${title ? ` title="${attribute(title)}"` : ''}${html}>${content}</a>`;
  }
  // kramdown reads `[^` as a footnote, never as a link.
  return `[${content.startsWith('^') ? `&#94;${content.slice(1)}` : content}](${destination}${titlePart})${list}`;
}

function image(_content: string, node: DomElement): string {
  const given = node.getAttribute('src');
  if (given === null) return '';
  const src = urlAsRead(given);
  const alt = (node.getAttribute('alt') ?? '').replace(/\s+/g, ' ');
  const title = node.getAttribute('title');
  const destination = linkDestination(src);
  const titlePart = linkTitle(title);
  const { list, html } = spanAttributes(node);
  if (destination === null || titlePart === null || list === null || alt.startsWith('^')) {
    return `<img src="${attribute(src)}" alt="${attribute(alt)}"${title ? ` title="${attribute(title)}"` : ''}${html} />`;
  }
  return `![${escapeText(alt, { lineStart: false, bracketsAreLinks: true, alt: true, inBrackets: true })}](${destination}${titlePart})${list}`;
}

/**
 * An image's or a link's attributes that change what the page shows or does
 * (see presentationOf): as kramdown's span attribute list right after it
 * (`{: width="300"}`, or '' when there are none; null when a value holds what
 * the list cannot say, or a `|`, which a table row would split at), and as
 * HTML attributes for when the element stays HTML.
 */
function spanAttributes(node: DomElement): { list: string | null; html: string } {
  const shown = presentationOf(node, meaningfulClasses);
  if (shown.length === 0) return { list: '', html: '' };
  return {
    list: shown.some(([, value]) => value.includes('|')) ? null : attributeList(shown),
    html: shown.map(([key, value]) => ` ${key}="${attribute(value)}"`).join(''),
  };
}

/**
 * A link target as Markdown, or null when only HTML can carry it exactly:
 * kramdown keeps backslashes and entities in targets that CommonMark would
 * decode, and neither accepts angle brackets or control characters. A `|`
 * is written `&#124;` (see pipeFree).
 */
export function linkDestination(rawUrl: string): string | null {
  const url = capWhitespace(rawUrl);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f<>]/.test(url) || /&#?[A-Za-z0-9]+;/.test(url) || /\\[!-/:-@[-`{-~]/.test(url)) return null;
  if (/\s/.test(url) || !balancedParentheses(url)) return `<${pipeFree(url)}>`;
  return pipeFree(url);
}

/**
 * kramdown reads a line with a `|` outside code and HTML as a table row, a
 * link's target and title included (`![](file:///C|/a.gif)` is two cells),
 * and a backslash before it stays in the target. As `&#124;`, which kramdown
 * passes into the attribute, the browser reads the same `|`.
 */
function pipeFree(text: string): string {
  return text.replaceAll('|', '&#124;');
}

function balancedParentheses(url: string): boolean {
  let depth = 0;
  for (const c of url) {
    if (c === '(') depth++;
    else if (c === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

function linkTitle(title: string | null): string | null {
  if (!title) return '';
  const clean = title
    .split('\n')
    .map((line) => line.trim())
    .join(' ');
  if (/&#?[A-Za-z0-9]+;|\\/.test(clean)) return null;
  if (!clean.includes('"')) return ` "${pipeFree(clean)}"`;
  if (!clean.includes("'")) return ` '${pipeFree(clean)}'`;
  return null;
}

function attribute(value: string): string {
  return capWhitespace(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Turndown's list, with its attribute list (see prepare) on the line after its last item. */
function list(content: string, node: DomElement): string {
  const attributes = attributeListLine(node);
  const body = attributes ? content.replace(/[ \t\r\n]+$/, '') + attributes : content;
  // A list that ends its item follows the item's text on the next line.
  let last = node.parentNode?.lastChild ?? null;
  while (last && !isElement(last)) last = last.previousSibling;
  return tagOf(node.parentNode) === 'li' && last === node ? `\n${body}` : `\n\n${body}\n\n`;
}

/**
 * Turndown's list item, except that an empty item keeps its place: a bare
 * `2.` is not a list marker to kramdown, so the item holds an empty comment.
 */
function listItem(content: string, node: DomElement): string {
  const parent = node.parentNode;
  let prefix = '-   ';
  if (isElement(parent) && tagOf(parent) === 'ol') {
    const start = Number.parseInt(parent.getAttribute('start') ?? '', 10);
    const index = Array.prototype.filter.call(parent.childNodes, (n: DomNode) => tagOf(n) === 'li').indexOf(node);
    prefix = `${(Number.isFinite(start) ? start : 1) + index}.  `;
  }
  const isParagraph = content.endsWith('\n');
  let end = content.length;
  while (end > 0 && content[end - 1] === '\n') end--;
  let start = 0;
  while (start < end && content[start] === '\n') start++;
  // Spaces before the first word would move where kramdown takes the item's text to start ("-    x"
  // is text from column 5), and the item's next lines, indented 4, would fall out of it.
  start += /^[ \t]*(?=[^ \t\n])/.exec(content.slice(start, end))?.[0].length ?? 0;
  let body = content.slice(start, end) + (isParagraph ? '\n' : '');
  if (!body.trim()) body = '<!-- -->';
  return prefix + body.replace(/\n/g, `\n${' '.repeat(prefix.length)}`) + (node.nextSibling ? '\n' : '');
}

/** ATX headings are one line; a trailing ` #` would be read as a closing sequence. */
function heading(content: string, node: DomElement): string {
  const text = content.replace(/[ \t]*\n[ \t]*/g, ' ').trim();
  if (!text) return '';
  const level = Number(tagOf(node).slice(1));
  // An id that links point to, as kramdown's attribute list (see markAnchors).
  const id = node.getAttribute('data-finews-id');
  return `\n\n${'#'.repeat(level)} ${text.replace(/(^|[ \t])(#+[ \t]*)$/, '$1\\$2')}${id ? ` {#${id}}` : ''}${attributeListLine(node)}\n\n`;
}

/** A paragraph, with its attribute list (see prepare) on the line after it. */
function paragraph(content: string, node: DomElement): string {
  const list = attributeListLine(node);
  return list && content.trim() ? `\n\n${content.replace(/[ \t\r\n]+$/, '')}${list}\n\n` : `\n\n${content}\n\n`;
}

/** `\n{: style="…"}`: the attributes kramdown gives back to the block before it, or ''. */
function attributeListLine(node: DomElement): string {
  const list = node.getAttribute(ATTRIBUTE_LIST);
  return list ? `\n${list}` : '';
}

/**
 * kramdown ends a code span at the first occurrence of its delimiter, even
 * inside a longer run, so the delimiter is longer than any run in the code;
 * a longer delimiter is padded with spaces, which both renderers strip.
 */
function codeSpan(content: string): string {
  const code = content.replace(/\r\n?|\n/g, ' ');
  if (!code) return '';
  const longest = Math.max(0, ...Array.from(code.matchAll(/`+/g), (m) => m[0].length));
  if (longest === 0 && !/^[ \t]|[ \t]$/.test(code)) return `\`${code}\``;
  const fence = '`'.repeat(Math.max(2, longest + 1));
  return `${fence} ${code} ${fence}`;
}

/** A fenced block, its fence longer than any run of backticks in the code. */
function codeBlock(_content: string, node: DomElement): string {
  const code = (node.textContent ?? '').replace(/\r\n?/g, '\n').replace(/\n$/, '');
  const longest = Math.max(0, ...Array.from(code.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  const language = codeLanguage(node);
  return `\n\n${fence}${language}\n${code}\n${fence}\n\n`;
}

