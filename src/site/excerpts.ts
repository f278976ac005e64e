/**
 * Whether a site shows its posts' excerpts anywhere: Jekyll makes an excerpt
 * of every post, but a reader only sees it where a plugin, a theme or one of
 * the site's own files uses it. Read once per site, and only when asked.
 */
import { readFileSync } from 'node:fs';
import { pluginNames, type Site } from './config.js';
import { eachSourceFile } from './source-files.js';

/** Plugins that show excerpts: jekyll-feed's entry summaries, jekyll-seo-tag's description. */
const EXCERPT_PLUGINS = new Set(['jekyll-feed', 'jekyll-seo-tag']);
/** Files Jekyll renders with Liquid, where `excerpt` may be shown. */
const TEMPLATES = /\.(?:html?|md|markdown|mkdn?|mkd|xml|liquid|json|txt|atom|rss)$/i;
const EXCERPT = /\bexcerpt\b/;

const cache = new WeakMap<Site, boolean>();

/**
 * True when a plugin that shows excerpts is on, when a theme may show them
 * (finews cannot read a theme's files), or when a file of the site's own
 * (a layout, an include, a page, a feed) names `excerpt`.
 */
export function showsExcerpts(site: Site): boolean {
  let shown = cache.get(site);
  if (shown === undefined) cache.set(site, (shown = readShowsExcerpts(site)));
  return shown;
}

function readShowsExcerpts(site: Site): boolean {
  if (site.theme) return true;
  if (pluginNames(site).some((name) => EXCERPT_PLUGINS.has(name))) return true;
  let shown = false;
  eachSourceFile(site.root, (file, name) => !(shown = TEMPLATES.test(name) && readsExcerpt(file)));
  return shown;
}

function readsExcerpt(file: string): boolean {
  try {
    return EXCERPT.test(readFileSync(file, 'utf8'));
  } catch {
    return true;
  }
}
