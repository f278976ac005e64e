import { liquidStage } from '../liquid/literal.js';
import { splitFrontMatter } from '../post/frontmatter.js';
import { COMMENT_NODE, isElement, isText, parseFragment, tagOf, walk, type DomElement, type DomNode } from './dom.js';
import { opaqueLiquid } from './liquid-spans.js';
import { KramdownRenderer, type Rendering, type VerifierOptions } from './kramdown.js';
import { limitNesting } from './nesting.js';
import { extractArticle, looksLikePage } from './page.js';
import { isDisplayMath, structureSignature } from './elements.js';
import { decodeFragment } from './prepare.js';
import { ellipsis, type ConvertResult, type Removal } from './removal.js';
import { isEventHandler, isHidden, isKeptContent, isNotRendered, isPluginWithFallback, isSafeStyleSheet, isUnsafeUrl, urlAsRead } from './safety.js';
import { classesFor } from './site-classes.js';

/**
 * Nothing lost: render the original and the converted post the way the site
 * does (kramdown, GFM input) and compare what a reader gets: the visible text
 * with white space ignored (but line breaks in preformatted text and the
 * edges of blocks counted), the multisets of link targets, image sources,
 * media and embeds, comments, and elements Markdown cannot say (with the
 * attributes that change their look), and the anchors links can point to. What the converter removed on
 * purpose (unsafe URLs, stock links in text mode, frames) is taken out of the
 * original's side; hidden elements, scripts and styles are not visible, so
 * neither side counts them.
 */
export interface Visible {
  text: string;
  /** The same text with a mark where each block begins and ends. */
  blocks: string;
  links: string[];
  images: string[];
  /** `<video src>`, `<source src>`, `<iframe src>`, `<figure>`, `<style>`…: players, embeds, figures and style sheets. */
  media: string[];
  /** Comments, white space collapsed. */
  comments: string[];
  /** Every id and `<a name>`: where a link can land. */
  anchors: Set<string>;
  /** Anchors that must survive: `<a id|name>` and ids that a link of the text points to. */
  targets: string[];
  /** Scripts, frames, handlers and unsafe URLs (also counted in links and images): never in the output. */
  unsafe: string[];
  /** Elements Markdown has no syntax for (custom ones, definition lists, styled tables…), with the attributes that change their look. */
  structure: string[];
  /** Images and links with attributes that change what they show or do (a size, a target…), by their URL. */
  attributed: Array<{ url: string; signature: string }>;
}

export interface Verdict {
  ok: boolean;
  /** One line per difference: what would be lost or added. */
  problems: string[];
}

/** Players, embeds, figures and disclosures: what Markdown cannot say and the converter keeps as HTML (frames and style sheets too). */
const MEDIA = new Set(['video', 'audio', 'source', 'track', 'picture', 'figure', 'details']);
/** Marks a line break inside preformatted text, which the comparison keeps while it drops white space. */
const PRE_BREAK = '\u23ce';
/** Marks where a block begins or ends, so that text moved across blocks (a word split in two paragraphs) is seen. */
const BLOCK_EDGE = '\u241e';
/**
 * Elements that start and end a block of text. Inside a table cell they do
 * not count: a pipe table's cell is one line, which shows the same words.
 */
const TEXT_BLOCKS = new Set(
  'address article aside blockquote caption center dd details div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table td th tr ul'.split(' '),
);

