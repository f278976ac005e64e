import { isElement, tagOf, walk, type DomElement } from './dom.js';
import { languageClass, SPAN_PRESENTATION } from './elements.js';

/**
 * Which tables a GFM pipe table can hold, and how the others stay HTML.
 * A pipe table has one header row, one line per row and no spans, so merged
 * cells, nested tables and cells holding lists, headings or code blocks keep
 * their HTML (which kramdown and CommonMark both pass through).
 */
const BLOCK_IN_CELL = new Set(['table', 'ul', 'ol', 'dl', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'hr', 'video', 'audio', 'picture', 'figure', 'details', 'iframe']);

/** Past this many cells the GFM plugin, which looks up each cell's index, gets slow: HTML then. */
const MAX_GFM_CELLS = 4000;

export function fitsGfmTable(table: DomElement): boolean {
  const rows = Array.from(table.getElementsByTagName('tr'));
  if (rows.length === 0) return false;
  const cellCount = table.getElementsByTagName('td').length + table.getElementsByTagName('th').length;
  if (cellCount > MAX_GFM_CELLS || cellCount <= 1) return false;
  let headRows = 0;
  for (const row of rows) {
    if (nearestTable(row) !== table) return false;
    if (tagOf(row.parentNode) === 'thead') headRows++;
  }
  if (headRows > 1) return false;
  // A header row alone is no table to kramdown, which needs a row under the separator: it would show the pipes.
  const only = rows.length === 1 ? rows[0]! : null;
  if (only && (headRows === 1 || Array.from(only.childNodes).every((cell) => !isElement(cell) || tagOf(cell) === 'th'))) return false;
  for (const cell of [...Array.from(table.getElementsByTagName('td')), ...Array.from(table.getElementsByTagName('th'))]) {
    if (span(cell, 'colspan') > 1 || span(cell, 'rowspan') > 1) return false;
    for (const inner of Array.from(cell.getElementsByTagName('*'))) if (BLOCK_IN_CELL.has(tagOf(inner))) return false;
  }
  return true;
}

function nearestTable(node: DomElement): DomElement | null {
  for (let up = node.parentNode; up; up = up.parentNode) if (isElement(up) && tagOf(up) === 'table') return up;
  return null;
}

function span(cell: DomElement, name: string): number {
  const n = Number.parseInt(cell.getAttribute(name) ?? '1', 10);
  return Number.isFinite(n) ? n : 1;
}

/**
 * Attributes that keep their meaning in the output, with an image's and a
 * link's that change what they show or do (see SPAN_PRESENTATION); a code
 * block's language stays as a class `language-X`; everything else (classes,
 * a cell's style, on…) goes.
 */
const KEPT_ATTRIBUTES: Record<string, string[]> = {
  a: ['href', 'title', ...SPAN_PRESENTATION.a!],
  img: ['src', 'alt', 'title', ...SPAN_PRESENTATION.img!],
  td: ['colspan', 'rowspan', 'align'],
  th: ['colspan', 'rowspan', 'align', 'scope'],
  col: ['span'],
  colgroup: ['span'],
  ol: ['start', 'type', 'reversed'],
  pre: [],
};

/**
 * Strip an element kept as HTML down to the attributes that matter; what
 * `asItIs` picks (placeholders, media kept as HTML) keeps its own, and so does
 * everything inside it.
 */
export function sanitizeForHtml(root: DomElement, asItIs: (element: DomElement) => boolean): void {
  const clean = (element: DomElement) => {
    const kept = KEPT_ATTRIBUTES[tagOf(element)] ?? [];
    const language = tagOf(element) === 'pre' || tagOf(element) === 'code' ? languageClass(element) : '';
    for (const attr of Array.from(element.attributes)) if (!kept.includes(attr.name)) element.removeAttribute(attr.name);
    if (language) element.setAttribute('class', `language-${language}`);
  };
  clean(root);
  walk(root, (node) => {
    if (!isElement(node)) return undefined;
    if (asItIs(node)) return false;
    clean(node);
    return undefined;
  });
}
