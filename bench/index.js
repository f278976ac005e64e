#!/usr/bin/env node
// finews index against what a self-hosted site would run for the same pages,
// on generated sites shaped like the corpus (bench/generate.js):
//   finews index        dist/ (build first: npx tsc -p tsconfig.build.json);
//                       the first run writes every page, the re-runs find
//                       nothing changed and must write nothing
//   the floor           bench/lint.js --floor: a bare Node loop reading every
//                       post and parsing its front matter with gray-matter
//   jekyll-archives     `jekyll build` with the jekyll-archives plugin making
//                       a page per category and tag (Debian: ruby-jekyll-archives);
//                       minutes at 20 000 posts, so by default measured on
//                       --jekyll-sizes (2000) and extrapolated linearly
//
//   node bench/index.js [--sizes 20000,100000] [--runs 3] [--seed 1]
//                       [--jekyll-sizes 2000] [--list] [--dir /tmp/finews-bench-index]
//
// Each tool runs as its own process, timed with /usr/bin/time: wall time
// (median of --runs) and peak resident memory (threads included). Nothing
// here asserts a time.
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median, timed } from './common.js';
import { generateSite } from './generate.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const self = fileURLToPath(import.meta.url);

/** `--finews DIR [--list]`: the index command from dist/, its summary on stdout. */
async function finews(dir, list) {
  const { index } = await import(pathToFileURL(path.join(repo, 'dist/commands/index.js')).href);
  const { processIo } = await import(pathToFileURL(path.join(repo, 'dist/io.js')).href);
  // Exit 1 means some file was left alone (a clash): a finding, not a failure.
  process.exitCode = await index({ list }, { ...processIo(), cwd: dir });
}

function options(argv) {
  const o = { sizes: [20_000, 100_000], runs: 3, seed: 1, jekyllSizes: [2000], list: false, dir: path.join(tmpdir(), 'finews-bench-index') };
  for (let i = 0; i < argv.length; i++) {
    const [key, value] = [argv[i], argv[i + 1]];
    if (key === '--list') {
      o.list = true;
      continue;
    }
    i++;
    if (key === '--sizes') o.sizes = value.split(',').map(Number);
    else if (key === '--runs') o.runs = Number(value);
    else if (key === '--seed') o.seed = Number(value);
    else if (key === '--jekyll-sizes') o.jekyllSizes = value ? value.split(',').map(Number) : [];
    else if (key === '--dir') o.dir = path.resolve(value);
    else throw new Error(`unknown option ${key}`);
  }
  return o;
}

/** A fresh generated site: finews writes into it, so it is not shared with other benchmarks. */
async function freshSite(root, name, count, seed) {
  const dir = path.join(root, name);
  rmSync(dir, { recursive: true, force: true });
  await generateSite(dir, count, seed);
  return dir;
}

function measure(runs, run) {
  const samples = Array.from({ length: runs }, run);
  const rss = samples.map((s) => s.rssMb).filter((v) => v !== null);
  return { median: median(samples.map((s) => s.seconds)), samples, rssMb: rss.length ? Math.max(...rss) : null };
}

/** Inode and mtime of every file finews owns: a re-run that writes nothing leaves them all as they were. */
function stamps(dir) {
  const out = new Map();
  const walk = (rel) => {
    const abs = path.join(dir, rel);
    if (!existsSync(abs)) return;
    for (const name of readdirSync(abs)) {
      const r = path.join(rel, name);
      const s = statSync(path.join(dir, r));
      if (s.isDirectory()) walk(r);
      else out.set(r, `${s.ino}:${s.mtimeMs}`);
    }
  };
  for (const rel of ['category', 'tag', '_data']) walk(rel);
  return out;
}

const ARCHIVES_CONFIG = `timezone: Asia/Shanghai
plugins:
  - jekyll-archives
jekyll-archives:
  enabled: [categories, tags]
  layout: archive
  permalinks:
    category: /category/:name/
    tag: /tag/:name/
`;
const ARCHIVE_LAYOUT = `---
layout: default
---
<h1>{{ page.title }}</h1>
<ul>{% for post in page.posts %}<li>{{ post.date | date: "%Y-%m-%d %H:%M" }} <a href="{{ post.url | relative_url }}">{{ post.title }}</a></li>{% endfor %}</ul>
`;

/** The same generated site, built by Jekyll with jekyll-archives (the theme and jekyll-feed dropped: not installed here). */
async function jekyllArchives(root, count, seed) {
  const dir = await freshSite(root, `jekyll-${count}`, count, seed);
  writeFileSync(path.join(dir, '_config.yml'), ARCHIVES_CONFIG);
  writeFileSync(path.join(dir, '_layouts/archive.html'), ARCHIVE_LAYOUT);
  const run = timed('jekyll', ['build', '--source', dir, '--destination', path.join(dir, '_site')], dir);
  const pages = ['category', 'tag'].map((k) => (existsSync(path.join(dir, '_site', k)) ? readdirSync(path.join(dir, '_site', k)).length : 0));
  if (pages[0] === 0) throw new Error(`jekyll-archives wrote no category pages: is ruby-jekyll-archives installed?\n${run.stdout.slice(-1000)}`);
  const finewsRun = measure(1, () => timed(process.execPath, [self, '--finews', dir], dir));
  rmSync(dir, { recursive: true, force: true });
  return { count, seconds: run.seconds, rssMb: run.rssMb, pages, finews: finewsRun };
}

