#!/usr/bin/env node
// finews convert against pandoc and the plain-turndown floor, on the same
// generated posts (bench/generate.js, seeded, shaped like the corpus):
//   finews convert --write   dist/commands/convert.js on _posts (build first:
//                            npx tsc -p tsconfig.build.json), threads as it chooses
//   pandoc -f html -t gfm    once per post body, on a sample (--pandoc-sample),
//                            the time extrapolated to all posts; skipped without pandoc
//   the floor                one Node loop: read, split the front matter,
//                            turndown the body, write; no rules, no escaping care
//
//   node bench/convert.js [--sizes 2000,20000] [--runs 3] [--seed 1]
//                         [--pandoc-sample 500] [--dir /tmp/finews-convert-bench] [--json FILE]
//
// Every run starts from a fresh copy of the generated posts, made before the
// clock starts. Wall time is the median of --runs; peak RSS and CPU seconds
// come from /usr/bin/time. Nothing here asserts a time. --json FILE writes
// the rows for bench/run.js's table; --pandoc-sample 0 leaves pandoc out.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { measure, notRun, options, site, saveRows, timed } from './common.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const self = fileURLToPath(import.meta.url);
const dist = (file) => pathToFileURL(path.join(repo, 'dist', file)).href;

/** `--finews DIR`: the command itself, as the CLI runs it. */
async function finews(dir) {
  const { convert } = await import(dist('commands/convert.js'));
  const { processIo } = await import(dist('io.js'));
  process.exitCode = await convert({ inputs: ['_posts'], write: true, check: false, verify: false, stockLinks: 'link' }, { ...processIo(), cwd: dir });
}

/** `--floor DIR`: what any turndown-based converter must at least do. */
async function floor(dir) {
  const { default: TurndownService } = await import('turndown');
  const { splitFrontMatter } = await import(dist('post/frontmatter.js'));
  const turndown = new TurndownService();
  const posts = path.join(dir, '_posts');
  for (const name of readdirSync(posts)) {
    const file = path.join(posts, name);
    const text = readFileSync(file, 'utf8');
    const split = splitFrontMatter(text);
    writeFileSync(file, split ? split.block + turndown.turndown(split.body) : turndown.turndown(text));
  }
}

/** `--pandoc DIR N`: pandoc once per post, on the first N posts. */
function pandoc(dir, sample) {
  const posts = path.join(dir, '_posts');
  for (const name of readdirSync(posts).sort().slice(0, sample)) {
    const file = path.join(posts, name);
    const text = readFileSync(file, 'utf8');
    const body = text.replace(/^---\n[\s\S]*?\n---\n/, '');
    const out = spawnSync('pandoc', ['-f', 'html', '-t', 'gfm'], { input: body, encoding: 'utf8' });
    if (out.status !== 0) throw new Error(`pandoc failed on ${name}: ${out.stderr}`);
    writeFileSync(file, text.slice(0, text.length - body.length) + out.stdout);
  }
}

/** Run this script in `mode` on a fresh copy of `pristine`, copied before the clock starts. */
function once(mode, pristine, extra = []) {
  const work = `${pristine}-work`;
  rmSync(work, { recursive: true, force: true });
  cpSync(pristine, work, { recursive: true });
  const run = timed(process.execPath, [self, mode, work, ...extra], work);
  rmSync(work, { recursive: true, force: true });
  return run;
}

async function main() {
  const o = options(process.argv.slice(2), { sizes: [2000, 20_000], runs: 3, seed: 1, pandocSample: 500, dir: path.join(tmpdir(), 'finews-convert-bench'), json: '' });
  if (!existsSync(path.join(repo, 'dist/commands/convert.js'))) throw new Error('no dist/commands/convert.js: run npx tsc -p tsconfig.build.json first');
  const hasPandoc = spawnSync('pandoc', ['--version']).status === 0;
  console.log(`finews convert benchmark: node ${process.version}, ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}, ${o.runs} runs, seed ${o.seed}`);
  const table = [];
  for (const count of o.sizes) {
    const pristine = await site(o.dir, count, o.seed);
    const row = (tool, role, figures, note = '') => ({ benchmark: 'convert', posts: count, tool, role, ...figures, note });
    table.push(row('floor: turndown loop', 'floor', measure(o.runs, () => once('--floor', pristine)).figures));
    table.push(row('finews convert --write', 'finews', measure(o.runs, () => once('--finews', pristine)).figures));
    const sample = Math.min(count, o.pandocSample);
    if (!hasPandoc) table.push(notRun('convert', count, 'pandoc per file', 'pandoc not installed'));
    else if (sample === 0) table.push(notRun('convert', count, 'pandoc per file', 'cap 0 posts, --pandoc-sample'));
    else {
      // Once per post on a sample, scaled to all posts: hours otherwise.
      const measured = once('--pandoc', pristine, [String(sample)]);
      const scale = count / sample;
      const wall = measured.seconds * scale;
      const note = sample < count ? `${sample} posts run (${measured.seconds.toFixed(2)} s), scaled ×${scale.toFixed(1)}` : '';
      table.push(row('pandoc per file', 'peer', { wallMedian: wall, wallRuns: [wall], cpu: measured.cpu === null ? null : measured.cpu * scale, peakRssMB: measured.rssMb }, note));
    }
  }
  console.log(`\nload after: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log('\n| posts | tool | median wall (s) | range (s) | vs floor | vs finews | CPU (s) | peak RSS (MB) |\n|---:|---|---:|---:|---:|---:|---:|---:|');
  for (const r of table) {
    if (r.wallMedian === null) {
      console.log(`| ${r.posts} | ${r.tool} | not run: ${r.note} | | | | | |`);
      continue;
    }
    const floorWall = table.find((x) => x.posts === r.posts && x.role === 'floor').wallMedian;
    const ours = table.find((x) => x.posts === r.posts && x.role === 'finews').wallMedian;
    const range = r.note || `${Math.min(...r.wallRuns).toFixed(2)}–${Math.max(...r.wallRuns).toFixed(2)}`;
    console.log(`| ${r.posts} | ${r.tool} | ${r.wallMedian.toFixed(2)} | ${range} | ${(r.wallMedian / floorWall).toFixed(2)}x | ${(r.wallMedian / ours).toFixed(2)}x | ${r.cpu === null ? '?' : r.cpu.toFixed(2)} | ${r.peakRssMB === null ? '?' : r.peakRssMB.toFixed(0)} |`);
  }
  saveRows(o.json, table);
}

const [mode, dir, extra] = process.argv.slice(2);
if (mode === '--finews') await finews(dir);
else if (mode === '--floor') await floor(dir);
else if (mode === '--pandoc') pandoc(dir, Number(extra));
else await main();
