import type { Archive } from './archives.js';
import type { IndexedPost } from './indexed-post.js';
import type { ArchiveKind } from './settings.js';
import { jsonName, type Term } from './terms.js';

/** One entry of `site.data.finews.categories` / `.tags`. These keys are the interface. */
export interface DataEntry {
  term: Term;
  slug: string;
  title: string;
  /** The term's page; null when it has none. */
  url: string | null;
}

/** Bytes made on demand, a piece at a time, any number of times; `size`, their total length, when it is known without making them. */
export interface Chunked {
  size?: number;
  chunks: () => Iterable<Buffer>;
}

/**
 * `_data/finews.json`: `{ categories: [{ name, slug, title, count, url,
 * posts: [{ url, title, date }] }], tags: […] }`, posts newest first as in
 * `site.categories[name]`. A post a line, so a new post changes few lines of
 * the site's history. At 100 000 posts the file is tens of megabytes, so it
 * is never held whole unless it has to be written: it is compared with the
 * file on disk piece by piece.
 */
export interface DataArchives {
  kinds: readonly ArchiveKind[];
  archives: readonly Archive[];
  /** Names of archives whose page could not be written: url null. */
  withoutPage: ReadonlySet<string>;
}

export function renderDataFile(categories: readonly DataEntry[], tags: readonly DataEntry[], archives: DataArchives | null = null): Chunked {
  // Made as it is compared with the file there (up to the first difference), and again as it is written.
  return { chunks: () => inChunks(dataText(categories, tags, archives)) };
}

function* dataText(categories: readonly DataEntry[], tags: readonly DataEntry[], archives: DataArchives | null): Generator<string> {
  yield '{\n';
  yield* section('categories', categories, false);
  yield* section('tags', tags, archives === null);
  if (archives) yield* archiveSection(archives);
  yield '}\n';
}

/**
 * `"archives": { "years": [{ name, title, count, url, posts }], "months": […], "days": […] }`,
 * a key for each kind written, newest first.
 */
function* archiveSection({ kinds, archives, withoutPage }: DataArchives): Generator<string> {
  yield '  "archives": {\n';
  for (let k = 0; k < kinds.length; k++) {
    const kind = kinds[k]!;
    const end = k < kinds.length - 1 ? ',\n' : '\n';
    const list = archives.filter((a) => a.kind === kind);
    if (list.length === 0) {
      yield `    "${kind}s": []${end}`;
      continue;
    }
    yield `    "${kind}s": [\n`;
    for (let i = 0; i < list.length; i++) {
      const a = list[i]!;
      yield `      {\n        "name": ${JSON.stringify(a.name)},\n        "title": ${JSON.stringify(a.title)},\n        "count": ${a.posts.length},\n` +
        `        "url": ${JSON.stringify(withoutPage.has(a.name) ? null : a.url)},\n        "posts": [\n`;
      for (let j = 0; j < a.posts.length; j++) yield `          ${postJson(a.posts[j]!)}${j < a.posts.length - 1 ? ',' : ''}\n`;
      yield `        ]\n      }${i < list.length - 1 ? ',' : ''}\n`;
    }
    yield `    ]${end}`;
  }
  yield '  }\n';
}

function* section(key: string, entries: readonly DataEntry[], last: boolean): Generator<string> {
  const end = last ? '\n' : ',\n';
  if (entries.length === 0) {
    yield `  ${JSON.stringify(key)}: []${end}`;
    return;
  }
  yield `  ${JSON.stringify(key)}: [\n`;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    yield `    {\n      "name": ${JSON.stringify(jsonName(e.term.name))},\n      "slug": ${JSON.stringify(e.slug)},\n      "title": ${JSON.stringify(e.title)},\n` +
      `      "count": ${e.term.posts.length},\n      "url": ${JSON.stringify(e.url)},\n`;
    const posts = e.term.posts;
    if (posts.length === 0) yield '      "posts": []\n';
    else {
      yield '      "posts": [\n';
      for (let j = 0; j < posts.length; j++) yield `        ${postJson(posts[j]!)}${j < posts.length - 1 ? ',' : ''}\n`;
      yield '      ]\n';
    }
    yield `    }${i < entries.length - 1 ? ',' : ''}\n`;
  }
  yield `  ]${end}`;
}

function postJson(post: IndexedPost): string {
  return `{"url": ${jsonString(post.url)}, "title": ${jsonString(post.title)}, "date": ${jsonString(post.date)}}`;
}

/** What JSON.stringify escapes in a string (a surrogate only when alone; any one sends the string to it). */
const ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;

/** JSON.stringify of a string, without its call where nothing needs escaping (most titles and URLs). */
function jsonString(s: string): string {
  return ESCAPED.test(s) ? JSON.stringify(s) : `"${s}"`;
}

const PIECE = 65_536;

/** Text as UTF-8 pieces of about 64 KB, each part encoded straight into its piece. */
function* inChunks(parts: Iterable<string>): Generator<Buffer> {
  let piece = Buffer.allocUnsafe(PIECE);
  let at = 0;
  for (const part of parts) {
    // A UTF-16 code unit is at most 3 bytes of UTF-8.
    if (at + part.length * 3 > piece.length) {
      if (at > 0) yield piece.subarray(0, at);
      piece = Buffer.allocUnsafe(Math.max(PIECE, part.length * 3));
      at = 0;
    }
    at += piece.write(part, at);
  }
  if (at > 0) yield piece.subarray(0, at);
}

const HEAD = Buffer.from('{\n  "categories": [');
const TAILS = [Buffer.from('\n  ]\n}\n'), Buffer.from('\n  "tags": []\n}\n'), Buffer.from('\n    ]\n  }\n}\n'), Buffer.from('s": []\n  }\n}\n')];

/**
 * A JSON file has no room for a marker and the keys are fixed, so the data
 * file counts as finews' own when it begins and ends as finews writes it
 * (`{⏎  "categories": [` … `⏎  ]⏎}⏎`, or the end of its archives): judged from 64 bytes at each end, not
 * by parsing tens of megabytes.
 */
export function looksGenerated(head: Uint8Array, tail: Uint8Array): boolean {
  const h = Buffer.from(head);
  const t = Buffer.from(tail);
  return h.subarray(0, HEAD.length).equals(HEAD) && TAILS.some((end) => t.length >= end.length && t.subarray(t.length - end.length).equals(end));
}
