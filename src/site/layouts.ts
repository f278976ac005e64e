import { promises as fs, type Dirent } from 'node:fs';
import path from 'node:path';
import { tagName, tokenizeLiquid, type LiquidToken } from '../liquid/tokenize.js';
import type { Post } from '../post/parse.js';
import { defaultsFor, type Site } from './config.js';

/** A layout of the site's own layouts folder. */
export interface Layout {
  /**
   * Where the layout can show the body of the page it wraps, and when: one
   * entry per place that names `content` (as `{{ content }}` or
   * `{{ page.content }}` do) or includes a file that may (an include shares
   * the layout's variables), each with the conditions on the page's front
   * matter under which Liquid reaches it (`{% if page.link %}…{% else %}` is
   * reached when `link` is nil or false); an empty list of conditions is
   * reached always. No entry: the body is never on the page.
   */
  bodyWhen: Guard[][];
  /**
   * Where the layout itself (not a layout it sits in, nor an include) plays a
   * medium a field of the page's own front matter names, outside `<head>`: an
   * `{% if page.<key> %}` branch that holds a player or frame (`<iframe>`,
   * `<audio>`, `<video>`, `<embed>`, `<object>`), or `{{ page.<key> }}` in
   * the address of one (a podcast's `<iframe src="…{{ page.audio }}">`); each
   * with the conditions under which Liquid reaches it.
   */
  playsWhen: { key: string; when: Guard[] }[];
}

/** A condition a layout tests on the page: `page.<key>` truthy (or not), as Liquid's `if` (or `unless`) reads it. */
export interface Guard {
  key: string;
  truthy: boolean;
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
    const found = await fs.readFile(file, 'utf8').then(async (text) => (await bodyPlaces(text, includes, shows)).length > 0, () => true);
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
    const layoutName = name.split('.').slice(0, -1).join('.');
    const text = await fs.readFile(file, 'utf8').catch(() => null);
    if (text === null) {
      layouts.set(layoutName, { bodyWhen: [[]], playsWhen: [] });
      continue;
    }
    // Read once for both questions.
    const tokens = tokenizeLiquid(text);
    layouts.set(layoutName, { bodyWhen: await bodyPlaces(text, includes, shows, tokens), playsWhen: playerPlaces(text, tokens) });
  }
  return layouts;
}

/**
 * The places of a template that can show the body, each with the conditions
 * that lead to it. Only `{% if page.key %}` and `{% unless page.key %}` (and
 * their `elsif`/`else` branches, where the first test failed) are read as
 * conditions; any other block is taken as reached. A template whose blocks do
 * not nest as Liquid's would gives one place reached always: finews cannot
 * tell, so it counts the body as shown.
 */
async function bodyPlaces(text: string, includes: string, shows: (file: string) => Promise<boolean>, tokens = tokenizeLiquid(text)): Promise<Guard[][]> {
  const places: Guard[][] = [];
  /** Open blocks: each `if`/`unless` on a page key holds the condition of the branch Liquid is in. */
  const open: { tag: string; guard: Guard | null }[] = [];
  const guards = () => open.flatMap((block) => (block.guard ? [block.guard] : []));
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t]!;
    if (token.kind === 'text') continue;
    const source = text.slice(token.start, token.end);
    const tag = token.kind === 'tag' ? tagName(source) : null;
    if (tag === 'raw' || tag === 'comment') {
      t = rawEnd(tokens, t, text, tag);
      if (t < 0) return [[]];
      continue;
    }
    if (tag === '#') continue;
    if (tag !== null && BLOCKS.has(tag)) {
      const test = /^\{%-?[ \t\n\r]*(?:if|unless)[ \t\n\r]+page\.([A-Za-z0-9_-]+)[ \t\n\r]*-?%\}$/.exec(source);
      open.push({ tag, guard: test ? { key: test[1]!, truthy: tag === 'if' } : null });
      continue;
    }
    if (tag === 'elsif' || tag === 'else') {
      const block = open.at(-1);
      if (!block) return [[]];
      // In any later branch the first test failed; in an `else` of a `for` or `case`, nothing is known.
      if (block.tag === 'if' || block.tag === 'unless') {
        if (block.guard && block.guard.truthy === (block.tag === 'if')) block.guard = { key: block.guard.key, truthy: !block.guard.truthy };
      }
      continue;
    }
    if (tag !== null && tag.startsWith('end') && BLOCKS.has(tag.slice(3))) {
      if (open.pop()?.tag !== tag.slice(3)) return [[]];
      continue;
    }
    if (/\bcontent\b/.test(source) || (await includeMayShow(source, tag, includes, shows))) places.push(guards());
  }
  return open.length > 0 ? [[]] : places;
}

