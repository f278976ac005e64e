import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { isGlob } from './glob.js';
import { InputError } from '../errors.js';
import { findSiteRoot, loadSite, type Site } from './config.js';

/** Folders Jekyll reads posts (and drafts) from. */
const POST_FOLDER = /(^|[\\/])_(posts|drafts)([\\/]|$)/;

export interface NamedInputs {
  /** What the command should read: folders, globs, and files that stand in a posts folder. */
  kept: string[];
  /** Named paths that do not exist (not even as a dangling link). */
  missing: string[];
  /** Named files outside any `_posts`/`_drafts` folder: Jekyll never reads them as posts. */
  notPosts: string[];
}

/**
 * Sort the paths a user named before a command reads them, so that a typo or a
 * file that is not a post is said, not passed over: `lint notes.md` that checked
 * nothing must not look like a pass. Globs and folders are kept as given.
 */
export async function sortNamedInputs(inputs: readonly string[], cwd: string): Promise<NamedInputs> {
  const sorted: NamedInputs = { kept: [], missing: [], notPosts: [] };
  const stats = await Promise.all(inputs.map(async (input) => ((await isGlob(input)) ? 'glob' : fs.lstat(path.resolve(cwd, input)).catch(() => null))));
  inputs.forEach((input, i) => {
    const stat = stats[i];
    if (stat === null) sorted.missing.push(input);
    else if (stat !== 'glob' && !stat!.isDirectory() && !POST_FOLDER.test(path.resolve(cwd, input))) sorted.notPosts.push(input);
    else sorted.kept.push(input);
  });
  return sorted;
}

/**
 * One line per named path that will not be read, for stderr. With the site, a
 * document of another collection is named as one: Jekyll builds it, as a
 * document and not as a post.
 */
export function namedInputLines(named: NamedInputs, cwd = '', site?: Site): string[] {
  return [
    ...named.missing.map((p) => `finews: ${p}: no such file or folder\n`),
    ...named.notPosts.map((p) => {
      const collection = site ? collectionOf(site, path.resolve(cwd, p)) : null;
      const why = collection ? `a document of the collection "${collection}", not a post (finews reads posts only)` : 'not a post (Jekyll reads posts only from _posts and _drafts folders)';
      return `finews: ${p}: ${why}: not checked\n`;
    }),
  ];
}

/** The collection (other than posts) whose folder holds this absolute path, or null. */
export function collectionOf(site: Site, file: string): string | null {
  for (const folder of otherCollections(site)) {
    const relative = path.relative(path.join(site.root, folder), file);
    if (relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)) return path.posix.basename(folder).slice(1);
  }
  return null;
}

/**
 * A command run outside any site must say so rather than find nothing and
 * pass (and a writing command must not scatter files there).
 */
export function assertSite(site: Site, shown: string): void {
  if (!site.configFile && !existsSync(path.join(site.root, '_posts'))) {
    throw new InputError('not a Jekyll site: no _config.yml here or above, and no _posts folder', shown);
  }
}

/**
 * The folders of the site's other collections (`_openai` for `collections: {openai: …}`) that exist:
 * a site that keeps its articles there has no posts for finews to read, and should be told so.
 */
export function otherCollections(site: Site): string[] {
  const c = site.config.collections;
  const names = Array.isArray(c) ? c.map(String) : c && typeof c === 'object' ? Object.keys(c) : [];
  return names
    .filter((name) => name !== 'posts')
    .map((name) => path.posix.join(site.collectionsDir, `_${name}`))
    .filter((folder) => existsSync(path.join(site.root, folder)));
}


/** `; the site's collections (_articles) are not posts, <then>`, or '' when it has none. */
export function otherCollectionsNote(site: Site, then: string): string {
  const folders = otherCollections(site);
  if (folders.length === 0) return '';
  const shown = folders.length > 4 ? [...folders.slice(0, 4), `${folders.length - 4} more`] : folders;
  return `; the site's collections (${shown.join(', ')}) are not posts, ${then}`;
}

/** otherCollectionsNote for the site around `cwd` (its configuration read), or '' outside a site; `then` may name the first collection's folder. */
export async function collectionsNoteAt(cwd: string, env: Record<string, string | undefined>, then: string | ((folder: string) => string)): Promise<string> {
  const root = findSiteRoot(cwd);
  if (root === null) return '';
  const site = await loadSite(root, env);
  const folder = otherCollections(site)[0];
  return folder === undefined ? '' : otherCollectionsNote(site, typeof then === 'string' ? then : then(folder));
}
