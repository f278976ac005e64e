import { createRequire } from 'node:module';
import { COMMENT_NODE, isElement, parseDocument, remove, tagOf, type DomDocument, type DomElement } from './dom.js';
import { showNoscriptText, tidyArticle, type ArticleElement, type CleanedElement } from './clutter.js';
import { dropBoilerplate, hostOf } from './boilerplate.js';
import { limitNesting } from './nesting.js';
import { recordFlow, restoreDropped, type Flow, type FlowElement } from './restore.js';

/**
 * Whole pages: where the article is, and what the page says about it. The
 * article is found by Mozilla's Readability (Firefox's reader view) on a
 * linkedom document; the converter turns that article into Markdown and the
 * verifier compares against the same article, so both agree on what the
 * input's content is. When Readability takes none of the paragraphs of the
 * article the page declares (its one `itemprop="articleBody"` or lone
 * `<article>`), that article is read on its own instead. Fragments are never
 * extracted: only a whole page (a doctype, `<html>` or `<head>` first, after
 * an XML declaration, comments and `<meta>`s) is.
 */
// Each comment ends at its first `-->`, so a run of comments is read one way only: a lazy match
// could end at any later `-->`, and a run of comments not followed by a page start took
// exponential time (a saved page's conditional comments, before its `<html>`).
// An XHTML page may open with its XML declaration (`<?xml version="1.0"?>`); a scraper may put the
// article's `<meta>`s (og:title…) before the doctype. Each of those ends at its first `>`.
const PAGE_START = /^\uFEFF?\s*(?:<\?xml\s[^>]*>\s*)?(?:(?:<!--(?:(?!-->)[\s\S])*-->|<meta\s[^>]*>)\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>])/i;

export function looksLikePage(input: string): boolean {
  return PAGE_START.test(input.slice(0, 64 * 1024));
}

/** What a page states about its article; each field only when the page states it. */
export interface PageMetadata {
  title?: string;
  byline?: string;
  /** As the page writes it (ISO 8601 mostly); read with the site's time zone by the caller. */
  published?: string;
}

export interface PageArticle {
  /** The article's HTML. */
  html: string;
  metadata: PageMetadata;
  /** Readability found the article; otherwise the article the page declares, `<article>`, `<main>` or `<body>` less its chrome was taken. */
  extracted: boolean;
  /** Elements left out when Readability found nothing (outermost chrome), for the report. */
  chrome: DomElement[];
}

interface LinkedomNode extends ArticleElement {
  nodeType: number;
  firstChild: LinkedomNode | null;
  nextSibling: LinkedomNode | null;
  innerHTML: string;
  remove(): void;
}
interface LinkedomElement {
  getAttribute(name: string): string | null;
  textContent: string | null;
  outerHTML: string;
  parentElement: LinkedomElement | null;
  closest(selector: string): LinkedomElement | null;
  querySelectorAll(selector: string): Iterable<LinkedomElement>;
}
interface LinkedomDocument {
  body: FlowElement | null;
  querySelectorAll(selector: string): Iterable<LinkedomElement>;
}
interface ReadabilityResult<T> {
  title?: string | null;
  content?: T | null;
  textContent?: string | null;
  byline?: string | null;
  publishedTime?: string | null;
}

interface Extraction {
  Readability: new <T>(
    doc: LinkedomDocument,
    options: { charThreshold: number; keepClasses: boolean; serializer: (node: LinkedomNode) => T },
  ) => {
    REGEXPS: Record<string, RegExp>;
    /** Which of its rules Readability applies (strip unlikely candidates, weigh class names, clean conditionally); each retry turns one off. */
    _flags: number;
    parse(): ReadabilityResult<T> | null;
  };
  parseHTML(html: string): { document: LinkedomDocument };
}

let extraction: Extraction | undefined;

/** Readability and linkedom, loaded on the first whole page: posts and fragments never pay for them. */
function loadExtraction(): Extraction {
  if (!extraction) {
    const require = createRequire(import.meta.url);
    const { Readability } = require('@mozilla/readability') as Pick<Extraction, 'Readability'>;
    const { parseHTML } = require('linkedom') as Pick<Extraction, 'parseHTML'>;
    extraction = { Readability, parseHTML };
  }
  return extraction;
}

/**
 * Readability retries with looser rules while its article is shorter than
 * this (its default, with which its own test pages pass); after the last try
 * it returns its best attempt, which is taken when it holds at least
 * MIN_ARTICLE characters (a short Chinese report is a few hundred).
 */
const READABILITY_THRESHOLD = 500;
const MIN_ARTICLE = 200;

/**
 * Readability's own fixes since its last release (0.6.0), taken from its main
 * branch: MathJax containers are content, not menus (their class names say
 * "CtxtMenu"), and bilibili's players are videos.
 */
