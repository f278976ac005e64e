import { promises as fs } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';
import { TEMP_PREFIX, ioError, removeFile, removeIfStale, sameVersion, versionNow, versionOf, writeFileAtomic, type Expected } from '../fs/atomic.js';
import { parseFrontMatter, splitFrontMatter } from '../post/frontmatter.js';
import type { Site } from '../site/config.js';
import { destinationOf } from '../site/url.js';
import { judgeAdoption } from './adopt.js';
import { looksGenerated, type Chunked } from './data-file.js';
import type { PlannedFile } from './plan.js';
import { readFlatMapping } from '../yaml/flat.js';
import { MARKER_KEY, MARKER_VALUE, NOTICE } from './render.js';

/** A file already in one of finews' folders. */
export interface ExistingFile {
  /** Carries finews' marker: finews may rewrite or remove it. */
  generated: boolean;
  /** Where Jekyll writes it, relative to `_site`; null for a file Jekyll does not build. */
  destination: string | null;
}

/** A file found in finews' folders, and its version when it was read. */
export interface ScannedFile extends ExistingFile {
  version: Expected;
}

/**
 * `failed`: could not be written or removed (a full disk, a read-only folder, a newer edit).
 * `adopt`: another tool's page, plainly generated, taken over (rewritten as finews' own).
 */
export type Action = 'create' | 'update' | 'unchanged' | 'clash' | 'failed' | 'adopt';

export interface Decision {
  file: PlannedFile;
  action: Action;
  reason?: string;
  /** For a create or update: the file as it was when decided, replaced only if it still is. */
  expect?: Expected;
}

/** A decision once carried out: the content is no longer needed. */
export interface Outcome {
  path: string;
  action: Action;
  reason?: string;
}

/**
 * Every file under the given folders of the site, with whether finews wrote
 * it. Read in sorted order so that what is reported does not depend on the
 * order the file system lists names in. With `removeStaleTemps`, the
 * temporary files a killed run left there go (not those of a run going on).
 */
export async function scanFolders(site: Site, dirs: readonly string[], options: { removeStaleTemps?: boolean } = {}): Promise<Map<string, ScannedFile>> {
  const found = new Map<string, ScannedFile>();
  const temps: string[] = [];
  for (const dir of [...new Set(dirs)].sort()) {
    const abs = path.join(site.root, dir);
    let entries: string[];
    try {
      entries = (await fs.readdir(abs, { recursive: true, withFileTypes: true }))
        .filter((e) => e.isFile())
        // Node before 20.12 calls parentPath `path`.
        .map((e) => path.relative(site.root, path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name)).split(path.sep).join('/'));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') continue;
      throw ioError(error, abs);
    }
    const files: string[] = [];
    for (const rel of entries.sort()) {
      if (found.has(rel)) continue;
      if (path.posix.basename(rel).startsWith(TEMP_PREFIX)) temps.push(path.join(site.root, rel));
      else files.push(rel);
    }
    // Read side by side (the file system's latency overlapped), kept in sorted order.
    const read: ScannedFile[] = new Array(files.length);
    let next = 0;
    const lane = async () => {
      while (next < files.length) {
        const i = next++;
        const rel = files[i]!;
        const abs = path.join(site.root, rel);
        const version = versionNow(abs);
        const text = await fs.readFile(abs, 'utf8').catch((error: unknown) => {
          throw ioError(error, rel);
        });
        read[i] = { ...inspectPage(rel, text, site), version };
      }
    };
    await Promise.all(Array.from({ length: Math.min(16, files.length) }, lane));
    files.forEach((rel, i) => found.set(rel, read[i]!));
  }
  if (options.removeStaleTemps) await removeIfStale(temps);
  return found;
}

