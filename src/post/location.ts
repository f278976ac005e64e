/**
 * Where a file sits in a Jekyll site, and what its name tells Jekyll:
 * PostReader only reads `_posts` folders (at the root or in a plain folder),
 * skips special names, and takes only names matching DATE_FILENAME_MATCHER.
 */
export type LocationSkip = 'not-in-posts' | 'draft' | 'ignored-name' | 'no-filename-date';

export interface PostLocation {
  /** Path relative to the site root with `/` separators, as Jekyll's `page.path`. */
  path: string;
  /** Folders above `_posts`: Jekyll prepends them to the categories. */
  folderCategories: string[];
  /** `_posts` or `_drafts`, or null outside both. */
  folder: '_posts' | '_drafts' | null;
  /** The file name without its last extension (Ruby's File.basename(path, ".*")). */
  basenameWithoutExt: string;
  /** The date in the name as written (`2022-1-6`), or null. */
  filenameDate: string | null;
  /** The slug in the name: `2022-01-06-my-post.md` → `my-post`. */
  slug: string;
  /** The extension with its dot, `.md`. */
  ext: string;
  /** Why Jekyll's reader never sees this file, or null. */
  skip: LocationSkip | null;
}

/** Jekyll's Document::DATE_FILENAME_MATCHER, applied to the base name. */
const DATE_NAME = /^(\d{2,4}-\d{1,2}-\d{1,2})-([^/]*)(\.[^.]+)$/;
/** Jekyll's EntryFilter: names Jekyll never reads. */
const SPECIAL = /^[._#~]/;

export function locatePost(relativePath: string): PostLocation {
  const posix = relativePath.split(/[\\/]+/).filter((p) => p !== '' && p !== '.').join('/');
  const parts = posix.split('/');
  const name = parts[parts.length - 1] ?? '';
  const dot = name.lastIndexOf('.');
  const basenameWithoutExt = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot) : '';
  const dated = DATE_NAME.exec(name);
  const at = parts.findIndex((p) => p === '_posts' || p === '_drafts');
  const outside = parts[0] === '..' || at < 0 || parts.slice(0, at).some((p) => SPECIAL.test(p) || p.endsWith('~'));
  const folder = outside ? null : (parts[at] as '_posts' | '_drafts');
  return {
    path: posix,
    folderCategories: outside ? [] : parts.slice(0, at),
    folder,
    basenameWithoutExt,
    filenameDate: dated ? dated[1]! : null,
    slug: dated ? dated[2]! : basenameWithoutExt,
    ext: dated ? dated[3]! : ext,
    skip: outside ? 'not-in-posts' : skipOf(parts, at, name, dated !== null),
  };
}

/** Why PostReader leaves out a file in a `_posts` or `_drafts` folder at `at`, or null. */
function skipOf(parts: readonly string[], at: number, name: string, dated: boolean): LocationSkip | null {
  if (at === parts.length - 1) return 'not-in-posts';
  if (SPECIAL.test(parts[at + 1]!) || SPECIAL.test(name) || name.endsWith('~')) return 'ignored-name';
  if (parts[at] === '_drafts') return 'draft';
  return dated ? null : 'no-filename-date';
}
