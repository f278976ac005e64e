import { createHash } from 'node:crypto';
import { promises as fs, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { UsageError } from '../errors.js';
import { writeFileAtomic } from '../fs/atomic.js';
import type { Post } from '../post/parse.js';
import { RULES } from './rules/index.js';
import type { LintMessage, RuleContext } from './types.js';

export type CacheStrategy = 'metadata' | 'content';
export const CACHE_STRATEGIES: readonly CacheStrategy[] = ['metadata', 'content'];

/** Where `--cache` keeps its file when no `--cache-location` is given, relative to the site root. */
export const DEFAULT_CACHE_FILE = path.join('.jekyll-cache', 'finews-lint');

/** Bumped whenever the file's layout or what an entry means changes. */
const FORMAT = 1;
const MAGIC = 'finews-lint-cache';
/** Numbers per cross-file key: rule index, the two hashes, line. */
const KEY_WIDTH = 4;

/** How a file stands: metadata (mtime, ctime, size) or content (two hash words, size). */
export type Signature = readonly [number, number, number];

/** What a cached file holds: its findings and cross-file keys, as the engine packs them. */
export interface CachedOutcome {
  /** JSON of the messages, null for none. */
  messages: string | null;
  /** JSON of the post's inline disables, null for none. */
  directives: string | null;
  /** KEY_WIDTH numbers per key. */
  keys: ArrayLike<number>;
  /** Labels of keys that were in a group, by key number; others are read again when needed. */
  labels: Map<number, string>;
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
}

interface Entry {
  sig: Signature;
  until: number;
  outcome: CachedOutcome;
}

/**
 * `lint --cache`: each file's findings and cross-file keys, valid while the
 * file, the site's configuration, the lint settings and finews stay as they
 * were. The file is read whole or not at all: a cache that is corrupt, foreign
 * or made under other settings is ignored and rebuilt, never trusted.
 */
export class LintCache {
  private readonly old = new Map<string, Entry>();
  private readonly next = new Map<string, Entry>();
  private changed = false;

  private constructor(
    readonly file: string,
    readonly strategy: CacheStrategy,
    private readonly key: string,
    private readonly base: string,
  ) {}

  /** Open the cache at `file` for a run whose settings hash to `key`; paths are kept relative to `base`. */
  static async open(file: string, strategy: CacheStrategy, key: string, base: string): Promise<LintCache> {
    const cache = new LintCache(file, strategy, key, base);
    let bytes: Buffer | null = null;
    try {
      bytes = await fs.readFile(file);
    } catch {
      cache.changed = true;
    }
    if (bytes) {
      const stored = readStored(bytes);
      if (stored && stored.key === key) cache.load(stored);
      else cache.changed = true;
    }
    return cache;
  }

  private load(s: Stored): void {
    // Views, not copies: a re-run of 100 000 posts spends its time here.
    const outcomes: CachedOutcome[] = new Array(s.paths.length);
    for (let i = 0; i < s.paths.length; i++) {
      const from = s.keyStart[i]!;
      const to = s.keyStart[i + 1]!;
      outcomes[i] = { messages: s.messages[i]!, directives: s.directives[i]!, keys: s.keys.subarray(from * KEY_WIDTH, to * KEY_WIDTH), labels: new Map() };
      this.old.set(s.paths[i]!, { sig: [s.sigs[3 * i]!, s.sigs[3 * i + 1]!, s.sigs[3 * i + 2]!], until: s.until[i]!, outcome: outcomes[i]! });
    }
    // Labels are few (keys in groups): each finds its file by a binary search of keyStart.
    for (const [k, label] of s.labels) {
      let lo = 0;
      let hi = s.paths.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (s.keyStart[mid]! <= k) lo = mid;
        else hi = mid - 1;
      }
      outcomes[lo]!.labels.set(k - s.keyStart[lo]!, label);
    }
  }

  /** How the file stands now, or null when it cannot be told (then it is linted and not cached). */
  signature(file: string): Signature | null {
    try {
      if (this.strategy === 'metadata') {
        const stat = statSync(file);
        return stat.isFile() ? [stat.mtimeMs, stat.ctimeMs, stat.size] : null;
      }
      const bytes = readFileSync(file);
      const digest = createHash('sha256').update(bytes).digest();
      return [digest.readUInt32LE(0) * 2 ** 21 + (digest.readUInt32LE(4) >>> 11), digest.readUInt32LE(8) * 2 ** 21 + (digest.readUInt32LE(12) >>> 11), bytes.length];
    } catch {
      return null;
    }
  }

  /** The file's cached outcome if it still stands as it did and nothing dated has come due since. */
  lookup(file: string, sig: Signature | null, now: number): CachedOutcome | null {
    if (!sig) return null;
    const entry = this.old.get(this.relative(file));
    if (!entry || now >= entry.until || entry.sig[0] !== sig[0] || entry.sig[1] !== sig[1] || entry.sig[2] !== sig[2]) return null;
    if (entry.outcome.messages !== null && !validMessages(entry.outcome.messages)) return null;
    if (entry.outcome.directives !== null && !validList(entry.outcome.directives)) return null;
    this.next.set(this.relative(file), entry);
    return entry.outcome;
  }

  /** Keep a file's outcome for the next run (`until`: when it goes stale; 0 for never cached). */
  record(file: string, sig: Signature | null, until: number, outcome: CachedOutcome): void {
    const name = this.relative(file);
    if (!sig || until <= 0 || (this.strategy === 'metadata' && racy(sig))) {
      // A file never kept (dated at build time, say) rewrites nothing when it was not kept before either.
      if (this.old.has(name)) this.changed = true;
      return;
    }
    this.changed = true;
    this.next.set(name, { sig, until, outcome });
  }

  /** A label learnt in this run for a kept file's key (one that is now in a group). */
  learn(file: string, rule: number, key: readonly [number, number], label: string): void {
    const entry = this.next.get(this.relative(file));
    if (!entry) return;
    const { keys, labels } = entry.outcome;
    for (let k = 0; k * KEY_WIDTH < keys.length; k++) {
      if (keys[k * KEY_WIDTH] !== rule || keys[k * KEY_WIDTH + 1] !== key[0] || keys[k * KEY_WIDTH + 2] !== key[1] || labels.get(k) === label) continue;
      labels.set(k, label);
      this.changed = true;
    }
  }

  /**
   * Write the cache (atomically) when anything changed. `keepOthers`: the run
   * did not cover whole sites, so files it did not see keep their entries.
   */
  async save(keepOthers: boolean): Promise<void> {
    if (keepOthers) {
      for (const [name, entry] of this.old) if (!this.next.has(name)) this.next.set(name, entry);
    } else if (this.next.size !== this.old.size) this.changed = true;
    if (!this.changed) return;
    const names = [...this.next.keys()].sort();
    const n = names.length;
    const sigs = new Float64Array(3 * n);
    const until = new Float64Array(n);
    const keyStart = new Uint32Array(n + 1);
    const messages: (string | null)[] = [];
    const directives: (string | null)[] = [];
    let keyCount = 0;
    for (const entry of this.next.values()) keyCount += entry.outcome.keys.length;
    const keys = new Float64Array(keyCount);
    const labels: [number, string][] = [];
    names.forEach((name, i) => {
      const entry = this.next.get(name)!;
      sigs.set(entry.sig, 3 * i);
      until[i] = entry.until;
      messages.push(entry.outcome.messages);
      directives.push(entry.outcome.directives);
      for (const [k, label] of entry.outcome.labels) labels.push([keyStart[i]! + k, label]);
      keys.set(entry.outcome.keys, keyStart[i]! * KEY_WIDTH);
      keyStart[i + 1] = keyStart[i]! + entry.outcome.keys.length / KEY_WIDTH;
    });
    const stored: Stored = { magic: MAGIC, format: FORMAT, key: this.key, paths: names, sigs, until, messages, directives, keyStart, keys, labels };
    try {
      await fs.mkdir(path.dirname(this.file), { recursive: true });
      await writeFileAtomic(this.file, serialize(stored));
    } catch {
      // A cache that cannot be written costs the next run its speed, not its answer.
    }
  }

  private relative(file: string): string {
    return path.relative(this.base, file);
  }
}

