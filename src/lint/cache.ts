import { createHash } from 'node:crypto';
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { UsageError } from '../errors.js';
import { writeFileAtomic } from '../fs/atomic.js';
import { racy } from '../fs/stamp.js';
import { defaultsFor, type Site } from '../site/config.js';
import { showsExcerpts } from '../site/excerpts.js';
import { instantFromWall, zonedTime } from '../site/timezone.js';
import { permalinkOf } from '../site/url.js';
import { walkSettings, type FolderListing, type WalkMemo } from '../site/files.js';
import type { Post } from '../post/parse.js';
import { RULES, RULES_BY_ID } from './rules/index.js';
import type { CacheStrategy, Signature } from './signatures.js';
import type { LintMessage, RuleContext } from './types.js';

/** Where `--cache` keeps its file when no `--cache-location` is given, relative to the site root. */
export const DEFAULT_CACHE_FILE = path.join('.jekyll-cache', 'finews-lint');

/** Bumped whenever the file's layout or what an entry means changes. */
const FORMAT = 4;
const MAGIC = 'finews-lint-cache';
/** Numbers per cross-file key: rule index, the two hashes, line. */
const KEY_WIDTH = 4;

/** A file's cached outcome: its number in the cache, and its findings as the engine packed them. */
export interface CachedOutcome {
  entry: number;
  /** JSON of the messages, null for none. */
  messages: string | null;
  /** JSON of the post's inline disables, null for none. */
  directives: string | null;
}

/** The folder listings of one site's walk, valid while the settings the walk reads are as they were. */
interface StoredWalk {
  /** Hash of finews' version and the site's walk settings (see walkSettings). */
  key: string;
  /** The site's root, relative to the cache's base. */
  root: string;
  /** Folders, relative to the cache's base. */
  dirs: string[];
  stamps: Float64Array;
  /** Per folder: its sub-folders, post folders, files and others (see FolderListing). */
  listings: [string[], string[], string[], string[]][];
}

interface Stored {
  magic: string;
  format: number;
  key: string;
  paths: string[];
  sigs: Float64Array;
  until: Float64Array;
  messages: (string | null)[];
  directives: (string | null)[];
  keyStart: Uint32Array;
  keys: Float64Array;
  /** Pairs of global key number and label. */
  labels: [number, string][];
  walks: StoredWalk[];
}

/** An outcome learnt in this run. */
interface Fresh {
  sig: Signature;
  until: number;
  messages: string | null;
  directives: string | null;
  keys: number[];
  labels: Map<number, string>;
}

/** Changes a run may leave unwritten (or a thousandth of the entries, when more). */
const FEW_CHANGES = 16;

const UNSEEN = 0;
const TAKEN = 1;
const DROPPED = 2;

const EMPTY: Stored = { magic: MAGIC, format: FORMAT, key: '', paths: [], sigs: new Float64Array(0), until: new Float64Array(0), messages: [], directives: [], keyStart: new Uint32Array(1), keys: new Float64Array(0), labels: [], walks: [] };

/**
 * `lint --cache`: each file's findings and cross-file keys, valid while the
 * file, the site's configuration, the lint settings and finews stay as they
 * were; and the listings of the folders walked, valid while each folder stays
 * as it was. The file is read whole or not at all: a cache that is corrupt,
 * foreign or made under other settings is ignored and rebuilt, never trusted.
 *
 * Kept outcomes are looked up by walking the sorted list of stored paths
 * alongside the sorted files of the run: no hashing of 100 000 paths.
 */
export class LintCache {
  private s: Stored = EMPTY;
  /** Each stored outcome in this run: UNSEEN, TAKEN (still valid) or DROPPED (stale, or replaced by a fresh one). */
  private state = new Uint8Array(0);
  private readonly fresh = new Map<string, Fresh>();
  /** Labels of stored keys, by global key number. */
  private labels = new Map<number, string>();
  private cursor = 0;
  /** Listings by walk key, each with the site root (relative) it was made for. */
  private readonly walks = new Map<string, { root: string; dirs: Map<string, FolderListing> }>();
  private readonly visited = new Map<string, Set<string>>();
  /** What this run changed, weighed in entries: a few are not worth rewriting the file (see save). */
  private changes = 0;
  private strategy: CacheStrategy = 'metadata';
  private readonly prefix: string;

