/**
 * What Readability keeps inside the article that is about the page, not the
 * article: boxes whose class names say so (share bars, related stories,
 * sign-ups, comment counts and forms, tags, what shows only in print), the
 * byline and date lines when the page's metadata states them, other stories'
 * `<article>`s, labelled lists of links to other stories, and lists of links
 * to the site's other pages after the article's last words. Kept whatever
 * their class names: a thread of reader comments, a figure, highlighted code.
 * Class names are read on the page as it was, since
 * Readability replaces many elements (a box of one paragraph by the
 * paragraph, a `<div>` of text by a `<p>`) without them.
 */
import { wordCount, type ArticleElement, type CleanedElement } from './clutter.js';
import type { Flow, FlowElement } from './restore.js';
import { TEXT_NODE } from './dom.js';
import type { PageMetadata } from './page.js';
import { isKnownEmbedSrc } from './safety.js';
import { languageClass } from './elements.js';

/**
 * Class names of what is about the page, not in the article: share bars and
 * likes, related and recommended stories, sign-ups, comments, tags, cookie
 * notices. Not "paywall": magazines name so each paragraph a paywall would
 * hide, and a site's own article with it ("paywall-on").
 */
const BOILERPLATE =
  /(?:^|[\s_-])(?:(?:share|sharing|sharedaddy|social-share|related|recommend|newsletter|subscri|signup|sign-up|promo|outbrain|taboola|cookie|consent|gdpr|more-stories|more-news|read-more|popular|trending|breadcrumb)|tags?(?:$|[\s_-]))/i;
/**
 * Class names of reader comments: their count, the prompt to write one, the
 * form, and the thread itself (kept, see THREAD_WORDS).
 */
const COMMENTS = /(?:^|[\s_-])comment(?:-|s?(?:$|[\s_-]))/i;
/**
 * Class names of what a page shows only when printed (its address in a print
 * header, a citation line): hidden on the screen, as CSS frameworks name it.
 */
const PRINT_ONLY = /(?:^|[\s_-])(?:print-(?:header|footer|only)|visible-print|d-print-(?:block|inline|flex))(?:$|[\s_-])/i;
/** Whether class names say the element is about the page (boilerplate) or shown only in print. */
export function aboutThePage(name: string): boolean {
  return BOILERPLATE.test(name) || COMMENTS.test(name) || PRINT_ONLY.test(name);
}
/** Class names of the byline, and of the dates. */
const AUTHOR = /byline|author|writtenby/i;
const DATED = /dateline|(?:^|[\s_-])(?:date|time|timestamp|pubdate|published|updated|posted-on)(?:$|[\s_-])/i;
/** Class names of the byline and the dates, which the page's metadata may state. */
export const BYLINE = new RegExp(`${AUTHOR.source}|${DATED.source}`, 'i');
/**
 * Reader comments of more words than this outside links are a thread (what
 * readers wrote), not a count, a prompt or a notice ("Leave a comment",
 * "Comments are closed"); the thread is what the page holds under the article.
 */
const THREAD_WORDS = 25;
/** Inside code, class names are a highlighter's ("token comment"), not the page's layout. */
const CODE = /^(?:PRE|CODE)$/;
/** An article states its byline and dates once or twice; more is a thread of posts, each with its author. */
const MAX_BYLINES = 2;
/** A byline inside a sentence ("Photo by <span class=author>…</span>") goes with it, or not at all. */
const INLINE = new Set(['A', 'ABBR', 'B', 'EM', 'I', 'SPAN', 'STRONG', 'TIME', 'SMALL', 'CITE', 'FONT']);
/** A byline or a date line is short; an author's note of a paragraph or more is the article's. */
const BYLINE_WORDS = 25;
/** A box named like boilerplate that holds this share of the article's words or more is a wrapper of the article, not boilerplate. */
const WRAPPER_SHARE = 0.5;
/** The article's leaf blocks, for the links at its end. */
const BLOCK = 'p, ul, ol, dl, table, blockquote, pre, h1, h2, h3, h4, h5, h6, figure, div, section';
const HEADING = /^H[1-6]$/;
/** A heading of a list of links ("More from us") is short. */
const HEADING_WORDS = 12;
/** More than this share of a block's text in links: a list of links. */
export const LINK_SHARE = 0.5;

