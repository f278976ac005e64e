/**
 * What Readability's article still holds that is the page's, not the
 * article's: menus it took in with the article's container. Removed from its
 * article before conversion; the page's report says that the page outside the
 * article was left out.
 */

/** The slice of linkedom's DOM that the cleaning uses. */
export interface CleanedElement {
  querySelectorAll(selector: string): Iterable<CleanedElement>;
  remove(): void;
}

/** Site menus: the page's navigation, never the article's text. */
const NAVIGATION = 'nav, [role="navigation"]';

/** Removes from Readability's article the page's navigation it kept. */
export function removeClutter(article: CleanedElement): void {
  for (const element of Array.from(article.querySelectorAll(NAVIGATION))) element.remove();
}
