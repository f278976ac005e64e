import { literalLiquid } from '../liquid/literal.js';
import { splitFrontMatter } from '../post/frontmatter.js';
import { parseFragment, type DomElement } from './dom.js';
import { segmentBody } from './kramdown-blocks.js';
import { textTagStarts } from './kramdown-html.js';
import { sanitizeMarkdown } from './markdown-safety.js';
import { liquidBetweenParts, protectLiquid } from './liquid-spans.js';
import { limitNesting } from './nesting.js';
import { extractArticle, looksLikePage, type PageMetadata } from './page.js';
import { prepare, summarize } from './prepare.js';
import type { ConverterOptions, ConvertResult, Removal } from './removal.js';
import { createService, turndownPrepared } from './rules.js';
import { escapeText } from './escape.js';
import { classesFor } from './site-classes.js';

let service: ReturnType<typeof createService> | undefined;

/** A link reference definition anywhere in the body: then `[x]` in converted text could link. */
const LINK_REFERENCE = /^ {0,3}\[[^\]\n]+\]:/m;

/**
 * Convert a post, a post body, an HTML fragment or a whole page to Markdown.
 * A post keeps its front matter byte for byte. Never throws: whatever cannot
 * be converted structurally keeps its text.
 */
export function convertText(text: string, options: ConverterOptions = {}): ConvertResult {
  try {
    return convertUnguarded(text, options);
  } catch {
    // A bug, or a limit of the platform: keep the text, drop the markup, never throw.
    const split = splitFrontMatter(text);
    const fallback = textOnly(split ? split.body : text, 'body');
    return { ...fallback, markdown: (split?.block ?? '') + fallback.markdown };
  }
}

/**
 * A whole page gives its article; anything else is a post body, read as
 * kramdown reads one (block HTML converted, Markdown kept), whether it came
 * with front matter or not and whatever the file is called: the same text
 * always gives the same Markdown, except that an HTML file's braces are text
 * (wrapped in `{% raw %}`) and its Markdown ends with a line break.
 */
function convertUnguarded(text: string, options: ConverterOptions): ConvertResult {
  const split = splitFrontMatter(text);
  const body = split ? split.body : text;
  const result = looksLikePage(body) ? convertPage(body, options) : convertBody(body, options);
  if (options.input !== 'html' || !result.markdown) return { ...result, markdown: (split?.block ?? '') + result.markdown };
  // An HTML file's braces are text: Jekyll's Liquid stage must show them, not run them.
  const markdown = literalLiquid(result.markdown);
  return { ...result, markdown: (split?.block ?? '') + (markdown.endsWith('\n') ? markdown : `${markdown}\n`), bracesAreText: true };
}

/**
 * A post body as kramdown reads it: block HTML is converted, Markdown is kept
 * byte for byte, and a body without block HTML comes back unchanged (unless
 * it holds an unsafe link, which is removed).
 */
export function convertBody(body: string, options: ConverterOptions = {}): ConvertResult {
  let result = convertBodyOnce(body, options);
  // Dropping markup (a <script>) can leave markup that then starts a line, where it is block HTML:
  // convert what changed again until nothing changes, so that a second run finds nothing to do.
  for (let pass = 1, input = body; pass < MAX_PASSES && result.markdown !== input; pass++) {
    input = result.markdown;
    const again = convertBodyOnce(input, options);
    result = { ...again, removed: [...result.removed, ...again.removed] };
  }
  return result;
}

/** Passes of convertBody: a pass uncovers block HTML only by dropping some, so few are ever needed. */
const MAX_PASSES = 4;