async function main() {
  const o = options(process.argv.slice(2));
  if (!existsSync(path.join(repo, 'dist/commands/index.js'))) throw new Error('dist/ has no index command: run npx tsc -p tsconfig.build.json first');
  const mode = o.list ? 'finews index --list' : 'finews index';
  process.stdout.write(`finews index benchmark: node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model ?? '?'}), runs ${o.runs}, seed ${o.seed}\n`);
  const rows = [];
  for (const count of o.sizes) {
    const dir = await freshSite(o.dir, `posts-${count}`, count, o.seed);
    process.stdout.write(`\n${count} posts in ${dir}\n`);
    const floor = measure(o.runs, () => timed(process.execPath, [path.join(here, 'lint.js'), '--floor', dir], dir));
    const args = [self, '--finews', dir, ...(o.list ? ['--list'] : [])];
    const first = timed(process.execPath, args, dir);
    process.stdout.write(`  first run: ${first.stdout.trim().split('\n').at(-1)}\n`);
    const before = stamps(dir);
    const again = measure(o.runs, () => timed(process.execPath, args, dir));
    const after = stamps(dir);
    const summaries = again.samples.map((s) => s.stdout.trim().split('\n').at(-1));
    const untouched = summaries.every((s) => /^wrote 0 files, removed 0;/.test(s)) && [...before].every(([f, st]) => after.get(f) === st) && before.size === after.size;
    process.stdout.write(`  re-runs: ${summaries[0]}; ${untouched ? `no file rewritten (${before.size} files, inode and mtime unchanged)` : 'FILES WERE REWRITTEN'}\n`);
    rows.push({ count, name: 'floor (gray-matter loop)', median: floor.median, rssMb: floor.rssMb, runs: o.runs });
    rows.push({ count, name: `${mode}, first run (writes all)`, median: first.seconds, rssMb: first.rssMb, runs: 1 });
    rows.push({ count, name: `${mode}, re-run (nothing changed)`, median: again.median, rssMb: again.rssMb, runs: o.runs });
    rmSync(dir, { recursive: true, force: true });
  }
  const jekyll = [];
  for (const count of o.jekyllSizes) {
    process.stdout.write(`\njekyll build + jekyll-archives on ${count} posts…\n`);
    jekyll.push(await jekyllArchives(o.dir, count, o.seed));
  }

  process.stdout.write('\n| posts | what | runs | median (s) | vs floor | peak RSS (MB) |\n|---:|---|---:|---:|---:|---:|\n');
  for (const r of rows) {
    const base = rows.find((x) => x.count === r.count && x.name.startsWith('floor')).median;
    process.stdout.write(`| ${r.count} | ${r.name} | ${r.runs} | ${r.median.toFixed(2)} | ${(r.median / base).toFixed(2)}x | ${r.rssMb === null ? '?' : r.rssMb.toFixed(0)} |\n`);
  }
  for (const j of jekyll) {
    const ours = j.finews.median;
    process.stdout.write(
      `| ${j.count} | jekyll build + jekyll-archives (${j.pages[0]} category, ${j.pages[1]} tag pages) | 1 | ${j.seconds.toFixed(2)} | finews index there: ${ours.toFixed(2)} s, ${(j.seconds / ours).toFixed(0)}x faster | ${j.rssMb === null ? '?' : j.rssMb.toFixed(0)} |\n`,
    );
  }
  // Beyond the sizes measured: a power law through the two largest measured
  // sizes, or with one size a straight line (jekyll-archives grows faster
  // than that, so a line understates it).
  const [small, large] = jekyll.length >= 2 ? jekyll.slice(-2) : [null, jekyll.at(-1)];
  if (large) {
    const exponent = small ? Math.log(large.seconds / small.seconds) / Math.log(large.count / small.count) : 1;
    const how = small ? `a power law through ${small.count} and ${large.count} posts (exponent ${exponent.toFixed(2)})` : `a straight line from ${large.count} posts (an underestimate: measure more sizes with --jekyll-sizes 2000,20000)`;
    for (const count of o.sizes.filter((c) => c > large.count)) {
      const estimate = large.seconds * (count / large.count) ** exponent;
      const ours = rows.find((r) => r.count === count && r.name.includes('first run')).median;
      process.stdout.write(`\njekyll-archives at ${count} posts, extrapolated, not measured, along ${how}: ~${estimate.toFixed(0)} s, ${(estimate / ours).toFixed(0)}x finews' first run\n`);
    }
  }
}

const [flag, arg, extra] = process.argv.slice(2);
if (flag === '--finews') await finews(arg, extra === '--list');
else await main();
