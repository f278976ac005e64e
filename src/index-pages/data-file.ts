import type { IndexedPost } from './collect.js';
import { jsonName, type Term } from './terms.js';

/** One entry of `site.data.finews.categories` / `.tags`. These keys are the interface. */
export interface DataEntry {
  term: Term;
  slug: string;
  title: string;
  /** The term's page; null when it has none. */
  url: string | null;
}

/**
 * `_data/finews.json`: `{ categories: [{ name, slug, title, count, url,
 * posts: [{ url, title, date }] }], tags: […] }`, posts newest first as in
 * `site.categories[name]`. Written a post a line, so a new post changes few
 * lines of the site's history.
 */
export function renderDataFile(categories: readonly DataEntry[], tags: readonly DataEntry[]): string {
  const out: string[] = ['{'];
  const section = (key: string, entries: readonly DataEntry[], last: boolean) => {
    if (entries.length === 0) {
      out.push(`  ${JSON.stringify(key)}: []${last ? '' : ','}`);
      return;
    }
    out.push(`  ${JSON.stringify(key)}: [`);
    entries.forEach((e, i) => {
      out.push(
        '    {',
        `      "name": ${JSON.stringify(jsonName(e.term.name))},`,
        `      "slug": ${JSON.stringify(e.slug)},`,
        `      "title": ${JSON.stringify(e.title)},`,
        `      "count": ${e.term.posts.length},`,
        `      "url": ${JSON.stringify(e.url)},`,
      );
      if (e.term.posts.length === 0) out.push('      "posts": []');
      else {
        out.push('      "posts": [');
        const posts = e.term.posts;
        for (let j = 0; j < posts.length; j++) out.push(`        ${postJson(posts[j]!)}${j < posts.length - 1 ? ',' : ''}`);
        out.push('      ]');
      }
      out.push(`    }${i < entries.length - 1 ? ',' : ''}`);
    });
    out.push(`  ]${last ? '' : ','}`);
  };
  section('categories', categories, false);
  section('tags', tags, true);
  out.push('}');
  return `${out.join('\n')}\n`;
}

function postJson(post: IndexedPost): string {
  return `{"url": ${JSON.stringify(post.url)}, "title": ${JSON.stringify(post.title)}, "date": ${JSON.stringify(post.date)}}`;
}

/**
 * A JSON file has no room for a marker, so the data file counts as finews'
 * own when it has exactly finews' shape: the keys `categories` and `tags`
 * holding lists.
 */
export function looksGenerated(text: string): boolean {
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const keys = Object.keys(value);
    const v = value as Record<string, unknown>;
    return keys.length === 2 && keys[0] === 'categories' && keys[1] === 'tags' && Array.isArray(v.categories) && Array.isArray(v.tags);
  } catch {
    return false;
  }
}