const UPSTREAM_REGEXPS = {
  okMaybeItsACandidate: /and|article|body|column|content|main|mathjax|shadow/i,
  videos:
    /\/\/(www\.)?((dailymotion|youtube|youtube-nocookie|player\.vimeo|v\.qq|bilibili|live.bilibili)\.com|(archive|upload\.wikimedia)\.org|player\.twitch\.tv)/i,
};

/** `<meta>` names and properties that state when an article was published, most specific first. */
const DATE_META = [
  'article:published_time',
  'datepublished',
  'og:published_time',
  'parsely-pub-date',
  'sailthru.date',
  'dc.date.issued',
  'dcterms.issued',
  'dcterms.created',
  'dc.date',
  'publishdate',
  'publish-date',
  'pubdate',
  'date',
];
const AUTHOR_META = ['author', 'article:author', 'dc.creator', 'byl'];
/** `<meta>` names that state the site's own name. */
const SITE_NAME_META = ['og:site_name', 'application-name'];
/** What pages put between a headline and their site's name in a title. */
const TITLE_SEPARATOR = /\s+[|\-\u2013\u2014_·•»]\s*$|\s*[｜丨_—]\s*$/u;

/**
 * A page's title less the site's name it ends with ("How to X | eHow",
 * "标题_光明网"), when the page states that name; otherwise as it is.
 */
function withoutSiteName(title: string, siteName: string | undefined): string {
  const name = siteName?.trim();
  if (!name || title.length <= name.length || !title.toLowerCase().endsWith(name.toLowerCase())) return title;
  const head = title.slice(0, title.length - name.length);
  const separator = TITLE_SEPARATOR.exec(head);
  if (!separator) return title;
  const rest = head.slice(0, separator.index).trim();
  return rest || title;
}

/** The article of a whole page, and its title, byline and date. */
export function extractArticle(html: string): PageArticle {
  const { parseHTML } = loadExtraction();
  const source = limitNesting(html);
  const { document } = parseHTML(source);
  const meta = metaValues(document);
  const firstTime = timeAttribute(document);
  const declared = declaredArticle(document);
  let { result, flow } = readArticle(document, source);
  const metadata: PageMetadata = {};
  const title = clean(result?.title);
  if (title) metadata.title = withoutSiteName(title, pick(meta, SITE_NAME_META));
  const byline = clean(result?.byline) ?? pick(meta, AUTHOR_META);
  if (byline) metadata.byline = byline;
  const published = clean(result?.publishedTime) ?? pick(meta, DATE_META) ?? firstTime;
  if (published) metadata.published = published;
  const holdsDeclared = (text = clean(result?.textContent) ?? '') => declared!.paragraphs.some((paragraph) => text.includes(paragraph));
  let missed = false;
  if (declared && !holdsDeclared()) {
    // Readability took another part of the page (a list of names, a notice): read the article the page declares instead,
    // and when Readability takes another part of that too, keep it all.
    const alone = `<!DOCTYPE html><html><head></head><body>${declared.html}</body></html>`;
    ({ result, flow } = readArticle(parseHTML(alone).document, alone));
    missed = !holdsDeclared();
    if (missed) result = null;
  }
  // Below its threshold Readability returns its best attempt, often the whole page: the page's own structure does better there.
  if (result?.content && (clean(result.textContent)?.length ?? 0) >= MIN_ARTICLE) {
    tidyArticle(result.content);
    if (flow) restoreDropped(result.content, flow, title);
    dropBoilerplate(result.content, flow, siteOf(document, meta), metadata);
    return { html: withoutComments(result.content), metadata, extracted: true, chrome: [] };
  }
  const page = missed ? { content: parseDocument(declared!.html).body!, chrome: [] } : selectContent(parseDocument(source));
  if (!page) return { html: '', metadata, extracted: false, chrome: [] };
  for (const element of page.chrome) remove(element);
  showNoscriptText(page.content as unknown as CleanedElement);
  return { html: page.content.innerHTML, metadata, extracted: false, chrome: page.chrome };
}

/** Readability's article of a document (which it changes), and the page's elements as they were before. */
function readArticle(document: LinkedomDocument, html: string): { result: ReadabilityResult<LinkedomNode> | null; flow: Flow | undefined } {
  const first = readOnce(document);
  if (!first.result?.content || !first.flow || !stale(first.result.content, first.flow)) return first;
  // Readability retried with looser rules on the page parsed again, so the page map recorded before it no longer
  // holds its article's elements: read a fresh copy with the rules its last attempt used, which then needs no retry.
  const again = readOnce(loadExtraction().parseHTML(html).document, first.flags);
  return again.result?.textContent === first.result.textContent ? again : first;
}

/** Readability's elements are none of the page map's: it read a copy of the page. */
function stale(content: LinkedomNode, flow: Flow): boolean {
  const recorded = new Set<unknown>(flow.elements);
  return !Array.from(content.querySelectorAll('*')).some((element) => recorded.has(element));
}

