import { existsSync, promises as fs, statSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, isMap, isScalar, type Pair, type Node } from 'yaml';
import { MAX_ALIAS_COUNT, parsePsych } from '../yaml/psych.js';
import { ConfigError, InputError } from '../errors.js';
import { unknownSetting } from '../settings/schema.js';
import { DEFAULT_EXCLUDES, DEFAULT_INCLUDE } from './entry-filter.js';
import { assertTimeZone } from './timezone.js';
import { permalinkTemplate } from './url.js';

export interface FrontMatterDefault {
  path: string;
  type: string | null;
  values: Record<string, unknown>;
}

/** What finews knows of a Jekyll site: the settings that decide dates, URLs and skips. */
export interface Site {
  /** Absolute path of the site source (the folder of `_config.yml`). */
  root: string;
  /** Absolute path of the config file, or null when the site has none. */
  configFile: string | null;
  /** IANA time zone Jekyll shows dates in. */
  timezone: string;
  /** The posts' permalink template, styles already expanded. */
  permalink: string;
  future: boolean;
  unpublished: boolean;
  /** Extensions (no dot) Jekyll renders as Markdown. */
  markdownExt: string[];
  defaults: FrontMatterDefault[];
  theme: string | null;
  /** `include:` (Jekyll's default when unset): names read even when special or excluded. */
  include: string[];
  /** `exclude:` with Jekyll's default excludes appended. */
  exclude: string[];
  /** `safe: true` (as GitHub Pages builds): links leading outside the source are passed over. */
  safe: boolean;
  /** `collections_dir:` ('' when unset): posts are read only below it. */
  collectionsDir: string;
  /** The whole `_config.yml`, as parsed. */
  config: Record<string, unknown>;
  /** The `finews:` section: settings for finews' own commands. */
  finews: Record<string, unknown>;
  /** The line of each key under `finews:`, by dotted path (`index.per_page`), for errors that name it. */
  settingLines: Record<string, number>;
}

export const CONFIG_NAMES = ['_config.yml', '_config.yaml'];

