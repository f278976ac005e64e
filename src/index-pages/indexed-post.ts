import { readPostSync } from '../post/read.js';
import type { SkipReason } from '../post/parse.js';
import { rubyToS } from '../post/taxonomy.js';
import type { Site } from '../site/config.js';

/*
 * One post as the index keeps it. A collecting thread loads this module, not
 * collect.ts: it reads posts and needs nothing of the file walk.
 */

/**
 * What an index needs of a post Jekyll builds: kept small, because a site of
 * 100 000 posts holds all of them at once.
 */
export interface IndexedPost {
  /** Relative to the site root: Jekyll's tie-breaker between equal dates. */
  path: string;
  url: string;
  /** Where Jekyll writes it, relative to `_site`. */
  destination: string;
  /** As Liquid prints `post.title`. */
  title: string;
  /** `YYYY-MM-DD HH:MM:SS +hhmm` in the site time zone. */
  date: string;
  epochSeconds: number;
  /** Jekyll's values, typed as YAML gave them (`2022` and `"2022"` are two categories). */
  categories: unknown[];
  tags: unknown[];
  /** Jekyll could not read the front matter: the post is built, in no category or tag of its own. */
  unreadable: boolean;
}

/** A file Jekyll leaves out of `site.posts`. */
export interface SkippedFile {
  skip: SkipReason | 'unreadable';
  path: string;
  reason?: string;
}

/**
 * Read one file as Jekyll would and keep what an index shows. Synchronous:
 * nothing else waits on the thread, and a promise a file costs more than
 * the read (readPostSync).
 */
export function readForIndex(file: string, site: Site, now: Date): IndexedPost | SkippedFile {
  const result = readPostSync(file, site, { now });
  if (!result.post) return { skip: 'unreadable', path: result.path };
  const { jekyll, path } = result.post;
  if (jekyll.skip) return { skip: jekyll.skip, path, reason: jekyll.fatal ?? undefined };
  return settle(
    {
      path,
      url: jekyll.url!,
      destination: jekyll.destination!,
      title: rubyToS(jekyll.title),
      date: jekyll.date!.text,
      epochSeconds: jekyll.date!.epochSeconds,
      categories: jekyll.categories,
      tags: jekyll.tags ?? [],
      unreadable: jekyll.readError !== null,
    },
    new Map(),
  );
}

/**
 * The post as it is kept, 100 000 times over: one object shape with every
 * property in the object (a post that came from a thread has its properties
 * in a separate store, ~150 bytes more), strings owned, and each category and
 * tag name one string however many posts carry it.
 */
export function settle(p: IndexedPost, names: Map<string, string>): IndexedPost {
  const name = (v: unknown) => {
    if (typeof v !== 'string') return v;
    let shared = names.get(v);
    if (shared === undefined) names.set(v, (shared = own(v)));
    return shared;
  };
  return {
    path: own(p.path),
    url: own(p.url),
    destination: own(p.destination),
    title: own(p.title),
    date: own(p.date),
    epochSeconds: p.epochSeconds,
    categories: p.categories.map(name),
    tags: p.tags.map(name),
    unreadable: p.unreadable,
  };
}

/**
 * A copy of `s` that holds nothing else alive. A substring can share the
 * memory of the string it was cut from (V8's sliced strings): a title cut
 * from a post's text would keep the whole text, and 100 000 posts' worth.
 * Concatenating forces a fresh copy.
 */
function own(s: string): string {
  return s.length < 13 ? s : (` ${s}`).slice(1);
}
