import { collectionAt, type CollectionSite } from '../site/collections.js';
import { entryFilterFor, type EntryRules } from '../site/entry-filter.js';

/**
 * Where a file sits in a Jekyll site, and what its path tells Jekyll: the
 * reader walks the folders EntryFilter lets through (`exclude:`, `include:`,
 * special names), reads every `_posts` folder it meets (below
 * `collections_dir:` when set), and takes as posts the files there whose
 * names match DATE_FILENAME_MATCHER and that are not YAML data.
 */
export type LocationSkip = 'not-in-posts' | 'excluded' | 'draft' | 'ignored-name' | 'no-filename-date' | 'data-file';

export interface PostLocation {
  /**
   * Path with `/` separators, as Jekyll's `page.path`: relative to the site
   * root, or to `collections_dir` when the site sets one.
   */
  path: string;
  /** Folders above `_posts`: Jekyll prepends them to the categories. */
  folderCategories: string[];
  /** `_posts` or `_drafts`, or null outside both. */
  folder: '_posts' | '_drafts' | null;
  /** The file name without its last extension (Ruby's File.basename(path, ".*")). */
  basenameWithoutExt: string;
  /** The date in the name as written (`2022-1-6`), or null. */
  filenameDate: string | null;
  /** The slug in the name, trailing dots dropped: `2022-01-06-my-post.md` → `my-post`. */
  slug: string;
  /** The extension with its dot, `.md`. */
  ext: string;
  /** Why Jekyll's reader never makes this file a post, or null. */
  skip: LocationSkip | null;
  /** The label of the other collection (not posts) whose document this file is, or null. */
  collection: string | null;
}

/** What locatePost needs of the site: its EntryFilter settings, collections_dir and (for other collections) its configuration. */
export interface SiteLayout extends EntryRules {
  collectionsDir: string;
  config?: Record<string, unknown>;
}

/** Jekyll's Document::DATE_FILENAME_MATCHER, applied to the base name. */
const DATE_NAME = /^(\d{2,4}-\d{1,2}-\d{1,2})-([^/]*)(\.[^.]+)$/;
/** Document::YAML_FILE_EXTS: read as data, their content is nil, PostReader drops them. */
const YAML_EXTS = new Set(['.yml', '.yaml']);
const SPECIAL = /^[._#~]/;

/**
 * Locate a file from its path relative to the site root. Without a site,
 * only the names decide (Jekyll's defaults for everything else).
 */
export function locatePost(relativePath: string, site?: SiteLayout): PostLocation {
  const posix = relativePath.split(/[\\/]+/).filter((p) => p !== '' && p !== '.').join('/');
  const parts = posix.split('/');
  const name = parts[parts.length - 1] ?? '';
  const dot = name.lastIndexOf('.');
  const basenameWithoutExt = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot) : '';
  const dated = DATE_NAME.exec(name);
  const at = parts.findIndex((p) => p === '_posts' || p === '_drafts');
  const collections = site?.collectionsDir ? site.collectionsDir.split('/').filter(Boolean) : [];
  const inCollections = collections.every((c, i) => parts[i] === c) && at >= collections.length;
  const collection = at < 0 && site?.config ? collectionAt(site as CollectionSite, posix) : null;
  if (collection) {
    // Collection#filtered_entries: each path below the collection's folder, as one entry.
    const folderParts = collection.folder.split('/').length;
    const entry = parts.slice(folderParts).join('/');
    const filter = entryFilterFor(site!);
    const base = `/${collection.folder}`;
    const skip = filter.rejects(entry, base) ? (filter.excluded(entry, base) ? 'excluded' : 'ignored-name') : YAML_EXTS.has(ext) ? 'data-file' : null;
    return {
      path: parts.slice(collections.length).join('/'),
      folderCategories: [],
      folder: null,
      basenameWithoutExt,
      filenameDate: dated ? dated[1]! : null,
      slug: (dated ? dated[2]! : basenameWithoutExt).replace(/\.+$/, ''),
      ext: dated ? dated[3]! : ext,
      skip,
      collection: collection.label,
    };
  }
  const skip = parts[0] === '..' || at < 0 || !inCollections ? 'not-in-posts' : skipOf(parts, at, name, dated !== null, site);
  const outside = skip === 'not-in-posts';
  const folder = outside ? null : (parts[at] as '_posts' | '_drafts');
  // Document#relative_path is relative to collections_dir.
  const jekyllParts = outside ? parts : parts.slice(collections.length);
  return {
    path: jekyllParts.join('/'),
    folderCategories: outside ? [] : parts.slice(collections.length, at),
    folder,
    basenameWithoutExt,
    filenameDate: dated ? dated[1]! : null,
    // populate_title: "slugs shouldn't end with a period".
    slug: (dated ? dated[2]! : basenameWithoutExt).replace(/\.+$/, ''),
    ext: dated ? dated[3]! : ext,
    skip,
    collection: null,
  };
}

/** Why the reader leaves out a file whose first `_posts` or `_drafts` folder is at `at`, or null. */
function skipOf(parts: readonly string[], at: number, name: string, dated: boolean, site: SiteLayout | undefined): LocationSkip | null {
  if (at === parts.length - 1) return 'not-in-posts';
  const entry = parts.slice(at + 1).join('/');
  if (site) {
    const filter = entryFilterFor(site);
    // Reader#read_directories: each folder above `_posts`, as a name in its parent.
    for (let i = 0; i < at; i++) {
      const base = i === 0 ? '' : `/${parts.slice(0, i).join('/')}`;
      if (filter.rejects(parts[i]!, base)) return filter.excluded(parts[i]!, base) ? 'excluded' : 'not-in-posts';
    }
    // Reader#get_entries: the path below `_posts`, as one entry.
    const base = `/${parts.slice(0, at + 1).join('/')}`;
    if (filter.rejects(entry, base)) return filter.excluded(entry, base) ? 'excluded' : 'ignored-name';
  } else {
    if (parts.slice(0, at).some((p) => SPECIAL.test(p) || p.endsWith('~') || p.endsWith('.'))) return 'not-in-posts';
    if (SPECIAL.test(entry) || SPECIAL.test(name) || entry.endsWith('~') || entry.endsWith('.')) return 'ignored-name';
  }
  if (parts[at] === '_drafts') return 'draft';
  if (!dated) return 'no-filename-date';
  return YAML_EXTS.has(name.slice(name.lastIndexOf('.'))) ? 'data-file' : null;
}