/** What a browser shows of this HTML, less the elements in `skip`. */
export function visibleContent(root: DomElement, skip: ReadonlySet<DomElement> = new Set(), classes?: ReadonlySet<string>): Visible {
  const text: string[] = [];
  const links: string[] = [];
  const images: string[] = [];
  const media: string[] = [];
  const comments: string[] = [];
  const anchors = new Set<string>();
  const explicit: string[] = [];
  const fragments = new Set<string>();
  const unsafe: string[] = [];
  const structure: string[] = [];
  const attributed: Array<{ url: string; signature: string }> = [];
  let pre: { from: number; element: DomElement } | null = null;
  let cells = 0;
  // Elements entered (not hidden, not skipped): only their ends count on the way out.
  const entered = new Set<DomNode>();
  // Inline elements counted in `structure`: where their text begins.
  const inline = new Map<DomNode, { signature: string; from: number }>();
  const edge = (node: DomElement) => {
    const name = tagOf(node);
    if (!TEXT_BLOCKS.has(name) && !isDisplayMath(node)) return;
    if (name === 'td' || name === 'th') text.push(BLOCK_EDGE);
    else if (cells === 0 && !pre) text.push(BLOCK_EDGE);
  };
  walk(
    root,
    (node) => {
      if (isText(node)) {
        text.push(node.data);
        return;
      }
      if (node.nodeType === COMMENT_NODE) {
        // An empty comment is how the converter keeps an empty list item in place.
        const comment = (node.nodeValue ?? '').replace(/\s+/g, ' ').trim();
        if (comment) comments.push(comment);
        return false;
      }
      if (!isElement(node)) return false;
      const name = tagOf(node);
      for (const attr of Array.from(node.attributes)) {
        if (isEventHandler(attr.name) || (attr.name === 'style' && !isSafeStyleSheet(attr.value))) unsafe.push(`${attr.name} attribute on <${name}>`);
      }
      if (isNotRendered(node)) {
        if (name !== 'head' && name !== 'title') unsafe.push(`<${name}>`);
        return false;
      }
      if (skip.has(node) || isHidden(node)) return false;
      // A plugin never runs: only its fallback shows, and its parameters are no content.
      if (isPluginWithFallback(name)) {
        unsafe.push(`<${name}>`);
        return undefined;
      }
      if (name === 'param') return false;
      if (isKeptContent(node)) {
        // A frame alone on its line stands as a block does: kramdown can say it only as one.
        if (name === 'iframe' && cells === 0 && !pre && aloneOnLine(node)) text.push(BLOCK_EDGE);
        // A frame, a style sheet, a link, a meta or a title: what it holds is no text of the page.
        const what = name === 'style' || name === 'title' ? (node.textContent ?? '') : (node.getAttribute(name === 'iframe' ? 'src' : name === 'link' ? 'href' : 'content') ?? '');
        media.push(`<${name}> ${what.replace(/\s+/g, ' ').trim()}`);
        return false;
      }
      edge(node);
      entered.add(node);
      if (name === 'td' || name === 'th') cells++;
      const signature = structureSignature(node, classes);
      if (signature && TEXT_BLOCKS.has(name)) structure.push(signature);
      // A link's attributes count once: around blocks, Markdown links the first of them (see liftBlockLinks).
      else if (signature && (name === 'a' || name === 'img')) attributed.push({ url: urlAsRead(node.getAttribute(name === 'a' ? 'href' : 'src') ?? ''), signature });
      else if (signature) inline.set(node, { signature, from: text.length });
      const id = node.getAttribute('id');
      if (id) anchors.add(id);
      const anchorName = name === 'a' ? node.getAttribute('name') : null;
      if (anchorName) anchors.add(anchorName);
      if (name === 'a') for (const a of [id, anchorName]) if (a) explicit.push(a);
      // URLs as the browser follows them: `href="a.html\n  "` is `a.html`.
      const givenHref = name === 'a' ? node.getAttribute('href') : null;
      const givenSrc = name === 'img' ? node.getAttribute('src') : null;
      const href = givenHref === null ? null : urlAsRead(givenHref);
      const src = givenSrc === null ? null : urlAsRead(givenSrc);
      if (href !== null) links.push(href);
      if (href?.startsWith('#') && href.length > 1) fragments.add(decodeFragment(href.slice(1)));
      if (src !== null) images.push(src);
      if (MEDIA.has(name)) media.push(`<${name}>${['src', 'poster', 'data'].map((a) => node.getAttribute(a)).filter(Boolean).map((u) => ` ${urlAsRead(u!)}`).join('')}`);
      for (const url of [href, src, MEDIA.has(name) ? node.getAttribute('src') : null]) if (url !== null && isUnsafeUrl(url)) unsafe.push(`unsafe URL ${url}`);
      if (name === 'br' && pre) text.push('\n');
      if (name === 'pre' && !pre) pre = { from: text.length, element: node };
      return undefined;
    },
    (node) => {
      if (pre && node === pre.element) {
        // Line breaks inside the block count; those at its ends (a fence's last line break) do not.
        const inside = text.splice(pre.from).join('').replace(/\r\n?/g, '\n').replace(/^\s+|\s+$/g, '');
        text.push(inside.replace(/[ \t]*\n/g, PRE_BREAK));
        pre = null;
      }
      if (!entered.has(node)) return;
      const around = inline.get(node);
      if (around) {
        // Inline markup around blocks shows on each block's text: Markdown says it once in each.
        const runs = text.slice(around.from).join('').split(BLOCK_EDGE).filter((run) => /\S/.test(run)).length;
        for (let i = Math.max(1, runs); i > 0; i--) structure.push(around.signature);
      }
      const name = tagOf(node as DomElement);
      if (name === 'td' || name === 'th') cells--;
      edge(node as DomElement);
    },
  );
  const targets = [...new Set([...explicit, ...[...anchors].filter((a) => fragments.has(a))])];
  const blocks = text.join('');
  return { text: blocks.replaceAll(BLOCK_EDGE, ''), blocks, links, images, media, comments, anchors, targets, unsafe, structure, attributed };
}

