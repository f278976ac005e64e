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
//                         [--pandoc-sample 500] [--dir /tmp/finews-convert-bench]
//
// Every run starts from a fresh copy of the generated posts, made before the
// clock starts. Wall time is the median of --runs; peak RSS and CPU seconds
// come from /usr/bin/time. Nothing here asserts a time.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateSite } from './generate.js';

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

function parse(argv) {
  const o = { sizes: [2000, 20_000], runs: 3, seed: 1, pandocSample: 500, dir: path.join(tmpdir(), 'finews-convert-bench') };
  const keys = { '--sizes': (v) => (o.sizes = v.split(',').map(Number)), '--runs': (v) => (o.runs = Number(v)), '--seed': (v) => (o.seed = Number(v)), '--pandoc-sample': (v) => (o.pandocSample = Number(v)), '--dir': (v) => (o.dir = path.resolve(v)) };
  for (let i = 0; i < argv.length; i += 2) {
    if (!keys[argv[i]]) throw new Error(`unknown option ${argv[i]}`);
    keys[argv[i]](argv[i + 1]);
  }
  return o;
}

const timeAvailable = spawnSync('/usr/bin/time', ['-f', '%e', 'true']).status === 0;

/** Run this script in `mode` on a fresh copy of `pristine`: wall and CPU seconds, peak RSS (MB). */
function once(mode, pristine, extra = []) {
  const work = `${pristine}-work`;
  rmSync(work, { recursive: true, force: true });
  cpSync(pristine, work, { recursive: true });
  const argv = [self, mode, work, ...extra];
  const started = process.hrtime.bigint();
  const child = timeAvailable
    ? spawnSync('/usr/bin/time', ['-f', 'BENCH %e %M %U %S', process.execPath, ...argv], { encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(process.execPath, argv, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (child.status !== 0) throw new Error(`${mode} failed (${child.status}): ${child.stderr.slice(-1500)}`);
  const report = child.stderr.split('\n').find((l) => l.startsWith('BENCH '))?.split(' ');
  rmSync(work, { recursive: true, force: true });
  return report ? { wall: Number(report[1]), rss: Number(report[2]) / 1024, cpu: Number(report[3]) + Number(report[4]) } : { wall, rss: null, cpu: null };
}

function repeat(runs, sample) {
  const results = Array.from({ length: runs }, sample);
  const walls = results.map((r) => r.wall).sort((a, b) => a - b);
  const mid = Math.floor(walls.length / 2);
  return {
    wall: walls.length % 2 ? walls[mid] : (walls[mid - 1] + walls[mid]) / 2,
    spread: `${walls[0].toFixed(2)}–${walls.at(-1).toFixed(2)}`,
    cpu: Math.min(...results.map((r) => r.cpu ?? Infinity)),
    rss: Math.max(...results.map((r) => r.rss ?? 0)) || null,
  };
}

async function main() {
  const o = parse(process.argv.slice(2));
  if (!existsSync(path.join(repo, 'dist/commands/convert.js'))) throw new Error('no dist/commands/convert.js: run npx tsc -p tsconfig.build.json first');
  const hasPandoc = spawnSync('pandoc', ['--version']).status === 0;
  console.log(`finews convert benchmark: node ${process.version}, ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}, ${o.runs} runs, seed ${o.seed}`);
  const table = [];
  for (const count of o.sizes) {
    const pristine = path.join(o.dir, `posts-${count}-seed-${o.seed}`);
    if (!existsSync(path.join(pristine, '_posts'))) await generateSite(pristine, count, o.seed);
    const rows = [
      { tool: 'floor: turndown loop', ...repeat(o.runs, () => once('--floor', pristine)) },
      { tool: 'finews convert --write', ...repeat(o.runs, () => once('--finews', pristine)) },
    ];
    if (hasPandoc) {
      const sample = Math.min(count, o.pandocSample);
      const measured = once('--pandoc', pristine, [String(sample)]);
      const scale = count / sample;
      rows.push({ tool: `pandoc per file (${sample} run, ×${scale.toFixed(1)})`, wall: measured.wall * scale, spread: `${measured.wall.toFixed(2)} s for ${sample}`, cpu: measured.cpu === null ? null : measured.cpu * scale, rss: measured.rss });
    }
    for (const row of rows) table.push({ count, ...row });
  }
  console.log(`\nload after: ${loadavg().map((l) => l.toFixed(1)).join(' ')}${hasPandoc ? '' : '; pandoc not installed: its rows are missing'}`);
  console.log('\n| posts | tool | median wall (s) | range (s) | vs floor | vs finews | CPU (s) | peak RSS (MB) |\n|---:|---|---:|---:|---:|---:|---:|---:|');
  for (const r of table) {
    const floorWall = table.find((x) => x.count === r.count && x.tool.startsWith('floor')).wall;
    const ours = table.find((x) => x.count === r.count && x.tool.startsWith('finews')).wall;
    const cpu = r.cpu === null || r.cpu === Infinity ? '?' : r.cpu.toFixed(2);
    console.log(`| ${r.count} | ${r.tool} | ${r.wall.toFixed(2)} | ${r.spread} | ${(r.wall / floorWall).toFixed(2)}x | ${(r.wall / ours).toFixed(2)}x | ${cpu} | ${r.rss === null ? '?' : r.rss.toFixed(0)} |`);
  }
}

const [mode, dir, extra] = process.argv.slice(2);
if (mode === '--finews') await finews(dir);
else if (mode === '--floor') await floor(dir);
else if (mode === '--pandoc') pandoc(dir, Number(extra));
else await main();