/**
 * Removes from the article what the page's class names say is about the
 * page, and the byline and date lines; then the lists of links to the site's
 * own pages at its end; then the class names (as Readability does).
 */
export function dropBoilerplate(article: ArticleElement, flow: Flow | undefined, site: string | undefined, stated: PageMetadata = {}): void {
  dropNamed(article, flow, stated);
  dropOtherPosts(article, flow);
  dropTrailingLinks(article, site);
  dropTeasers(article, site);
  for (const element of Array.from(article.querySelectorAll('[class]')) as ArticleElement[]) {
    // A code block's language is the one class that says what the article holds.
    const language = CODE.test(element.tagName.toUpperCase()) ? languageClass(element) : '';
    if (language) element.setAttribute('class', `language-${language}`);
    else element.removeAttribute('class');
  }
}

/**
 * Whether the page's metadata states what a byline or date line of these
 * class names says (`new --from` writes it in the front matter): a line the
 * metadata does not state is the only place the page says it, and stays.
 */
function stated(name: string, metadata: PageMetadata): boolean {
  return (metadata.byline !== undefined && AUTHOR.test(name)) || (metadata.published !== undefined && DATED.test(name));
}

function dropNamed(article: ArticleElement, flow: Flow | undefined, metadata: PageMetadata): void {
  const total = wordCount(article.textContent);
  // The page's elements, and the article's own (Readability parses the page again when it retries).
  const named = new Set<FlowElement>(flow?.elements.filter((element) => element.hasAttribute('class')));
  for (const element of Array.from(article.querySelectorAll('[class]')) as FlowElement[]) named.add(element);
  const bylines = new Map<string, number>();
  for (const element of named) {
    const name = element.getAttribute('class');
    if (name && BYLINE.test(name)) bylines.set(name, (bylines.get(name) ?? 0) + 1);
  }
  const threads: FlowElement[] = [];
  for (const element of named) {
    const name = element.getAttribute('class');
    if (!name) continue;
    const boilerplate = aboutThePage(name);
    if (!boilerplate && !(BYLINE.test(name) && bylines.get(name)! <= MAX_BYLINES && stated(name, metadata))) continue;
    // A figure is the article's picture whatever its box says ("fig--has-shares"); in code, class names are a highlighter's.
    if (element.tagName.toUpperCase() === 'FIGURE' || outward(element, flow).some((up) => CODE.test(up.tagName.toUpperCase()))) continue;
    // Each comment of a thread, with its author and date, goes with the thread.
    if (threads.some((thread) => within(element, thread, flow))) continue;
    const pieces = inArticle(element, article, flow);
    // Media and embeds are content wherever a template put them (a lead video in a "video-promo" box).
    if (pieces.length === 0 || pieces.some((piece) => piece.nodeType !== TEXT_NODE && holdsMedia(piece as ArticleElement))) continue;
    const words = pieces.reduce((sum, piece) => sum + wordCount(piece.textContent), 0);
    if (boilerplate && isThread(name, pieces)) {
      threads.push(element);
      continue;
    }
    if (boilerplate ? words >= WRAPPER_SHARE * total : !shortLine(element, pieces, words)) continue;
    for (const piece of pieces) {
      const parent = piece.parentNode;
      piece.remove();
      if (parent && piece.nodeType === TEXT_NODE) removeIfEmpty(parent as ArticleElement, article);
    }
  }
}

/**
 * The `<article>`s inside the article that are not it: teasers of other
 * stories, a feed beside it (the HTML standard's nested articles are
 * "related to" the outer one). When one `<article>` holds at least half of
 * the words, the others go, unless those inside it say as much as half of
 * its words (a live blog's updates, a thread's posts: then they are its text).
 */
