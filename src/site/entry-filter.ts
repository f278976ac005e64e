import { realpathSync, statSync } from 'node:fs';

/**
 * Jekyll's EntryFilter (lib/jekyll/entry_filter.rb, 4.3.1): which names and
 * paths the reader passes over. Kept to its letter, quirks included, because
 * the letter is what decides which posts a site has:
 * - `exclude:`/`include:` patterns are joined to the site source and matched
 *   with Ruby's `File.fnmatch?` without flags (`*` crosses `/`), or as a plain
 *   string prefix (`exclude: [fr]` also excludes `french/`);
 * - exclusion looks at the path from the source, inclusion at the entry as
 *   handed over and at its base name;
 * - names starting with `.` `_` `#` `~`, ending with `~` (backups) or `.` are
 *   passed over unless included;
 * - in safe mode (GitHub Pages) a symbolic link leading outside the source is
 *   passed over.
 */
export interface EntryRules {
  /** Absolute path of the site source. */
  root: string;
  include: readonly string[];
  /** `exclude:` with Jekyll's default excludes appended. */
  exclude: readonly string[];
  safe: boolean;
}

/** Configuration::DEFAULT_EXCLUDES: joined to the source, so they apply at the top only. */
export const DEFAULT_EXCLUDES = [
  '.sass-cache',
  '.jekyll-cache',
  'gemfiles',
  'Gemfile',
  'Gemfile.lock',
  'node_modules',
  'vendor/bundle/',
  'vendor/cache/',
  'vendor/gems/',
  'vendor/ruby/',
];

/** Configuration::DEFAULTS["include"]. */
export const DEFAULT_INCLUDE = ['.htaccess'];