/**
 * Whether only line breaks, blocks or the edges of its block lie beside an
 * element (white space and comments aside): a browser then shows it on a line
 * of its own, as it shows a block.
 */
function aloneOnLine(element: DomElement): boolean {
  return (['previousSibling', 'nextSibling'] as const).every((side) => {
    for (let at: DomNode = element; ; at = at.parentNode!) {
      for (let n = at[side]; n; n = n[side]) {
        if (isText(n) ? /\S/.test(n.data) : isElement(n) && tagOf(n) !== 'br' && !TEXT_BLOCKS.has(tagOf(n))) return false;
        if (isElement(n)) return true;
      }
      if (!isElement(at.parentNode) || TEXT_BLOCKS.has(tagOf(at.parentNode))) return true;
    }
  });
}

/** Compare what the original shows with what the conversion shows. */
export function compareVisible(original: Visible, converted: Visible, removed: readonly Removal[], options: { structure?: boolean } = {}): Verdict {
  const problems: string[] = [];
  const a = comparableText(original.blocks);
  const b = comparableText(converted.blocks);
  if (a !== b) problems.push(textDifference(a, b));
  const removedLinks = removed.filter((r) => r.reason === 'unsafe-url' || r.reason === 'stock-link').flatMap((r) => r.links.map(urlAsRead));
  const removedImages = removed.filter((r) => r.reason === 'unsafe-url').flatMap((r) => r.images.map(urlAsRead));
  compareMultisets('link', subtract(original.links, removedLinks), converted.links, problems);
  compareMultisets('image', subtract(original.images, removedImages), converted.images, problems);
  compareMultisets('media element or embed', original.media, converted.media, problems);
  compareMultisets('comment', original.comments, converted.comments, problems);
  if (options.structure !== false) {
    compareMultisets('element', original.structure, converted.structure, problems);
    // A link or image removed on purpose takes its attributes with it: what the output lacks is excused by a URL removed.
    const removedUrls = [...removedLinks, ...removedImages];
    const shown = converted.attributed.map((a) => a.signature);
    const unmatched = [...shown];
    const kept = original.attributed.filter(({ url, signature }) => {
      const match = unmatched.indexOf(signature);
      if (match >= 0) {
        unmatched.splice(match, 1);
        return true;
      }
      const at = removedUrls.indexOf(url);
      if (at >= 0) removedUrls.splice(at, 1);
      return at < 0;
    });
    compareMultisets('attributes', kept.map((a) => a.signature), shown, problems);
  }
  for (const target of original.targets) if (!converted.anchors.has(target)) problems.push(`anchor lost: #${ellipsis(target, 100)}`);
  for (const u of converted.unsafe) problems.push(`unsafe content in the output: ${ellipsis(u, 80)}`);
  return { ok: problems.length === 0, problems };
}

