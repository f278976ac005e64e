import { promises as fs } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { InputError } from '../errors.js';
import { locatePost } from '../post/location.js';
import type { Site } from './config.js';
import { entryFilterFor } from './entry-filter.js';

/** Folders a typed glob does not look into. */
const IGNORE = ['node_modules', '.git', '_site', 'vendor', '.jekyll-cache', '.sass-cache'].map((name) => `**/${name}/**`);

/** Folders whose files Jekyll reads as posts (or drafts). */
const POST_FOLDERS = new Set(['_posts', '_drafts']);

export interface Inputs {
  /** Regular files, absolute, sorted and unique. */
  files: string[];
  /**
   * Entries in the `_posts` and `_drafts` folders walked that are named like
   * posts but are not regular files (a folder, a symbolic link, a FIFO): a
   * linter reports them rather than passing over them in silence.
   */
  others: string[];
}

/**
 * Expand the paths and globs a user typed into absolute file paths, sorted and
 * unique. A folder means the posts below it (every file, inside `_posts`); a name that matches nothing is
 * kept, so the caller reports it as missing rather than silently skipping it.
 * With no inputs: the site's posts and drafts.
 */
export async function expandInputs(inputs: readonly string[], cwd: string, site: Site): Promise<string[]> {
  return (await findInputs(inputs, cwd, site)).files;
}

/** expandInputs, with the post-named entries that are not regular files. */
export async function findInputs(inputs: readonly string[], cwd: string, site: Site): Promise<Inputs> {
  const files = new Set<string>();
  const others = new Set<string>();
  const found: Found = { files, others, linked: new Set() };
  if (inputs.length === 0) await walkFolder(site.root, site, found);
  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    const stat = await fs.stat(abs).catch(() => null);
    if (stat?.isDirectory()) {
      // Inside a _posts or _drafts folder every file counts; above one, only what is in them.
      await walkFolder(abs, site, found);
    } else if (stat || !fg.isDynamicPattern(input)) {
      files.add(abs);
    } else {
      const matches = await glob([input.split(path.sep).join('/')], cwd);
      if (matches.length === 0) throw new InputError('matches no files', input);
      for (const f of matches) files.add(f);
    }
  }
  for (const f of files) others.delete(f);
  return { files: [...files].sort(), others: [...others].sort() };
}

/** A folder a user named (or the site root): below it, what Jekyll's reader visits. */
async function walkFolder(abs: string, site: Site, found: Found): Promise<void> {
  const place = placeOf(abs, site);
  await (place.posts ? walkPosts(abs, place.posts, place.jekyll, site, found) : walkSite(abs, place, site, found));
}

/**
 * Where a walk stands: the folder's path from the site root as Jekyll writes
 * it (`''`, `/en/news`), or for a folder inside `_posts`/`_drafts`, that
 * folder's path and the entry prefix below it (`sub/`). `jekyll` is false for
 * a folder outside the site root, where only names decide.
 */
interface Place {
  base: string;
  posts: { base: string; prefix: string } | null;
  jekyll: boolean;
}

function placeOf(abs: string, site: Site): Place {
  const rel = path.relative(site.root, abs).split(path.sep).join('/');
  const jekyll = !rel.startsWith('..') && !path.isAbsolute(rel);
  const parts = rel === '' || !jekyll ? [] : rel.split('/');
  const at = parts.findIndex((p) => POST_FOLDERS.has(p));
  if (!jekyll && abs.split(path.sep).some((p) => POST_FOLDERS.has(p))) return { base: '', posts: { base: '', prefix: '' }, jekyll };
  if (at < 0) return { base: parts.length ? `/${parts.join('/')}` : '', posts: null, jekyll };
  const below = parts.slice(at + 1);
  return { base: '', posts: { base: `/${parts.slice(0, at + 1).join('/')}`, prefix: below.length ? `${below.join('/')}/` : '' }, jekyll };
}

interface Found {
  files: Set<string>;
  others: Set<string>;
  /** Real paths of linked folders walked, so that a link loop ends. */
  linked: Set<string>;
}

