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
 * `<article>` when there is exactly one, else `<main>`, else `<body>` less
 * its chrome: the navigation, headers, footers and sidebars in it. (Around
 * an article or a main element, the rest of the page is simply not content.)
 */
export function selectContent(doc: DomDocument): PageContent | null {
  const body = doc.body;
  if (!body) return null;
  const articles = Array.from(doc.getElementsByTagName('article'));
  const content = articles.length === 1 ? articles[0]! : doc.getElementsByTagName('main')[0];
  if (content) return { content, chrome: [] };
  const chrome = Array.from(body.getElementsByTagName('*')).filter((el) => CHROME.has(tagOf(el)) && !insideChrome(el, body));
  return { content: body, chrome };
}

function insideChrome(element: DomElement, root: DomElement): boolean {
  for (let up = element.parentNode; isElement(up) && up !== root; up = up.parentNode) if (CHROME.has(tagOf(up))) return true;
  return false;
}

