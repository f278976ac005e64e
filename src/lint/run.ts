import path from 'node:path';
import { findSiteRoot, loadSite, type Site } from '../site/config.js';
import { assertSite } from '../site/named.js';
import { findInputs } from '../site/files.js';
import { relativeTo } from '../fs/relative.js';
import { byPosition } from './check.js';
import { batchFindings, batchKeys, type PackedBatch } from './batch.js';
import type { FixMode } from './lint-file.js';
import { isDisabled, unusedDirectives, type Directive } from './directives.js';
import { KeySet, readCache, readLabel, type CacheHit, type CacheOptions } from './cached-run.js';
import type { KeyFact } from './check.js';
import { dropIgnored } from './ignore.js';
import { contextCache, lintAll } from './pool.js';
import { lintSettings } from './settings.js';
import { signatureAt, startSigning } from './signatures.js';
import { SiteKeys } from './site-keys.js';
import type { LintMessage, LintResult, LintSettings, Severity } from './types.js';
import type { UrlMove, UrlPolicy } from './url-keep.js';
import { wholeSiteFiles } from './whole-site.js';

export interface RunOptions {
  inputs: readonly string[];
  cwd: string;
  env: Record<string, string | undefined>;
  now: Date;
  ruleArgs: readonly string[];
  fix: FixMode;
  /** When the fixes would change a post's URL (default: keep the old one working). */
  urls?: UrlPolicy;
  /** Threads; default: one per core when there are enough files. */
  jobs?: number;
  /** How an unused inline disable is reported (ESLint's --report-unused-disable-directives-severity; default warn). */
  unusedDisableSeverity?: Severity;
  /** Told after each batch: how many files it held, and how many there are in all (for a progress line). */
  onLinted?: (count: number, total: number) => void;
  /** Heap cap of each thread in MB (for tests). */
  workerHeapMb?: number;
  /** --cache: keep each file's outcome and read again only what changed. */
  cache?: CacheOptions;
}

export interface RunOutput {
  results: LintResult[];
  /** Under --fix-dry-run: one unified diff per file that would change, in file order. */
  diffs: string[];
  /** Posts whose URL the fixes change (or would), in file order. */
  moves: { filePath: string; move: UrlMove }[];
}

const NO_MESSAGES: LintMessage[] = [];

