/**
 * Readability drops parts of an article when their class names look like
 * page furniture (an embedded post in a "social-media-embed" box) or its
 * scores say so. finews promises that nothing of the article is lost: what
 * Readability dropped from between two parts of the article it kept, at the
 * same level of the page, is put back where it was, as the page had it.
 * Media and players always go back. Chrome (navigation, forms, hidden
 * elements), boxes mostly of links (related
 * stories, share bars), boxes named as boilerplate or bylines, the headline
 * again and runs of fewer than three words ("Advertisement") stay out.
 */
import { wordCount, type ArticleElement, type CleanedElement } from './clutter.js';
import { BYLINE, LINK_SHARE, aboutThePage, holdsMedia, linkShare } from './boilerplate.js';
import { isHidden } from './safety.js';
import { TEXT_NODE } from './dom.js';

export type FlowElement = ArticleElement;

/** Never put back: page chrome and controls, whatever Readability thought of them. */
const CHROME = new Set(['NAV', 'FORM', 'BUTTON', 'SELECT', 'INPUT', 'TEXTAREA', 'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEADER', 'FOOTER', 'ASIDE', 'DIALOG', 'MENU']);
/** Controls and menus inside what is put back: labels of the page's machinery, not the article's words. */
const CONTROLS = 'nav, form, button, select, input, textarea, [role="button"], [role="menu"], [role="navigation"]';
/** Readability's roles for page chrome. */
const CHROME_ROLES = new Set(['menu', 'menubar', 'complementary', 'navigation', 'alert', 'alertdialog', 'dialog', 'banner', 'contentinfo', 'search']);
/** At least this many words (each CJK character one) in what is put back. */
const MIN_WORDS = 3;
/** Readability's presentational attributes, and `class`. */
const PRESENTATION = ['class', 'align', 'background', 'bgcolor', 'border', 'cellpadding', 'cellspacing', 'frame', 'hspace', 'rules', 'style', 'valign', 'vspace'];

/** The page's elements as they were before Readability moved them. */
export interface Flow {
  /** Each element's children, and `<body>`'s, as the page had them. */
  rows: Map<FlowElement, FlowElement[]>;
  /** Each element's child nodes (text too) as the page had them. */
  nodes: Map<FlowElement, CleanedElement[]>;
  /** Each element's parent as the page had it. */
  parents: Map<FlowElement, FlowElement>;
  /** In document order. */
  elements: FlowElement[];
  body: FlowElement;
}

/** Records the page's elements before Readability moves them. */
export function recordFlow(body: FlowElement): Flow {
  const elements = Array.from(body.querySelectorAll('*')) as FlowElement[];
  const rows = new Map<FlowElement, FlowElement[]>();
  const parents = new Map<FlowElement, FlowElement>();
  const nodes = new Map<FlowElement, CleanedElement[]>();
  for (const parent of [body, ...elements]) {
    if (parent.childNodes.length > 0) nodes.set(parent, Array.from(parent.childNodes));
    const row = Array.from(parent.children);
    if (row.length === 0) continue;
    rows.set(parent, row);
    for (const child of row) parents.set(child, parent);
  }
  return { rows, parents, nodes, elements, body };
}