  private constructor(
    readonly file: string,
    private readonly base: string,
    private stored: Stored | null,
  ) {
    this.prefix = base.endsWith(path.sep) ? base : `${base}${path.sep}`;
    for (const walk of stored?.walks ?? []) {
      const dirs = new Map<string, FolderListing>();
      walk.dirs.forEach((dir, i) => {
        const [folders, posts, files, others] = walk.listings[i]!;
        dirs.set(dir, { stamp: [walk.stamps[3 * i]!, walk.stamps[3 * i + 1]!, walk.stamps[3 * i + 2]!], folders, posts, files, others });
      });
      this.walks.set(walk.key, { root: walk.root, dirs });
    }
  }

  /** Read the cache at `file` (or start an empty one); paths are kept relative to `base`. Outcomes are used once `useKey` agrees. */
  static async read(file: string, base: string): Promise<LintCache> {
    // Read at once: nothing else waits on this thread yet, and a promise reads 36 MB (100 000 posts) at half the speed.
    let bytes: Buffer | null = null;
    try {
      bytes = readFileSync(file);
    } catch {
      // No cache yet, or one that cannot be read: the run makes one.
    }
    const stored = bytes && readStored(bytes);
    const cache = new LintCache(file, base, stored);
    if (!stored) cache.changes = Infinity;
    return cache;
  }

  /** The listings kept for the site at `root` whose walk settings hash to `key`: a new walk key starts afresh. */
  walkMemo(root: string, key: string): WalkMemo {
    let walk = this.walks.get(key);
    if (!walk) {
      this.walks.set(key, (walk = { root: this.relative(root), dirs: new Map() }));
      this.changes = Infinity;
    }
    let seen = this.visited.get(key);
    if (!seen) this.visited.set(key, (seen = new Set()));
    const memo = walk.dirs;
    return {
      get: (dir) => {
        const name = this.relative(dir);
        seen.add(name);
        return memo.get(name);
      },
      set: (dir, listing) => {
        const name = this.relative(dir);
        seen.add(name);
        memo.set(name, listing);
        this.changes += 1 + listing.files.length + listing.folders.length + listing.others.length;
      },
    };
  }

  /** Use the kept outcomes if they were made under `key` (finews, settings, strategy); else start afresh. */
  useKey(key: string, strategy: CacheStrategy): void {
    this.strategy = strategy;
    if (this.stored && this.stored.key === key) this.s = this.stored;
    else {
      this.s = { ...EMPTY, key };
      this.changes = Infinity;
    }
    this.state = new Uint8Array(this.s.paths.length);
    for (const [k, label] of this.s.labels) this.labels.set(k, label);
  }

  /** The file's cached outcome if it still stands as it did and nothing dated has come due since. */
  lookup(file: string, sig: Signature | null, now: number): CachedOutcome | null {
    if (!sig) return null;
    const i = this.find(this.relative(file));
    const s = this.s;
    if (i < 0 || now >= s.until[i]! || s.sigs[3 * i] !== sig[0] || s.sigs[3 * i + 1] !== sig[1] || s.sigs[3 * i + 2] !== sig[2]) return null;
    this.state[i] = TAKEN;
    return { entry: i, messages: s.messages[i]!, directives: s.directives[i]! };
  }

  /**
   * Call `add` for each of a cached file's keys: rule index, the two hashes,
   * line, and the label when the cache has it (keys that were in a group);
   * the others' are read again when needed.
   */
  forEachKey(hit: CachedOutcome, add: (rule: number, a: number, b: number, line: number, label: string | undefined) => void): void {
    const { keys, keyStart } = this.s;
    for (let k = keyStart[hit.entry]!; k < keyStart[hit.entry + 1]!; k++) {
      add(keys[k * KEY_WIDTH]!, keys[k * KEY_WIDTH + 1]!, keys[k * KEY_WIDTH + 2]!, keys[k * KEY_WIDTH + 3]!, this.labels.size ? this.labels.get(k) : undefined);
    }
  }

