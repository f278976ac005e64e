import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { index, type IndexOptions } from '../../src/commands/index.js';
import { isFinewsError } from '../../src/errors.js';
import { captureIo } from '../helpers/io.js';

export const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/index');
export { CORPUS_SITE as CORPUS } from '../helpers/corpus.js';

export interface Run {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * `finews index` in-process, as the CLI runs it: a FinewsError is one line on
 * stderr and exit 2 (src/cli.ts does the same for every command).
 */
export async function runIndex(dir: string, options: IndexOptions = {}, now = new Date('2026-11-25T00:00:00Z')): Promise<Run> {
  const io = captureIo(dir, { now });
  let exitCode: number;
  try {
    exitCode = await index(options, io);
  } catch (error) {
    if (!isFinewsError(error)) throw error;
    io.stderr.write(`finews: ${error.message}\n`);
    exitCode = error.exitCode;
  }
  return { exitCode, stdout: io.out(), stderr: io.err() };
}

/** Every file under `dir` (relative, `/` separators) with its bytes, for before/after comparisons. */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(dir, rel)).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      if (name === '_site' || name === '.jekyll-cache') continue;
      if (statSync(path.join(dir, r)).isDirectory()) walk(r);
      else out.set(r, readFileSync(path.join(dir, r), 'latin1'));
    }
  };
  walk('');
  return out;
}

/** Files' identity and modification time: unchanged means not rewritten (an atomic write makes a new inode). */
export function stamps(dir: string, files: readonly string[]): Map<string, string> {
  return new Map(files.map((f) => {
    const s = statSync(path.join(dir, f));
    return [f, `${s.ino}:${s.mtimeMs}`];
  }));
}

export interface DataFile {
  categories: DataEntry[];
  tags: DataEntry[];
}
export interface DataEntry {
  name: unknown;
  slug: string;
  title: string;
  count: number;
  url: string | null;
  posts: { url: string; title: string; date: string }[];
}

export function readData(dir: string): DataFile {
  return JSON.parse(readFileSync(path.join(dir, '_data/finews.json'), 'utf8')) as DataFile;
}
