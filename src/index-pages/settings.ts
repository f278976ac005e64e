import { ConfigError } from '../errors.js';
import type { Site } from '../site/config.js';
import { SLUG_STYLES, type SlugStyle } from '../site/slug-style.js';

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
 *     category_permalink: /category/:slug/
 *     tag_permalink: /tag/:slug/
 *     categories_title: Categories
 *     tags_title: Tags
 *     titles: {}                          # name → display name, e.g. egongsi: e公司新闻
 *     slug_style: jekyll                  # jekyll (keeps CJK) | pinyin | ascii
 *     list: false                         # static lists of posts in the pages
 *     per_page: 50                        # posts a list page: …/page/2/
 *     data: true                          # <data_dir>/finews.json
 *     lock_timeout: 60                    # seconds to wait for another run
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
  /** URL of each page; `:slug` is the page's slug. Ends with `/`. */
  category_permalink: string;
  tag_permalink: string;
  /** Titles of the pages of all categories and of all tags. */
  categories_title: string;
  tags_title: string;
  /** Display names: a category or tag name → its title. */
  titles: Record<string, string>;
  slug_style: SlugStyle;
  /** Write the posts into each page as a static list, `per_page` a page. */
  list: boolean;
  per_page: number;
  /** Write `<data_dir>/finews.json` (`site.data.finews`). */
  data: boolean;
  /** How long to wait for another `finews index` on the same site, in seconds. */
  lock_timeout: number;
}

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
  categories_title: 'Categories',
  tags_title: 'Tags',
  titles: {},
  slug_style: 'jekyll',
  list: false,
  per_page: 50,
  data: true,
  lock_timeout: 60,
});

/** What the command line may override. */
export interface SettingOverrides {
  list?: boolean;
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
    categories_title: pick('categories_title', isText, 'a title'),
    tags_title: pick('tags_title', isText, 'a title'),
    titles: readTitles(given.titles, (m) => fail('titles', m)),
    slug_style: pick('slug_style', (v): v is SlugStyle => SLUG_STYLES.includes(v as SlugStyle), `one of ${SLUG_STYLES.join(', ')}`),
    list: pick('list', isBool, 'true or false'),
    per_page: pick('per_page', isCount, 'a whole number of posts, 1 or more'),
    data: pick('data', isBool, 'true or false'),
    lock_timeout: pick('lock_timeout', isSeconds, 'a number of seconds'),
  };
  if (overrides.list !== undefined) settings.list = overrides.list;
  if (overrides.perPage !== undefined) settings.per_page = overrides.perPage;
  if (overrides.slugStyle !== undefined) settings.slug_style = overrides.slugStyle as SlugStyle;
  if (settings.categories && settings.tags) {
    if (settings.category_dir === settings.tag_dir) fail('tag_dir', `must differ from category_dir (${settings.category_dir}): a category and a tag named alike would share a file`);
    if (settings.category_permalink === settings.tag_permalink) fail('tag_permalink', 'must differ from category_permalink');
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
 * A pattern such as `/category/:slug/`. `:slug` is the only placeholder, and
 * the URL ends in `/` so that the pages of a long list sit below it (`…/page/2/`).
 */
function checkPermalink(pattern: string, fail: (message: string) => never): string {
  if (!pattern.startsWith('/')) fail('must start with /');
  if (!pattern.endsWith('/')) fail('must end with / (pages of a list go below it: …/page/2/)');
  if (!pattern.includes(':slug')) fail('must contain :slug');
  const other = /:(?!slug\b)[a-z_]+/.exec(pattern);
  if (other) fail(`${other[0]} is not known here: :slug is the only placeholder`);
  return pattern;
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
