import { createRequire } from 'node:module';
import path from 'node:path';
import { asciiJson } from '../formatters/json.js';
import { readPostSync } from '../post/read.js';
import type { Site } from '../site/config.js';
import type { WalkMemo } from '../site/files.js';
import { batchKeys, type PackedBatch } from './batch.js';
import { cachedList, cachedMessages, cacheFile, cacheKey, LintCache, walkKey, type CachedOutcome } from './cache.js';
import type { KeyFact } from './check.js';
import type { Directive } from './directives.js';
import { keyHash } from './key-hash.js';
import { MESSAGES_JSON } from './messages-json.js';
import { RULES, RULES_BY_ID } from './rules/index.js';
import type { CacheStrategy, Signature } from './signatures.js';
import { isSiteRule, type LintMessage, type RuleContext } from './types.js';
import type { SiteKeys } from './site-keys.js';

export interface CacheOptions {
  /** --cache-location: a file or a folder (default: the site's `.jekyll-cache/finews-lint`). */
  location?: string;
  strategy: CacheStrategy;
}

const RULE_INDEX = new Map(RULES.map((r, i) => [r.id, i]));

/** A cached outcome as a run uses it: a named file's findings parsed (and checked), the others' keys only. */
export interface CacheHit {
  outcome: CachedOutcome;
  found: LintMessage[] | null;
  disables: Directive[] | null;
}

/** A run's view of the cache: what it takes from it, and what it keeps for the next run. */
export interface RunCache {
  /** The file's outcome when the cache holds it still valid at `sig` (see startSigning); null when the file must be linted (`forFix`: one with fixable findings is; `named`: its findings are parsed). */
  take(file: string, sig: Signature | null, now: number, forFix: boolean, named: boolean): CacheHit | null;
  /** Keep the outcomes of a linted batch: `local` as the pool packed it, `fileOf` maps its file indices to paths. */
  keep(local: PackedBatch, fileOf: (local: number) => string): void;
  /** Call `add` with each of a hit's keys (the fact object is reused: copy what you keep); `among`: only keys whose first hash it has. */
  forEachKey(hit: CacheHit, add: (fact: Omit<KeyFact, 'label'>, label: (() => string) | undefined) => void, among?: KeySet): void;
  /** Learn the labels of shared keys and write the cache. */
  save(keys: SiteKeys, fileOf: (i: number) => string, keepOthers: boolean): Promise<void>;
}

/** The cache file of a run, read before the walk: its folder listings serve the walk, its outcomes the lint once the settings are known. */
export interface OpenedCache {
  /** Kept folder listings of `site`; none under the content strategy, which trusts no metadata (a checkout's folders are all new). */
  walkMemo(site: Site): WalkMemo | undefined;
  /** The outcomes, if they were made under the settings of these sites. */
  start(roots: readonly string[], contexts: (root: number) => Promise<RuleContext>): Promise<RunCache>;
}

