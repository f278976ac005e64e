import { escapePath } from '../site/url.js';
import type { IndexedPost } from './indexed-post.js';
import type { PlannedFile } from './plan.js';
import { renderArchiveIndex, renderListPage, type ArchiveEntry } from './render.js';
import { ARCHIVE_PERMALINKS, ARCHIVE_TITLES, pagerUrl, type ArchiveKind, type IndexSettings } from './settings.js';
import { strftime } from './strftime.js';
import { newestFirst } from './terms.js';

/** One year, month or day of posts, as jekyll-archives makes them. */
export interface Archive {
  kind: ArchiveKind;
  /** `2022`, `2022-01`, `2022-01-06`: unique across kinds, the key of the data file. */
  name: string;
  title: string;
  /** The URL of its first page. */
  url: string;
  /** Newest first, as Jekyll sorts site.posts. */
  posts: IndexedPost[];
  /** Its pages, the first one first, each rendered when asked for. */
  pages: () => Iterable<PlannedFile>;
}

/** The date parts of a post as Jekyll gives its date: in the site time zone (`date` is written in it). */
function dateParts(post: IndexedPost): [string, string, string] | null {
  const m = /^(\d{4})-(\d\d)-(\d\d) /.exec(post.date);
  return m ? [m[1]!, m[2]!, m[3]!] : null;
}

/**
 * The archives of every kind `settings.archives` names, each kind newest
 * first. The posts may come in any order.
 */
export function planArchives(posts: readonly IndexedPost[], settings: IndexSettings): Archive[] {
  if (settings.archives.length === 0) return [];
  const sorted = [...posts].sort(newestFirst);
  const out: Archive[] = [];
  for (const kind of settings.archives) {
    const groups = new Map<string, { parts: string[]; posts: IndexedPost[] }>();
    for (const post of sorted) {
      const parts = dateParts(post);
      if (!parts) continue;
      const used = kind === 'year' ? parts.slice(0, 1) : kind === 'month' ? parts.slice(0, 2) : parts;
      const name = used.join('-');
      let group = groups.get(name);
      if (!group) groups.set(name, (group = { parts: used, posts: [] }));
      group.posts.push(post);
    }
    const names = [...groups.keys()].sort().reverse();
    for (const name of names) out.push(archive(kind, name, groups.get(name)!, settings));
  }
  return out;
}

function archive(kind: ArchiveKind, name: string, group: { parts: string[]; posts: IndexedPost[] }, settings: IndexSettings): Archive {
  const [year, month = '01', day = '01'] = group.parts as [string, string?, string?];
  const pattern = settings.archive_permalinks[kind] ?? ARCHIVE_PERMALINKS[kind];
  const url = escapePath(pattern.replace(/:year\b/g, year).replace(/:month\b/g, month).replace(/:day\b/g, day));
  const title = strftime(settings.archive_titles[kind] ?? ARCHIVE_TITLES[kind], Number(year), Number(month), Number(day));
  const layout = Object.hasOwn(settings.archive_layouts, kind) ? settings.archive_layouts[kind]! : settings.archive_layout;
  const stem = `${settings.archive_dir}/${group.parts.join('/')}`;
  const posts = group.posts;
  // As jekyll-archives gives its pages: page.type, and page.date the first day of the span.
  const identity = [`type: ${kind}`, `date: ${year}-${month}-${day}`];
  function* pages(): Generator<PlannedFile> {
    const count = Math.max(1, Math.ceil(posts.length / settings.per_page));
    for (let n = 1; n <= count; n++) {
      const pager = { number: n, pages: count, previous: n > 1 ? pagerUrl(settings, url, n - 1) : null, next: n < count ? pagerUrl(settings, url, n + 1) : null };
      const slice = posts.slice((n - 1) * settings.per_page, n * settings.per_page);
      const content = renderListPage({ identity, title, layout, url: pagerUrl(settings, url, n), count: posts.length, posts: slice, pager });
      yield { path: n === 1 ? `${stem}.html` : `${stem}/page/${n}.html`, content };
    }
  }
  return { kind, name, title, url, posts, pages };
}

/**
 * The page of all archives: the years, each with its months (or, with only
 * day archives, the days), with counts. A year or month that is not an
 * archive of its own is listed without a link. `withoutPage` holds the
 * names whose page could not be written.
 */
export function planArchiveIndex(archives: readonly Archive[], settings: IndexSettings, withoutPage: ReadonlySet<string>): PlannedFile | null {
  if (archives.length === 0) return null;
  const byName = new Map(archives.map((a) => [a.name, a]));
  const entry = (name: string, kind: ArchiveKind, count: number, children: ArchiveEntry[]): ArchiveEntry => {
    const a = byName.get(name);
    const [y, m = '01', d = '01'] = name.split('-');
    const title = a?.title ?? strftime(settings.archive_titles[kind] ?? ARCHIVE_TITLES[kind], Number(y), Number(m), Number(d));
    return { title, count, url: a && !withoutPage.has(name) ? a.url : null, children };
  };
  const byDay = !settings.archives.includes('year') && !settings.archives.includes('month');
  const withMonths = settings.archives.includes('month');
  // Counts from the finest kind written: every post is in exactly one of its archives.
  const finest = archives.filter((a) => a.kind === settings.archives.at(-1));
  const tree = new Map<string, { count: number; months: Map<string, number> }>();
  for (const a of finest) {
    const year = a.name.slice(0, 4);
    const month = a.name.slice(0, 7);
    const node = tree.get(year) ?? { count: 0, months: new Map<string, number>() };
    tree.set(year, node);
    node.count += a.posts.length;
    node.months.set(month, (node.months.get(month) ?? 0) + a.posts.length);
  }
  let entries: ArchiveEntry[];
  if (byDay) {
    entries = finest.map((a) => entry(a.name, 'day', a.posts.length, []));
  } else {
    entries = [...tree].map(([year, node]) => {
      const months = withMonths ? [...node.months].map(([month, count]) => entry(month, 'month', count, [])) : [];
      return entry(year, 'year', node.count, months);
    });
  }
  const first = archives[0]!;
  const pattern = settings.archive_permalinks[first.kind] ?? ARCHIVE_PERMALINKS[first.kind];
  const head = pattern.slice(0, pattern.indexOf(':year'));
  const folder = head.slice(0, head.lastIndexOf('/') + 1);
  const url = folder === '/' ? `/${escapePath(settings.archive_dir)}/` : escapePath(folder);
  return {
    path: `${settings.archive_dir}/index.html`,
    content: renderArchiveIndex({ title: settings.archives_title, layout: settings.index_layout, url, entries }),
  };
}
