/**
 * What the Liquid stage needs of the site: the tags its plugins add, and the
 * files `post_url`, `link`, `include` and `include_relative` look up when a
 * post is rendered. Read lazily, once per site, and only for the posts that use
 * such a tag.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pluginNames, type Site } from '../site/config.js';
import { analyseLiquid, type LiquidInclude, type LiquidReference, type LiquidSetup } from './analyse.js';
import { includeFileNameValid, readPostUrlName } from './syntax.js';

/** Plugins finews knows, with the tags they add (none, for most). */
const PLUGIN_TAGS: Readonly<Record<string, readonly string[]>> = {
  'jekyll-feed': ['feed_meta'],
  'jekyll-seo-tag': ['seo'],
  'jekyll-gist': ['gist'],
  'jekyll-avatar': ['avatar'],
  'jekyll-include-cache': ['include_cached'],
  'jekyll-sitemap': [],
  'jekyll-paginate': [],
  'jekyll-redirect-from': [],
  'jekyll-github-metadata': [],
  'jekyll-mentions': [],
  jemoji: [],
  'jekyll-relative-links': [],
  'jekyll-optional-front-matter': [],
  'jekyll-titles-from-headings': [],
  'jekyll-default-layout': [],
  'jekyll-readme-index': [],
  'jekyll-remote-theme': [],
  'jekyll-coffeescript': [],
  'jekyll-commonmark-ghpages': [],
  'jekyll-sass-converter': [],
  'jekyll-watch': [],
};

/** Tags of the plugins themes depend on. */
const THEME_TAGS = ['seo', 'feed_meta'];

interface SiteLiquid {
  setup: LiquidSetup;
  /** Relative paths of the files in the site's `_posts` folders, read on first use. */
  postFiles: string[] | null;
  /** Include files read so far, by absolute path: what each defines and includes, or null when unreadable. */
  includeFiles: Map<string, { assigned: ReadonlySet<string>; includes: LiquidInclude[] } | null>;
}

const cache = new WeakMap<Site, SiteLiquid>();

function siteLiquid(site: Site): SiteLiquid {
  let entry = cache.get(site);
  if (!entry) {
    entry = { setup: readSetup(site), postFiles: null, includeFiles: new Map() };
    cache.set(site, entry);
  }
  return entry;
}

/** The tags the site's plugins add; any tag at all when it has a `_plugins` folder or a plugin finews does not know. */
export function liquidSetup(site: Site): LiquidSetup {
  return siteLiquid(site).setup;
}

function readSetup(site: Site): LiquidSetup {
  const names = pluginNames(site);
  // Jekyll requires a theme's own dependencies: GitHub Pages' themes bring jekyll-seo-tag, minima jekyll-feed too.
  const pluginTags = new Set([...names.flatMap((name) => PLUGIN_TAGS[name] ?? []), ...(site.theme ? THEME_TAGS : [])]);
  const unknownPlugin = names.some((name) => !Object.hasOwn(PLUGIN_TAGS, name));
  const pluginsDir = typeof site.config.plugins_dir === 'string' ? site.config.plugins_dir : '_plugins';
  const feed = names.includes('jekyll-feed') || site.theme === 'minima';
  return { pluginTags, anyTag: unknownPlugin || isDirectory(path.join(site.root, pluginsDir)), feed };
}

/**
 * Why rendering this reference stops Jekyll's build, in Jekyll's words, or null
 * when the file is there (or finews cannot tell: a theme may hold the include).
 */
export function missingReference(site: Site, postPath: string, ref: LiquidReference): string | null {
  switch (ref.tag) {
    case 'post_url': {
      const name = readPostUrlName(ref.target);
      if (!name) return null; // refused when parsing already
      const escaped = name.slug.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
      const base = `${name.date}-${escaped}\\.[^.]+`;
      const dir = name.path.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
      const re = new RegExp(`^_posts/${dir}${base}|^${dir}_posts/?${base}`, 'm');
      if (postFiles(site).some((file) => re.test(file))) return null;
      return `Could not find post "${ref.target}" in tag 'post_url'. Make sure the post exists and the name is correct.`;
    }
    case 'link': {
      const target = ref.target.replace(/^\/+/, '');
      if (isSiteFile(site, target)) return null;
      return `Could not find document '${ref.target}' in tag 'link'. Make sure the document exists and the path is correct.`;
    }
    case 'include':
    case 'include_relative': {
      const file = ref.target;
      if (file === '' || !includeFileNameValid(file)) {
        return `Invalid syntax for include tag. File contains invalid characters or sequences: ${file === '' ? '(no file named)' : file}`;
      }
      const dir =
        ref.tag === 'include'
          ? path.join(site.root, typeof site.config.includes_dir === 'string' ? site.config.includes_dir : '_includes')
          : path.join(site.root, path.posix.dirname(postPath));
      if (isFile(path.join(dir, file))) return null;
      if (ref.tag === 'include' && site.theme) return null; // the theme's _includes may have it
      return `Could not locate the included file '${file}' in any of ["${path.relative(site.root, dir) || '.'}"]. Ensure it exists in one of those directories.`;
    }
  }
}

