import { promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { github } from '../formatters/github.js';
import { jsonChunks, jsonWithMetadataChunks } from '../formatters/json.js';
import { sarifChunks } from '../formatters/sarif.js';
import { stylish } from '../formatters/stylish.js';
import { ioError, removeStaleTemps, writeFileAtomic } from '../fs/atomic.js';
import { useColor, type Io } from '../io.js';
import { isUnwritten } from '../lint/lint-file.js';
import { RULES } from '../lint/rules/index.js';
import { effectiveConfig } from '../lint/print-config.js';
import { CACHE_STRATEGIES, type CacheStrategy } from '../lint/signatures.js';
import { runLint } from '../lint/run.js';
import { Progress } from '../progress.js';
import { loadSite, findSiteRoot } from '../site/config.js';
import { collectionsNoteAt, namedInputLines, sortNamedInputs } from '../site/named.js';
import { SEVERITIES } from '../lint/settings.js';
import type { FormatterChunks, LintResult, Severity } from '../lint/types.js';
import { describeMove, URL_POLICIES, type UrlPolicy } from '../lint/url-keep.js';

/** Each format as pieces of text; stylish and GitHub reports are small enough to come in one. */
export const FORMATS: Readonly<Record<string, FormatterChunks>> = {
  stylish: (results, ctx) => [stylish(results, ctx)],
  json: jsonChunks,
  'json-with-metadata': jsonWithMetadataChunks,
  github: (results, ctx) => [github(results, ctx)],
  sarif: sarifChunks,
};

export interface LintOptions {
  /** Posts, folders or globs; none means the site's _posts and _drafts. */
  files: string[];
  /** stylish (default), json, github or sarif. */
  format?: string;
  /** Write the report to this file instead of standard output. */
  outputFile?: string;
  /** Report errors only; warnings still count towards --max-warnings. */
  quiet?: boolean;
  /** Exit 1 when there are more warnings than this. Default: no limit. */
  maxWarnings?: number;
  /** Rewrite files with every fix the rules offer. */
  fix?: boolean;
  /** Print the fixes as a unified diff; write nothing. */
  fixDryRun?: boolean;
  /** How an unused inline disable is reported: error, warn (default) or off. */
  reportUnusedDisableDirectivesSeverity?: string;
  /** Print the effective settings and rule severities for this file (JSON) and lint nothing. */
  printConfig?: string;
  /** When a fix would change a post's URL: keep the old URL working (default) or move the post. */
  fixPermalink?: string;
  /** `id:severity`, each overriding finews.lint.rules. */
  rule?: string[];
  /** Threads to lint on (default: one per core, when there are enough files). */
  jobs?: number;
  /** Keep each file's outcome and read again only what changed (ESLint's --cache). */
  cache?: boolean;
  /** The cache file, or a folder for it (default: `.jekyll-cache/finews-lint` in the site). */
  cacheLocation?: string;
  /** `metadata` (default: mtime, ctime and size) or `content` (a hash of the bytes, for fresh checkouts). */
  cacheStrategy?: string;
}

/**
 * Lint posts as Jekyll will read them. Exit 0 when clean, 1 when an error (or
 * more warnings than --max-warnings) remains, 2 when --fix could not write a
 * file (each named on stderr, the others written and reported); usage and
 * configuration errors are thrown as FinewsErrors (exit 2).
 */
export async function lint(options: LintOptions, io: Io): Promise<number> {
  const format = options.format ?? 'stylish';
  const formatter = FORMATS[format];
  if (!formatter) throw new UsageError(`--format ${format}: expected one of ${Object.keys(FORMATS).join(', ')}`);
  if (options.fix && options.fixDryRun) throw new UsageError('--fix and --fix-dry-run: choose one');
  const max = options.maxWarnings;
  if (max !== undefined && (!Number.isInteger(max) || max < 0)) throw new UsageError(`--max-warnings ${max}: expected a whole number`);
  if (options.jobs !== undefined && (!Number.isInteger(options.jobs) || options.jobs < 1)) throw new UsageError(`--jobs ${options.jobs}: expected a whole number above 0`);

  if (options.printConfig !== undefined) {
    const config = await effectiveConfig(options.printConfig, { cwd: io.cwd, env: io.env, ruleArgs: options.rule ?? [], now: io.now() });
    io.stdout.write(`${JSON.stringify(config, null, 2)}\n`);
    return 0;
  }
  const unused = (options.reportUnusedDisableDirectivesSeverity ?? 'warn') as Severity;
  if (!SEVERITIES.includes(unused)) throw new UsageError(`--report-unused-disable-directives-severity ${unused}: expected one of ${SEVERITIES.join(', ')}`);
  const urls = (options.fixPermalink ?? 'keep') as UrlPolicy;
  if (!URL_POLICIES.includes(urls)) throw new UsageError(`--fix-permalink ${options.fixPermalink}: expected one of ${URL_POLICIES.join(', ')}`);
  const strategy = (options.cacheStrategy ?? 'metadata') as CacheStrategy;
  if (!CACHE_STRATEGIES.includes(strategy)) throw new UsageError(`--cache-strategy ${options.cacheStrategy}: expected one of ${CACHE_STRATEGIES.join(', ')}`);

  // Say what will not be read: a named file that is missing, or not a post.
  const named = await sortNamedInputs(options.files, io.cwd);
  const namedSite = named.notPosts.length > 0 ? findSiteRoot(path.resolve(io.cwd, named.notPosts[0]!)) : null;
  for (const line of namedInputLines(named, io.cwd, namedSite === null ? undefined : await loadSite(namedSite, io.env))) io.stderr.write(line);
  if (options.files.length > 0 && named.kept.length === 0) return 2;

  // Only a run that takes a while shows the line: most runs are over before it would appear.
  let progress: Progress | null = null;
  const { results, diffs, moves } = await runLint({
    inputs: named.kept,
    cwd: io.cwd,
    env: io.env,
    now: io.now(),
    ruleArgs: options.rule ?? [],
    fix: options.fix ? 'write' : options.fixDryRun ? 'dry-run' : 'off',
    urls,
    unusedDisableSeverity: unused,
    jobs: options.jobs,
    cache: options.cache ? { location: options.cacheLocation, strategy } : undefined,
    onLinted: (count, total) => (progress ??= new Progress(io.stderr, total, 'linting', { env: io.env, delayMs: 500 })).tick(count),
  }).finally(() => progress?.done());

  const errors = results.reduce((n, r) => n + r.errorCount, 0);
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  const shown = options.quiet ? results.map(errorsOnly) : results;
  const toFile = options.outputFile !== undefined;
  const pieces = formatter(shown, {
    cwd: io.cwd,
    color: !toFile && format === 'stylish' && useColor(io, io.stdout),
    rules: RULES,
    version: packageVersion(),
  });

  if (diffs.length > 0) {
    // Keep standard output parseable when it carries a JSON or SARIF report.
    const machine = format !== 'stylish' && format !== 'github';
    const stream = machine && !toFile ? io.stderr : io.stdout;
    for (const text of batched(diffs)) await write(stream, text);
  }
  // A published URL never moves in silence.
  for (const { filePath, move } of moves) io.stderr.write(`finews: ${path.relative(io.cwd, filePath) || filePath}: ${describeMove(move, !options.fix)}\n`);
  if (toFile) await writeReport(path.resolve(io.cwd, options.outputFile!), pieces);
  else for (const text of batched(pieces)) await write(io.stdout, text);

  if (options.fix) {
    // What a killed --fix left behind; the folders written to are the folders of the posts.
    await removeStaleTemps(results.map((r) => path.dirname(r.filePath)));
    const unwritten = results.flatMap((r) => r.messages.filter(isUnwritten).map((m) => `finews: ${path.relative(io.cwd, r.filePath) || r.filePath}: ${m.message}\n`));
    for (const line of unwritten) io.stderr.write(line);
    if (unwritten.length > 0) return 2;
  }
  if (named.missing.length > 0) return 2;
  if (results.length === 0) io.stderr.write(`finews: no posts found (in _posts or _drafts folders): nothing was checked${await collectionsNoteAt(io.cwd, io.env, 'and finews checks posts only')}\n`);
  if (errors > 0) return 1;
  if (max !== undefined && warnings > max) {
    io.stderr.write(`finews lint: ${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${max}\n`);
    return 1;
  }
  return 0;
}

/**
 * The report in writes of about a megabyte: a report of 100 000 files is tens
 * of MB, which held whole (and again as a buffer) would double the run's memory.
 */
function* batched(pieces: Iterable<string>): Generator<string> {
  const SIZE = 1 << 20;
  let buffer = '';
  for (const piece of pieces) {
    buffer += piece;
    while (buffer.length >= SIZE) {
      // Never between the halves of a surrogate pair: each write is encoded on its own.
      const cut = /[\ud800-\udbff]/.test(buffer[SIZE - 1]!) ? SIZE - 1 : SIZE;
      yield buffer.slice(0, cut);
      buffer = buffer.slice(cut);
    }
  }
  if (buffer) yield buffer;
}

/** Write, waiting when a pipe is full: otherwise the whole report queues up in memory behind a slow reader. */
async function write(stream: Io['stdout'], text: string): Promise<void> {
  if (stream.write(text) !== false) return;
  const events = stream as Io['stdout'] & { once?: (event: string, listener: () => void) => unknown };
  if (events.once) await new Promise<void>((resolve) => events.once!('drain', resolve));
}

function errorsOnly(result: LintResult): LintResult {
  const messages = result.messages.filter((m) => m.severity === 2);
  return { ...result, messages, warningCount: 0, fixableWarningCount: 0 };
}

/** Bytes, not one big string: outside V8's heap, sized exactly. */
async function writeReport(file: string, pieces: Iterable<string>): Promise<void> {
  try {
    await fs.mkdir(path.dirname(file), { recursive: true });
  } catch (error) {
    throw ioError(error, path.dirname(file));
  }
  const parts: Buffer[] = [];
  for (const text of batched(pieces)) parts.push(Buffer.from(text));
  await writeFileAtomic(file, parts.length === 1 ? parts[0]! : Buffer.concat(parts));
}

function packageVersion(): string {
  return (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
}

