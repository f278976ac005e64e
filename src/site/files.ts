import { promises as fs, statSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';
import { racy } from '../fs/stamp.js';
import { locatePost } from '../post/location.js';
import type { Site } from './config.js';
import { entryFilterFor } from './entry-filter.js';
import { glob, isGlob } from './glob.js';

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

/**
 * What the walk found in one folder, kept between runs (by `lint --cache`) so
 * that a folder that has not changed is not read again. Adding, removing or
 * renaming an entry changes a folder's mtime; a folder holding a symbolic link
 * is never kept (the link's target can change while the folder does not).
 */
export interface FolderListing {
  /** The folder's mtime, ctime and inode when it was read. */
  stamp: Stamp;
  /** Sub-folders walked: inside `_posts`/`_drafts` every one, above them the folders Jekyll's reader enters. */
  folders: string[];
  /** `_posts` and `_drafts` folders walked (above them only). */
  posts: string[];
  /** Names of the files found (inside `_posts`/`_drafts` only). */
  files: string[];
  /** Names of the entries named like posts that are not regular files. */
  others: string[];
}

export type Stamp = readonly [mtimeMs: number, ctimeMs: number, ino: number];

/** Listings of folders by absolute path, for one site (what decides a listing is the site's configuration). */
export interface WalkMemo {
  get(dir: string): FolderListing | undefined;
  set(dir: string, listing: FolderListing): void;
}

/** What a walk of `site` reads of its settings: listings kept under other settings are not reused. */
export function walkSettings(site: Site): string {
  return JSON.stringify([site.root, site.include, site.exclude, site.safe, site.collectionsDir, destination(site)]);
}

/** expandInputs, with the post-named entries that are not regular files. `memo`: listings of folders that may be reused. */
export async function findInputs(inputs: readonly string[], cwd: string, site: Site, memo?: WalkMemo): Promise<Inputs> {
  const found: Found = { files: [], others: [], linked: new Set(), memo };
  if (inputs.length === 0) await walkFolder(site.root, site, found);
  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    const stat = await fs.stat(abs).catch(() => null);
    if (stat?.isDirectory()) {
      // Inside a _posts or _drafts folder every file counts; above one, only what is in them.
      await walkFolder(abs, site, found);
    } else if (stat || !(await isGlob(input))) {
      found.files.push(abs);
    } else {
      const matches = await glob([input.split(path.sep).join('/')], cwd, IGNORE);
      if (matches.length === 0) throw new InputError('matches no files', input);
      for (const f of matches) found.files.push(f);
    }
  }
  // Sorted, then unique (paths named twice, or a file a folder and a glob both name): no hashing of every path.
  const files = uniqueSorted(found.files.sort());
  if (found.others.length === 0) return { files, others: [] };
  const isFile = new Set(files);
  return { files, others: uniqueSorted(found.others.sort()).filter((f) => !isFile.has(f)) };
}

/** A sorted list without repeats, in place. */
export function uniqueSorted(sorted: string[]): string[] {
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[n - 1]) sorted[n++] = sorted[i]!;
  sorted.length = n;
  return sorted;
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
  files: string[];
  others: string[];
  /** Real paths of linked folders walked, so that a link loop ends. */
  linked: Set<string>;
  memo: WalkMemo | undefined;
}

/** The folder's stamp, taken before it is read: a change made after it shows next time. */
function stampOf(dir: string): Stamp | null {
  const stat = statSync(dir, { throwIfNoEntry: false });
  return stat?.isDirectory() ? [stat.mtimeMs, stat.ctimeMs, stat.ino] : null;
}

/** The kept listing of `dir` if the folder is as it was; else its stamp now, for the listing about to be made. */
function recall(dir: string, memo: WalkMemo | undefined): { kept: FolderListing | null; stamp: Stamp | null } {
  if (!memo) return { kept: null, stamp: null };
  const stamp = stampOf(dir);
  const kept = stamp ? memo.get(dir) : undefined;
  if (kept && kept.stamp[0] === stamp![0] && kept.stamp[1] === stamp![1] && kept.stamp[2] === stamp![2]) return { kept, stamp };
  return { kept: null, stamp };
}