function dropOtherPosts(article: ArticleElement, flow: Flow | undefined): void {
  const posts = new Set<FlowElement>(flow?.elements.filter((element) => element.tagName.toUpperCase() === 'ARTICLE'));
  for (const element of Array.from(article.querySelectorAll('article')) as FlowElement[]) posts.add(element);
  const placed = [...posts]
    .map((post) => {
      const pieces = inArticle(post, article, flow);
      return { post, pieces, words: pieces.reduce((sum, piece) => sum + wordCount(piece.textContent), 0) };
    })
    .filter(({ pieces }) => pieces.length > 0);
  if (placed.length < 2) return;
  const total = wordCount(article.textContent);
  // The innermost article that holds at least half of the words.
  let main: (typeof placed)[number] | undefined;
  for (const candidate of placed) {
    if (candidate.words * 2 >= total && (!main || within(candidate.post, main.post, flow))) main = candidate;
  }
  if (!main) return;
  const { post: kept, words: keptWords } = main;
  const others = placed.filter(({ post }) => post !== kept && !within(kept, post, flow));
  const nestedWords = others.reduce((sum, other) => sum + (within(other.post, kept, flow) ? other.words : 0), 0);
  if (nestedWords * 2 >= keptWords) return;
  for (const { pieces } of others) {
    if (pieces.some((piece) => piece.nodeType !== TEXT_NODE && holdsMedia(piece as ArticleElement))) continue;
    for (const piece of pieces) piece.remove();
  }
}

/** Whether `inner` is inside `outer` as the page had it (Readability moves and replaces elements). */
function within(inner: FlowElement, outer: FlowElement, flow: Flow | undefined): boolean {
  if (!flow?.parents.has(inner)) return outer.contains(inner);
  for (let up = flow.parents.get(inner); up; up = flow.parents.get(up)) if (up === outer) return true;
  return false;
}

/** The element's ancestors, as the page had them where the page map knows it, else as they are now. */
function outward(element: FlowElement, flow: Flow | undefined): FlowElement[] {
  const ups: FlowElement[] = [];
  for (let up = flow?.parents.get(element) ?? (element.parentNode as FlowElement | null); up && up.tagName; up = flow?.parents.get(up) ?? (up.parentNode as FlowElement | null)) ups.push(up);
  return ups;
}

/** A box named only for reader comments that holds what readers wrote, not a count, a prompt or a form. */
function isThread(name: string, pieces: readonly CleanedElement[]): boolean {
  if (BOILERPLATE.test(name) || PRINT_ONLY.test(name) || !COMMENTS.test(name)) return false;
  let words = 0;
  for (const piece of pieces) {
    words += wordCount(piece.textContent);
    if (piece.nodeType !== TEXT_NODE) for (const a of Array.from(piece.querySelectorAll('a, form, button'))) words -= wordCount(a.textContent);
  }
  return words > THREAD_WORDS;
}

/** A byline or date line: short, and when inline, the whole of its line. */
function shortLine(element: FlowElement, pieces: readonly CleanedElement[], words: number): boolean {
  if (words > BYLINE_WORDS) return false;
  if (!INLINE.has(element.tagName.toUpperCase())) return true;
  const line = pieces[0]!.parentNode;
  return !line || wordCount(line.textContent) <= BYLINE_WORDS;
}

/**
 * The parts of `element` in the article: the element itself, or what
 * Readability moved out of it when it replaced it (its children, its text).
 */
function inArticle(element: FlowElement, article: CleanedElement, flow: Flow | undefined): CleanedElement[] {
  if (article.contains(element)) return [element];
  const pieces: CleanedElement[] = [];
  for (const node of flow?.nodes.get(element) ?? []) {
    if (node.nodeType === TEXT_NODE) {
      if ((node.textContent ?? '').trim() && article.contains(node)) pieces.push(node);
    } else pieces.push(...inArticle(node as FlowElement, article, flow));
  }
  return pieces;
}

/** Whether the element is or holds a video, an audio or a player convert keeps (issue 13: media are content). */
export function holdsMedia(element: ArticleElement): boolean {
  if (/^(?:VIDEO|AUDIO)$/i.test(element.tagName) || element.querySelector('video, audio')) return true;
  const frames = /^IFRAME$/i.test(element.tagName) ? [element] : (Array.from(element.querySelectorAll('iframe[src]')) as ArticleElement[]);
  return frames.some((frame) => isKnownEmbedSrc(frame.getAttribute('src') ?? ''));
}

/** Removes a block Readability made that is left with no text and nothing to show. */
function removeIfEmpty(element: ArticleElement, article: CleanedElement): void {
  if (element === article || (element.textContent ?? '').trim() || element.querySelector('img, video, audio, iframe, picture, svg')) return;
  element.remove();
}

