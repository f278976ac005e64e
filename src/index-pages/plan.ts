import { escapePath } from '../site/url.js';
import type { IndexedPost } from './indexed-post.js';
import { renderDataFile, type Chunked, type DataEntry } from './data-file.js';
import { renderIndexPage, renderTermPage } from './render.js';
import { planArchiveIndex, planArchives, type Archive } from './archives.js';
import { pagerUrl, type IndexSettings } from './settings.js';
import { assignSlugs } from './slugs.js';
import { collectTerms, compareCodePoints, type Term, type TermKind } from './terms.js';
import { assignTitles, type Pair, type Titles } from './titles.js';

/** A file finews wants on disk: path relative to the site root, `/` separators. */
export interface PlannedFile {
  path: string;
  /** Text, or for the data file, which can be large, bytes made piece by piece. */
  content: string | Chunked;
}

export interface TermPlan {
  term: Term;
  slug: string;
  title: string;
  /** The URL of its first page; null when pages of this kind are off. */
  url: string | null;
  /**
   * Its pages, the first one first, each rendered when asked for: a term of
   * 50 000 posts has a thousand list pages, and holding them all at once
   * keeps them past the young generation, where they pile up as garbage.
   */
  pages: () => Iterable<PlannedFile>;
}

export interface Plan {
  categories: TermPlan[];
  tags: TermPlan[];
  /** Year, month and day archives, as `finews.index.archives` asks. */
  archives: Archive[];
  pairs: Pair[];
  duplicateTitles: Titles['duplicates'];
  /** Where the pages of all categories and of all tags go (null when off, or when there is none to list). */
  indexPaths: Record<TermKind, string | null>;
  dataPath: string | null;
}

/**
 * Everything but the summaries (index pages, data file): a pure function of
 * the posts and the settings. The posts may come in any order.
 */
export function planTerms(posts: readonly IndexedPost[], settings: IndexSettings, dataDir: string): Plan {
  const { categories, tags } = collectTerms(posts);
  const titles = assignTitles(categories, tags, settings.titles);
  const plan = (terms: Term[], kind: TermKind): TermPlan[] => {
    const on = kind === 'category' ? settings.categories : settings.tags;
    const dir = kind === 'category' ? settings.category_dir : settings.tag_dir;
    const pattern = kind === 'category' ? settings.category_permalink : settings.tag_permalink;
    const layout = kind === 'category' ? settings.category_layout : settings.tag_layout;
    const slugs = assignSlugs(terms, settings.slug_style);
    return terms.map((term) => {
      const slug = slugs.get(term.key)!;
      const title = titles.byKey.get(term.key)!;
      if (!on) return { term, slug, title, url: null, pages: () => [] };
      const url = pattern.replaceAll(':slug', escapePath(slug));
      const pageUrl = (n: number) => pagerUrl(settings, url, n);
      const pagePath = (n: number) => (n === 1 ? `${dir}/${slug}.html` : `${dir}/${slug}/page/${n}.html`);
      const base = { kind, name: term.name, title, layout, count: term.posts.length };
      if (!settings.list[kind]) {
        return { term, slug, title, url, pages: () => [{ path: pagePath(1), content: renderTermPage({ ...base, url, posts: null, pager: null }) }] };
      }
      function* pages(): Generator<PlannedFile> {
        const count = Math.max(1, Math.ceil(term.posts.length / settings.per_page));
        for (let n = 1; n <= count; n++) {
          const pager = { number: n, pages: count, previous: n > 1 ? pageUrl(n - 1) : null, next: n < count ? pageUrl(n + 1) : null };
          const slice = term.posts.slice((n - 1) * settings.per_page, n * settings.per_page);
          yield { path: pagePath(n), content: renderTermPage({ ...base, url: pageUrl(n), posts: slice, pager }) };
        }
      }
      return { term, slug, title, url, pages };
    });
  };
  return {
    categories: plan(categories, 'category'),
    tags: plan(tags, 'tag'),
    archives: planArchives(posts, settings),
    pairs: titles.pairs,
    duplicateTitles: titles.duplicates,
    // No page that lists nothing: a site with no tags has no page of all tags.
    indexPaths: {
      category: settings.categories && categories.length > 0 ? `${settings.category_dir}/index.html` : null,
      tag: settings.tags && tags.length > 0 ? `${settings.tag_dir}/index.html` : null,
    },
    dataPath: settings.data ? `${dataDir}/finews.json` : null,
  };
}

/**
 * The index pages and the data file. `withoutPage` holds the keys of terms
 * (and the names of archives) whose page could not be written (someone
 * else's file is there): they are listed without a link rather than linked
 * to a page that does not exist.
 */
export function planSummaries(plan: Plan, settings: IndexSettings, withoutPage: ReadonlySet<string> = new Set()): PlannedFile[] {
  const entries = (terms: TermPlan[]): DataEntry[] =>
    terms.map((t) => ({ term: t.term, slug: t.slug, title: t.title, url: withoutPage.has(t.term.key) ? null : t.url }));
  const categories = entries(plan.categories);
  const tags = entries(plan.tags);
  const files: PlannedFile[] = [];
  const index = (kind: TermKind, list: DataEntry[]) => {
    const at = plan.indexPaths[kind];
    if (!at) return;
    const pattern = kind === 'category' ? settings.category_permalink : settings.tag_permalink;
    const dir = kind === 'category' ? settings.category_dir : settings.tag_dir;
    files.push({
      path: at,
      content: renderIndexPage({
        kind,
        title: kind === 'category' ? settings.categories_title : settings.tags_title,
        layout: settings.index_layout,
        url: indexUrl(pattern, dir),
        // By title, as readers look for them; code point order, which no ICU update reorders.
        entries: list
          .map((e) => ({ title: e.title, count: e.term.posts.length, url: e.url }))
          .sort((a, b) => compareCodePoints(a.title, b.title) || compareCodePoints(a.url ?? '', b.url ?? '')),
      }),
    });
  };
  index('category', categories);
  index('tag', tags);
  const archiveIndex = planArchiveIndex(plan.archives, settings, withoutPage);
  if (archiveIndex) files.push(archiveIndex);
  if (plan.dataPath) {
    const archives = settings.archives.length > 0 ? { kinds: settings.archives, archives: plan.archives, withoutPage } : null;
    files.push({ path: plan.dataPath, content: renderDataFile(categories, tags, archives) });
  }
  return files;
}

/**
 * `/category/:slug/` → `/category/`: the folder above the pages. A pattern
 * with no folder above the slug (`/:slug/`) would put the index on the home
 * page, so the index goes to the pages' folder (`/category/`) instead.
 */
function indexUrl(pattern: string, dir: string): string {
  const head = pattern.slice(0, pattern.indexOf(':slug'));
  const folder = head.slice(0, head.lastIndexOf('/') + 1);
  return folder === '/' ? `/${escapePath(dir)}/` : folder;
}