  /**
   * The stored entry of `name`, or -1: the one after the last found when the
   * run goes in order (as it mostly does: files come sorted, as the entries
   * are), else by a binary search.
   */
  private find(name: string): number {
    const paths = this.s.paths;
    if (paths[this.cursor] === name) return this.cursor++;
    let lo = 0;
    let hi = paths.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (paths[mid]! < name) lo = mid + 1;
      else hi = mid;
    }
    this.cursor = lo;
    return paths[lo] === name ? this.cursor++ : -1;
  }

  /** Keep a file's outcome for the next run (`until`: when it goes stale; 0 for never cached). */
  record(file: string, sig: Signature | null, until: number, outcome: Omit<Fresh, 'sig' | 'until' | 'labels'>): void {
    const name = this.relative(file);
    const old = this.find(name);
    if (old >= 0) this.state[old] = DROPPED;
    if (!sig || until <= 0 || (this.strategy === 'metadata' && racy(sig[0], sig[1]))) {
      // A file never kept (dated at build time, say) rewrites nothing when it was not kept before either.
      if (this.fresh.delete(name) || old >= 0) this.changes++;
      return;
    }
    this.changes++;
    this.fresh.set(name, { sig, until, ...outcome, labels: new Map() });
  }

  /** A label learnt in this run for a kept file's key (one that is now in a group). */
  learn(file: string, rule: number, key: readonly [number, number], label: string): void {
    const name = this.relative(file);
    const fresh = this.fresh.get(name);
    const keys = fresh ? fresh.keys : this.s.keys;
    let from = 0;
    let to = keys.length / KEY_WIDTH;
    if (!fresh) {
      const i = this.find(name);
      if (i < 0 || this.state[i] !== TAKEN) return;
      from = this.s.keyStart[i]!;
      to = this.s.keyStart[i + 1]!;
    }
    for (let k = from; k < to; k++) {
      if (keys[k * KEY_WIDTH] !== rule || keys[k * KEY_WIDTH + 1] !== key[0] || keys[k * KEY_WIDTH + 2] !== key[1]) continue;
      const labels = fresh ? fresh.labels : this.labels;
      if (labels.get(k) === label) continue;
      labels.set(k, label);
      this.changes++;
    }
  }

  /**
   * Write the cache (atomically) when enough changed. A few changed files (a
   * pre-commit hook's) are not worth rewriting 100 000 entries: the file
   * stays as it was, every entry in it is still checked against its file, and
   * those few are read again next time. `keepOthers`: the run did not cover
   * whole sites, so files it did not see keep their entries.
   */
  async save(keepOthers: boolean): Promise<void> {
    const s = this.s;
    const kept: number[] = [];
    let changes = this.changes;
    for (let i = 0; i < s.paths.length; i++) {
      if (this.state[i] === TAKEN || (keepOthers && this.state[i] === UNSEEN)) kept.push(i);
      else changes++;
    }
    if (changes <= Math.max(FEW_CHANGES, s.paths.length / 1000) && this.stored) return;
    const names = [...kept.map((i) => s.paths[i]!), ...this.fresh.keys()];
    const order = names.map((_, k) => k).sort((a, b) => (names[a]! < names[b]! ? -1 : 1));
    const n = names.length;
    const sigs = new Float64Array(3 * n);
    const until = new Float64Array(n);
    const keyStart = new Uint32Array(n + 1);
    const messages: (string | null)[] = [];
    const directives: (string | null)[] = [];
    let keyCount = 0;
    for (const i of kept) keyCount += s.keyStart[i + 1]! - s.keyStart[i]!;
    for (const f of this.fresh.values()) keyCount += f.keys.length / KEY_WIDTH;
    const keys = new Float64Array(keyCount * KEY_WIDTH);
    const labels: [number, string][] = [];
    order.forEach((k, i) => {
      const at = keyStart[i]!;
      if (k < kept.length) {
        const j = kept[k]!;
        sigs.set(s.sigs.subarray(3 * j, 3 * j + 3), 3 * i);
        until[i] = s.until[j]!;
        messages.push(s.messages[j]!);
        directives.push(s.directives[j]!);
        const from = s.keyStart[j]!;
        const to = s.keyStart[j + 1]!;
        keys.set(s.keys.subarray(from * KEY_WIDTH, to * KEY_WIDTH), at * KEY_WIDTH);
        for (let g = from; g < to; g++) {
          const label = this.labels.get(g);
          if (label !== undefined) labels.push([at + g - from, label]);
        }
        keyStart[i + 1] = at + to - from;
      } else {
        const f = this.fresh.get(names[k]!)!;
        sigs.set(f.sig, 3 * i);
        until[i] = f.until;
        messages.push(f.messages);
        directives.push(f.directives);
        keys.set(f.keys, at * KEY_WIDTH);
        for (const [g, label] of f.labels) labels.push([at + g, label]);
        keyStart[i + 1] = at + f.keys.length / KEY_WIDTH;
      }
    });
    const stored: Stored = { magic: MAGIC, format: FORMAT, key: s.key, paths: order.map((k) => names[k]!), sigs, until, messages, directives, keyStart, keys, labels, walks: this.storedWalks() };
    try {
      await fs.mkdir(path.dirname(this.file), { recursive: true });
      // Derived, and checked when read: a power loss may cost the next run its speed, never its answer.
      await writeFileAtomic(this.file, serialize(pack(stored)), { sync: false });
    } catch {
      // A cache that cannot be written costs the next run its speed, not its answer.
    }
  }

  /**
   * The listings to keep: of a site walked in this run, only the folders it
   * walked when it walked the root (the others are gone or left); listings a
   * site's new settings replaced go.
   */
  private storedWalks(): StoredWalk[] {
    const out: StoredWalk[] = [];
    const walkedRoots = new Set([...this.visited.keys()].map((key) => this.walks.get(key)!.root));
    for (const [key, { root, dirs }] of this.walks) {
      const seen = this.visited.get(key);
      if (!seen && walkedRoots.has(root)) continue;
      const names = [...dirs.keys()].filter((d) => !seen?.has(root) || seen.has(d));
      const stamps = new Float64Array(3 * names.length);
      const listings = names.map((d, i) => {
        const l = dirs.get(d)!;
        stamps.set(l.stamp, 3 * i);
        return [l.folders, l.posts, l.files, l.others] as [string[], string[], string[], string[]];
      });
      out.push({ key, root, dirs: names, stamps, listings });
    }
    return out;
  }

  private relative(file: string): string {
    return file.startsWith(this.prefix) ? (path.sep === '/' ? file.slice(this.prefix.length) : file.slice(this.prefix.length).split(path.sep).join('/')) : file === this.base ? '' : path.relative(this.base, file).split(path.sep).join('/');
  }
}

