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
 * `site.categories[name]`. A post a line, so a new post changes few lines of
 * the site's history. Built as UTF-8 bytes piece by piece: at 100 000 posts
 * the file is tens of megabytes, and one JavaScript string of it twice that.
 */
export function renderDataFile(categories: readonly DataEntry[], tags: readonly DataEntry[]): Buffer {
  const out = new ByteWriter();
  const section = (key: string, entries: readonly DataEntry[], last: boolean) => {
    const end = last ? '\n' : ',\n';
    if (entries.length === 0) return out.add(`  ${JSON.stringify(key)}: []${end}`);
    out.add(`  ${JSON.stringify(key)}: [\n`);
    entries.forEach((e, i) => {
      out.add(
        `    {\n      "name": ${JSON.stringify(jsonName(e.term.name))},\n      "slug": ${JSON.stringify(e.slug)},\n      "title": ${JSON.stringify(e.title)},\n` +
          `      "count": ${e.term.posts.length},\n      "url": ${JSON.stringify(e.url)},\n`,
      );
      const posts = e.term.posts;
      if (posts.length === 0) out.add('      "posts": []\n');
      else {
        out.add('      "posts": [\n');
        for (let j = 0; j < posts.length; j++) out.add(`        ${postJson(posts[j]!)}${j < posts.length - 1 ? ',' : ''}\n`);
        out.add('      ]\n');
      }
      out.add(`    }${i < entries.length - 1 ? ',' : ''}\n`);
    });
    out.add(`  ]${end}`);
  };
  out.add('{\n');
  section('categories', categories, false);
  section('tags', tags, true);
  out.add('}\n');
  return out.bytes();
}

function postJson(post: IndexedPost): string {
  return `{"url": ${JSON.stringify(post.url)}, "title": ${JSON.stringify(post.title)}, "date": ${JSON.stringify(post.date)}}`;
}

/** Text gathered into UTF-8 chunks of about 64 KB. */
class ByteWriter {
  private chunks: Buffer[] = [];
  private pending = '';
  add(s: string): void {
    this.pending += s;
    if (this.pending.length >= 65_536) this.flush();
  }
  private flush(): void {
    this.chunks.push(Buffer.from(this.pending));
    this.pending = '';
  }
  bytes(): Buffer {
    this.flush();
    return Buffer.concat(this.chunks);
  }
}

const HEAD = Buffer.from('{\n  "categories": [');
const TAILS = [Buffer.from('\n  ]\n}\n'), Buffer.from('\n  "tags": []\n}\n')];

/**
 * A JSON file has no room for a marker and the keys are fixed, so the data
 * file counts as finews' own when it begins and ends as finews writes it
 * (`{⏎  "categories": [` … `⏎  ]⏎}⏎`): judged from 64 bytes at each end, not
 * by parsing tens of megabytes.
 */
export function looksGenerated(head: Uint8Array, tail: Uint8Array): boolean {
  const h = Buffer.from(head);
  const t = Buffer.from(tail);
  return h.subarray(0, HEAD.length).equals(HEAD) && TAILS.some((end) => t.length >= end.length && t.subarray(t.length - end.length).equals(end));
}
