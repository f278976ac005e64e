import { ConfigError } from '../errors.js';
import type { Site } from '../site/config.js';
import { SLUG_STYLES, type SlugStyle } from '../site/slug-style.js';
import type { TermKind } from './terms.js';

/**
 * `finews.index` in `_config.yml` (Liquid sees it as `site.finews.index`).
 * Every key is optional; the defaults, which DEFAULT_SETTINGS holds:
 *
 * ```yaml
 * finews:
 *   index:
 *     categories: true                    # a page per category
 *     tags: true                          # a page per tag
 *     category_dir: category              # category/<slug>.html
 *     tag_dir: tag                        # tag/<slug>.html
 *     category_layout: category           # null: layout: null
 *     tag_layout: tag
 *     index_layout: default               # category/index.html, tag/index.html
 *     category_permalink: /category/:slug/  # or /category/:slug.html; :name is :slug
 *     tag_permalink: /tag/:slug/
 *     pager_permalink: null               # pages 2, 3…: :path/page/:num/ (or :path/page:num.html)
 *     categories_title: Categories
 *     tags_title: Tags
 *     titles: {}                          # name → display name, e.g. egongsi: e公司新闻
 *     slug_style: jekyll                  # jekyll (keeps CJK) | pinyin | ascii
 *     list: auto                          # static lists of posts in the pages (auto: when the
 *                                         #   site has no category/tag layout to list them)
 *     per_page: 50                        # posts a list page: …/page/2/
 *     data: true                          # <data_dir>/finews.json
 *     lock_timeout: 60                    # seconds to wait for another run
 *     archives: []                        # any of year, month, day: date archives
 *     archive_dir: archives               # archives/2022.html, archives/2022/01.html…
 *     archive_layout: default             # jekyll-archives' `layout`
 *     archive_layouts: {}                 # per kind: year, month, day (its `layouts`)
 *     archive_permalinks: {}              # per kind (its `permalinks`): /:year/, /:year/:month/, /:year/:month/:day/
 *     archive_titles: {}                  # per kind, strftime: %Y, %Y-%m, %Y-%m-%d
 *     archives_title: Archives            # the page of all years and months
 * ```
 *
 * Pages are `.html`: their lists are HTML, which kramdown would otherwise
 * re-read as Markdown.
 */
export interface IndexSettings {
  /** Write a page per category / per tag. */
  categories: boolean;
  tags: boolean;
  /** Folders of the generated pages, relative to the site root. */
  category_dir: string;
  tag_dir: string;
  /** Layouts of the pages; null writes `layout: null` (no layout). */
  category_layout: string | null;
  tag_layout: string | null;
  index_layout: string | null;
  /** URL of each page; `:slug` (or jekyll-archives' `:name`) is the page's slug. */
  category_permalink: string;
  tag_permalink: string;
  /** URL of the pages of a list after the first: `:path` is the first page's URL without its `/` or extension, `:num` the page's number; null: see pagerPattern. */
  pager_permalink: string | null;
  /** Titles of the pages of all categories and of all tags. */
  categories_title: string;
  tags_title: string;
  /** Display names: a category or tag name → its title. */
  titles: Record<string, string>;
  slug_style: SlugStyle;
  /**
   * Write the posts into each page of the kind as a static list, `per_page` a
   * page. The setting is `true`, `false` or `auto` (the default: lists in the
   * pages of a kind whose layout the site does not have, see SettingOverrides.layouts).
   */
  list: Record<TermKind, boolean>;
  per_page: number;
  /** Write `<data_dir>/finews.json` (`site.data.finews`). */
  data: boolean;
  /** How long to wait for another `finews index` on the same site, in seconds. */
  lock_timeout: number;
  /** Date archives to write, in this order: any of year, month, day. */
  archives: ArchiveKind[];
  /** Folder of the archive pages, relative to the site root. */
  archive_dir: string;
  /** Layout of every archive page, unless `archive_layouts` names one for its kind. */
  archive_layout: string | null;
  archive_layouts: Partial<Record<ArchiveKind, string | null>>;
  /** URL pattern per kind (`:year`, `:month`, `:day`); missing kinds take ARCHIVE_PERMALINKS'. */
  archive_permalinks: Partial<Record<ArchiveKind, string>>;
  /** Title per kind, a strftime format as Jekyll's `date` filter reads it; missing kinds take ARCHIVE_TITLES'. */
  archive_titles: Partial<Record<ArchiveKind, string>>;
  /** Title of the page of all years and months. */
  archives_title: string;
}