/** Puts back into `article` what Readability dropped from between parts it kept. */
export function restoreDropped(article: CleanedElement, flow: Flow, title = ''): void {
  const { rows, parents, elements, body } = flow;
  // Readability cleans inside what it drops before dropping it: what goes back is the page's own.
  const asThePageHadIt = (element: FlowElement): void => {
    const children = flow.nodes.get(element);
    if (!children) return;
    element.replaceChildren(...children);
    for (const child of flow.rows.get(element) ?? []) asThePageHadIt(child);
  };
  const kept = new Set<FlowElement>();
  const holdsKept = new Set<FlowElement>();
  // Text Readability moved out of an element it replaced (a `<div>` of text made a `<p>`): the element's last piece of it.
  const movedText = new Map<FlowElement, CleanedElement>();
  for (const element of elements) {
    if (article.contains(element)) kept.add(element);
    else {
      const text = flow.nodes.get(element)?.findLast((node) => node.nodeType === TEXT_NODE && article.contains(node));
      if (!text) continue;
      movedText.set(element, text);
    }
    for (let up: FlowElement | undefined = element; up && !holdsKept.has(up); up = parents.get(up)) holdsKept.add(up);
  }
  if (kept.size === 0) return;
  for (const parent of [body, ...elements]) {
    if (parent !== body && !holdsKept.has(parent)) continue;
    const row = rows.get(parent);
    if (!row) continue;
    const first = row.findIndex((child) => holdsKept.has(child));
    let last = row.length - 1;
    while (last > first && !holdsKept.has(row[last]!)) last--;
    if (first < 0 || last === first) continue;
    const between = row.slice(first, last + 1);
    const dropped = new Set(between.filter((child) => {
      if (holdsKept.has(child)) return false;
      asThePageHadIt(child);
      return restorable(child, title);
    }));
    if (dropped.size === 0) continue;
    // More text dropped than kept: a list Readability took a few items of (a feed of teasers), not the article's flow.
    const keptWords = between.reduce((sum, child) => sum + (holdsKept.has(child) ? wordCount(child.textContent) : 0), 0);
    if ([...dropped].reduce((sum, child) => sum + wordCount(child.textContent), 0) >= keptWords) continue;
    let point: CleanedElement | undefined;
    for (const child of between) {
      if (holdsKept.has(child)) point = insertionPoint(child, article, kept, parents, movedText) ?? point;
      else if (point && dropped.has(child)) {
        point.after(child);
        asReadabilityLeavesIt(child);
        point = child;
      }
    }
  }
}

/**
 * Where what follows `element` goes: after the last of its kept parts that
 * Readability left at the article's level, or after the element Readability
 * made around it (a paragraph it made of loose text).
 */
function insertionPoint(
  element: FlowElement,
  article: CleanedElement,
  kept: ReadonlySet<FlowElement>,
  parents: ReadonlyMap<FlowElement, FlowElement>,
  movedText: ReadonlyMap<FlowElement, CleanedElement>,
): CleanedElement | undefined {
  let point: CleanedElement | undefined;
  if (kept.has(element)) point = element;
  else {
    const inside = Array.from(element.querySelectorAll('*')) as FlowElement[];
    for (let i = inside.length - 1; i >= 0 && !point; i--) {
      const candidate = inside[i]!;
      if (kept.has(candidate) && !kept.has(parents.get(candidate)!)) point = candidate;
    }
    point ??= movedText.get(element);
  }
  if (!point) return undefined;
  let at: CleanedElement = point;
  while (at.parentNode && at.parentNode !== article && !parents.has(at.parentNode as FlowElement)) at = at.parentNode;
  return at;
}

function restorable(element: FlowElement, title: string): boolean {
  if (CHROME.has(element.tagName.toUpperCase())) return false;
  const role = element.getAttribute('role');
  if (role && CHROME_ROLES.has(role)) return false;
  if (isHidden(element) || element.getAttribute('aria-hidden') === 'true') return false;
  if (holdsMedia(element)) return true;
  const name = element.getAttribute('class') ?? '';
  if (aboutThePage(name) || BYLINE.test(name)) return false;
  const text = flat(element.textContent);
  if (wordCount(text) < MIN_WORDS) return false;
  // The page's headline, which Readability takes as the title.
  const heading = text.toLowerCase();
  const named = flat(title).toLowerCase();
  if (named && (heading.startsWith(named) || named.startsWith(heading))) return false;
  return linkShare(element) <= LINK_SHARE;
}

function flat(text: string | null): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/** Without the class names and presentation Readability strips from the blocks it keeps. */
function asReadabilityLeavesIt(block: FlowElement): void {
  for (const control of Array.from(block.querySelectorAll(CONTROLS))) control.remove();
  for (const element of [block, ...Array.from(block.querySelectorAll('*'))]) {
    for (const name of PRESENTATION) element.removeAttribute(name);
  }
}