function convertBodyOnce(source: string, options: ConverterOptions): ConvertResult {
  // Liquid is not HTML: its spans stand aside while the rest is converted (in an HTML file, braces are text).
  const liquid = options.input === 'html' ? null : protectLiquid(source);
  const body = liquid ? liquid.text : source;
  const segments = segmentBody(body);
  const removed: Removal[] = [];
  const bracketsAreLinks = LINK_REFERENCE.test(body);
  const anchorTargets = fragmentTargets(body);
  const classes = classesFor(body, options.siteClasses);
  let out = '';
  let afterHtml = false;
  for (const [index, segment] of segments.entries()) {
    const text = body.slice(segment.start, segment.end);
    // Markdown, and the author's Markdown inside HTML kramdown reads as such, are kept as written.
    if (!segment.html || segment.markdownInside) {
      const safe = sanitizeMarkdown(text, (segment.code ?? []).map(([s, e]) => [s - segment.start, e - segment.start] as const));
      removed.push(...safe.removed);
      out += afterHtml ? blankLineBetween(out, safe.markdown) + (out ? safe.markdown : safe.markdown.replace(/^(?:[ \t]*(?:\r\n|\r|\n))+/, '')) : safe.markdown;
      afterHtml = false;
      continue;
    }
    const converted = convertFragment(text, { ...options, bracketsAreLinks, anchorTargets, classes, liquidRuns: options.input !== 'html' });
    if (converted.liquidBetweenParts || (liquid !== null && !liquid.inOrder(converted.markdown))) {
      // Liquid between list items or table rows (which the parser may move out of the table) would no longer
      // repeat what it held: the block stays as written, less what is unsafe in it (as in Markdown, by its source).
      const safe = sanitizeMarkdown(text);
      removed.push(...safe.removed);
      out += safe.markdown;
      afterHtml = false;
      continue;
    }
    removed.push(...converted.removed);
    if (converted.markdown === text) {
      out += text;
      afterHtml = false;
      continue;
    }
    if (converted.markdown) {
      out += blankLineBetween(out, converted.markdown) + converted.markdown;
      if (index === segments.length - 1 && endsWithLineBreak(text)) out += '\n';
    }
    afterHtml = true;
  }
  if (liquid) {
    if (out === body) return { markdown: source, removed, kind: 'body' };
    out = liquid.restore(out);
  }
  // Converted parts take the body's line endings when it uses \r\n throughout.
  const crlf = source.includes('\r\n') && !/(?:^|[^\r])\n/.test(source);
  return { markdown: crlf ? out.replace(/\r?\n/g, '\r\n') : out, removed, kind: 'body' };
}

/** Whether only white space follows the last line break. */
function endsWithLineBreak(text: string): boolean {
  let end = text.length;
  while (end > 0 && ' \t\r'.includes(text[end - 1]!)) end--;
  return text[end - 1] === '\n';
}

/** What to put between two pieces of Markdown so that a blank line separates them. */
function blankLineBetween(before: string, after: string): string {
  if (!before || !after) return '';
  let end = before.length;
  while (end > 0 && ' \t\r\n'.includes(before[end - 1]!)) end--;
  const trailing = (before.slice(end).match(/\r\n|\r|\n/g) ?? []).length;
  const leading = (/^[ \t\r\n]*(?:\r\n|\r|\n)/.exec(after)?.[0].match(/\r\n|\r|\n/g) ?? []).length;
  return '\n'.repeat(Math.max(0, 2 - trailing - leading));
}

/** A whole page: its article, as Markdown, with what the page states about it. */
function convertPage(html: string, options: ConverterOptions): ConvertResult {
  let metadata: PageMetadata = {};
  const result = guarded(
    html,
    () => {
      const article = extractArticle(html);
      metadata = article.metadata;
      const removed: Removal[] = article.extracted
        ? [{ reason: 'outside-article', element: 'body', text: '', links: [], images: [] }]
        : article.chrome.map((element) => summarize(element, 'page-chrome'));
      const converted = elementToMarkdown(parseFragment(article.html), options, { bracketsAreLinks: false, anchorTargets: new Set(), keepCustomElements: false, classes: options.siteClasses, wholePage: true });
      return { markdown: converted.markdown, removed: [...removed, ...converted.removed] };
    },
    'page',
  );
  return { ...result, metadata };
}

/** What the rest of the body tells a fragment of it. */
interface BodyContext {
  /** The body defines link references, so a bare `[x]` could link. */
  bracketsAreLinks: boolean;
  /** Ids that links anywhere in the body point to (`#id`). */
  anchorTargets: ReadonlySet<string>;
  /** Custom elements stay HTML (a page's article leaves them to the page). */
  keepCustomElements?: boolean;
  /** Class names that mean something here (the site's and the body's style sheets'). */
  classes?: ReadonlySet<string>;
  /** Jekyll runs Liquid on the output: braces left in text are written so that it does not see them. */
  liquidRuns?: boolean;
  /** A whole page's article, read as a browser reads it. */
  wholePage?: boolean;
}

