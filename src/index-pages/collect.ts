import { readPost } from '../post/read.js';
import type { SkipReason } from '../post/parse.js';
import { rubyToS } from '../post/taxonomy.js';
import type { Site } from '../site/config.js';
import { expandInputs } from '../site/files.js';

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
}

/** Files under `_posts`/`_drafts` that are not in `site.posts`, by reason. */
export type Skipped = Partial<Record<SkipReason | 'unreadable', number>>;

export interface Collected {
  posts: IndexedPost[];
  skipped: Skipped;
  /** Posts whose front matter Jekyll cannot read: built, but in no category or tag of their own. */
  unreadableFrontMatter: string[];
  /** Posts that stop Jekyll's whole build, with why. */
  buildErrors: { path: string; reason: string }[];
}

/** Enough files in flight to keep the disk busy, few enough to bound memory. */
const CONCURRENCY = 64;

/** Read every post of the site as Jekyll would, keeping what an index shows. */
export async function collectPosts(site: Site, now: Date): Promise<Collected> {
  const files = await expandInputs([], site.root, site);
  const slots: (IndexedPost | { skip: SkipReason | 'unreadable'; path: string; reason?: string } | null)[] = new Array(files.length).fill(null);
  const unreadableFrontMatter: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const i = next++;
      const result = await readPost(files[i]!, site, { now });
      if (!result.post) {
        slots[i] = { skip: 'unreadable', path: result.path };
        continue;
      }
      const { jekyll, path } = result.post;
      if (jekyll.skip) {
        slots[i] = { skip: jekyll.skip, path, reason: jekyll.fatal ?? undefined };
        continue;
      }
      if (jekyll.readError) unreadableFrontMatter.push(path);
      slots[i] = {
        path,
        url: jekyll.url!,
        destination: jekyll.destination!,
        title: rubyToS(jekyll.title),
        date: jekyll.date!.text,
        epochSeconds: jekyll.date!.epochSeconds,
        categories: jekyll.categories,
        tags: jekyll.tags ?? [],
      };
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, files.length) }, worker));

  const posts: IndexedPost[] = [];
  const skipped: Skipped = {};
  const buildErrors: Collected['buildErrors'] = [];
  for (const slot of slots) {
    if (!slot) continue;
    if ('skip' in slot) {
      skipped[slot.skip] = (skipped[slot.skip] ?? 0) + 1;
      if (slot.skip === 'build-error') buildErrors.push({ path: slot.path, reason: slot.reason ?? 'unknown' });
    } else posts.push(slot);
  }
  unreadableFrontMatter.sort();
  return { posts, skipped, unreadableFrontMatter, buildErrors };
}
