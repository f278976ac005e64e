import type { DomElement } from './dom.js';

/**
 * What a browser never shows and what finews never lets through. The
 * converter removes these; the verifier leaves the same elements out of the
 * visible text, so both sides agree on what "visible" means.
 */

/** Elements whose content a page does not show as text. */
export const NOT_RENDERED = new Set(['script', 'style', 'template', 'head', 'title', 'meta', 'link', 'base', 'iframe', 'frame', 'frameset', 'embed', 'noembed', 'noframes']);

/**
 * Plugins whose content is their fallback, which browsers show when the
 * plugin does not run (none runs any more) or the element names no data:
 * `List<Object>` in a Java post opens an `<object>` whose text stays on the
 * page. The element goes; what it holds stays, less its `<param>`s.
 */
const PLUGIN_WITH_FALLBACK = new Set(['object', 'applet']);

export function isPluginWithFallback(name: string): boolean {
  return PLUGIN_WITH_FALLBACK.has(name);
}

/**
 * Players and demos that sites embed on purpose. Any frame of a post is
 * content (see isKeptContent); a whole page's extraction uses these hosts to
 * tell a player from an advertisement.
 */
const EMBED_HOSTS =
  /^(?:www\.|m\.)?(?:youtube\.com|youtube-nocookie\.com|player\.vimeo\.com|player\.bilibili\.com|v\.qq\.com|dailymotion\.com|geo\.dailymotion\.com|player\.youku\.com|tv\.sohu\.com|ixigua\.com|open\.spotify\.com|w\.soundcloud\.com|embed\.ted\.com|player\.twitch\.tv|codepen\.io|jsfiddle\.net|codesandbox\.io|stackblitz\.com|asciinema\.org)$/i;

export function isKnownEmbedSrc(src: string): boolean {
  const host = /^(?:https?:)?\/\/([^/?#:]+)/i.exec(src.trim())?.[1];
  return host !== undefined && EMBED_HOSTS.test(host);
}

/**
 * What the author placed and a browser shows the same wherever the post is:
 * a frame of any host (it runs in its own origin), unless its `src` is a
 * script URL or it carries its own document (`srcdoc`, which runs in the
 * page's origin); a style sheet, unless it holds the script of old browsers
 * (`expression()`, `behavior:`, `-moz-binding`, `javascript:`); a `<link>`
 * (a style sheet, a preload hint) other than an HTML import; a `<meta>` that
 * is no `http-equiv` (which can redirect the page or set its cookies); a
 * `<title>`.
 */
export function isKeptContent(element: DomElement): boolean {
  const name = element.nodeName.toLowerCase();
  if (name === 'style') return isSafeStyleSheet(element.textContent ?? '');
  return isKeptElement(name, (attribute) => element.getAttribute(attribute));
}

/** The same, for the elements judged by their attributes alone (read by `get`). */
export function isKeptElement(name: string, get: (attribute: string) => string | null): boolean {
  if (name === 'iframe') return get('srcdoc') === null && !isUnsafeUrl(get('src') ?? '');
  if (name === 'link') return !/(?:^|\s)import(?:\s|$)/i.test(get('rel') ?? '') && !isUnsafeUrl(get('href') ?? '');
  return name === 'title' || (name === 'meta' && get('http-equiv') === null);
}

const STYLE_SCRIPT = /expression\s*\(|(?<![\w-])behavior\s*:|-moz-binding|javascript:|vbscript:/i;

export function isSafeStyleSheet(css: string): boolean {
  return !STYLE_SCRIPT.test(css.replace(/\\/g, ''));
}

/** Whether the element is not rendered as text: scripts, metadata, plugins, and frames and style sheets that are not safe. */
export function isNotRendered(element: DomElement): boolean {
  return NOT_RENDERED.has(element.nodeName.toLowerCase()) && !isKeptContent(element);
}

/** Why an element is removed; null when it stays. */
export type RemovalReason = 'hidden' | 'script' | 'handler' | 'style' | 'embed' | 'metadata' | 'unsafe-url' | 'stock-link' | 'page-chrome' | 'outside-article' | 'attribute-name';

export function notRenderedReason(name: string): RemovalReason | null {
  if (PLUGIN_WITH_FALLBACK.has(name)) return 'embed';
  if (!NOT_RENDERED.has(name)) return null;
  if (name === 'script') return 'script';
  if (name === 'style') return 'style';
  if (name === 'head' || name === 'title' || name === 'meta' || name === 'link' || name === 'base') return 'metadata';
  return 'embed';
}

const DISPLAY_NONE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse))\s*(?:!\s*important\s*)?(?:;|$)/i;

/** `display:none` or `visibility:hidden` in the style attribute, or the `hidden` attribute (which means the same). */
export function isHidden(element: Pick<DomElement, 'hasAttribute' | 'getAttribute'>): boolean {
  if (element.hasAttribute('hidden')) return true;
  const style = element.getAttribute('style');
  return style !== null && DISPLAY_NONE.test(withoutComments(style));
}

/** CSS comments out, by searching rather than by a lazy pattern, which is quadratic on unclosed ones. */
function withoutComments(css: string): string {
  let out = '';
  let from = 0;
  for (let open = css.indexOf('/*'); open >= 0; open = css.indexOf('/*', from)) {
    const close = css.indexOf('*/', open + 2);
    out += css.slice(from, open);
    if (close < 0) return out;
    from = close + 2;
  }
  return out + css.slice(from);
}

/** Attributes holding URLs: one holding an unsafe URL goes, in HTML kept and in Markdown's raw HTML alike. */
export const URL_ATTRIBUTES: ReadonlySet<string> = new Set(['href', 'src', 'poster', 'data', 'action', 'formaction', 'xlink:href', 'background', 'cite']);

/**
 * javascript:, vbscript: and data: other than images. The URL is read the way
 * a browser reads it: tabs and line breaks anywhere are ignored, and so are
 * control characters and spaces at the ends.
 */
export function isUnsafeUrl(url: string): boolean {
  // Only the scheme matters, and it is near the start (after control characters and spaces).
  let start = 0;
  while (start < url.length && url.charCodeAt(start) <= 0x20) start++;
  const clean = url.slice(start, start + 64).replace(/[\t\n\r]/g, '').toLowerCase();
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(clean)?.[1];
  if (scheme === 'javascript' || scheme === 'vbscript' || scheme === 'livescript') return true;
  return scheme === 'data' && !/^data:image\/[a-z0-9.+-]+[;,]/.test(clean);
}

/**
 * A URL as a browser reads it before it parses it: control characters and
 * spaces at the ends dropped, tabs and line breaks anywhere removed
 * (`href="a.html\n   "` goes to `a.html`).
 */
export function urlAsRead(url: string): string {
  let start = 0;
  let end = url.length;
  while (start < end && url.charCodeAt(start) <= 0x20) start++;
  while (end > start && url.charCodeAt(end - 1) <= 0x20) end--;
  const trimmed = start > 0 || end < url.length ? url.slice(start, end) : url;
  return /[\t\n\r]/.test(trimmed) ? trimmed.replace(/[\t\n\r]/g, '') : trimmed;
}

/** Attributes that run code when the page is shown: `on` and an event's name (a bare `on` is none). */
export function isEventHandler(name: string): boolean {
  return /^on[a-z]/i.test(name);
}