/** Walk up from `start` (a file or folder) to the folder holding `_config.yml`. */
export function findSiteRoot(start: string): string | null {
  let dir = path.resolve(start);
  if (existsSync(dir) && !isDirectory(dir)) dir = path.dirname(dir);
  for (;;) {
    if (CONFIG_NAMES.some((name) => existsSync(path.join(dir, name)))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Load the site around `start`. Without a `_config.yml` the site root is the
 * folder above the first `_posts` in `start`, else `start` itself, with
 * Jekyll's defaults. `env.TZ` stands in for an unset `timezone`, as it does for
 * Jekyll; failing that, UTC (as GitHub Pages builds).
 */
export async function loadSite(start: string, env: Record<string, string | undefined> = {}): Promise<Site> {
  const root = findSiteRoot(start);
  if (root) {
    const configFile = CONFIG_NAMES.map((n) => path.join(root, n)).find((f) => existsSync(f))!;
    let text: string;
    try {
      text = await fs.readFile(configFile, 'utf8');
    } catch (error) {
      throw new InputError(`cannot read: ${(error as Error).message}`, configFile, { cause: error });
    }
    return siteFromConfig(root, configFile, text, env);
  }
  const abs = path.resolve(start);
  const parts = abs.split(path.sep);
  const posts = parts.indexOf('_posts');
  const guess = posts > 0 ? parts.slice(0, posts).join(path.sep) || path.sep : isDirectory(abs) ? abs : path.dirname(abs);
  return siteFromConfig(guess, null, '', env);
}

/** Build a Site from the text of its config (pure apart from `root`). */
export function siteFromConfig(
  root: string,
  configFile: string | null,
  text: string,
  env: Record<string, string | undefined> = {},
): Site {
  const shown = configFile ? path.relative(process.cwd(), configFile) || configFile : '_config.yml';
  const lineCounter = new LineCounter();
  const doc = parsePsych(text, lineCounter);
  const error = doc.errors[0];
  if (error) {
    const message = error.message.split('\n')[0]!;
    // `style: :expanded` (jekyll-now's configuration, and its many forks'): a Ruby symbol, which Psych.safe_load refuses.
    const hint = message === 'Tried to load unspecified class: Symbol' ? ': a plain value starting with ":" is a Ruby symbol; Psych.safe_load (the Debian package of Jekyll 4.3.1) stops on it, the safe_yaml gem (GitHub Pages) reads it as text; write it without the colon (as `style: expanded`) or quote it' : '';
    throw new ConfigError(`${message}${hint}`, shown, lineCounter.linePos(error.pos[0]).line);
  }
  let config: unknown;
  try {
    config = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? {};
  } catch (e) {
    throw new ConfigError((e as Error).message, shown);
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new ConfigError('the configuration is not a mapping of keys to values', shown, 1);
  }
  const c = config as Record<string, unknown>;
  const lineOf = (key: string): number | undefined => {
    if (!isMap(doc.contents)) return undefined;
    const pair = (doc.contents.items as Pair<Node, Node>[]).find((p) => isScalar(p.key) && p.key.value === key);
    return pair?.key?.range ? lineCounter.linePos(pair.key.range[0]).line : undefined;
  };
  const fail = (key: string, message: string): never => {
    throw new ConfigError(`${key}: ${message}`, shown, lineOf(key));
  };

  let timezone = 'UTC';
  if (c.timezone !== undefined && c.timezone !== null) {
    if (typeof c.timezone !== 'string') fail('timezone', 'must be a time zone name such as Asia/Shanghai');
    timezone = c.timezone as string;
    assertTimeZone(timezone, shown, lineOf('timezone'));
  } else if (env.TZ) {
    try {
      assertTimeZone(env.TZ);
      timezone = env.TZ;
    } catch {
      // An unusable TZ leaves UTC.
    }
  }

  const collections = c.collections;
  const postsCollection =
    collections && typeof collections === 'object' && !Array.isArray(collections)
      ? ((collections as Record<string, unknown>).posts as Record<string, unknown> | undefined)
      : undefined;
  const style = postsCollection?.permalink ?? c.permalink ?? 'date';
  if (typeof style !== 'string') fail('permalink', 'must be a style name (date, pretty, …) or a pattern');

  const markdownExt = String(c.markdown_ext ?? 'markdown,mkdown,mkdn,mkd,md')
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter(Boolean);

  const finews = c.finews ?? {};
  if (typeof finews !== 'object' || finews === null || Array.isArray(finews)) fail('finews', 'must be a mapping');
  const settingLines: Record<string, number> = {};
  if (isMap(doc.contents)) {
    const section = (doc.contents.items as Pair<Node, Node>[]).find((p) => isScalar(p.key) && p.key.value === 'finews');
    if (section) collectLines(section.value, '', lineCounter, settingLines);
  }
  const unknown = unknownSetting(finews as Record<string, unknown>);
  if (unknown) {
    const key = unknown.keys.join('.');
    throw new ConfigError(`finews.${key}: ${unknown.message}`, shown, settingLines[key]);
  }

  const list = (key: 'include' | 'exclude', fallback: readonly string[]): string[] => {
    if (!Object.hasOwn(c, key)) return [...fallback];
    // Jekyll's check_include_exclude: anything but a list stops the build.
    if (!Array.isArray(c[key])) fail(key, `must be a list (Jekyll: '${key}' should be set as an array)`);
    return (c[key] as unknown[]).filter((p): p is string => typeof p === 'string');
  };
  const collectionsDir = c.collections_dir ?? '';
  if (typeof collectionsDir !== 'string') fail('collections_dir', 'must be a folder name');

  return {
    root: path.resolve(root),
    configFile: configFile ? path.resolve(configFile) : null,
    timezone,
    permalink: permalinkTemplate(style as string),
    future: c.future === true,
    unpublished: c.unpublished === true,
    markdownExt,
    defaults: readDefaults(c.defaults, (m) => fail('defaults', m)),
    include: list('include', DEFAULT_INCLUDE),
    exclude: [...new Set([...list('exclude', []), ...DEFAULT_EXCLUDES])],
    safe: c.safe === true,
    collectionsDir: collectionsDir as string,
    theme: typeof c.theme === 'string' ? c.theme : typeof c.remote_theme === 'string' ? c.remote_theme : null,
    config: c,
    finews: finews as Record<string, unknown>,
    settingLines,
  };
}

/** Lines of the keys of a mapping and of the mappings below it, by dotted path. */
function collectLines(node: Node | null, prefix: string, lineCounter: LineCounter, out: Record<string, number>): void {
  if (!isMap(node)) return;
  for (const pair of node.items as Pair<Node, Node>[]) {
    if (!isScalar(pair.key) || !pair.key.range) continue;
    const key = `${prefix}${String(pair.key.value)}`;
    out[key] = lineCounter.linePos(pair.key.range[0]).line;
    collectLines(pair.value, `${key}.`, lineCounter, out);
  }
}

function readDefaults(value: unknown, fail: (message: string) => never): FrontMatterDefault[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) fail('must be a list of { scope, values }');
  return (value as unknown[]).flatMap((entry) => {
    if (!entry || typeof entry !== 'object') return [];
    const { scope, values } = entry as { scope?: Record<string, unknown>; values?: unknown };
    if (!values || typeof values !== 'object' || Array.isArray(values)) return [];
    return [
      {
        path: String(scope?.path ?? '').replace(/^\/+|\/+$/g, ''),
        type: typeof scope?.type === 'string' ? scope.type : null,
        values: values as Record<string, unknown>,
      },
    ];
  });
}

/**
 * Front matter defaults that apply to a post at `relativePath`, merged with the
 * more specific scope (longer path, then a type) winning, as Jekyll does.
 */
/** The plugins the site names (`plugins:`, and the older `gems:`). */
export function pluginNames(site: Pick<Site, 'config'>): string[] {
  return [site.config.plugins, site.config.gems].flatMap((list) => (Array.isArray(list) ? list.map(String) : []));
}

/** The front-matter defaults for a post, or (`collection`) for a document of another collection. */
export function defaultsFor(site: Site, relativePath: string, collection = 'posts'): Record<string, unknown> {
  const matching = site.defaults
    .filter((d) => (d.type === null || d.type === collection || (collection === 'posts' && d.type === 'post')) && pathApplies(d.path, relativePath))
    .map((d, index) => ({ d, index }))
    .sort((a, b) => a.d.path.length - b.d.path.length || Number(a.d.type !== null) - Number(b.d.type !== null) || a.index - b.index);
  const merged: Record<string, unknown> = {};
  for (const { d } of matching) Object.assign(merged, d.values);
  return merged;
}

function pathApplies(scope: string, relativePath: string): boolean {
  if (scope === '') return true;
  if (scope.includes('*')) {
    const re = new RegExp(`^${scope.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}(/|$)`);
    return re.test(relativePath);
  }
  return relativePath === scope || relativePath.startsWith(`${scope}/`);
}