const FRAGMENT_LINK = /href\s*=\s*(?:["']\s*)?#([^"'\s>]+)|\]\(\s*<?#([^)\s>]+)/gi;

/** The `#id` targets of links in a body, HTML or Markdown. */
function fragmentTargets(body: string): Set<string> {
  const targets = new Set<string>();
  if (!body.includes('#')) return targets;
  for (const m of body.matchAll(FRAGMENT_LINK)) targets.add(m[1] ?? m[2]!);
  return targets;
}

/** HTML 4's entities, which browsers decode even without their semicolon (`&times` in `&timestamp`). */
const LEGACY_ENTITY = new RegExp(
  `&(?=(?:${'AElig AMP Aacute Acirc Agrave Aring Atilde Auml COPY Ccedil ETH Eacute Ecirc Egrave Euml GT Iacute Icirc Igrave Iuml LT Ntilde Oacute Ocirc Ograve Oslash Otilde Ouml QUOT REG THORN Uacute Ucirc Ugrave Uuml Yacute aacute acirc acute aelig agrave amp aring atilde auml brvbar ccedil cedil cent copy curren deg divide eacute ecirc egrave eth euml frac12 frac14 frac34 gt iacute icirc iexcl igrave iquest iuml laquo lt macr micro middot nbsp not ntilde oacute ocirc ograve ordf ordm oslash otilde ouml para plusmn pound quot raquo reg sect shy sup1 sup2 sup3 szlig thorn times uacute ucirc ugrave uml uuml yacute yen yuml'.replace(/ /g, '|')}))(?![A-Za-z0-9]+;)`,
  'g',
);

/**
 * Block HTML as kramdown passes it on: it reads only entities closed by a
 * semicolon, and writes any other `&` as `&amp;`, so the page shows
 * `&timestamp` where a browser reading the source would show `×tamp`; and an
 * end tag that closes no open element, or a tag it cannot read, is text to it
 * (see textTagStarts).
 */
function asKramdownReads(html: string): string {
  const entities = html.includes('&') ? html.replace(LEGACY_ENTITY, '&amp;') : html;
  let out = '';
  let from = 0;
  for (const at of textTagStarts(entities)) {
    out += `${entities.slice(from, at)}&lt;`;
    from = at + 1;
  }
  return out + entities.slice(from);
}

function convertFragment(html: string, options: ConverterOptions & BodyContext): ConvertResult & { liquidBetweenParts?: boolean } {
  let between = false;
  const result = guarded(
    html,
    () => {
      const root = parseFragment(limitNesting(asKramdownReads(html)));
      between = liquidBetweenParts(html, root);
      if (between) return { markdown: html, removed: [] };
      const result = elementToMarkdown(root, options, options);
      return result.unchanged ? { markdown: html, removed: [] } : result;
    },
    'fragment',
  );
  return between ? { ...result, liquidBetweenParts: true } : result;
}

/** `unchanged`: the HTML holds only what stays HTML as it is (media, comments), so its source is the output. */
function elementToMarkdown(root: DomElement, options: ConverterOptions, context: BodyContext): { markdown: string; removed: Removal[]; unchanged: boolean } {
  const { removed, kept, onlyHtml } = prepare(root, { stockLinks: options.stockLinks ?? 'link', ...context });
  service ??= createService();
  return { markdown: turndownPrepared(service, root, kept, context.classes), removed, unchanged: onlyHtml };
}

/**
 * Run a conversion; if the HTML defeats it (a bug, or a parser limit), keep
 * the text of the input, escaped, rather than fail the whole post.
 */
function guarded(html: string, run: () => { markdown: string; removed: Removal[] }, kind: ConvertResult['kind']): ConvertResult {
  try {
    return { ...run(), kind };
  } catch {
    return textOnly(html, kind);
  }
}

/** The text of some HTML, escaped, in paragraphs: what is left when conversion fails. */
function textOnly(html: string, kind: ConvertResult['kind']): ConvertResult {
  const withoutCode = html.replace(/<(script|style)\b[^>]*>[^<]*(?:<(?!\/\1)[^<]*)*<\/\1\s*>/gi, ' ');
  const text = parseFragment(withoutCode.replace(/<[^>]*>?/g, ' ')).textContent ?? '';
  const paragraphs = text.split(/\n[ \t]*\n/).map((p) => escapeText(p.replace(/\s+/g, ' ').trim(), { lineStart: true, bracketsAreLinks: true }));
  return { markdown: paragraphs.filter(Boolean).join('\n\n'), removed: [], kind };
}