export type ArchiveKind = 'year' | 'month' | 'day';
const ARCHIVE_KINDS: readonly ArchiveKind[] = ['year', 'month', 'day'];
/** jekyll-archives' defaults. */
export const ARCHIVE_PERMALINKS: Readonly<Record<ArchiveKind, string>> = Object.freeze({ year: '/:year/', month: '/:year/:month/', day: '/:year/:month/:day/' });
export const ARCHIVE_TITLES: Readonly<Record<ArchiveKind, string>> = Object.freeze({ year: '%Y', month: '%Y-%m', day: '%Y-%m-%d' });

export const DEFAULT_SETTINGS: Readonly<IndexSettings> = Object.freeze({
  categories: true,
  tags: true,
  category_dir: 'category',
  tag_dir: 'tag',
  category_layout: 'category',
  tag_layout: 'tag',
  index_layout: 'default',
  category_permalink: '/category/:slug/',
  tag_permalink: '/tag/:slug/',
  pager_permalink: null,
  categories_title: 'Categories',
  tags_title: 'Tags',
  titles: {},
  slug_style: 'jekyll',
  list: Object.freeze({ category: false, tag: false }),
  per_page: 50,
  data: true,
  lock_timeout: 60,
  archives: [],
  archive_dir: 'archives',
  archive_layout: 'default',
  archive_layouts: {},
  archive_permalinks: {},
  archive_titles: {},
  archives_title: 'Archives',
});

/** What the command line may override. */
export interface SettingOverrides {
  list?: boolean;
  /**
   * The layouts the site has (`_layouts/`, names without extension). With
   * `list` not set, pages get static lists when the site has no layout of
   * their kind to list the posts (default false when not given).
   */
  layouts?: ReadonlySet<string>;
  perPage?: number;
  slugStyle?: string;
}