/**
 * The cache as written: its lists of strings joined into one string each (by
 * NUL, which no path holds, or by newline, which JSON text never holds): V8
 * reads one long string many times faster than 100 000 short ones.
 */
interface Packed extends Omit<Stored, 'paths' | 'messages' | 'directives' | 'walks'> {
  paths: string;
  messages: string;
  directives: string;
  /** Four joined lists per folder. */
  walks: (Omit<StoredWalk, 'listings'> & { listings: string[] })[];
}

function pack(s: Stored): Packed {
  const orEmpty = (list: (string | null)[]) => list.map((m) => m ?? '').join('\n');
  return {
    ...s,
    paths: s.paths.join('\0'),
    messages: orEmpty(s.messages),
    directives: orEmpty(s.directives),
    walks: s.walks.map((w) => ({ ...w, listings: w.listings.flatMap((lists) => lists.map((names) => names.join('\0'))) })),
  };
}

/** The lists of `pack` again, or null when a field is not what pack writes. */
function unpack(p: Packed): Stored | null {
  if (!Array.isArray(p.walks) || !p.walks.every((w) => Array.isArray(w?.dirs) && Array.isArray(w.listings) && w.listings.length === 4 * w.dirs.length)) return null;
  const strings = [p.paths, p.messages, p.directives, ...p.walks.flatMap((w) => w.listings)];
  if (!strings.every((x) => typeof x === 'string')) return null;
  const names = (joined: string) => (joined === '' ? [] : joined.split('\0'));
  const count = p.paths === '' ? 0 : undefined;
  const orNull = (joined: string) => (count === 0 ? [] : joined.split('\n').map((m) => (m === '' ? null : m)));
  const walks = p.walks.map((w) => ({ ...w, listings: w.dirs.map((_, i) => [0, 1, 2, 3].map((k) => names(w.listings[4 * i + k]!)) as [string[], string[], string[], string[]]) }));
  return { ...p, paths: names(p.paths), messages: orNull(p.messages), directives: orNull(p.directives), walks };
}