/** Whether finews wrote this page, and the file Jekyll makes of it (Page#url, Page#destination). */
export function inspectPage(rel: string, text: string, site: Site): ExistingFile {
  const split = splitFrontMatter(text.replace(/^\uFEFF/, ''));
  const base = path.posix.basename(rel);
  if (!split || /^[._#~]/.test(base) || base.endsWith('~')) {
    // No front matter: a static file, copied as it is (or not at all).
    return { generated: false, destination: /^[._#~]/.test(base) ? null : `/${rel}` };
  }
  const data = ownPageData(split.yaml) ?? parseFrontMatter(split.block, split.yaml).data ?? {};
  const generated = data[MARKER_KEY] === MARKER_VALUE;
  const ext = path.posix.extname(rel);
  const outputExt = site.markdownExt.includes(ext.slice(1).toLowerCase()) ? '.html' : ext;
  let url: string;
  if (typeof data.permalink === 'string' && data.permalink !== '') url = data.permalink;
  else {
    const stem = rel.slice(0, rel.length - ext.length);
    if (outputExt !== '.html') url = `/${stem}${outputExt}`;
    else if (path.posix.basename(stem) === 'index') url = `/${path.posix.dirname(stem) === '.' ? '' : `${path.posix.dirname(stem)}/`}`;
    // Utils.add_permalink_suffix, from how the site's permalink style ends.
    else if (site.permalink.endsWith('/')) url = `/${stem}/`;
    else if (site.permalink.endsWith(':output_ext')) url = `/${stem}${outputExt}`;
    else url = `/${stem}`;
  }
  return { generated, destination: destinationOf(url.startsWith('/') ? url : `/${url}`, outputExt) };
}

/** The notice line and the pager block of finews' own pages: they hold no top-level key but `pager`. */
const NOTICE_LINE = new RegExp(`^${NOTICE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n`, 'm');
const PAGER_BLOCK = /^pager:\n(?: {2}[a-z]+: [^\n]*\n){4}/m;

/**
 * The front matter of a page as finews writes it, read on the flat fast path
 * (a site's pages are read on every run, thousands of them): its notice
 * comment and its pager block set aside, which changes no other key (and
 * only `generated_by` and `permalink` are looked at). Null when the rest is
 * not flat: the full parser reads it.
 */
function ownPageData(yaml: string): Record<string, unknown> | null {
  return readFlatMapping(yaml.replace(NOTICE_LINE, '').replace(PAGER_BLOCK, ''))?.data ?? null;
}

/** Whether the file at `abs` (which exists) is finews' own. */
export type Ownership = (abs: string, rel: string) => Promise<boolean>;

/**
 * What to do with each wanted page: nothing when the bytes are already
 * there; never touch a file finews did not write, nor take a URL that
 * another page or a post already has (Jekyll would let one overwrite the other).
 */
export async function decide(
  site: Site,
  files: readonly PlannedFile[],
  existing: ReadonlyMap<string, ScannedFile>,
  takenDestinations: ReadonlyMap<string, string>,
  ownership: Ownership,
  options: { adopt?: boolean } = {},
): Promise<Decision[]> {
  const decisions: Decision[] = [];
  for (const file of files) {
    const abs = path.join(site.root, file.path);
    const bytes = asChunked(file.content);
    let size: number | null = null;
    let version: Expected = 'absent';
    try {
      const stat = await fs.stat(abs);
      if (stat.isDirectory()) {
        decisions.push({ file, action: 'clash', reason: 'is a folder' });
        continue;
      }
      size = stat.size;
      version = versionOf(stat);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw ioError(error, file.path);
    }
    if (size !== null && (await sameBytes(abs, size, bytes))) {
      decisions.push({ file, action: 'unchanged' });
      continue;
    }
    // What the scan saw holds only for the file it saw; one edited since is read again.
    const scanned = existing.get(file.path);
    const seen = scanned && sameVersion(scanned.version, version) ? scanned : undefined;
    let adopt: string | null = null;
    if (size !== null && !(seen?.generated ?? (await ownership(abs, file.path)))) {
      const verdict = typeof file.content === 'string' ? judgeAdoption(await fs.readFile(abs, 'utf8'), file, site) : null;
      if (!verdict?.adoptable || !options.adopt) {
        const why = !verdict ? '' : verdict.adoptable ? `; it looks generated (${verdict.reason}): finews index --adopt takes it over` : options.adopt ? `; not taken over: ${verdict.reason}` : '';
        decisions.push({ file, action: 'clash', reason: `exists and was not written by finews (no generated_by: finews index): left as it is${why || '; delete or move it to let finews write this page'}` });
        continue;
      }
      adopt = verdict.reason;
    }
    const destination = pageDestination(file, site);
    const other = destination ? takenDestinations.get(destination) : undefined;
    if (other && other !== file.path) {
      decisions.push({ file, action: 'clash', reason: `its URL is taken by ${other}: Jekyll would write both to ${destination}` });
      continue;
    }
    if (adopt !== null) decisions.push({ file, action: 'adopt', reason: adopt, expect: version });
    else decisions.push({ file, action: size === null ? 'create' : 'update', expect: version });
  }
  return decisions;
}

function asChunked(content: string | Chunked): Chunked {
  if (typeof content !== 'string') return content;
  const bytes = Buffer.from(content);
  return { size: bytes.length, chunks: () => [bytes] };
}

/**
 * Whether the file, of `size` bytes, holds exactly these bytes, read piece by
 * piece as they are made (the data file of a large site is tens of MB): a
 * file of another size differs, and is not read at all when the size is known.
 */
async function sameBytes(abs: string, size: number, bytes: Chunked): Promise<boolean> {
  if (bytes.size !== undefined && bytes.size !== size) return false;
  const handle = await fs.open(abs, 'r').catch((error: unknown) => Promise.reject(ioError(error, abs)));
  try {
    let at = 0;
    let scratch = Buffer.alloc(0);
    for (const chunk of bytes.chunks()) {
      if (at + chunk.length > size) return false;
      if (scratch.length < chunk.length) scratch = Buffer.alloc(chunk.length);
      const { bytesRead } = await handle.read(scratch, 0, chunk.length, at);
      if (bytesRead !== chunk.length || !scratch.subarray(0, bytesRead).equals(chunk)) return false;
      at += chunk.length;
    }
    return at === size;
  } finally {
    await handle.close();
  }
}

/** What is written: the text, or the pieces as they are made (the data file of a large site is tens of MB). */
function writable(content: string | Chunked): string | Iterable<Buffer> {
  return typeof content === 'string' ? content : content.chunks();
}

function pageDestination(file: PlannedFile, site: Site): string | null {
  if (typeof file.content !== 'string' || !file.path.endsWith('.html')) return null;
  return inspectPage(file.path, file.content, site).destination;
}

/** A page is finews' own when its front matter carries the marker. */
export function pageOwnership(site: Site): Ownership {
  return async (abs, rel) => inspectPage(rel, await fs.readFile(abs, 'utf8'), site).generated;
}

/** Files with finews' marker that nothing wants any more. */
export function staleFiles(existing: ReadonlyMap<string, ExistingFile>, wanted: ReadonlySet<string>): string[] {
  return [...existing].filter(([rel, f]) => f.generated && !wanted.has(rel)).map(([rel]) => rel);
}

/** The data file is finews' own when it has finews' shape (JSON has no room for a marker). */
export async function dataFileOwnership(abs: string): Promise<boolean> {
  const handle = await fs.open(abs, 'r').catch((error: unknown) => Promise.reject(ioError(error, abs)));
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(size, 64));
    const tail = Buffer.alloc(Math.min(size, 64));
    await handle.read(head, 0, head.length, 0);
    await handle.read(tail, 0, tail.length, size - tail.length);
    return looksGenerated(head, tail);
  } finally {
    await handle.close();
  }
}

/**
 * Write the new and changed files, each atomically and only if it is still
 * as decided; return what was done, without the contents. A file that cannot
 * be written is a `failed` outcome; the others are written all the same.
 */
export async function writeChanges(site: Site, decisions: readonly Decision[], folders: Folders = new Map()): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const d of decisions) {
    const rel = d.file.path;
    if (d.action === 'create' || d.action === 'update' || d.action === 'adopt') {
      const abs = path.join(site.root, rel);
      try {
        await madeFolder(folders, path.dirname(abs), path.dirname(rel));
        // No fsync: pages are derived data, rebuilt and compared byte for byte by the next run (README: durability).
        await writeFileAtomic(abs, writable(d.file.content), { expect: d.expect, name: rel, sync: false });
      } catch (error) {
        outcomes.push(failure(error, rel));
        continue;
      }
    }
    outcomes.push({ path: rel, action: d.action, ...(d.reason ? { reason: d.reason } : {}) });
  }
  return outcomes;
}

