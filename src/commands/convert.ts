import path from 'node:path';
import { convertText } from '../convert/convert.js';
import { createConverter, threadsFor, type Converter } from '../convert/pool.js';
import { countRemovals, describeRemoval, formatCounts, type ConvertResult, type Removal, type StockLinks } from '../convert/removal.js';
import { Verifier, type Verdict } from '../convert/verify.js';
import { InputError, UsageError } from '../errors.js';
import { removeStaleTemps, writeFileAtomic, type FileVersion } from '../fs/atomic.js';
import { readInputFile, readInputStream } from '../fs/read-input.js';
import type { Io, Writable } from '../io.js';
import { Progress } from '../progress.js';
import { findSiteRoot, loadSite, siteFromConfig } from '../site/config.js';
import { siteClassNames } from '../convert/site-classes.js';
import { expandInputs } from '../site/files.js';
import { collectionsNoteAt } from '../site/named.js';

export interface ConvertOptions {
  /** Files, folders or globs; `-` is standard input. */
  inputs: string[];
  /** -o: write the Markdown of the single input here instead of printing it. */
  output?: string;
  /** Convert the posts in place. */
  write: boolean;
  /** List the posts that would change and exit 1 if any would. */
  check: boolean;
  /** Refuse any post whose visible text, links, images, media, anchors or comments kramdown would render differently. */
  verify: boolean;
  /** List each removal; otherwise they are counted by kind. */
  verbose?: boolean;
  stockLinks: StockLinks;
  /** Threads to convert on (default: one per core, when there are enough posts). */
  jobs?: number;
}

/** Posts read and converted at once on this thread, so reading and writing overlap converting. */
const IN_FLIGHT = 32;
const HTML_FILE = /\.html?$/i;

/**
 * `finews convert`: HTML in posts to Markdown, nothing lost. Exit 0 when all
 * is well, 1 when --check finds posts to convert or --verify refuses one, 2
 * on a usage or I/O error.
 */
export async function convert(options: ConvertOptions, io: Io): Promise<number> {
  if (options.write && options.check) throw new UsageError('--write and --check: choose one');
  if (options.stockLinks !== 'link' && options.stockLinks !== 'text') throw new UsageError(`--stock-links ${String(options.stockLinks)}: expected link or text`);
  if (options.jobs !== undefined && (!Number.isInteger(options.jobs) || options.jobs < 1)) throw new UsageError(`--jobs ${options.jobs}: expected a whole number above 0`);
  if (options.write || options.check) {
    if (options.output !== undefined) throw new UsageError('-o writes one conversion; with --write or --check the posts are the output');
    if (options.inputs.includes('-')) throw new UsageError('standard input cannot be converted in place: drop --write/--check to print it');
    return convertMany(options, io);
  }
  if (options.inputs.length !== 1) {
    throw new UsageError(options.inputs.length === 0 ? 'give a file to convert, - for standard input, or --write/--check with posts' : 'several inputs: use --write to convert them in place, or --check');
  }
  return convertOne(options, io);
}

async function convertOne(options: ConvertOptions, io: Io): Promise<number> {
  const input = options.inputs[0]!;
  const file = input === '-' ? null : path.resolve(io.cwd, input);
  const bytes = file ? readInputFile(file, input).bytes : await readStdin(io);
  // Binary or mis-encoded input still converts: invalid bytes become U+FFFD.
  const text = new TextDecoder('utf-8').decode(bytes);
  const siteClasses = file ? classesOfSiteAround(file) : undefined;
  const result = convertText(text, { stockLinks: options.stockLinks, input: file && HTML_FILE.test(file) ? 'html' : 'auto', siteClasses });
  reportRemovals(io.stderr, input, result.removed, options.verbose === true);
  if (options.verify) {
    const verdict = await withVerifier(io, siteClasses, (verifier) => verifier.verify(text, result));
    if (!verdict.ok) {
      reportRefusal(io.stderr, input, verdict);
      return 1;
    }
  }
  if (options.output === undefined) io.stdout.write(result.markdown);
  else await writeFileAtomic(path.resolve(io.cwd, options.output), result.markdown);
  return 0;
}

/** Each removal with --verbose, else one line of counts by kind. */
function reportRemovals(out: Writable, name: string, removed: readonly Removal[], verbose: boolean): void {
  if (removed.length === 0) return;
  if (verbose) for (const removal of removed) out.write(`${name}: removed ${describeRemoval(removal)}\n`);
  else out.write(`${name}: removed ${formatCounts(countRemovals(removed))} (--verbose lists each)\n`);
}

async function readStdin(io: Io): Promise<Buffer> {
  if (!io.stdin) throw new InputError('no standard input', '-');
  return readInputStream(io.stdin, '-');
}

/**
 * The class names the site holding `start` names (see site-classes.ts): its
 * root is the folder of `_config.yml`, else the one above `_posts`. Outside
 * any site (an article saved anywhere), none: its classes style nothing here.
 */
function classesOfSiteAround(start: string): Set<string> | undefined {
  const parts = path.resolve(start).split(path.sep);
  const posts = parts.lastIndexOf('_posts');
  const root = findSiteRoot(start) ?? (posts > 0 ? parts.slice(0, posts).join(path.sep) || path.sep : null);
  return root === null ? undefined : siteClassNames(root);
}