/**
 * The names the includes a post runs define for the rest of it: Jekyll renders
 * an include in the post's own context, so its `assign` and `capture` (and
 * those of the includes it runs) are seen after it. Null when finews cannot
 * tell: a file named by a variable, one not in the site (a theme's), one that
 * may hold a plugin's tag.
 */
export function namesIncludesDefine(site: Site, postPath: string, includes: readonly LiquidInclude[]): ReadonlySet<string> | null {
  const entry = siteLiquid(site);
  const names = new Set<string>();
  const seen = new Set<string>();
  const pending = [...includes];
  for (let include = pending.pop(); include; include = pending.pop()) {
    if (include.file === null || include.file === '' || !includeFileNameValid(include.file)) return null;
    // IncludeRelativeTag resolves against the page being rendered, whichever file holds the tag.
    const dir =
      include.tag === 'include'
        ? path.join(site.root, typeof site.config.includes_dir === 'string' ? site.config.includes_dir : '_includes')
        : path.join(site.root, path.posix.dirname(postPath));
    const file = path.join(dir, include.file);
    if (seen.has(file)) continue;
    seen.add(file);
    if (!entry.includeFiles.has(file)) entry.includeFiles.set(file, readIncludeFile(file, entry.setup));
    const read = entry.includeFiles.get(file);
    if (!read) return null;
    for (const name of read.assigned) names.add(name);
    pending.push(...read.includes);
  }
  return names;
}

function readIncludeFile(file: string, setup: LiquidSetup): { assigned: ReadonlySet<string>; includes: LiquidInclude[] } | null {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  const analysis = analyseLiquid(text, setup);
  // A tag of a plugin finews does not know may define anything.
  if (!analysis.complete) return null;
  return { assigned: analysis.assigned, includes: analysis.includes };
}

function postFiles(site: Site): string[] {
  const entry = siteLiquid(site);
  entry.postFiles ??= walkPosts(site.root);
  return entry.postFiles;
}

const SKIPPED = new Set(['node_modules', '_site', 'vendor', '.jekyll-cache', '.sass-cache']);

/** Every file in a `_posts` folder below the root, as relative paths with `/`. */
function walkPosts(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, rel: string, inPosts: boolean) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith('.') || SKIPPED.has(e.name)) continue;
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(dir, e.name), childRel, inPosts || e.name === '_posts');
      else if (inPosts) found.push(childRel);
    }
  };
  walk(root, '', false);
  return found;
}

/**
 * A file Jekyll writes to the site (Site#each_site_file): a page or static file (in no folder whose name
 * starts with `_`), a post, or a document of a collection with `output: true`.
 */
function isSiteFile(site: Site, relative: string): boolean {
  const folders = relative.split('/').slice(0, -1);
  const collectionsDir = typeof site.config.collections_dir === 'string' ? site.config.collections_dir.replace(/^\/+|\/+$/g, '') : '';
  const inside = collectionsDir && relative.startsWith(`${collectionsDir}/`) ? relative.slice(collectionsDir.length + 1).split('/')[0]! : folders[0];
  const written = inside === '_posts' || outputCollections(site).has(inside?.slice(1) ?? '');
  if (!written && folders.some((p) => p.startsWith('_') && p !== '_posts')) return false;
  return isFile(path.join(site.root, relative));
}

/** Collections whose documents Jekyll writes: `output: true` in `collections`. */
function outputCollections(site: Site): Set<string> {
  const c = site.config.collections;
  if (Array.isArray(c)) return new Set();
  if (!c || typeof c !== 'object') return new Set();
  return new Set(Object.entries(c as Record<string, unknown>).filter(([, v]) => (v as { output?: unknown } | null)?.output === true).map(([k]) => k));
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function isDirectory(p: string): boolean {
  return existsSync(p) && statSync(p).isDirectory();
}
