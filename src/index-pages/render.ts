import { yamlQuote } from '../post/stringify.js';
import type { IndexedPost } from './indexed-post.js';
import { yamlName, type TermKind } from './terms.js';

/**
 * The front-matter line that marks a page as finews' own: finews rewrites and
 * removes only files that carry it.
 */
export const MARKER_KEY = 'generated_by';
export const MARKER_VALUE = 'finews index';

export const NOTICE = '# Written by `finews index` from the posts; edits are overwritten. Delete the generated_by line to keep this page as your own.';

/** One page of a list: the first at the list's URL, the others at the pager's URLs. */
export interface ListPageInput {
  /** Front-matter lines that say what the list is (`category: egongsi`, `type: month`…), after the title. */
  identity: string[];
  title: string;
  layout: string | null;
  /** The URL of this page, escaped as Jekyll writes URLs. */
  url: string;
  /** Every post of the list (the count). */
  count: number;
  /** The posts on this page; null for a page that leaves the list to its layout. */
  posts: readonly IndexedPost[] | null;
  pager: { number: number; pages: number; previous: string | null; next: string | null } | null;
}

/** One page of a category or tag. */
export interface TermPageInput extends Omit<ListPageInput, 'identity'> {
  kind: TermKind;
  name: unknown;
}

export function renderTermPage(page: TermPageInput): string {
  return renderListPage({ ...page, identity: [`${page.kind}: ${yamlName(page.name, yamlQuote)}`] });
}

export function renderListPage(page: ListPageInput): string {
  const lines = [
    '---',
    NOTICE,
    `layout: ${page.layout === null ? 'null' : yamlQuote(page.layout)}`,
    `title: ${yamlQuote(page.title)}`,
    ...page.identity,
    `permalink: ${yamlQuote(page.url)}`,
    `count: ${page.count}`,
  ];
  if (page.pager) {
    const { number, pages, previous, next } = page.pager;
    lines.push('pager:', `  number: ${number}`, `  pages: ${pages}`, `  previous: ${previous ? yamlQuote(previous) : 'null'}`, `  next: ${next ? yamlQuote(next) : 'null'}`);
  }
  lines.push(`${MARKER_KEY}: ${MARKER_VALUE}`, '---', '');
  if (page.posts) {
    lines.push('<ul class="finews-posts">');
    for (const post of page.posts) {
      lines.push(`<li><time datetime="${isoDate(post.date)}">${post.date.slice(0, 16)}</time> <a href="${link(post.url)}">${text(post.title || post.url)}</a></li>`);
    }
    lines.push('</ul>');
  }
  if (page.pager && page.pager.pages > 1) {
    const { number, pages, previous, next } = page.pager;
    const parts = [previous ? `<a rel="prev" href="${link(previous)}">Newer</a>` : '', `<span>${number} / ${pages}</span>`, next ? `<a rel="next" href="${link(next)}">Older</a>` : ''];
    lines.push(`<nav class="finews-pager">${parts.filter(Boolean).join(' ')}</nav>`);
  }
  return `${lines.join('\n')}\n`;
}

export interface IndexEntry {
  title: string;
  count: number;
  /** null when the term has no page (its file is someone else's). */
  url: string | null;
}

/** The page of all categories (or all tags), with counts. */
export function renderIndexPage(input: { kind: TermKind; title: string; layout: string | null; url: string; entries: readonly IndexEntry[] }): string {
  const lines = [...indexHead(input), `<ul class="finews-${input.kind === 'category' ? 'categories' : 'tags'}">`];
  for (const e of input.entries) lines.push(`<li>${entryName(e)} <span class="count">${e.count}</span></li>`);
  lines.push('</ul>');
  return `${lines.join('\n')}\n`;
}

/** The front matter of a page of all categories, tags or archives, and the blank line after it. */
function indexHead(input: { title: string; layout: string | null; url: string; entries: readonly unknown[] }): string[] {
  return [
    '---',
    NOTICE,
    `layout: ${input.layout === null ? 'null' : yamlQuote(input.layout)}`,
    `title: ${yamlQuote(input.title)}`,
    `permalink: ${yamlQuote(input.url)}`,
    `count: ${input.entries.length}`,
    `${MARKER_KEY}: ${MARKER_VALUE}`,
    '---',
    '',
  ];
}

/** An entry's title, linked to its page when it has one. */
function entryName(e: IndexEntry): string {
  return e.url ? `<a href="${link(e.url)}">${text(e.title)}</a>` : text(e.title);
}

/** A year (or month, or day) on the page of all archives, with what falls under it. */
export interface ArchiveEntry extends IndexEntry {
  children: readonly ArchiveEntry[];
}

/** The page of all years and months, with counts. */
export function renderArchiveIndex(input: { title: string; layout: string | null; url: string; entries: readonly ArchiveEntry[] }): string {
  const lines = indexHead(input);
  const list = (entries: readonly ArchiveEntry[], depth: number) => {
    const indent = '  '.repeat(depth);
    lines.push(`${indent}<ul class="finews-archives">`);
    for (const e of entries) {
      const name = entryName(e);
      if (e.children.length === 0) {
        lines.push(`${indent}<li>${name} <span class="count">${e.count}</span></li>`);
        continue;
      }
      lines.push(`${indent}<li>${name} <span class="count">${e.count}</span>`);
      list(e.children, depth + 1);
      lines.push(`${indent}</li>`);
    }
    lines.push(`${indent}</ul>`);
  };
  list(input.entries, 0);
  return `${lines.join('\n')}\n`;
}

/**
 * Text for an HTML page that Jekyll renders with Liquid: HTML-escaped, and
 * braces as entities, so a title with `{{` or `{%` shows as written instead
 * of running as Liquid (`render_with_liquid: false` needs Jekyll 4, GitHub
 * Pages runs 3).
 */
export function text(s: string): string {
  return s.replace(/[&<>"'{}]/g, (c) => ENTITIES[c]!);
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '{': '&#123;', '}': '&#125;' };

/** A site-relative URL in an attribute, below the site's baseurl. */
function link(url: string): string {
  return `{{ site.baseurl }}${text(url)}`;
}

/** `2021-12-08 18:46:18 +0800` → `2021-12-08T18:46:18+08:00`. */
function isoDate(shown: string): string {
  const m = /^(-?\d+-\d\d-\d\d) (\d\d:\d\d:\d\d) ([-+]\d\d)(\d\d)$/.exec(shown);
  return m ? `${m[1]}T${m[2]}${m[3]}:${m[4]}` : text(shown);
}