/** Lint the posts named by `inputs` (default: the site's _posts and _drafts). */
export async function runLint(options: RunOptions): Promise<RunOutput> {
  const start = options.inputs[0] ? path.resolve(options.cwd, options.inputs[0]) : options.cwd;
  const first = await loadSite(start, options.env);
  // With nothing named, the run is the site's: outside any site there is nothing to lint.
  if (options.inputs.length === 0) assertSite(first, options.cwd);
  // The cache's folder listings spare the walk the folders that have not changed.
  const store = options.cache ? await readCache(options.cache, options.cwd, first.root) : null;
  // Folders, links and FIFOs named like posts are linted too: each gets a diagnostic.
  const inputs = await findInputs(options.inputs, options.cwd, first, store?.walkMemo(first));
  let files = inputs.others.length ? [...inputs.files, ...inputs.others].sort() : inputs.files;

  // Each file is read against its own site (its time zone, permalink, lint settings).
  const roots: string[] = [];
  const settings: LintSettings[] = [];
  const rootIndex = new Map<string, number>();
  const byFolder = new Map<string, number>();
  const addSite = (site: Site) => {
    let i = rootIndex.get(site.root);
    if (i === undefined) {
      i = roots.length;
      rootIndex.set(site.root, i);
      roots.push(site.root);
      settings.push(lintSettings(site, options.ruleArgs, options.cwd));
    }
    return i;
  };
  addSite(first);
  // Files come sorted, so mostly from the folder of the file before: then no map lookup and no await, for each of 100 000 posts.
  let lastFolder = '\0';
  let lastRoot = 0;
  const sameFolder = (file: string) => file.startsWith(lastFolder) && file.lastIndexOf(path.sep) === lastFolder.length - 1;
  const rootFor = async (file: string) => {
    if (sameFolder(file)) return lastRoot;
    const folder = path.dirname(file);
    let i = byFolder.get(folder);
    if (i === undefined) {
      const root = findSiteRoot(folder);
      i = root === first.root ? 0 : addSite(await loadSite(folder, options.env));
      byFolder.set(folder, i);
    }
    lastFolder = `${folder}${path.sep}`;
    lastRoot = i;
    return i;
  };
  let rootOf: number[] = [];
  for (const file of files) rootOf.push(sameFolder(file) ? lastRoot : await rootFor(file));
  ({ files, rootOf } = dropIgnored(files, rootOf, roots, settings.map((s) => s.ignore ?? [])));

  // Named files are compared with every post of their sites, as a whole-site run would: those are read for their keys only.
  const named = files.length;
  if (options.inputs.length > 0) {
    const load = (root: string) => (root === first.root ? Promise.resolve(first) : loadSite(root, options.env));
    const others = await wholeSiteFiles(files, roots, settings, options.cwd, load, store ? (site) => store.walkMemo(site) : undefined);
    const otherRoots: number[] = [];
    for (const file of others) otherRoots.push(sameFolder(file) ? lastRoot : await rootFor(file));
    const kept = dropIgnored(others, otherRoots, roots, settings.map((s) => s.ignore ?? []));
    files = [...files, ...kept.files];
    rootOf = [...rootOf, ...kept.rootOf];
  }
  const isNamed = (i: number) => i < named;

  const now = options.now.getTime();
  // Files are stated (or read and hashed) from now on, while the settings and the cache's outcomes are read.
  const signing = options.cache ? startSigning(files, options.cache.strategy) : null;
  const contexts = contextCache({ roots, env: options.env, ruleArgs: options.ruleArgs, cwd: options.cwd });
  const cached = store ? await store.start(roots, contexts) : null;

  // Findings stay packed until the threads are done; keys are grouped as they come.
  const packed: Pick<PackedBatch, 'indices' | 'messages' | 'diffs' | 'moves' | 'directives'>[] = [];
  const keys = new SiteKeys();
  // The named files' keys, when the cache is to spare the others' that no named file shares.
  const namedKeys = cached && named < files.length ? new KeySet() : null;
  const addKey = (i: number, fact: Omit<KeyFact, 'label'>, label: (() => string) | undefined) => {
    keys.add(rootOf[i]!, i, fact, label);
    if (namedKeys && isNamed(i)) namedKeys.add(rootOf[i]!, fact);
  };
  const found = new Map<number, LintMessage[]>();
  const directivesOf = new Map<number, Directive[]>();
  const fresh: number[] = [];
  // Posts only compared with (not named) and taken from the cache: their keys are added once the named files' are known.
  const comparedOnly: [number, CacheHit][] = [];
  if (cached) {
    // Each chunk of files is looked up while the next chunk's files are stated (or read and hashed).
    await signing!.each((from, sigs) => {
      for (let k = 0, i = from; k < sigs.length / 3; k++, i++) {
        const hit = cached.take(files[i]!, signatureAt(sigs, k), now, options.fix !== 'off' && isNamed(i), isNamed(i));
        if (!hit) fresh.push(i);
        else if (!isNamed(i)) comparedOnly.push([i, hit]);
        else {
          if (hit.found) found.set(i, hit.found);
          if (hit.disables) directivesOf.set(i, hit.disables);
          cached.forEachKey(hit, (fact, label) => addKey(i, fact, label));
        }
      }
    });
  } else for (let i = 0; i < files.length; i++) fresh.push(i);

  // Named files under --fix, then the rest (never fixed): each run maps its own indices back to the files'.
  const firstOther = fresh.findIndex((i) => !isNamed(i));
  const runs = options.fix === 'off' || firstOther < 0 ? [[fresh, options.fix] as const] : [[fresh.slice(0, firstOther), options.fix] as const, [fresh.slice(firstOther), 'off' as const] as const];
  for (const [subset, fix] of runs) {
    if (subset.length === 0) continue;
    await lintAll(
      { files: subset.map((i) => files[i]!), rootOf: subset.map((i) => rootOf[i]!), roots, env: options.env, ruleArgs: options.ruleArgs, cwd: options.cwd, now, fix, urls: options.urls, workerHeapMb: options.workerHeapMb },
      options.jobs,
      (local) => {
        const batch = { ...local, indices: local.indices.map((k) => subset[k]!) };
        for (const { file, fact, label } of batchKeys(local)) addKey(subset[file]!, fact, label);
        cached?.keep(local, (k) => files[subset[k]!]!);
        options.onLinted?.(batch.indices.length, fresh.length);
        packed.push({ indices: batch.indices, messages: batch.messages, diffs: batch.diffs, moves: batch.moves, directives: batch.directives });
      },
    );
  }

  // A key no named file has makes no finding on a named file: only the others' keys the named files share are grouped.
  for (const [i, hit] of comparedOnly) {
    cached!.forEachKey(
      hit,
      (fact, label) => {
        if (namedKeys!.has(rootOf[i]!, fact)) keys.add(rootOf[i]!, i, fact, label);
      },
      namedKeys!,
    );
  }

  // Only files with findings or diffs keep anything: most posts of a healthy site are clean.
  const diffOf = new Map<number, string>();
  const moveOf = new Map<number, UrlMove>();
  for (const batch of packed.splice(0)) {
    for (const { file, messages, diff, move, directives } of batchFindings(batch)) {
      if (!isNamed(file)) continue;
      if (directives) directivesOf.set(file, directives);
      if (messages) found.set(file, messages);
      if (diff) diffOf.set(file, diff);
      if (move) moveOf.set(file, move);
    }
  }

  const relative = relativeTo(options.cwd);
  const shown = (i: number) => relative(files[i]!);
  const loaded = await Promise.all(roots.map((_, r) => contexts(r)));
  const labelOf = (i: number, ruleId: string, key: readonly [number, number]) => readLabel(files[i]!, loaded[rootOf[i]!]!, options.now, ruleId, key);
  for (const [i, extra] of keys.messages((i, ruleId) => settings[rootOf[i]!]!.severities[ruleId] ?? 'off', shown, labelOf, isNamed)) {
    found.set(i, [...(found.get(i) ?? []), ...extra].sort(byPosition));
  }
  // Inline disables: the cross-file findings they cover go, and those that covered nothing are reported.
  for (const [i, directives] of directivesOf) {
    const kept = (found.get(i) ?? []).filter((m) => !isDisabled(directives, m.ruleId, m.line));
    found.set(i, [...kept, ...unusedDirectives(directives, options.unusedDisableSeverity)].sort(byPosition));
  }
  if (cached) await cached.save(keys, (i) => files[i]!, options.inputs.length > 0 && named === files.length);
  files = files.slice(0, named);
  const results = files.map((file, i) => resultOf(file, found.get(i) ?? NO_MESSAGES));
  const diffs = files.flatMap((_, i) => diffOf.get(i) ?? []);
  const moves = [...moveOf].sort((a, b) => a[0] - b[0]).map(([i, move]) => ({ filePath: files[i]!, move }));
  return { results, diffs, moves };
}

function resultOf(filePath: string, messages: LintMessage[]): LintResult {
  const result: LintResult = { filePath, messages, errorCount: 0, warningCount: 0, fixableErrorCount: 0, fixableWarningCount: 0 };
  for (const m of messages) {
    if (m.severity === 2) {
      result.errorCount++;
      if (m.fixable) result.fixableErrorCount++;
    } else {
      result.warningCount++;
      if (m.fixable) result.fixableWarningCount++;
    }
  }
  return result;
}