/**
 * The places where a layout plays a medium the page names (Layout.playsWhen).
 * Read as bodyPlaces reads blocks; a template whose blocks do not nest gives
 * none (finews cannot tell, so it counts nothing as shown).
 */
function playerPlaces(text: string, tokens: readonly LiquidToken[]): { key: string; when: Guard[] }[] {
  const places: { key: string; when: Guard[] }[] = [];
  const open: { tag: string; guard: Guard | null; plays: boolean }[] = [];
  const guards = () => open.flatMap((block) => (block.guard ? [block.guard] : []));
  const headEnd = text.search(/<\/head\s*>/i);
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t]!;
    if (token.end <= headEnd) continue;
    const source = text.slice(token.start, token.end);
    if (token.kind === 'text') {
      if (PLAYERS.test(source)) for (const block of open) block.plays = true;
      continue;
    }
    const tag = token.kind === 'tag' ? tagName(source) : null;
    if (tag === 'raw' || tag === 'comment') {
      t = rawEnd(tokens, t, text, tag);
      if (t < 0) return [];
      continue;
    }
    if (tag !== null && BLOCKS.has(tag)) {
      const test = /^\{%-?[ \t\n\r]*(?:if|unless)[ \t\n\r]+page\.([A-Za-z0-9_-]+)[ \t\n\r]*-?%\}$/.exec(source);
      open.push({ tag, guard: test ? { key: test[1]!, truthy: tag === 'if' } : null, plays: false });
      continue;
    }
    const block = open.at(-1);
    const closes = tag !== null && tag.startsWith('end') && BLOCKS.has(tag.slice(3));
    if (tag === 'elsif' || tag === 'else' || closes) {
      if (!block || (closes && block.tag !== tag!.slice(3))) return [];
      // The branch of an `if page.<key>` that holds a player ends here.
      if (block.tag === 'if' && block.guard?.truthy && block.plays) places.push({ key: block.guard.key, when: guards().slice(0, -1) });
      if (closes) {
        open.pop();
        continue;
      }
      if (block.tag === 'if' || block.tag === 'unless') {
        if (block.guard && block.guard.truthy === (block.tag === 'if')) block.guard = { key: block.guard.key, truthy: !block.guard.truthy };
      }
      block.plays = false;
      continue;
    }
    // `<iframe src="https://player.example/{{ page.audio }}">`: the page's own field in a player's address.
    const output = token.kind === 'output' ? /^\{\{-?[ \t\n\r]*page\.([A-Za-z0-9_-]+)/.exec(source) : null;
    const opened = text.lastIndexOf('<', token.start);
    if (output && opened > text.lastIndexOf('>', token.start) && PLAYER_TAG.test(text.slice(opened, token.start))) places.push({ key: output[1]!, when: guards() });
  }
  return open.length > 0 ? [] : places.filter((p) => !COMPUTED.has(p.key));
}

/**
 * Players and frames: a page that embeds one shows its medium, and needs no
 * text. Pictures are left out (a news post's cover is no article), and so is
 * text the layout prints from the front matter (a source's name, a summary).
 */
const PLAYERS = /<(?:iframe|audio|video|embed|object)\b/i;
const PLAYER_TAG = /^<(?:iframe|audio|video|embed|object|source)\b/i;

/**
 * The token that ends the `raw` or `comment` block opened at token `t`, or -1
 * when none does. Their insides print as text or not at all; Liquid reads them
 * to the matching end (nested comments included).
 */
function rawEnd(tokens: readonly LiquidToken[], t: number, text: string, tag: 'raw' | 'comment'): number {
  let depth = 1;
  while (depth > 0 && ++t < tokens.length) {
    const inner = tokens[t]!.kind === 'tag' ? tagName(text.slice(tokens[t]!.start, tokens[t]!.end)) : null;
    if (tag === 'comment' && inner === 'comment') depth++;
    else if (inner === `end${tag}`) depth--;
  }
  return depth > 0 ? -1 : t;
}