function version(): string {
  return (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
}

export async function readCache(options: CacheOptions, cwd: string, base: string): Promise<OpenedCache> {
  const file = await cacheFile(options.location, cwd, base);
  const cache = await LintCache.read(file, base);
  return {
    walkMemo: (site) => (options.strategy === 'metadata' ? cache.walkMemo(site.root, walkKey(version(), site)) : undefined),
    start: async (roots, contexts) => {
      const loaded = await Promise.all(roots.map((_, r) => contexts(r)));
      cache.useKey(cacheKey(version(), options.strategy, base, loaded, [process.version]), options.strategy);
      return runCache(cache);
    },
  };
}

function runCache(cache: LintCache): RunCache {
  const pending = new Map<string, Signature | null>();
  return {
    take(file, sig, now, forFix, named) {
      const hit = cache.lookup(file, sig, now);
      if (hit && !(forFix && hit.messages?.includes('"fixable":true'))) {
        if (!named) return { outcome: hit, found: null, disables: null };
        const found = hit.messages === null ? null : cachedMessages(hit.messages);
        if (found) MESSAGES_JSON.set(found, hit.messages!);
        const disables = hit.directives === null ? null : cachedList<Directive>(hit.directives);
        if ((found || hit.messages === null) && (disables || hit.directives === null)) return { outcome: hit, found, disables };
      }
      pending.set(file, sig);
      return null;
    },
    keep(local, fileOf) {
      const messages = JSON.parse(local.messages) as unknown[];
      const directives = local.directives ? (JSON.parse(local.directives) as unknown[]) : [];
      // A file the fixes change (or would) is read again next time.
      const changed = new Set<number>();
      for (const json of [local.diffs, local.moves]) if (json) (JSON.parse(json) as unknown[]).forEach((v, k) => v && changed.add(k));
      // Keys name files by index; messages, diffs and the rest go by place in the batch.
      const keysOf = new Map<number, number[]>();
      for (const { file, fact } of batchKeys(local)) {
        let list = keysOf.get(file);
        if (!list) keysOf.set(file, (list = []));
        list.push(RULE_INDEX.get(fact.ruleId)!, fact.key[0], fact.key[1], fact.line);
      }
      local.indices.forEach((index, k) => {
        const name = fileOf(index);
        const until = changed.has(k) ? 0 : (local.until?.[k] ?? 0);
        cache.record(name, pending.get(name) ?? null, until, {
          messages: messages[k] ? asciiJson(JSON.stringify(messages[k])) : null,
          directives: directives[k] ? asciiJson(JSON.stringify(directives[k])) : null,
          keys: keysOf.get(index) ?? [],
        });
      });
    },
    forEachKey(hit, add, among) {
      const key: [number, number] = [0, 0];
      const fact = { ruleId: '', key, line: 0 };
      cache.forEachKey(hit.outcome, (rule, a, b, line, label) => {
        if (among && !among.hasFirst(a)) return;
        fact.ruleId = RULES[rule]!.id;
        key[0] = a;
        key[1] = b;
        fact.line = line;
        add(fact, label === undefined ? undefined : () => label);
      });
    },
    async save(keys, fileOf, keepOthers) {
      for (const shared of keys.shared()) {
        const rule = RULE_INDEX.get(shared.ruleId)!;
        for (const i of shared.files) cache.learn(fileOf(i), rule, shared.key, shared.label);
      }
      await cache.save(keepOthers);
    },
  };
}

/** Cross-file keys by site and rule, for a quick "does any named file have this one?". */
export class KeySet {
  private readonly byFirst = new Map<number, string[]>();

  add(root: number, fact: Omit<KeyFact, 'label'>): void {
    const tag = `${root}:${fact.ruleId}:${fact.key[1]}`;
    const list = this.byFirst.get(fact.key[0]);
    if (!list) this.byFirst.set(fact.key[0], [tag]);
    else if (!list.includes(tag)) list.push(tag);
  }

  /** Whether any key has this first hash: most keys are told apart by it alone, with no string made. */
  hasFirst(a: number): boolean {
    return this.byFirst.has(a);
  }

  has(root: number, fact: Omit<KeyFact, 'label'>): boolean {
    const list = this.byFirst.get(fact.key[0]);
    return list !== undefined && list.includes(`${root}:${fact.ruleId}:${fact.key[1]}`);
  }
}

/** A key's label read again from its file, for a group whose members all came from the cache without one. */
export function readLabel(file: string, ctx: RuleContext, now: Date, ruleId: string, key: readonly [number, number]): string {
  const rule = RULES_BY_ID.get(ruleId);
  const read = readPostSync(file, ctx.site, { now });
  if (!rule || !isSiteRule(rule) || !read.post) return path.basename(file);
  for (const k of rule.keys(read.post, ctx)) {
    const [a, b] = keyHash(k.key);
    if (a === key[0] && b === key[1]) return k.label;
  }
  return path.basename(file);
}