/**
 * A file changed so recently that another change within the same clock tick
 * would leave its mtime, ctime and size as they are (git's "racily clean"
 * files): it is not kept, and is read again next time. File systems that
 * keep whole seconds get a wider window.
 */
function racy(sig: Signature): boolean {
  const coarse = sig[0] % 1000 === 0 && sig[1] % 1000 === 0;
  return Date.now() - Math.max(sig[0], sig[1]) < (coarse ? 2000 : 100);
}

/** The stored cache if `bytes` are one, whole and well formed; null for anything else. */
function readStored(bytes: Buffer): Stored | null {
  let s: Stored;
  try {
    s = deserialize(bytes) as Stored;
  } catch {
    return null;
  }
  if (typeof s !== 'object' || s === null || s.magic !== MAGIC || s.format !== FORMAT || typeof s.key !== 'string') return null;
  if (!Array.isArray(s.paths) || !(s.sigs instanceof Float64Array) || !(s.until instanceof Float64Array) || !(s.keyStart instanceof Uint32Array) || !(s.keys instanceof Float64Array)) return null;
  if (!Array.isArray(s.messages) || !Array.isArray(s.directives) || !Array.isArray(s.labels)) return null;
  const n = s.paths.length;
  if (s.sigs.length !== 3 * n || s.until.length !== n || s.messages.length !== n || s.directives.length !== n || s.keyStart.length !== n + 1 || s.keyStart[0] !== 0) return null;
  for (let i = 0; i < n; i++) {
    if (typeof s.paths[i] !== 'string' || s.keyStart[i + 1]! < s.keyStart[i]!) return null;
    for (const m of [s.messages[i], s.directives[i]]) if (m !== null && typeof m !== 'string') return null;
  }
  if (s.keyStart[n]! * KEY_WIDTH !== s.keys.length) return null;
  for (let k = 0; k < s.keys.length; k += KEY_WIDTH) {
    if (!Number.isInteger(s.keys[k]) || s.keys[k]! < 0 || s.keys[k]! >= RULES.length || !Number.isInteger(s.keys[k + 3]) || s.keys[k + 3]! < 1) return null;
  }
  for (const pair of s.labels) {
    if (!Array.isArray(pair) || !Number.isInteger(pair[0]) || pair[0] < 0 || pair[0] >= s.keys.length / KEY_WIDTH || typeof pair[1] !== 'string') return null;
  }
  return s;
}