const SPECIAL = /^[._#~]/;

interface Pattern {
  /** The pattern joined to the source, as Jekyll compares it. */
  joined: string;
  /** null when the pattern has no wildcard: then fnmatch is string equality. */
  regex: RegExp | null;
}

export class EntryFilter {
  private readonly include: Pattern[];
  private readonly exclude: Pattern[];

  constructor(private readonly rules: EntryRules) {
    const compile = (p: string): Pattern => {
      const joined = rubyJoin(rules.root, p);
      return { joined, regex: /[*?[\\]/.test(joined) ? fnmatchRegex(joined) : null };
    };
    this.include = rules.include.map(compile);
    // `site.exclude - site.include`: an exclude also listed as an include is dropped.
    this.exclude = rules.exclude.filter((p) => !rules.include.includes(p)).map(compile);
  }

  /**
   * EntryFilter#filter for one entry: true when Jekyll passes it over.
   * `entry` is as Jekyll hands it (a name in a folder, or a path below
   * `_posts`); `base` is the folder it is relative to, from the source, as
   * Jekyll writes it (`''`, `/en/news`, `/en/news/_posts`). `abs` is the
   * entry's absolute path, looked at only in safe mode for a link.
   */
  rejects(entry: string, base: string, abs?: string, isLink = false): boolean {
    if (entry.endsWith('.')) return true;
    const included = this.included(entry);
    if (!included && this.excluded(entry, base)) return true;
    if (isLink && abs && this.linkLeavesSource(abs)) return true;
    if (included) return false;
    return SPECIAL.test(entry) || SPECIAL.test(basename(entry)) || entry.endsWith('~');
  }

  /** EntryFilter#excluded?: the entry's path from the source matches an exclude that is not also an include. */
  excluded(entry: string, base: string): boolean {
    return this.globInclude(this.excludesBelow(base), rubyJoin(base, entry));
  }

  private readonly below = new Map<string, Pattern[]>();

  /**
   * The excludes that can match an entry of the folder `base`: those with a
   * wildcard, and those that are a prefix of the folder or lie below it. One
   * list per folder, so that a `_posts` of 20 000 files tests few patterns.
   */
  private excludesBelow(base: string): Pattern[] {
    let list = this.below.get(base);
    if (!list) {
      const folder = rubyJoin(this.rules.root, base);
      list = this.exclude.filter((p) => p.regex || folder.startsWith(p.joined) || p.joined.startsWith(folder));
      this.below.set(base, list);
    }
    return list;
  }

  /** Excluded by the site's settings and not included again: Jekyll never reads it, and finews does not list it. */
  excludedBySettings(entry: string, base: string): boolean {
    // The folder's excludes first: in a `_posts` folder they are usually none, and then no entry is matched at all.
    return this.excludesBelow(base).length > 0 && !this.included(entry) && this.excluded(entry, base);
  }

  private included(entry: string): boolean {
    return this.globInclude(this.include, entry) || this.globInclude(this.include, basename(entry));
  }

  /** EntryFilter#symlink? (safe mode only): the link's real path is outside the source (as a string prefix). */
  linkLeavesSource(abs: string): boolean {
    if (!this.rules.safe) return false;
    try {
      return !realpathSync(abs).startsWith(this.rules.root);
    } catch {
      return false;
    }
  }

  /** EntryFilter#glob_include?. */
  private globInclude(patterns: readonly Pattern[], entry: string): boolean {
    if (patterns.length === 0) return false;
    const withSource = rubyJoin(this.rules.root, entry);
    return patterns.some(
      (p) =>
        (p.regex ? p.regex.test(withSource) : p.joined === withSource) ||
        withSource.startsWith(p.joined) ||
        (p.joined === `${withSource}/` && isDirectory(withSource)),
    );
  }
}

function basename(entry: string): string {
  const trimmed = entry.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

function isDirectory(abs: string): boolean {
  return statSync(abs, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/** Ruby's File.join of two parts: one separator between them, `File.join("/a", "")` is `/a/`. */
export function rubyJoin(a: string, b: string): string {
  if (a === '') return b.startsWith('/') ? b : `/${b}`;
  if (b === '') return a.endsWith('/') ? a : `${a}/`;
  if (a.endsWith('/')) a = a.replace(/\/+$/, '');
  if (b.startsWith('/')) b = b.replace(/^\/+/, '');
  return `${a}/${b}`;
}

/**
 * Ruby's `File.fnmatch?(pattern, path)` with no flags, as a regular
 * expression: `*` and `?` match any character, `/` and a leading `.`
 * included (the path always starts with `/`, so the leading-dot rule never
 * applies); `[...]` is a class (`!` or `^` negates, `a-z` ranges); `\`
 * escapes; no braces. No library matches this way: glob libraries keep `*`
 * inside one path segment.
 */
export function fnmatchRegex(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') out += '[\\s\\S]*';
    else if (c === '?') out += '[\\s\\S]';
    else if (c === '\\' && i + 1 < pattern.length) out += escape(pattern[++i]!);
    else if (c === '[') {
      const cls = bracket(pattern, i + 1);
      if (!cls) return /(?!)/; // Ruby: an unclosed bracket matches nothing.
      out += cls.source;
      i = cls.end;
    } else out += escape(c);
  }
  return new RegExp(`^${out}$`, 'u');
}

/** A bracket expression starting after `[`: its regex and the index of its `]`, or null if unclosed. */
function bracket(pattern: string, start: number): { source: string; end: number } | null {
  let i = start;
  let negate = false;
  if (pattern[i] === '!' || pattern[i] === '^') {
    negate = true;
    i++;
  }
  const parts: string[] = [];
  while (i < pattern.length && pattern[i] !== ']') {
    let from = pattern[i]!;
    if (from === '\\' && i + 1 < pattern.length) from = pattern[++i]!;
    i++;
    if (pattern[i] === '-' && i + 1 < pattern.length && pattern[i + 1] !== ']') {
      let to = pattern[i + 1]!;
      i += 2;
      if (to === '\\' && i < pattern.length) to = pattern[i++]!;
      // Ruby: a reversed range matches its two ends only.
      parts.push(from.codePointAt(0)! <= to.codePointAt(0)! ? `${classChar(from)}-${classChar(to)}` : `${classChar(from)}${classChar(to)}`);
    } else parts.push(classChar(from));
  }
  if (i >= pattern.length) return null;
  if (parts.length === 0) return { source: negate ? '[\\s\\S]' : '(?!)', end: i };
  return { source: `[${negate ? '^' : ''}${parts.join('')}]`, end: i };
}

function escape(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function classChar(c: string): string {
  return c.replace(/[\]\\^-]/g, '\\$&');
}

const filters = new WeakMap<EntryRules, EntryFilter>();

/** The filter of a site, built once per site. */
export function entryFilterFor(site: EntryRules): EntryFilter {
  let filter = filters.get(site);
  if (!filter) {
    filter = new EntryFilter(site);
    filters.set(site, filter);
  }
  return filter;
}
