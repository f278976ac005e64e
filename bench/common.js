// What the benchmarks share: options, generated sites, timing a child
// process, the rows they report to bench/run.js, and writing a file atomically.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateSite } from './generate.js';

/**
 * `--kebab-case value` options over `defaults` (camelCase keys); each value
 * takes the type of its default: an array is a comma list of numbers, a
 * number a number, a string a path (resolved), a boolean a flag with no value.
 */
export function options(argv, defaults) {
  const o = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, '').replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    if (!argv[i].startsWith('--') || !(key in defaults)) throw new Error(`unknown option ${argv[i]} (known: ${Object.keys(defaults).map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(' ')})`);
    const given = defaults[key];
    if (typeof given === 'boolean') {
      o[key] = true;
      continue;
    }
    const value = argv[++i];
    if (value === undefined) throw new Error(`${argv[i - 1]} needs a value`);
    o[key] = Array.isArray(given) ? value.split(',').filter(Boolean).map(Number) : typeof given === 'number' ? Number(value) : path.resolve(value);
    if ([o[key]].flat().some(Number.isNaN)) throw new Error(`${argv[i - 1]} ${value}: not a number`);
  }
  return o;
}

/** A generated site, made once per size, seed and shape and reused; callers must not write into it. */
export async function site(root, count, seed, shape = 'corpus') {
  const dir = path.join(root, `posts-${count}-seed-${seed}${shape === 'corpus' ? '' : `-${shape}`}`);
  const stamp = path.join(dir, '.generated');
  if (!existsSync(stamp)) {
    rmSync(dir, { recursive: true, force: true });
    const { mistakes } = await generateSite(dir, count, seed, shape);
    writeFileSync(stamp, JSON.stringify(mistakes));
  }
  return dir;
}

/**
 * The floor's loop: read every post of `dir`'s `_posts` and parse its front
 * matter with gray-matter. Returns how many had front matter.
 */
export async function readAndParsePosts(dir) {
  const { default: matter } = await import('gray-matter');
  const posts = path.join(dir, '_posts');
  let read = 0;
  for (const name of readdirSync(posts)) {
    try {
      // gray-matter caches by content; every post differs, so the cache never hits.
      if (matter(readFileSync(path.join(posts, name), 'utf8')).data) read++;
    } catch {
      // Invalid YAML is a finding for a linter, not a reason to stop.
    }
  }
  return read;
}

const hasTime = spawnSync('/usr/bin/time', ['-f', '%e', 'true'], { encoding: 'utf8' }).status === 0;

/**
 * One timed run of a command: wall seconds (timed here, finer than time's
 * 10 ms), peak RSS in MB and CPU seconds (both null without /usr/bin/time).
 * Exit 1 counts as a run (linters exit 1 on findings); 2 or a signal is a
 * failure of the run.
 */
export function timed(command, args, cwd) {
  const started = process.hrtime.bigint();
  const result = hasTime
    ? spawnSync('/usr/bin/time', ['-f', 'FINEWS-BENCH %M %U %S', command, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 })
    : spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.error) throw result.error;
  if (result.status !== 0 && result.status !== 1) throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${`${result.stdout}${result.stderr}`.slice(-2000)}`);
  const line = (result.stderr ?? '').split('\n').find((l) => l.startsWith('FINEWS-BENCH '));
  const [, kb, user, system] = line ? line.split(' ') : [];
  return {
    seconds: wall,
    rssMb: kb ? Number(kb) / 1024 : null,
    cpu: user ? Number(user) + Number(system) : null,
    stdout: result.stdout,
    stderr: result.stderr,
  };
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * `runs` calls of `run` (each returning what timed() does): the figures of a
 * result row (median wall, every wall, median CPU, the highest peak RSS) and
 * the last run, for its output.
 */
export function measure(runs, run) {
  const samples = Array.from({ length: runs }, run);
  const cpu = samples.map((s) => s.cpu).filter((v) => v !== null);
  const rss = samples.map((s) => s.rssMb).filter((v) => v !== null);
  const wallRuns = samples.map((s) => s.seconds);
  return {
    figures: { wallMedian: median(wallRuns), wallRuns, cpu: cpu.length ? median(cpu) : null, peakRssMB: rss.length ? Math.max(...rss) : null },
    last: samples.at(-1),
  };
}

/** A row of bench/run.js's table for a peer left out at this size: no figures, the note says why. */
export function notRun(benchmark, posts, tool, why) {
  return { benchmark, posts, tool, role: 'peer', wallMedian: null, wallRuns: [], cpu: null, peakRssMB: null, note: why };
}

/** `--json FILE`: the rows, for bench/run.js. */
export function saveRows(file, rows) {
  if (file) writeFileAtomic(file, `${JSON.stringify(rows, null, 2)}\n`);
}

/** Replace `file` in one step: a temporary file beside it, then a rename. */
export function writeFileAtomic(file, text) {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, text);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