/**
 * Jekyll's Reader#read_directories: every folder EntryFilter lets through
 * (links to folders followed, as Ruby's File.directory? does), and in each,
 * its `_posts` and `_drafts` (below `collections_dir` when the site sets
 * one). A readdir per folder.
 */
async function walkSite(dir: string, place: Place, site: Site, found: Found): Promise<void> {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  const filter = entryFilterFor(site);
  const collections = `/${site.collectionsDir.replace(/^\/+|\/+$/g, '')}`;
  const readsPosts = !site.collectionsDir || !place.jekyll || place.base === collections || place.base.startsWith(`${collections}/`);
  const below: Promise<void>[] = [];
  for (const entry of entries) {
    const abs = path.join(dir, entry.name);
    const link = entry.isSymbolicLink();
    const isDir = entry.isDirectory() || (link && (await isDirectory(abs)));
    if (!isDir) continue;
    if (POST_FOLDERS.has(entry.name)) {
      if (readsPosts) below.push(walkPosts(abs, { base: `${place.base}/${entry.name}`, prefix: '' }, place.jekyll, site, found));
      continue;
    }
    if (place.jekyll ? filter.rejects(entry.name, place.base, abs, link) : entry.name.startsWith('.')) continue;
    if (abs === destination(site)) continue;
    if (link && !(await firstVisit(abs, found))) continue;
    below.push(walkSite(abs, { ...place, base: `${place.base}/${entry.name}` }, site, found));
  }
  await Promise.all(below);
}

/**
 * Jekyll's Reader#get_entries: `Dir["**\/*"]` below a `_posts` or `_drafts`
 * folder (dot names hidden, links to folders not entered), less what
 * `exclude:` takes out. Names Jekyll passes over for their own sake (`_x.md`,
 * `notes.txt`) are kept: the post model says why Jekyll skips them. Entries
 * named like posts that are not files (a folder, a dangling link, a FIFO) go
 * to `others`.
 */
async function walkPosts(dir: string, posts: { base: string; prefix: string }, jekyll: boolean, site: Site, found: Found): Promise<void> {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  const filter = entryFilterFor(site);
  const below: Promise<void>[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const abs = path.join(dir, entry.name);
    const name = `${posts.prefix}${entry.name}`;
    if (entry.isDirectory()) {
      if (locatePost(entry.name).filenameDate) found.others.add(abs);
      below.push(walkPosts(abs, { base: posts.base, prefix: `${name}/` }, jekyll, site, found));
      continue;
    }
    if (jekyll && filter.excludedBySettings(name, posts.base)) continue;
    let file = entry.isFile();
    if (entry.isSymbolicLink()) {
      const target = await fs.stat(abs).catch(() => null);
      file = target?.isFile() === true;
      if (file && jekyll && filter.linkLeavesSource(abs)) continue;
    }
    if (file) found.files.add(abs);
    else if (locatePost(entry.name).filenameDate) found.others.add(abs);
  }
  await Promise.all(below);
}

async function isDirectory(abs: string): Promise<boolean> {
  return (await fs.stat(abs).catch(() => null))?.isDirectory() === true;
}

/** A linked folder is walked once: a link back up would otherwise never end (Jekyll's own walk would not). */
async function firstVisit(abs: string, found: Found): Promise<boolean> {
  const real = await fs.realpath(abs).catch(() => null);
  if (!real || found.linked.has(real)) return false;
  found.linked.add(real);
  return true;
}

function destination(site: Site): string {
  return path.resolve(site.root, typeof site.config.destination === 'string' ? site.config.destination : '_site');
}

async function glob(patterns: string[], cwd: string): Promise<string[]> {
  const files = await fg(patterns, {
    cwd,
    absolute: true,
    dot: false,
    onlyFiles: true,
    followSymbolicLinks: false,
    ignore: IGNORE,
    suppressErrors: true,
  });
  return files.map((f) => path.normalize(f));
}
