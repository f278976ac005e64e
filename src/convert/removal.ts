import type { PageMetadata } from './page.js';
import type { RemovalReason } from './safety.js';

/** Something the converter left out on purpose, with what it carried, for the report. */
export interface Removal {
  reason: RemovalReason;
  /** The element (`script`, `p`, `a`…) or `markdown` for a Markdown link. */
  element: string;
  /** Its visible text, white space collapsed (empty for scripts and styles). */
  text: string;
  /** Link targets that no longer appear in the output. */
  links: string[];
  /** Image sources that no longer appear in the output. */
  images: string[];
}

export type StockLinks = 'link' | 'text';

export interface ConverterOptions {
  /** Eastmoney's automatic stock-name links: kept as links (default) or reduced to their text. */
  stockLinks?: StockLinks;
  /** `html` reads the whole input as HTML (an .html file); `auto` reads it as kramdown would a post body. */
  input?: 'auto' | 'html';
  /** The class names the site's own files name (site-classes.ts): a paragraph's or heading's classes among them are kept. */
  siteClasses?: ReadonlySet<string>;
}

export interface ConvertResult {
  markdown: string;
  removed: Removal[];
  /** How the input was read: a post body with Markdown and HTML, an HTML fragment or a whole page. */
  kind: 'body' | 'fragment' | 'page';
  /** The input was an HTML file: its braces are text, not Liquid. */
  bracesAreText?: boolean;
  /** A whole page's title, byline and date, as it states them. */
  metadata?: PageMetadata;
}

/** A one-line description of a removal, for reports. */
export function describeRemoval(removal: Removal): string {
  const what: Record<RemovalReason, string> = {
    hidden: 'hidden element (display:none, visibility:hidden or hidden)',
    script: 'script',
    handler: 'event-handler attribute',
    style: 'style sheet or style with script (expression(), behavior…)',
    embed: 'plugin object, or frame with a script URL or its own document (srcdoc)',
    metadata: 'page metadata (a base URL, a redirecting <meta>, an HTML import)',
    'unsafe-url': 'unsafe URL',
    'stock-link': 'stock-name link (--stock-links text)',
    'page-chrome': 'page chrome (header, navigation, sidebar or footer)',
    'outside-article': 'page outside the article (navigation, teasers, comments…)',
    'attribute-name': 'attribute whose name kramdown cannot read, so that it would show the tag as text',
  };
  const parts = [`${removal.element === 'markdown' ? 'Markdown link:' : `<${removal.element}>`} ${what[removal.reason]}`];
  if (removal.text) parts.push(`text "${ellipsis(removal.text, 60)}"`);
  if (removal.links.length) parts.push(`link ${removal.links.map((l) => ellipsis(l, 80)).join(', ')}`);
  if (removal.images.length) parts.push(`image ${removal.images.map((l) => ellipsis(l, 80)).join(', ')}`);
  return parts.join(', ');
}

/** Removals counted by kind (the element and why), added to `totals`. */
export function countRemovals(removed: readonly Removal[], totals = new Map<string, number>()): Map<string, number> {
  for (const r of removed) {
    const key = describeRemoval({ ...r, text: '', links: [], images: [] });
    totals.set(key, (totals.get(key) ?? 0) + 1);
  }
  return totals;
}

/** Counts by kind on one line: `2 × <script> script; 1 × <p> hidden element`. */
export function formatCounts(totals: ReadonlyMap<string, number>): string {
  return [...totals].map(([what, n]) => `${n} × ${what}`).join('; ');
}

export function ellipsis(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