/** The stored cache if `bytes` are one, whole and well formed; null for anything else. */
function readStored(bytes: Buffer): Stored | null {
  let packed: Packed;
  try {
    packed = deserialize(bytes) as Packed;
  } catch {
    return null;
  }
  if (typeof packed !== 'object' || packed === null || packed.magic !== MAGIC || packed.format !== FORMAT) return null;
  const s = unpack(packed);
  if (!s) return null;
  if (typeof s.key !== 'string') return null;
  if (!Array.isArray(s.paths) || !(s.sigs instanceof Float64Array) || !(s.until instanceof Float64Array) || !(s.keyStart instanceof Uint32Array) || !(s.keys instanceof Float64Array)) return null;
  if (!Array.isArray(s.messages) || !Array.isArray(s.directives) || !Array.isArray(s.labels) || !Array.isArray(s.walks)) return null;
  const n = s.paths.length;
  if (s.sigs.length !== 3 * n || s.until.length !== n || s.messages.length !== n || s.directives.length !== n || s.keyStart.length !== n + 1 || s.keyStart[0] !== 0) return null;
  for (let i = 0; i < n; i++) {
    if (typeof s.paths[i] !== 'string' || s.keyStart[i + 1]! < s.keyStart[i]! || (i > 0 && !(s.paths[i - 1]! < s.paths[i]!))) return null;
    for (const m of [s.messages[i], s.directives[i]]) if (m !== null && typeof m !== 'string') return null;
  }
  if (s.keyStart[n]! * KEY_WIDTH !== s.keys.length) return null;
  for (let k = 0; k < s.keys.length; k += KEY_WIDTH) {
    if (!Number.isInteger(s.keys[k]) || s.keys[k]! < 0 || s.keys[k]! >= RULES.length || !Number.isInteger(s.keys[k + 3]) || s.keys[k + 3]! < 1) return null;
  }
  for (const pair of s.labels) {
    if (!Array.isArray(pair) || !Number.isInteger(pair[0]) || pair[0] < 0 || pair[0] >= s.keys.length / KEY_WIDTH || typeof pair[1] !== 'string') return null;
  }
  for (const w of s.walks) {
    if (typeof w !== 'object' || w === null || typeof w.key !== 'string' || typeof w.root !== 'string' || !Array.isArray(w.dirs) || !(w.stamps instanceof Float64Array) || !Array.isArray(w.listings)) return null;
    if (w.stamps.length !== 3 * w.dirs.length) return null;
    for (let i = 0; i < w.dirs.length; i++) {
      const l = w.listings[i];
      if (typeof w.dirs[i] !== 'string' || !Array.isArray(l) || l.length !== 4 || !l.every((names) => Array.isArray(names) && names.every((x) => typeof x === 'string'))) return null;
    }
  }
  return s;
}

/** Messages as the engine writes them, checked before they are shown as findings; null when they are not. */
export function cachedMessages(json: string): LintMessage[] | null {
  const list = parseJson(json);
  const valid =
    Array.isArray(list) &&
    list.every((m: Partial<LintMessage>) => {
      return (
        typeof m === 'object' &&
        m !== null &&
        (m.ruleId === null || (typeof m.ruleId === 'string' && RULES_BY_ID.has(m.ruleId))) &&
        (m.severity === 1 || m.severity === 2) &&
        typeof m.message === 'string' &&
        Number.isInteger(m.line) &&
        Number.isInteger(m.column)
      );
    });
  return valid ? (list as LintMessage[]) : null;
}

/** A cached list (of inline disables), or null when it is not one. */
export function cachedList<T>(json: string): T[] | null {
  const list = parseJson(json);
  return Array.isArray(list) ? (list as T[]) : null;
}