/** Messages as the engine writes them, checked before they are shown as findings. */
function validMessages(json: string): boolean {
  let list: unknown;
  try {
    list = JSON.parse(json);
  } catch {
    return false;
  }
  return (
    Array.isArray(list) &&
    list.every((m: Partial<LintMessage>) => {
      return (
        typeof m === 'object' &&
        m !== null &&
        (m.ruleId === null || (typeof m.ruleId === 'string' && RULES.some((r) => r.id === m.ruleId))) &&
        (m.severity === 1 || m.severity === 2) &&
        typeof m.message === 'string' &&
        Number.isInteger(m.line) &&
        Number.isInteger(m.column)
      );
    })
  );
}

function validList(json: string): boolean {
  try {
    return Array.isArray(JSON.parse(json));
  } catch {
    return false;
  }
}

/**
 * Until when a post's outcome holds: a post dated after now is skipped (and
 * reported) only until that moment; a post dated at build time, or one whose
 * Liquid refers to other files, is read again on every run.
 */
export function validUntil(post: Post, now: number): number {
  const { date, dateSource } = post.jekyll;
  if (dateSource === 'build-time' || LIQUID_REFERENCE.test(post.text)) return 0;
  if (date && date.epochSeconds * 1000 > now) return date.epochSeconds * 1000;
  return Infinity;
}

/** Liquid tags whose outcome depends on other files of the site. */
const LIQUID_REFERENCE = /\{%-?\s*(?:include|include_relative|link|post_url)\b/;

/**
 * What a run's results depend on beyond each file: finews' version, the cache
 * strategy, and for each site its configuration, effective lint settings,
 * layouts and plugins folder. Any change makes a new key and a new cache.
 */
export function cacheKey(version: string, strategy: CacheStrategy, base: string, contexts: readonly RuleContext[], extra: readonly string[]): string {
  const sites = contexts.map((ctx) => ({
    site: { ...ctx.site, root: path.relative(base, ctx.site.root), configFile: ctx.site.configFile && path.relative(base, ctx.site.configFile) },
    settings: ctx.settings,
    layouts: ctx.layouts ? [...ctx.layouts].map(([name, layout]) => `${name}${layout.showsBody ? '' : ' (no body)'}`).sort() : null,
  }));
  const text = JSON.stringify({ version, format: FORMAT, strategy, sites, extra }, (_k, v: unknown) => (v instanceof Set ? [...v].sort() : v instanceof RegExp ? String(v) : v));
  return createHash('sha256').update(text).digest('hex');
}

/** `--cache-location`: a file, or a folder (one that exists, or a path ending in a separator) to hold `finews-lint`. */
export async function cacheFile(location: string | undefined, cwd: string, siteRoot: string): Promise<string> {
  if (location === undefined) return path.join(siteRoot, DEFAULT_CACHE_FILE);
  if (location === '') throw new UsageError('--cache-location: expected a file or folder');
  const abs = path.resolve(cwd, location);
  const isDir = /[\\/]$/.test(location) || (await fs.stat(abs).then((s) => s.isDirectory(), () => false));
  return isDir ? path.join(abs, path.basename(DEFAULT_CACHE_FILE)) : abs;
}
