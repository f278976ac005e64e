#!/usr/bin/env node
// finews lint against its peers on generated sites shaped like the corpus:
//   finews lint        bin/finews.js lint --format json (build first: npx tsc -p tsconfig.build.json)
//   markdownlint-cli2  on the same files (what CI would otherwise run)
//   the floor          a bare Node loop reading every post and parsing its
//                      front matter with gray-matter: no tool can do less
//
// Other sessions' load on the machine sways wall times; CPU seconds less so.
//
//   node bench/lint.js [--sizes 20000,100000] [--runs 3] [--seed 1]
//                      [--markdownlint-max 20000] [--dir /tmp/finews-bench]
//
// Each tool runs as its own process, timed with /usr/bin/time: wall time
// (median of --runs) and peak resident memory. Nothing here asserts a time.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, timed } from './common.js';
import { generateSite } from './generate.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const self = fileURLToPath(import.meta.url);

/** `--floor DIR`: the baseline loop. */
async function floor(dir) {
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
  process.stdout.write(`${read}\n`);
}


function options(argv) {
  const o = { sizes: [20_000, 100_000], runs: 3, seed: 1, markdownlintMax: 20_000, dir: path.join(tmpdir(), 'finews-bench') };
  for (let i = 0; i < argv.length; i += 2) {
    const [key, value] = [argv[i], argv[i + 1]];
    if (key === '--sizes') o.sizes = value.split(',').map(Number);
    else if (key === '--runs') o.runs = Number(value);
    else if (key === '--seed') o.seed = Number(value);
    else if (key === '--markdownlint-max') o.markdownlintMax = Number(value);
    else if (key === '--dir') o.dir = path.resolve(value);
    else throw new Error(`unknown option ${key}`);
  }
  return o;
}

/** A generated site, made once per size and seed and reused. */
async function site(root, count, seed) {
  const dir = path.join(root, `posts-${count}-seed-${seed}`);
  const stamp = path.join(dir, '.generated');
  if (!existsSync(stamp)) {
    spawnSync('rm', ['-rf', dir]);
    const { mistakes } = await generateSite(dir, count, seed);
    writeFileSync(stamp, JSON.stringify(mistakes));
  }
  return dir;
}

function measure(name, runs, run) {
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(run());
  const seconds = samples.map((s) => s.seconds);
  const rss = samples.map((s) => s.rssMb).filter((v) => v !== null);
  const cpu = samples.map((s) => s.cpu).filter((v) => v !== null);
  return {
    name,
    runs,
    median: median(seconds),
    min: Math.min(...seconds),
    max: Math.max(...seconds),
    // CPU seconds (user + system): what the work costs, less swayed than wall time by other load on the machine.
    cpu: cpu.length ? median(cpu) : null,
    rssMb: rss.length ? Math.max(...rss) : null,
    last: samples.at(-1),
  };
}

async function main() {
  const o = options(process.argv.slice(2));
  if (!existsSync(path.join(repo, 'dist/commands/lint.js'))) throw new Error('dist/ has no lint command: run npx tsc -p tsconfig.build.json first');
  const bin = path.join(repo, 'bin/finews.js');
  const markdownlint = path.join(repo, 'node_modules/.bin/markdownlint-cli2');
  process.stdout.write(`finews lint benchmark: node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load ${loadavg().map((l) => l.toFixed(1)).join(' ')}, runs ${o.runs}, seed ${o.seed}\n`);
  const rows = [];
  for (const count of o.sizes) {
    const dir = await site(o.dir, count, o.seed);
    const found = readFileSync(path.join(dir, '.generated'), 'utf8');
    process.stdout.write(`\n${count} posts in ${dir} (deliberate mistakes: ${found})\n`);
    const tools = [
      measure('floor (gray-matter loop)', o.runs, () => timed(process.execPath, [self, '--floor', dir], dir)),
      measure('finews lint', o.runs, () => timed(process.execPath, [bin, 'lint', '--format', 'json'], dir)),
    ];
    const problems = JSON.parse(tools[1].last.stdout).reduce((n, r) => n + r.errorCount + r.warningCount, 0);
    process.stdout.write(`finews lint found ${problems} problems\n`);
    if (count <= o.markdownlintMax && existsSync(markdownlint)) {
      // markdownlint takes long: at most its own runs, fewer when the site is large.
      tools.push(measure('markdownlint-cli2', count > 20_000 ? 1 : o.runs, () => timed(markdownlint, ['_posts/**/*.md'], dir)));
    } else {
      process.stdout.write(`markdownlint-cli2 skipped at ${count} posts (above --markdownlint-max ${o.markdownlintMax}: it would take minutes per run)\n`);
    }
    const base = tools[0].median;
    const ours = tools[1].median;
    for (const t of tools) {
      rows.push({ count, ...t });
      const ratio = t === tools[0] ? '1.00x floor' : `${(t.median / base).toFixed(2)}x floor`;
      const versus = t.name.startsWith('markdownlint') ? `, ${(t.median / ours).toFixed(1)}x finews` : '';
      process.stdout.write(
        `  ${t.name.padEnd(26)} median ${t.median.toFixed(2)} s (min ${t.min.toFixed(2)}, max ${t.max.toFixed(2)}, ${t.runs} runs)  ${ratio}${versus}  CPU ${t.cpu === null ? '?' : `${t.cpu.toFixed(2)} s`}  peak RSS ${t.rssMb === null ? '?' : `${t.rssMb.toFixed(0)} MB`}\n`,
      );
    }
  }
  process.stdout.write(`\nload after: ${loadavg().map((l) => l.toFixed(1)).join(' ')}\n| posts | tool | median wall (s) | vs floor | CPU (s) | peak RSS (MB) |\n|---:|---|---:|---:|---:|---:|\n`);
  for (const r of rows) {
    const base = rows.find((x) => x.count === r.count && x.name.startsWith('floor')).median;
    process.stdout.write(`| ${r.count} | ${r.name} | ${r.median.toFixed(2)} | ${(r.median / base).toFixed(2)}x | ${r.cpu === null ? '?' : r.cpu.toFixed(2)} | ${r.rssMb === null ? '?' : r.rssMb.toFixed(0)} |\n`);
  }
}

const [mode, arg] = process.argv.slice(2);
if (mode === '--floor') await floor(arg);
else await main();