function parseJson(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}

/**
 * Until when a post's outcome holds: a post dated after now is skipped (and
 * reported) only until that moment; a post dated at build time (its front
 * matter unreadable) keeps its URL until the build's day ends, when its
 * permalink names nothing finer than a day; a post whose Liquid refers to
 * other files is read again on every run.
 */
export function validUntil(post: Post, now: number, site: Site): number {
  const { date, dateSource } = post.jekyll;
  if (LIQUID_REFERENCE.test(post.text)) return 0;
  if (dateSource === 'build-time') return endOfBuildDay(post, now, site);
  if (date && date.epochSeconds * 1000 > now) return date.epochSeconds * 1000;
  return Infinity;
}

/** The first instant of the next day in the site's time zone, or 0 when the post's URL may change sooner (or that instant cannot be told). */
function endOfBuildDay(post: Post, now: number, site: Site): number {
  let template: string;
  try {
    // Jekyll drops unreadable front matter, and the defaults' permalink (or the site's) stands.
    template = permalinkOf(defaultsFor(site, post.path).permalink, site.permalink);
  } catch {
    return 0;
  }
  if (/:(?:hour|minute|second)/.test(template)) return 0;
  const today = zonedTime(now, site.timezone);
  const next = instantFromWall({ year: today.year, month: today.month, day: today.day + 1 }, site.timezone);
  const sameDay = (ms: number) => zonedTime(ms, site.timezone).day === today.day;
  if (!(next > now && sameDay(next - 1000) && !sameDay(next))) return 0;
  // Where clocks fall back over midnight the new day starts twice: the day must hold at every quarter hour until then.
  for (let t = now + QUARTER_HOUR; t < next; t += QUARTER_HOUR) if (!sameDay(t)) return 0;
  return next;
}

const QUARTER_HOUR = 15 * 60_000;

/** Liquid tags whose outcome depends on other files of the site. */
const LIQUID_REFERENCE = /\{%-?\s*(?:include|include_relative|link|post_url)\b/;

/**
 * What a run's results depend on beyond each file: finews' version, the cache
 * strategy, and for each site its configuration, effective lint settings,
 * layouts, plugins folder and whether it shows excerpts (line-endings asks;
 * a template may start or stop showing them). Any change makes a new key and
 * a new cache.
 */
export function cacheKey(version: string, strategy: CacheStrategy, base: string, contexts: readonly RuleContext[], extra: readonly string[]): string {
  const sites = contexts.map((ctx) => ({
    site: { ...ctx.site, root: path.relative(base, ctx.site.root), configFile: ctx.site.configFile && path.relative(base, ctx.site.configFile) },
    settings: ctx.settings,
    layouts: ctx.layouts ? [...ctx.layouts].map(([name, layout]) => `${name} ${JSON.stringify(layout.bodyWhen)} ${JSON.stringify(layout.playsWhen)}`).sort() : null,
    excerpts: showsExcerpts(ctx.site),
  }));
  const text = JSON.stringify({ version, format: FORMAT, strategy, sites, extra }, (_k, v: unknown) => (v instanceof Set ? [...v].sort() : v instanceof RegExp ? String(v) : v));
  return createHash('sha256').update(text).digest('hex');
}

/** What a site's kept folder listings depend on: finews' version and the settings its walk reads. */
export function walkKey(version: string, site: Site): string {
  return createHash('sha256').update(JSON.stringify([version, FORMAT, walkSettings(site)])).digest('hex');
}

/** `--cache-location`: a file, or a folder (one that exists, or a path ending in a separator) to hold `finews-lint`. */
export async function cacheFile(location: string | undefined, cwd: string, siteRoot: string): Promise<string> {
  if (location === undefined) return path.join(siteRoot, DEFAULT_CACHE_FILE);
  if (location === '') throw new UsageError('--cache-location: expected a file or folder');
  const abs = path.resolve(cwd, location);
  const isDir = /[\\/]$/.test(location) || (await fs.stat(abs).then((s) => s.isDirectory(), () => false));
  return isDir ? path.join(abs, path.basename(DEFAULT_CACHE_FILE)) : abs;
}