/** The text without white space, block edges shown once between blocks and not at the ends. */
function comparableText(text: string): string {
  const edges = new RegExp(`${BLOCK_EDGE}+`, 'gu');
  const ends = new RegExp(`^${BLOCK_EDGE}|${BLOCK_EDGE}$`, 'gu');
  return text.replace(/\s+/gu, '').replace(edges, BLOCK_EDGE).replace(ends, '');
}

function textDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const context = (s: string) => (i >= s.length ? '(end)' : `"${s.slice(Math.max(0, i - 10), i + 30)}"`);
  return `text differs at character ${i}: original ${context(a)}, converted ${context(b)}`;
}

function subtract(items: readonly string[], remove: readonly string[]): string[] {
  const left = [...items];
  for (const r of remove) {
    const at = left.indexOf(r);
    if (at >= 0) left.splice(at, 1);
  }
  return left;
}

function compareMultisets(kind: string, expected: readonly string[], actual: readonly string[], problems: string[]): void {
  const count = new Map<string, number>();
  for (const e of expected) count.set(e, (count.get(e) ?? 0) + 1);
  for (const a of actual) count.set(a, (count.get(a) ?? 0) - 1);
  for (const [item, n] of count) {
    if (n > 0) problems.push(`${kind} lost${n > 1 ? ` (${n}×)` : ''}: ${ellipsis(item, 100)}`);
    if (n < 0) problems.push(`${kind} added${n < -1 ? ` (${-n}×)` : ''}: ${ellipsis(item, 100)}`);
  }
}

/** The part of a post kramdown renders: the text after the front matter. */
function bodyOf(text: string): string {
  return splitFrontMatter(text)?.body ?? text;
}

/** HTML as a browser holds it: a whole page's article (as the converter found it), or a fragment. */
function visibleHtml(html: string, classes: ReadonlySet<string>): Visible {
  return visibleContent(parseFragment(looksLikePage(html) ? extractArticle(html).html : limitNesting(html)), undefined, classes);
}

/**
 * Checks conversions against kramdown. Start once, verify any number of
 * posts, close. `original` is what was converted (a post, a body or HTML).
 */
export class Verifier {
  private constructor(
    private readonly kramdown: KramdownRenderer,
    private readonly siteClasses: ReadonlySet<string> | undefined,
  ) {}

  /** `siteClasses`: the class names the site names, as the converter was given them (a paragraph's other classes may go). */
  static async start(options: VerifierOptions & { siteClasses?: ReadonlySet<string> } = {}): Promise<Verifier> {
    return new Verifier(await KramdownRenderer.start(options), options.siteClasses);
  }

  get kramdownVersion(): string {
    return this.kramdown.version;
  }

  async verify(original: string, result: ConvertResult): Promise<Verdict> {
    // Jekyll runs Liquid before kramdown (on post bodies; an HTML file's braces are text).
    const originalIsLiquid = result.kind === 'body' && result.bracesAreText !== true;
    const liquid = liquidStage(bodyOf(original), bodyOf(result.markdown), originalIsLiquid);
    if (liquid.problem) return { ok: false, problems: [liquid.problem] };
    // What Liquid leaves for the site to render is one opaque word on both sides.
    const [before, after] = originalIsLiquid ? opaqueLiquid([liquid.original, liquid.converted]) : [liquid.original, liquid.converted];
    const rendered = await Promise.all([
      result.kind === 'body' ? this.kramdown.render(before!) : Promise.resolve<Rendering>({ html: bodyOf(original) }),
      this.kramdown.render(after!),
    ]);
    const failed = rendered.find((r) => r.error !== undefined);
    if (failed?.error !== undefined) return { ok: false, problems: [`cannot render with kramdown: ${failed.error}`] };
    try {
      // A whole page's article leaves the page's custom elements to the page.
      const classes = classesFor(result.kind === 'page' ? '' : bodyOf(original), this.siteClasses);
      return compareVisible(visibleHtml(rendered[0].html!, classes), visibleHtml(rendered[1].html!, classes), result.removed, { structure: result.kind !== 'page' });
    } catch (error) {
      return { ok: false, problems: [`cannot compare: ${(error as Error).message}`] };
    }
  }

  close(): Promise<void> {
    return this.kramdown.close();
  }
}
