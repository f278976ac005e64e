import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * The site's collections other than posts (`collections:` in `_config.yml`),
 * as Jekyll's Collection has them: the folder `_<label>` below
 * `collections_dir`, whether its documents are written (`output`), and the
 * permalink template of its documents.
 */
export interface Collection {
  label: string;
  /** The collection's folder relative to the site root, `/` separators: `_articles`, `my_collections/_articles`. */
  folder: string;
  /** `output: true`: Jekyll writes a page for each document. */
  output: boolean;
  /** The documents' permalink template: the collection's `permalink`, else `/:collection/:path` as the site's style ends. */
  permalink: string;
}

/** What the collections depend on: the configuration and `collections_dir`. */
export interface CollectionSite {
  config: Record<string, unknown>;
  collectionsDir: string;
}

const cache = new WeakMap<object, Collection[]>();

/** The collections the configuration names, posts aside. */
export function collectionsOf(site: CollectionSite): Collection[] {
  let found = cache.get(site);
  if (!found) cache.set(site, (found = readCollections(site)));
  return found;
}

/** The collection whose folder holds `relativePath` (relative to the site root), or null. */
export function collectionAt(site: CollectionSite, relativePath: string): Collection | null {
  return collectionsOf(site).find((c) => relativePath.startsWith(`${c.folder}/`)) ?? null;
}

function readCollections(site: CollectionSite): Collection[] {
  const raw = site.config.collections;
  // Site#collections: an array names collections with no settings; a mapping gives each its metadata.
  const entries: [string, unknown][] = Array.isArray(raw) ? raw.map((label) => [String(label), {}]) : raw && typeof raw === 'object' ? Object.entries(raw) : [];
  const style = site.config.permalink ?? 'date';
  return entries
    .filter(([label]) => label !== 'posts')
    .map(([label, value]) => {
      const metadata = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
      const permalink = typeof metadata.permalink === 'string' ? metadata.permalink : withSuffix('/:collection/:path', String(style));
      return { label, folder: [site.collectionsDir, `_${label}`].filter(Boolean).join('/'), output: metadata.output === true, permalink };
    });
}

/** Utils.add_permalink_suffix: the ending the site's permalink style gives a template. */
function withSuffix(template: string, style: string): string {
  if (style === 'pretty') return `${template}/`;
  if (style === 'date' || style === 'ordinal' || style === 'none') return `${template}:output_ext`;
  return `${template}${style.endsWith('/') ? '/' : ''}${style.endsWith(':output_ext') ? ':output_ext' : ''}`;
}

/**
 * The files below `folder` (absolute) when it is, or is inside, the folder of
 * another collection: its documents, sorted. Null for any other folder or file.
 */
export async function documentFiles(site: CollectionSite & { root: string }, folder: string): Promise<string[] | null> {
  const relative = path.relative(site.root, folder).split(path.sep).join('/');
  if (relative.startsWith('..') || !collectionAt(site, `${relative}/`)) return null;
  const stat = await fs.stat(folder).catch(() => null);
  if (!stat?.isDirectory()) return null;
  const entries = await fs.readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    // Dirent#parentPath came in Node 20.12; `path` before it.
    .map((e) => path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name))
    .sort();
}