function readOnce(document: LinkedomDocument, flags?: number): { result: ReadabilityResult<LinkedomNode> | null; flow: Flow | undefined; flags?: number } {
  const { Readability } = loadExtraction();
  if (document.body) showNoscriptText(document.body);
  const flow = document.body ? recordFlow(document.body) : undefined;
  try {
    const reader = new Readability(document, { charThreshold: READABILITY_THRESHOLD, keepClasses: true, serializer: (node: LinkedomNode) => node });
    reader.REGEXPS = { ...reader.REGEXPS, ...UPSTREAM_REGEXPS };
    if (flags !== undefined) reader._flags = flags;
    return { result: reader.parse(), flow, flags: reader._flags };
  } catch {
    return { result: null, flow };
  }
}

/** A paragraph of the declared article counts when it has this many characters; the article, when it has this many such. */
const DECLARED_PARAGRAPH = 40;
const DECLARED_PARAGRAPHS = 3;

/**
 * The article the page declares: its one `itemprop="articleBody"`, else its
 * one `<article>` that is not inside another, when it holds a few paragraphs
 * of prose; with the start of each paragraph, to see whether Readability
 * took it.
 */
function declaredArticle(document: LinkedomDocument): { html: string; paragraphs: string[] } | undefined {
  const bodies = Array.from(document.querySelectorAll('[itemprop]')).filter((element) => element.getAttribute('itemprop')!.trim().toLowerCase() === 'articlebody');
  const articles = Array.from(document.querySelectorAll('article')).filter((article) => !article.parentElement?.closest('article'));
  const declared = bodies.length === 1 ? bodies[0] : bodies.length === 0 && articles.length === 1 ? articles[0] : undefined;
  if (!declared) return undefined;
  const paragraphs = Array.from(declared.querySelectorAll('p'), (p) => clean(p.textContent) ?? '')
    .filter((text) => text.length >= DECLARED_PARAGRAPH)
    .map((text) => text.slice(0, DECLARED_PARAGRAPH));
  return paragraphs.length >= DECLARED_PARAGRAPHS ? { html: declared.outerHTML, paragraphs } : undefined;
}

/**
 * The article's HTML without comments: on a saved page they are the
 * template's notes (cache keys, ad slots), not the article.
 */
function withoutComments(content: LinkedomNode): string {
  const stack: LinkedomNode[] = [content];
  while (stack.length > 0) {
    for (let child = stack.pop()!.firstChild; child; ) {
      const next = child.nextSibling;
      if (child.nodeType === COMMENT_NODE) child.remove();
      else if (child.firstChild) stack.push(child);
      child = next;
    }
  }
  return content.innerHTML;
}

function metaValues(document: LinkedomDocument): Map<string, string> {
  const values = new Map<string, string>();
  for (const meta of document.querySelectorAll('meta')) {
    const key = (meta.getAttribute('property') ?? meta.getAttribute('name') ?? meta.getAttribute('itemprop') ?? '').trim().toLowerCase();
    const content = clean(meta.getAttribute('content'));
    if (key && content && !values.has(key)) values.set(key, content);
  }
  return values;
}

/** The page's own host, as its canonical address, `og:url` or `<base>` says; undefined when it says none. */
function siteOf(document: LinkedomDocument, meta: ReadonlyMap<string, string>): string | undefined {
  for (const link of document.querySelectorAll('link[rel="canonical"][href], base[href]')) {
    const host = hostOf(link.getAttribute('href') ?? '');
    if (host) return host;
  }
  const url = meta.get('og:url');
  return url ? hostOf(url) : undefined;
}

/** The first `<time datetime>`, which most article templates put in the byline. */
function timeAttribute(document: LinkedomDocument): string | undefined {
  for (const time of document.querySelectorAll('time[datetime]')) {
    const value = clean(time.getAttribute('datetime'));
    if (value && /^\d{4}-\d{2}-\d{2}/.test(value)) return value;
  }
  return undefined;
}

function pick(values: ReadonlyMap<string, string>, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = values.get(key);
    if (value) return value;
  }
  return undefined;
}

function clean(value: string | null | undefined): string | undefined {
  const flat = value?.replace(/\s+/g, ' ').trim();
  return flat || undefined;
}

/** Navigation, headers, footers and sidebars, when the article is the whole body. */
const CHROME = new Set(['header', 'nav', 'footer', 'aside']);

interface PageContent {
  content: DomElement;
  /** Elements inside `content` that are page chrome, outermost only. */
  chrome: DomElement[];
}

/**
 * When Readability finds nothing: `<article>` when there is exactly one, else
 * `<main>`, else `<body>` less its navigation, headers, footers and sidebars.
 */
function selectContent(doc: DomDocument): PageContent | null {
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