/** The folders a run made (or found), each made once however many pages it holds. */
export type Folders = Map<string, Promise<void>>;

function madeFolder(folders: Folders, abs: string, rel: string): Promise<void> {
  let made = folders.get(abs);
  if (!made) {
    made = fs.mkdir(abs, { recursive: true }).then(
      () => undefined,
      (error: unknown) => {
        throw ioError(error, rel);
      },
    );
    folders.set(abs, made);
  }
  return made;
}

/** A file finews could not write or remove; anything but an InputError is a bug, rethrown. */
function failure(error: unknown, rel: string): Outcome {
  if (!(error instanceof InputError)) throw error;
  return { path: rel, action: 'failed', reason: error.file === rel ? error.reason : error.message };
}

/**
 * Remove finews' stale files (each only if it is as the scan saw it), then
 * the folders they leave empty (never a folder in `keepDirs`). Returns the
 * files that could not be removed; the others are removed all the same.
 */
export async function removeFiles(site: Site, remove: readonly string[], keepDirs: readonly string[], existing: ReadonlyMap<string, ScannedFile>): Promise<Outcome[]> {
  const keep = new Set(keepDirs.map((d) => path.join(site.root, d)));
  const emptied = new Set<string>();
  const failed: Outcome[] = [];
  for (const rel of remove) {
    const abs = path.join(site.root, rel);
    try {
      await removeFile(abs, { expect: existing.get(rel)?.version, name: rel });
    } catch (error) {
      failed.push(failure(error, rel));
      continue;
    }
    emptied.add(path.dirname(abs));
  }
  // Deepest first, so `tag/x/page/` goes before `tag/x/`.
  const dirs = [...emptied].sort((a, b) => b.length - a.length);
  for (let dir of dirs) {
    while (!keep.has(dir) && dir.startsWith(site.root + path.sep)) {
      try {
        await fs.rmdir(dir);
      } catch {
        break; // not empty, or already gone
      }
      dir = path.dirname(dir);
    }
  }
  return failed;
}
