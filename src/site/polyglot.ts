/**
 * jekyll-polyglot, the multi-language plugin: with it in `plugins:`, Jekyll
 * builds the site once per language of `languages:`, the default language
 * (`default_lang`, "en" unless set) into `_site` and every other one into
 * `_site/<lang>/`. Each build keeps a post in its own language, or in the
 * default language when no translation has its URL; a post whose explicit
 * language is not configured is in no build. So two posts with one URL
 * collide only within one language: `_posts/2022-01-06-a.md` and its
 * translation `_posts/de/2022-01-06-a.md` with `lang: de` are `/2022/01/06/a.html`
 * and `/de/2022/01/06/a.html`.
 */
import { defaultsFor, pluginNames, type Site } from './config.js';

/** The languages polyglot builds, or null when the site does not run it. */
export interface Polyglot {
  defaultLang: string;
  languages: readonly string[];
  /** `lang_from_path: true`: a post without `lang` takes the first language named by a folder or a dot-part of its path. */
  langFromPath: boolean;
}

const cache = new WeakMap<Site, Polyglot | null>();

export function polyglotOf(site: Site): Polyglot | null {
  let found = cache.get(site);
  if (found === undefined) cache.set(site, (found = readPolyglot(site)));
  return found;
}

function readPolyglot(site: Site): Polyglot | null {
  if (!pluginNames(site).includes('jekyll-polyglot')) return null;
  const { config } = site;
  const defaultLang = config.default_lang === undefined ? 'en' : String(config.default_lang);
  const languages = Array.isArray(config.languages) ? config.languages.map(String) : ['en'];
  return { defaultLang, languages, langFromPath: config.lang_from_path !== undefined && config.lang_from_path !== null && config.lang_from_path !== false };
}

/**
 * The language whose build writes the post, as polyglot's coordinate_documents
 * finds it: `lang` (front matter, else `defaults:`), else a language its path
 * names (with `lang_from_path`), else the default; spelled as `languages:`
 * spells it. Null when polyglot leaves the post out: its explicit language is
 * not one it builds.
 */
export function postLanguage(polyglot: Polyglot, site: Site, relativePath: string, data: Record<string, unknown>): string | null {
  const own = data.lang ?? defaultsFor(site, relativePath).lang;
  const explicit = own === undefined || own === null || own === false ? fromPath(polyglot, relativePath) : String(own);
  if (explicit === null) return polyglot.defaultLang;
  const all = [polyglot.defaultLang, ...polyglot.languages];
  return all.find((lang) => lang.toLowerCase() === explicit.toLowerCase()) ?? null;
}

function fromPath(polyglot: Polyglot, relativePath: string): string | null {
  if (!polyglot.langFromPath) return null;
  for (const segment of relativePath.split(/[./]/)) {
    const lang = polyglot.languages.find((l) => l.toLowerCase() === segment.toLowerCase());
    if (lang) return lang;
  }
  return null;
}