function remember(dir: string, memo: WalkMemo | undefined, stamp: Stamp | null, listing: Omit<FolderListing, 'stamp'> | null): void {
  if (memo && stamp && listing && !racy(stamp[0], stamp[1])) memo.set(dir, { stamp, ...listing });
}

/**
 * Jekyll's Reader#read_directories: every folder EntryFilter lets through
 * (links to folders followed, as Ruby's File.directory? does), and in each,
 * its `_posts` and `_drafts` (below `collections_dir` when the site sets
 * one). A readdir per folder.
 */
async function walkSite(dir: string, place: Place, site: Site, found: Found): Promise<void> {
  const postsBelow = (name: string) => walkPosts(join(dir, name), { base: `${place.base}/${name}`, prefix: '' }, place.jekyll, site, found);
  const siteBelow = (name: string) => walkSite(join(dir, name), { ...place, base: `${place.base}/${name}` }, site, found);
  const { kept, stamp } = recall(dir, found.memo);
  if (kept) {
    await Promise.all([...kept.posts.map(postsBelow), ...kept.folders.map(siteBelow)]);
    return;
  }
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => null);
  const filter = entryFilterFor(site);
  const collections = `/${site.collectionsDir.replace(/^\/+|\/+$/g, '')}`;
  const readsPosts = !site.collectionsDir || !place.jekyll || place.base === collections || place.base.startsWith(`${collections}/`);
  let listing: Omit<FolderListing, 'stamp'> | null = entries && { folders: [], posts: [], files: [], others: [] };
  const below: Promise<void>[] = [];
  for (const entry of entries ?? []) {
    const abs = join(dir, entry.name);
    const link = entry.isSymbolicLink();
    if (link) listing = null;
    const isDir = entry.isDirectory() || (link && (await isDirectory(abs)));
    if (!isDir) continue;
    if (POST_FOLDERS.has(entry.name)) {
      if (readsPosts) {
        below.push(postsBelow(entry.name));
        listing?.posts.push(entry.name);
      }
      continue;
    }
    if (place.jekyll ? filter.rejects(entry.name, place.base, abs, link) : entry.name.startsWith('.')) continue;
    if (abs === destination(site)) continue;
    if (link && !(await firstVisit(abs, found))) continue;
    below.push(siteBelow(entry.name));
    listing?.folders.push(entry.name);
  }
  remember(dir, found.memo, stamp, listing);
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
  const folderBelow = (name: string) => walkPosts(join(dir, name), { base: posts.base, prefix: `${posts.prefix}${name}/` }, jekyll, site, found);
  const { kept, stamp } = recall(dir, found.memo);
  if (kept) {
    for (const name of kept.files) found.files.push(join(dir, name));
    for (const name of kept.others) found.others.push(join(dir, name));
    await Promise.all(kept.folders.map(folderBelow));
    return;
  }
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => null);
  const filter = entryFilterFor(site);
  let listing: Omit<FolderListing, 'stamp'> | null = entries && { folders: [], posts: [], files: [], others: [] };
  const below: Promise<void>[] = [];
  for (const entry of entries ?? []) {
    if (entry.name.startsWith('.')) continue;
    const abs = join(dir, entry.name);
    const name = `${posts.prefix}${entry.name}`;
    if (entry.isDirectory()) {
      if (locatePost(entry.name).filenameDate) {
        found.others.push(abs);
        listing?.others.push(entry.name);
      }
      below.push(folderBelow(entry.name));
      listing?.folders.push(entry.name);
      continue;
    }
    if (jekyll && filter.excludedBySettings(name, posts.base)) continue;
    let file = entry.isFile();
    if (entry.isSymbolicLink()) {
      listing = null;
      const target = await fs.stat(abs).catch(() => null);
      file = target?.isFile() === true;
      if (file && jekyll && filter.linkLeavesSource(abs)) continue;
    }
    if (file) {
      found.files.push(abs);
      listing?.files.push(entry.name);
    } else if (locatePost(entry.name).filenameDate) {
      found.others.push(abs);
      listing?.others.push(entry.name);
    }
  }
  remember(dir, found.memo, stamp, listing);
  await Promise.all(below);
}

/** `path.join` for a name read from a folder (no `..`, no separator) below an absolute, normal path: no normalising. */
function join(dir: string, name: string): string {
  return dir.endsWith(path.sep) ? `${dir}${name}` : `${dir}${path.sep}${name}`;
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
