import { createRequire } from 'node:module';
import path from 'node:path';
import { readPostSync } from '../post/read.js';
import { batchKeys, type PackedBatch } from './batch.js';
import { cacheFile, cacheKey, LintCache, type CachedOutcome, type CacheStrategy, type Signature } from './cache.js';
import type { KeyFact } from './check.js';
import { keyHash } from './key-hash.js';
import { RULES, RULES_BY_ID } from './rules/index.js';
import { isSiteRule, type RuleContext } from './types.js';
import type { SiteKeys } from './site-keys.js';

export interface CacheOptions {
  /** --cache-location: a file or a folder (default: the site's `.jekyll-cache/finews-lint`). */
  location?: string;
  strategy: CacheStrategy;
}

const RULE_INDEX = new Map(RULES.map((r, i) => [r.id, i]));

/** A run's view of the cache: what it takes from it, and what it keeps for the next run. */
export interface RunCache {
  /** The file's outcome when the cache holds it still valid; null when the file must be linted (`forFix`: one with fixable findings is). */
  take(file: string, now: number, forFix: boolean): CachedOutcome | null;
  /** Keep the outcomes of a linted batch: `local` as the pool packed it, `fileOf` maps its file indices to paths. */
  keep(local: PackedBatch, fileOf: (local: number) => string): void;
  /** Learn the labels of shared keys and write the cache. */
  save(keys: SiteKeys, fileOf: (i: number) => string, keepOthers: boolean): Promise<void>;
}

export async function openCache(options: CacheOptions, cwd: string, roots: readonly string[], contexts: (root: number) => Promise<RuleContext>): Promise<RunCache> {
  const base = roots[0]!;
  const loaded = await Promise.all(roots.map((_, r) => contexts(r)));
  const file = await cacheFile(options.location, cwd, base);
  const version = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
  const key = cacheKey(version, options.strategy, base, loaded, [process.version]);
  const cache = await LintCache.open(file, options.strategy, key, base);
  const pending = new Map<string, Signature | null>();
  return {
    take(file, now, forFix) {
      const sig = cache.signature(file);
      const hit = cache.lookup(file, sig, now);
      if (hit && !(forFix && hit.messages?.includes('"fixable":true'))) return hit;
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
          messages: messages[k] ? JSON.stringify(messages[k]) : null,
          directives: directives[k] ? JSON.stringify(directives[k]) : null,
          keys: keysOf.get(index) ?? [],
          labels: new Map(),
        });
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

/** A cached file's keys, each with its label when the cache has it. */
export function* cachedKeys(hit: CachedOutcome): Generator<{ fact: Omit<KeyFact, 'label'>; label: (() => string) | undefined }> {
  for (let k = 0; k * 4 < hit.keys.length; k++) {
    const label = hit.labels.get(k);
    yield {
      fact: { ruleId: RULES[hit.keys[4 * k]!]!.id, key: [hit.keys[4 * k + 1]!, hit.keys[4 * k + 2]!], line: hit.keys[4 * k + 3]! },
      label: label === undefined ? undefined : () => label,
    };
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