/** Read and check `finews.index`; a wrong value is a ConfigError naming the key. */
export function readSettings(site: Site, overrides: SettingOverrides = {}): IndexSettings {
  const raw = site.finews.index ?? {};
  const file = site.configFile ?? '_config.yml';
  const fail = (key: string, message: string): never => {
    throw new ConfigError(`finews.index${key ? `.${key}` : ''}: ${message}`, file, site.settingLines[key ? `index.${key}` : 'index']);
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail('', 'must be a mapping of settings');
  const given = raw as Record<string, unknown>;
  const pick = <T>(key: keyof IndexSettings, check: (v: unknown) => v is T, what: string): T => {
    const value = Object.hasOwn(given, key) ? given[key] : DEFAULT_SETTINGS[key];
    if (!check(value)) fail(key, `must be ${what}`);
    return value as T;
  };
  const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
  const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
  const isLayout = (v: unknown): v is string | null => v === null || (typeof v === 'string' && /^[^\s/\\{}%]+$/.test(v));
  const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1;
  const isSeconds = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

  const settings: IndexSettings = {
    categories: pick('categories', isBool, 'true or false'),
    tags: pick('tags', isBool, 'true or false'),
    category_dir: checkDir(pick('category_dir', isText, 'a folder name'), (m) => fail('category_dir', m)),
    tag_dir: checkDir(pick('tag_dir', isText, 'a folder name'), (m) => fail('tag_dir', m)),
    category_layout: pick('category_layout', isLayout, 'a layout name or null'),
    tag_layout: pick('tag_layout', isLayout, 'a layout name or null'),
    index_layout: pick('index_layout', isLayout, 'a layout name or null'),
    category_permalink: checkPermalink(pick('category_permalink', isText, 'a URL pattern'), (m) => fail('category_permalink', m)),
    tag_permalink: checkPermalink(pick('tag_permalink', isText, 'a URL pattern'), (m) => fail('tag_permalink', m)),
    pager_permalink: checkPager(pick('pager_permalink', (v): v is string | null => v === null || isText(v), 'a URL pattern or null'), (m) => fail('pager_permalink', m)),
    categories_title: pick('categories_title', isText, 'a title'),
    tags_title: pick('tags_title', isText, 'a title'),
    titles: readTitles(given.titles, (m) => fail('titles', m)),
    slug_style: pick('slug_style', (v): v is SlugStyle => SLUG_STYLES.includes(v as SlugStyle), `one of ${SLUG_STYLES.join(', ')}`),
    list: { category: false, tag: false },
    per_page: pick('per_page', isCount, 'a whole number of posts, 1 or more'),
    data: pick('data', isBool, 'true or false'),
    lock_timeout: pick('lock_timeout', isSeconds, 'a number of seconds'),
    archives: readArchives(given.archives, (m) => fail('archives', m)),
    archive_dir: checkDir(pick('archive_dir', isText, 'a folder name'), (m) => fail('archive_dir', m)),
    archive_layout: pick('archive_layout', isLayout, 'a layout name or null'),
    archive_layouts: perKind(given.archive_layouts, isLayout, 'a layout name or null', (m) => fail('archive_layouts', m)),
    archive_permalinks: perKind(given.archive_permalinks, isText, 'a URL pattern', (m) => fail('archive_permalinks', m)),
    archive_titles: perKind(given.archive_titles, isText, 'a strftime format', (m) => fail('archive_titles', m)),
    archives_title: pick('archives_title', isText, 'a title'),
  };
  for (const kind of ARCHIVE_KINDS) {
    const pattern = settings.archive_permalinks[kind];
    if (pattern !== undefined) checkArchivePermalink(kind, pattern, (m) => fail(`archive_permalinks.${kind}`, m));
  }
  // auto: lists where the site has no layout of the kind (whose Liquid loop would list the posts).
  const list = overrides.list ?? (Object.hasOwn(given, 'list') ? given.list : 'auto');
  if (list !== 'auto' && !isBool(list)) fail('list', 'must be true, false or auto');
  const missing = (layout: string | null) => layout === null || !(overrides.layouts?.has(layout) ?? true);
  settings.list = list === 'auto' ? { category: missing(settings.category_layout), tag: missing(settings.tag_layout) } : { category: list as boolean, tag: list as boolean };
  if (overrides.perPage !== undefined) settings.per_page = overrides.perPage;
  if (overrides.slugStyle !== undefined) settings.slug_style = overrides.slugStyle as SlugStyle;
  if (settings.categories && settings.tags) {
    if (settings.category_dir === settings.tag_dir) fail('tag_dir', `must differ from category_dir (${settings.category_dir}): a category and a tag named alike would share a file`);
    if (settings.category_permalink === settings.tag_permalink) fail('tag_permalink', 'must differ from category_permalink');
  }
  if (settings.archives.length > 0) {
    for (const [key, dir] of [['category_dir', settings.category_dir], ['tag_dir', settings.tag_dir]] as const) {
      if (dir === settings.archive_dir) fail('archive_dir', `must differ from ${key} (${dir})`);
    }
  }
  return settings;
}

/**
 * Jekyll never builds a file whose path has a part starting with `_` or `.`,
 * so such a folder would hold pages nobody sees.
 */
function checkDir(dir: string, fail: (message: string) => never): string {
  const parts = dir.split(/[\\/]+/).filter((p) => p !== '' && p !== '.');
  if (/^([a-zA-Z]:)?[\\/]/.test(dir) || parts.includes('..')) fail('must be a folder inside the site, relative to its root');
  if (parts.length === 0) fail('must not be the site root');
  const hidden = parts.find((p) => /^[._#~]/.test(p) || p.endsWith('~'));
  if (hidden) fail(`Jekyll does not build files under "${hidden}" (a name starting with . _ # ~)`);
  return parts.join('/');
}

/**
 * A pattern such as `/category/:slug/` or `/category/:slug.html`: every
 * style jekyll-archives accepts. `:name` (jekyll-archives' word) is `:slug`.
 */
function checkPermalink(pattern: string, fail: (message: string) => never): string {
  if (!pattern.startsWith('/')) fail('must start with /');
  const unified = pattern.replace(/:name\b/g, ':slug');
  if (!unified.includes(':slug')) fail('must contain :slug (or :name)');
  const other = /:(?!slug\b)[a-z_]+/.exec(unified);
  if (other) fail(`${other[0]} is not known here: :slug (or :name) is the only placeholder`);
  if (/[?#]/.test(unified)) fail('must be a path, without ? or #');
  return unified;
}

/** `:path/page/:num/`-style: both placeholders, nothing else. */
function checkPager(pattern: string | null, fail: (message: string) => never): string | null {
  if (pattern === null) return null;
  if (!pattern.startsWith(':path')) fail('must start with :path (the first page\'s URL)');
  if (!pattern.includes(':num')) fail('must contain :num (the page\'s number)');
  const other = /:(?!path\b|num\b)[a-z_]+/.exec(pattern);
  if (other) fail(`${other[0]} is not known here: :path and :num are`);
  if (/[?#]/.test(pattern)) fail('must be a path, without ? or #');
  return pattern;
}

/** Each kind's pattern names every part of its date, so that no two archives share a URL. */
function checkArchivePermalink(kind: ArchiveKind, pattern: string, fail: (message: string) => never): void {
  if (!pattern.startsWith('/')) fail('must start with /');
  const needs = kind === 'year' ? [':year'] : kind === 'month' ? [':year', ':month'] : [':year', ':month', ':day'];
  const missing = needs.find((p) => !new RegExp(`${p}\\b`).test(pattern));
  if (missing) fail(`must contain ${missing}`);
  const other = /:(?!(?:year|month|day)\b)[a-z_]+/.exec(pattern);
  if (other) fail(`${other[0]} is not known here: :year, :month and :day are`);
  if (/[?#]/.test(pattern)) fail('must be a path, without ? or #');
}

/**
 * The pattern of a list's later pages: the one set, else one in the style
 * of the first page's URL: `/tag/x/` → `/tag/x/page/2/`, `/tag/x.html` →
 * `/tag/x/page2.html`, `/tag/x` → `/tag/x/page2`.
 */
function pagerPattern(settings: IndexSettings, firstUrl: string): string {
  if (settings.pager_permalink !== null) return settings.pager_permalink;
  if (firstUrl.endsWith('/')) return ':path/page/:num/';
  const ext = /\.[^./]*$/.exec(firstUrl)?.[0] ?? '';
  return `:path/page:num${ext}`;
}

/** The URL of page `n` of a list whose first page is at `firstUrl`. */
export function pagerUrl(settings: IndexSettings, firstUrl: string, n: number): string {
  if (n === 1) return firstUrl;
  const path = firstUrl.endsWith('/') ? firstUrl.slice(0, -1) : firstUrl.replace(/\.[^./]*$/, '');
  return pagerPattern(settings, firstUrl).replaceAll(':path', path).replaceAll(':num', String(n));
}

function readArchives(value: unknown, fail: (message: string) => never): ArchiveKind[] {
  if (value === undefined || value === null) return [];
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list)) fail(`must be a list of ${ARCHIVE_KINDS.join(', ')}`);
  const kinds = list as unknown[];
  for (const k of kinds) if (!ARCHIVE_KINDS.includes(k as ArchiveKind)) fail(`${JSON.stringify(k)} is not an archive: use ${ARCHIVE_KINDS.join(', ')}`);
  return ARCHIVE_KINDS.filter((k) => kinds.includes(k));
}

function perKind<T>(value: unknown, check: (v: unknown) => v is T, what: string, fail: (message: string) => never): Partial<Record<ArchiveKind, T>> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) fail(`must map ${ARCHIVE_KINDS.join(', ')} to ${what}`);
  const out: Partial<Record<ArchiveKind, T>> = {};
  for (const [kind, v] of Object.entries(value as Record<string, unknown>)) {
    if (!ARCHIVE_KINDS.includes(kind as ArchiveKind)) fail(`${kind} is not an archive: use ${ARCHIVE_KINDS.join(', ')}`);
    if (!check(v)) fail(`${kind} must be ${what}`);
    out[kind as ArchiveKind] = v;
  }
  return out;
}

function readTitles(value: unknown, fail: (message: string) => never): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) fail('must map a category or tag name to its title');
  const out: Record<string, string> = {};
  for (const [name, title] of Object.entries(value as Record<string, unknown>)) {
    if (typeof title !== 'string' && typeof title !== 'number') fail(`the title of "${name}" must be text`);
    out[name] = String(title);
  }
  return out;
}
