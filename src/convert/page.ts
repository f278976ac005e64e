import { isElement, tagOf, type DomDocument, type DomElement } from './dom.js';

/**
 * Whole pages: where the article is and what is page chrome. The converter
 * keeps the article and the verifier compares against the same element, so
 * both agree on what the input's content is.
 */
const PAGE_START = /^\uFEFF?\s*(?:<!--[\s\S]*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>])/i;

export function looksLikePage(input: string): boolean {
  return PAGE_START.test(input.slice(0, 64 * 1024));
}

/** Navigation, headers, footers and sidebars, when the article is the whole body. */
const CHROME = new Set(['header', 'nav', 'footer', 'aside']);

export interface PageContent {
  content: DomElement;
  /** Elements inside `content` that are page chrome, outermost only. */
  chrome: DomElement[];
}

/**
 * `<article>` when there is exactly one, else `<main>`, else `<body>`. The
 * chrome is the navigation, headers, footers and sidebars outside the
 * article, or in the body when the body is all there is.
 */
export function selectContent(doc: DomDocument): PageContent | null {
  const body = doc.body;
  if (!body) return null;
  const articles = Array.from(doc.getElementsByTagName('article'));
  const content = articles.length === 1 ? articles[0]! : (doc.getElementsByTagName('main')[0] ?? body);
  const chrome = Array.from(body.getElementsByTagName('*')).filter(
    (el) => CHROME.has(tagOf(el)) && !insideChrome(el, body) && (content === body || !contains(content, el)) && !contains(el, content),
  );
  return { content, chrome };
}

function insideChrome(element: DomElement, root: DomElement): boolean {
  for (let up = element.parentNode; isElement(up) && up !== root; up = up.parentNode) if (CHROME.has(tagOf(up))) return true;
  return false;
}

function contains(ancestor: DomElement, node: DomElement): boolean {
  for (let up: DomElement | null = node; up; up = isElement(up.parentNode) ? up.parentNode : null) if (up === ancestor) return true;
  return false;
}
