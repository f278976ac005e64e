import { promises as fs, type Dirent } from 'node:fs';
import path from 'node:path';
import { tagName, tokenizeLiquid } from '../liquid/tokenize.js';
import type { Post } from '../post/parse.js';
import { defaultsFor, type Site } from './config.js';

/** A layout of the site's own layouts folder. */
export interface Layout {
  /**
   * Whether the layout can show the body of the page it wraps: its Liquid
   * names `content` (as `{{ content }}` or `{{ page.content }}` do), or it
   * includes a file, which shares its variables and may. False means the body
   * is never on the page.
   */
  showsBody: boolean;
}

/**
 * The layouts of the site's own layouts folder as Jekyll's LayoutReader names
 * them (the path below the folder without its extension), or null when the
 * site has no such folder. A theme's layouts are not among them.
 */
export async function readLayouts(site: Site): Promise<Map<string, Layout> | null> {
  const dir = layoutsDir(site);
  let entries: Dirent[];
  try {
    entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  } catch {
    return null;
  }
  const includes = path.join(site.root, typeof site.config.includes_dir === 'string' ? site.config.includes_dir : '_includes');
  const known = new Map<string, boolean>();
  const open = new Set<string>();
  /** Whether a template, or a file it includes, names `content`; anything unreadable, unresolved or circular counts as yes. */
  const shows = async (file: string): Promise<boolean> => {
    const answer = known.get(file);
    if (answer !== undefined) return answer;
    if (open.has(file)) return true;
    open.add(file);
    const found = await fs.readFile(file, 'utf8').then((text) => showsBody(text, includes, shows), () => true);
    open.delete(file);
    known.set(file, found);
    return found;
  };
  const layouts = new Map<string, Layout>();
  for (const entry of entries) {
    if (entry.isDirectory()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const name = path.relative(dir, file).split(path.sep).join('/');
    if (name.split('/').some((part) => /^[._#~]/.test(part))) continue;
    // LayoutReader#layout_name: everything before the last dot.
    layouts.set(name.split('.').slice(0, -1).join('.'), { showsBody: await shows(file) });
  }
  return layouts;
}

async function showsBody(text: string, includes: string, shows: (file: string) => Promise<boolean>): Promise<boolean> {
  for (const token of tokenizeLiquid(text)) {
    if (token.kind === 'text') continue;
    const source = text.slice(token.start, token.end);
    if (/\bcontent\b/.test(source)) return true;
    const tag = tagName(source);
    // In a layout, include_relative reads beside the page, not the layout: any file.
    if (tag === 'include_relative') return true;
    if (tag !== 'include') continue;
    // The file named, when it is named literally; a name built by Liquid could be any file.
    const named = /^\{%-?\s*include\s+([^\s{}%]+)(?:\s|-?%\})/.exec(source)?.[1];
    if (!named || (await shows(path.resolve(includes, named)))) return true;
  }
  return false;
}

/** The site's layouts folder (`layouts_dir:`, `_layouts` by default). */
export function layoutsDir(site: Site): string {
  return path.join(site.root, typeof site.config.layouts_dir === 'string' ? site.config.layouts_dir : '_layouts');
}

/** The layout a post names, in its front matter or else through `defaults:` in _config.yml. */
export function postLayout(post: Post, site: Site): { layout: unknown; fromPost: boolean } {
  const fromPost = Object.hasOwn(post.data, 'layout');
  return { layout: fromPost ? post.data.layout : defaultsFor(site, post.path).layout, fromPost };
}