/** Lists of links to the site's other pages after the article's last words (related stories, tags, "more from"), and their headings. */
function dropTrailingLinks(article: ArticleElement, site: string | undefined): void {
  const blocks = (Array.from(article.querySelectorAll(BLOCK)) as ArticleElement[]).filter((block) => !block.querySelector(BLOCK));
  let removed = false;
  for (let i = blocks.length - 1; i >= 0; i--) {
    const block = blocks[i]!;
    const words = wordCount(block.textContent);
    if (words === 0) continue;
    if (linkShare(block) > LINK_SHARE && linksHome(block, site)) {
      block.remove();
      removed = true;
    } else if (removed && HEADING.test(block.tagName.toUpperCase()) && words <= HEADING_WORDS) block.remove();
    else break;
  }
}

/**
 * A line that names itself a list of pointers to other stories ("Don't
 * miss:", "Related:", "Tags", "相关阅读：") and is mostly links to the site's
 * own pages. A line of one pointer ("Related: <a>…</a>" between two
 * paragraphs) is the article's: its editor put it there, and it is a link
 * the article holds.
 */
const TEASER_LABEL = "read more|read next|related(?: stories| articles| news)?|don'?t miss|see also|see more|more|also read|more from [^:：]{1,30}|recommended|tags|topics|相关阅读|延伸阅读|推荐阅读|相关新闻|相关文章";
const TEASER = new RegExp(`^\\s*(?:${TEASER_LABEL})\\s*[:：]`, 'iu');
/** The label alone before the links ("<strong>Don't miss</strong> <a>…</a>"), with or without the colon. */
const TEASER_LEAD = new RegExp(`^(?:${TEASER_LABEL})\\s*[:：]?$`, 'iu');

function dropTeasers(article: ArticleElement, site: string | undefined): void {
  for (const block of Array.from(article.querySelectorAll('p, li, div, h2, h3, h4')) as ArticleElement[]) {
    if (block.querySelector(BLOCK)) continue;
    const text = (block.textContent ?? '').trim();
    const rest = teaserLinks(block, text);
    if (rest === undefined) continue;
    if (rest.trim() && linkedText(block) * 2 < rest.replace(/\s+/g, '').length) continue;
    if (Array.from(block.querySelectorAll('a[href]')).length > 1 && linksHome(block, site)) block.remove();
  }
}

/**
 * What follows a teaser label that starts the block ("Related: …", or the
 * label alone before the first link: "<strong>Tags<br><a>…"), or undefined
 * when there is none. A heading that starts with such a word ("See also" and
 * an edit link) is a section of the article, not a teaser.
 */
function teaserLinks(block: ArticleElement, text: string): string | undefined {
  if (TEASER.test(text)) return text.replace(/^[^:：]*[:：]/u, '');
  if (HEADING.test(block.tagName.toUpperCase())) return undefined;
  const link = (block.querySelector('a[href]')?.textContent ?? '').trim();
  const at = link ? text.indexOf(link) : -1;
  if (at <= 0 || !TEASER_LEAD.test(text.slice(0, at).trim())) return undefined;
  return text.slice(at);
}

/** Characters of the element's text inside links, without white space. */
function linkedText(element: CleanedElement): number {
  let linked = 0;
  for (const a of Array.from(element.querySelectorAll('a'))) linked += (a.textContent ?? '').replace(/\s+/g, '').length;
  return linked;
}

/** The share of the element's text (without white space) inside links. */
export function linkShare(element: CleanedElement): number {
  const text = (element.textContent ?? '').replace(/\s+/g, '').length;
  if (text === 0) return 0;
  return linkedText(element) / text;
}

/** Whether most links of the block lead to the page's own site: teasers of its other stories, not the article's sources. */
function linksHome(block: ArticleElement, site: string | undefined): boolean {
  const links = Array.from(block.querySelectorAll('a[href]')) as ArticleElement[];
  const home = links.filter((a) => {
    const href = a.getAttribute('href')!.trim();
    if (!/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(href)) return true;
    return site !== undefined && hostOf(href) === site;
  });
  return links.length > 0 && home.length * 2 >= links.length;
}

/** A URL's host without `www.`; undefined when it is not an absolute URL. */
export function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.replace(/^www\./, '') || undefined;
  } catch {
    return undefined;
  }
}