async function withVerifier<T>(io: Io, siteClasses: ReadonlySet<string> | undefined, run: (verifier: Verifier) => Promise<T>): Promise<T> {
  const verifier = await Verifier.start({ env: io.env, siteClasses });
  try {
    return await run(verifier);
  } finally {
    await verifier.close();
  }
}

function reportRefusal(out: Writable, name: string, verdict: Verdict): void {
  out.write(`${name}: not converted, the rendering would change:\n`);
  for (const problem of verdict.problems) out.write(`  ${problem}\n`);
}

type Outcome = 'converted' | 'unchanged' | 'refused' | 'failed' | 'skipped';

interface Tally {
  converted: number;
  unchanged: number;
  refused: number;
  failed: number;
  skipped: number;
  removed: Map<string, number>;
}

async function convertMany(options: ConvertOptions, io: Io): Promise<number> {
  const site = options.inputs.length === 0 ? await loadSite(io.cwd, io.env) : siteFromConfig(io.cwd, null, '', io.env);
  const files = await expandInputs(options.inputs, io.cwd, site);
  if (files.length === 0) {
    const note = await collectionsNoteAt(io.cwd, io.env, (folder) => `and a folder is searched for posts only: name the files of one (finews convert --check '${folder}/**/*.md')`);
    io.stderr.write(`finews: no posts found (in _posts or _drafts folders): nothing was ${options.check ? 'checked' : 'converted'}${note}\n`);
    return 0;
  }
  const markdown = new Set(site.markdownExt.map((ext) => `.${ext.toLowerCase()}`));
  const tally: Tally = { converted: 0, unchanged: 0, refused: 0, failed: 0, skipped: 0, removed: new Map() };
  const progress = new Progress(io.stderr, files.length, options.write ? 'converting' : 'checking', { env: io.env });
  const siteClasses = files.length === 0 ? undefined : options.inputs.length === 0 ? siteClassNames(site.root) : classesOfSiteAround(files[0]!);
  const converter = createConverter(threadsFor(files.length, options.jobs), { stockLinks: options.stockLinks, siteClasses });
  const verifier = options.verify ? await Verifier.start({ env: io.env, siteClasses }) : null;
  const shown = (file: string) => path.relative(io.cwd, file) || file;
  if (options.write) await removeStaleTemps(files.map((file) => path.dirname(file)));
  try {
    let next = 0;
    const lane = async () => {
      while (next < files.length) {
        const file = files[next++]!;
        const outcome = markdown.has(path.extname(file).toLowerCase())
          ? await convertFile(file, shown(file), { options, io, converter, verifier, tally })
          : 'skipped';
        tally[outcome]++;
        progress.tick();
      }
    };
    await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, files.length) }, lane));
  } finally {
    progress.done();
    await converter.close();
    await verifier?.close();
  }
  io.stderr.write(summary(tally, options));
  if (tally.failed > 0) return 2;
  return tally.refused > 0 || (options.check && tally.converted > 0) ? 1 : 0;
}

interface FileContext {
  options: ConvertOptions;
  io: Io;
  converter: Converter;
  verifier: Verifier | null;
  tally: Tally;
}

async function convertFile(file: string, name: string, ctx: FileContext): Promise<Outcome> {
  const { options, io } = ctx;
  let text: string;
  // The file as read: an edit made after it is never overwritten.
  let version: FileVersion;
  try {
    const read = readInputFile(file, name);
    version = read.version;
    text = new TextDecoder('utf-8', { fatal: true }).decode(read.bytes);
  } catch (error) {
    const message = error instanceof TypeError ? 'not UTF-8 text: left as it is' : String((error as Error).message);
    io.stderr.write(`${message.startsWith(name) ? message : `${name}: ${message}`}\n`);
    return 'failed';
  }
  let result: ConvertResult;
  try {
    result = await ctx.converter.convert(text, 'auto');
  } catch (error) {
    io.stderr.write(`${name}: cannot convert: ${(error as Error).message.split('\n')[0]}\n`);
    return 'failed';
  }
  if (result.markdown === text) return 'unchanged';
  if (ctx.verifier) {
    const verdict = await ctx.verifier.verify(text, result);
    if (!verdict.ok) {
      reportRefusal(io.stderr, name, verdict);
      return 'refused';
    }
  }
  if (options.check) {
    io.stdout.write(`${name}\n`);
  } else {
    try {
      await writeFileAtomic(file, result.markdown, { expect: version, name });
    } catch (error) {
      io.stderr.write(`${(error as Error).message}\n`);
      return 'failed';
    }
  }
  countRemovals(result.removed, ctx.tally.removed);
  if (options.verbose) for (const removal of result.removed) io.stderr.write(`${name}: removed ${describeRemoval(removal)}\n`);
  return 'converted';
}

function summary(tally: Tally, options: ConvertOptions): string {
  const verb = options.check ? 'would convert' : 'converted';
  const parts = [`${verb} ${tally.converted}`, `unchanged ${tally.unchanged}`, `failed ${tally.failed}`];
  if (tally.refused) parts.push(`refused by --verify ${tally.refused}`);
  if (tally.skipped) parts.push(`skipped ${tally.skipped} (not Markdown)`);
  let out = `${parts.join(', ')}\n`;
  if (tally.removed.size > 0) {
    out += `removed on purpose: ${formatCounts(tally.removed)}${options.verbose ? '' : ' (--verbose lists each)'}\n`;
  }
  return out;
}
