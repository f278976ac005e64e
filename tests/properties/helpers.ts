import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli.js';
import { captureIo } from '../helpers/io.js';

export const NOW = new Date('2026-11-25T01:02:03Z');

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/**
 * `finews …` in-process, as bin/finews.js runs it. A bug (any error that is not
 * a FinewsError) is rethrown by main with its stack and fails the test.
 */
export async function runCli(argv: readonly string[], cwd: string): Promise<CliRun> {
  const io = captureIo(cwd, { now: NOW, env: { NO_COLOR: '1', TZ: 'UTC' } });
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

/** The name of the i-th generated post: distinct dates, so Jekyll reads each. */
export const NAME = (i: number) => `_posts/2022-01-${String(i + 1).padStart(2, '0')}-p${i}.md`;

const made: string[] = [];

/** Remove every site tempSite made (call in afterAll). */
export function removeTempSites(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A scratch site: `_config.yml` and the files given (paths relative to the site). */
export function tempSite(files: Record<string, string | Uint8Array> = {}, config = 'timezone: Asia/Shanghai\n'): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'props-site-'));
  made.push(dir);
  writeFileSync(path.join(dir, '_config.yml'), config);
  mkdirSync(path.join(dir, '_posts'));
  for (const [rel, bytes] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), bytes);
  }
  return dir;
}

/**
 * Every entry under `dir` by relative path: a digest of a file's bytes, a
 * link's target, or `dir`. Links are not followed, so a dangling one is listed too.
 */
export function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(dir, rel)).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      const abs = path.join(dir, r);
      const stat = lstatSync(abs);
      if (stat.isSymbolicLink()) out.set(r, `link:${readlinkSync(abs)}`);
      else if (stat.isDirectory()) {
        out.set(r, 'dir');
        walk(r);
      } else out.set(r, createHash('sha256').update(readFileSync(abs)).digest('hex'));
    }
  };
  walk('');
  return out;
}

/** The paths whose entry differs between two trees (added, removed or changed). */
export function changed(before: Map<string, string>, after: Map<string, string>): string[] {
  const paths = new Set([...before.keys(), ...after.keys()]);
  return [...paths].filter((p) => before.get(p) !== after.get(p)).sort();
}
