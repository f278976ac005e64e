/**
 * Readability's article, tidied for conversion: without the menus it took in
 * with the article's container (the page's report says that the page outside
 * the article was left out), and without its own page wrappers, whose class
 * would otherwise keep the whole article as an HTML block.
 */

/** The slice of linkedom's DOM that the tidying and the restoring use. */
export interface CleanedElement {
  querySelectorAll(selector: string): Iterable<CleanedElement>;
  remove(): void;
  parentNode: CleanedElement | null;
  textContent: string | null;
  after(...nodes: CleanedElement[]): void;
  replaceWith(...nodes: CleanedElement[]): void;
  replaceChildren(...nodes: CleanedElement[]): void;
  readonly nodeType: number;
  readonly childNodes: ArrayLike<CleanedElement>;
  contains(other: CleanedElement): boolean;
  removeAttribute(name: string): void;
}

/** Site menus: the page's navigation, never the article's text. */
const NAVIGATION = 'nav, [role="navigation"]';
/** The wrapper Readability puts around each page of the article (`<div id="readability-page-1" class="page">`). */
const PAGE_WRAPPER = 'div.page[id^="readability-page-"]';

/**
 * A `<noscript>` of more words than this outside links is the article's text
 * written for readers without scripts (Blogger's templates put each post
 * there, its scripted copy in a `<script>`): a page shows it only with
 * scripts off, so kept as it is the post would show nothing. Shorter ones
 * ("Please enable JavaScript"), menus of links, tracking pixels and markup
 * saved as text (a page saved with scripts on, its `<noscript>`s read as
 * text: `&lt;img src=…`) stay as they are.
 */
const NOSCRIPT_WORDS = 25;
const MARKUP_AS_TEXT = /<\/?[a-z][^>]*>/i;

/** Removes from Readability's article the page's navigation it kept, and its page wrappers. */
export function tidyArticle(article: CleanedElement): void {
  for (const element of Array.from(article.querySelectorAll(NAVIGATION))) element.remove();
  for (const wrapper of Array.from(article.querySelectorAll(PAGE_WRAPPER))) wrapper.replaceWith(...Array.from(wrapper.childNodes));
}

/**
 * Puts the text of each `<noscript>` that holds prose in its place: before
 * Readability reads the page (it removes every `<noscript>`, and with it such
 * a post), and in the page's own article when Readability finds none.
 */
export function showNoscriptText(root: CleanedElement): void {
  for (const noscript of Array.from(root.querySelectorAll('noscript'))) {
    if (MARKUP_AS_TEXT.test(noscript.textContent ?? '')) continue;
    let words = wordCount(noscript.textContent);
    for (const a of Array.from(noscript.querySelectorAll('a'))) words -= wordCount(a.textContent);
    if (words > NOSCRIPT_WORDS) noscript.replaceWith(...Array.from(noscript.childNodes));
  }
}

/** An element of the article, as the tidying and the restoring read it. */
export interface ArticleElement extends CleanedElement {
  querySelector(selector: string): ArticleElement | null;
  readonly tagName: string;
  readonly children: ArrayLike<ArticleElement>;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  hasAttribute(name: string): boolean;
}

const WORD = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|[\p{L}\p{N}]+/gu;

/** Words of some text (each CJK character one), as the benchmarks count them. */
export function wordCount(text: string | null): number {
  return text?.match(WORD)?.length ?? 0;
}

