import { readFileSync, statSync } from 'node:fs';
import { eachSourceFile } from '../site/source-files.js';

/**
 * Which class names mean something on a site. A class changes nothing by
 * itself: it matters when the site's own style sheets, layouts, includes or
 * scripts name it (or a style sheet in the post itself). A class that came
 * with a scraped article (`em_media`) styles nothing on the site that
 * publishes it, so the converter may leave it out; a class the site names is
 * kept, on a paragraph as kramdown's `{: class="…"}`.
 */

/** Files that can name a class: style sheets (by their selectors) and templates and scripts (by any word). */
const STYLE_SHEET = /\.(?:css|scss|sass|less|styl)$/i;
const TEMPLATE_OR_SCRIPT = /\.(?:html?|liquid|xml|svg|js|mjs|cjs|ts|jsx|tsx|vue|svelte)$/i;
/** Bounds on what is read, so a site with huge bundled assets costs little. */
const MAX_FILES = 5000;
const MAX_BYTES_PER_FILE = 2 * 1024 * 1024;

const SELECTOR_CLASS = /\.(-?[A-Za-z_][\w-]*)/g;
const WORD = /[A-Za-z_][\w-]*/g;

/**
 * The class names a site's own files name (below its source folder, less its
 * posts, its build and installed packages). A theme installed as a gem is
 * not read: its notices are kept as HTML whatever their class (see prepare).
 */
export function siteClassNames(root: string): Set<string> {
  const names = new Set<string>();
  let files = 0;
  eachSourceFile(root, (file, name) => {
    const sheet = STYLE_SHEET.test(name);
    if (!sheet && !TEMPLATE_OR_SCRIPT.test(name)) return;
    try {
      if (statSync(file).size <= MAX_BYTES_PER_FILE) addNames(readFileSync(file, 'utf8'), sheet, names);
    } catch {
      // Unreadable: it names nothing.
    }
    return ++files < MAX_FILES;
  });
  return names;
}

function addNames(text: string, styleSheet: boolean, names: Set<string>): void {
  if (styleSheet) for (const m of text.matchAll(SELECTOR_CLASS)) names.add(m[1]!);
  else for (const m of text.matchAll(WORD)) names.add(m[0]);
}

const STYLE_ELEMENT = /<style\b[^>]*>([^<]*(?:<(?!\/style)[^<]*)*)<\/style/gi;

/** The class names that mean something in this body: the site's, and those its own `<style>` elements name. */
export function classesFor(body: string, site: ReadonlySet<string> | undefined): ReadonlySet<string> {
  if (!/<style/i.test(body)) return site ?? EMPTY;
  const names = new Set(site);
  for (const m of body.matchAll(STYLE_ELEMENT)) addNames(m[1]!, true, names);
  return names;
}

const EMPTY: ReadonlySet<string> = new Set();