/**
 * Whether a layout plays a medium that a field of this post names (a podcast's episode):
 * its own front matter (not `defaults:`, which every post shares) sets the key
 * to something to show (a non-empty string, a number, a list with entries),
 * and the place's conditions could hold.
 */
export function playsOwnMedium(layout: Layout, data: Record<string, unknown>, defaults: Record<string, unknown>): boolean {
  return layout.playsWhen.some(({ key, when }) => hasContent(data[key]) && when.every((g) => {
    const value = frontMatterValue(g.key, data, defaults);
    return value === UNKNOWN || isTruthy(value) === g.truthy;
  }));
}

function hasContent(value: unknown): boolean {
  if (typeof value === 'string') return value.trim() !== '';
  if (typeof value === 'number') return true;
  if (Array.isArray(value)) return value.some(hasContent);
  return value instanceof Date;
}

/** Blocks whose insides Liquid reaches or skips as a whole: read for their nesting. */
const BLOCKS = new Set(['if', 'unless', 'case', 'for', 'tablerow', 'capture']);

/** Whether an `include` (or `include_relative`) tag may show the body. */
async function includeMayShow(source: string, tag: string | null, includes: string, shows: (file: string) => Promise<boolean>): Promise<boolean> {
  // In a layout, include_relative reads beside the page, not the layout: any file.
  if (tag === 'include_relative') return true;
  if (tag !== 'include') return false;
  // The file named, when it is named literally; a name built by Liquid could be any file.
  const named = /^\{%-?\s*include\s+([^\s{}%]+)(?:\s|-?%\})/.exec(source)?.[1];
  return !named || (await shows(path.resolve(includes, named)));
}

/**
 * Whether a layout may show the body of a page with this front matter (and
 * these `defaults:`): a place whose conditions could all hold. A key the page
 * does not set is unknown (Jekyll may give it a value of its own), so its
 * conditions could hold.
 */
export function mayShowBody(layout: Layout, data: Record<string, unknown>, defaults: Record<string, unknown>): boolean {
  return layout.bodyWhen.some((guards) => guards.every((g) => {
    const value = frontMatterValue(g.key, data, defaults);
    return value === UNKNOWN || isTruthy(value) === g.truthy;
  }));
}

const UNKNOWN = Symbol('unknown');

/** What `page.<key>` is for a post, as Jekyll merges its defaults and front matter (a nil in the front matter keeps the default); UNKNOWN for a key Jekyll's page may fill itself. */
function frontMatterValue(key: string, data: Record<string, unknown>, defaults: Record<string, unknown>): unknown {
  if (COMPUTED.has(key)) return UNKNOWN;
  const own = data[key];
  if (own !== null && own !== undefined) return own;
  if (Object.hasOwn(defaults, key)) return defaults[key];
  return Object.hasOwn(data, key) ? null : UNKNOWN;
}

/** Liquid's truth: only nil and false are false. */
function isTruthy(value: unknown): boolean {
  return value !== null && value !== undefined && value !== false;
}

/** Keys a post's page has whatever its front matter says (Jekyll's DocumentDrop and the fields it fills). */
const COMPUTED = new Set(['content', 'output', 'path', 'relative_path', 'url', 'id', 'collection', 'date', 'excerpt', 'next', 'previous', 'title', 'slug', 'ext', 'categories', 'tags', 'draft', 'name', 'layout']);

/** The site's layouts folder (`layouts_dir:`, `_layouts` by default). */
export function layoutsDir(site: Site): string {
  return path.join(site.root, typeof site.config.layouts_dir === 'string' ? site.config.layouts_dir : '_layouts');
}

/** The layout a post names, in its front matter or else through `defaults:` in _config.yml. */
export function postLayout(post: Post, site: Site): { layout: unknown; fromPost: boolean } {
  const fromPost = Object.hasOwn(post.data, 'layout');
  return { layout: fromPost ? post.data.layout : defaultsFor(site, post.path).layout, fromPost };
}
