#!/usr/bin/env node
// finews index against what a self-hosted site would run for the same pages,
// on generated sites shaped like the corpus (bench/generate.js):
//   finews index        dist/ (build first: npx tsc -p tsconfig.build.json), as
//                       plain `finews index` runs (--list: with --list); the
//                       first runs (each from no output) write every page, the
//                       re-runs find nothing changed and must write nothing
//   the floor           bench/lint.js --floor: a bare Node loop reading every
//                       post and parsing its front matter with gray-matter
//   jekyll-archives     `jekyll build` with the jekyll-archives plugin making
//                       a page per category and tag (Debian packages jekyll and
//                       ruby-jekyll-archives, no gem from the network); once per
//                       size, and only up to --jekyll-max posts: 20 000 took 23 min
//
//   many tags           (issue 12) the `tags` shape of bench/generate.js: 3–6
//                       Zipf-like tags a post, ~3 400 distinct at 20 000
//                       posts; finews' first run (every page written, fresh
//                       each run) against the floor that reads and parses
//                       every post and then copies the same pages into place
//                       (--copy-floor); and one post with 2 000 / 8 000 /
//                       50 000 distinct tags (--one-post-tags)
//
//   node bench/index.js [--sizes 20000,100000] [--runs 3] [--seed 1]
//                       [--jekyll-max 20000] [--list] [--dir /tmp/finews-bench-index] [--json FILE]
//                       [--tag-sizes 20000] [--one-post-tags 2000,8000,50000]
//
// Each tool runs as its own process, timed with /usr/bin/time: wall time
// (median of --runs) and peak resident memory (threads included). Nothing
// here asserts a time. --json FILE writes the rows for bench/run.js's table.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { measure, notRun, options, readAndParsePosts, saveRows, timed } from './common.js';
import { generateSite } from './generate.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const self = fileURLToPath(import.meta.url);

/**
 * `--finews DIR [--list]`: the index command from dist/, its summary on
 * stdout; without --list, what plain `finews index` does (lists where the
 * site has no layout of their kind: the generated sites have none).
 */
async function finews(dir, list) {
  const { index } = await import(pathToFileURL(path.join(repo, 'dist/commands/index.js')).href);
  const { processIo } = await import(pathToFileURL(path.join(repo, 'dist/io.js')).href);
  // Exit 1 means some file was left alone (a clash): a finding, not a failure.
  process.exitCode = await index(list ? { list } : {}, { ...processIo(), cwd: dir });
}

/** A fresh generated site: finews writes into it, so it is not shared with other benchmarks. */
async function freshSite(root, name, count, seed, shape = 'corpus') {
  const dir = path.join(root, name);
  rmSync(dir, { recursive: true, force: true });
  await generateSite(dir, count, seed, shape);
  return dir;
}

/** What finews writes, relative to the site: removed before each first run, saved for the floor to copy. */
const OUTPUTS = ['category', 'tag', '_data'];

/**
 * `--copy-floor DIR SAVED`: the floor of issue 12 in one process: read and
 * parse every post (the gray-matter loop of bench/lint.js), then copy the
 * pages finews wrote (saved in SAVED) into place in DIR/floor-copy/, a
 * plain copy a file (no temporary file, no fsync, nothing compared).
 */
async function copyFloor(dir, saved) {
  const read = await readAndParsePosts(dir);
  const target = path.join(dir, 'floor-copy');
  rmSync(target, { recursive: true, force: true });
  let copied = 0;
  const walk = (rel) => {
    mkdirSync(path.join(target, rel), { recursive: true });
    for (const entry of readdirSync(path.join(saved, rel), { withFileTypes: true })) {
      const r = path.join(rel, entry.name);
      if (entry.isDirectory()) walk(r);
      else {
        copyFileSync(path.join(saved, r), path.join(target, r));
        copied++;
      }
    }
  };
  walk('');
  process.stdout.write(`${read} posts read, ${copied} files copied\n`);
}

/** A site of one post with `tags` distinct tags (numbered stock-like names). */
function onePostSite(root, tags) {
  const dir = path.join(root, `one-post-${tags}-tags`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, '_posts'), { recursive: true });
  writeFileSync(path.join(dir, '_config.yml'), 'timezone: Asia/Shanghai\n');
  const names = Array.from({ length: tags }, (_, i) => `股票${String(i).padStart(6, '0')}`);
  writeFileSync(path.join(dir, '_posts', '2022-01-06-many-tags.md'), `---\ntitle: "一条新闻"\ndate: 2022-01-06 10:00:00 +0800\ntags: [${names.join(', ')}]\n---\n正文。\n`);
  return dir;
}

/** The many-tags rows (benchmark `index-tags`): see the head of this file. */
async function manyTags(o) {
  const rows = [];
  const args = (dir) => [self, '--finews', dir, ...(o.list ? ['--list'] : [])];
  const fresh = (dir) => () => {
    for (const out of OUTPUTS) rmSync(path.join(dir, out), { recursive: true, force: true });
    return timed(process.execPath, args(dir), dir);
  };
  for (const count of o.tagSizes) {
    const row = (tool, role, figures, extra = {}) => ({ benchmark: 'index-tags', posts: count, tool, role, ...figures, note: '', ...extra });
    const dir = await freshSite(o.dir, `tags-${count}`, count, o.seed, 'tags');
    const first = measure(o.runs, fresh(dir));
    const summary = first.last.stdout.trim().split('\n');
    const distinct = /and (\d+) tags? from/.exec(summary[0])?.[1] ?? '?';
    process.stdout.write(`\n${count} posts, ${distinct} distinct tags, in ${dir}\n  first run: ${summary.at(-1)}\n`);
    const saved = path.join(o.dir, `tags-${count}-pages`);
    rmSync(saved, { recursive: true, force: true });
    for (const out of OUTPUTS) if (existsSync(path.join(dir, out))) cpSync(path.join(dir, out), path.join(saved, out), { recursive: true });
    const before = stamps(dir);
    const again = measure(o.runs, () => timed(process.execPath, args(dir), dir));
    const after = stamps(dir);
    const rerun = again.last.stdout.trim().split('\n').at(-1);
    const writesNothing = /^wrote 0 files, removed 0;/.test(rerun) && [...before].every(([f, st]) => after.get(f) === st) && before.size === after.size;
    const floor = measure(o.runs, () => timed(process.execPath, [self, '--copy-floor', dir, saved], dir));
    process.stdout.write(`  re-runs: ${rerun}\n  floor: ${floor.last.stdout.trim()}\n`);
    rows.push(row('floor: gray-matter loop + copying the same pages', 'floor', floor.figures, { note: `${before.size} files` }));
    rows.push(row(`finews index, first run (${distinct} distinct tags)`, 'finews', first.figures, { note: 'writes every page' }));
    rows.push(row('finews index, re-run', 'finews', again.figures, { note: writesNothing ? 'nothing changed: wrote nothing' : 'nothing changed, yet FILES WERE REWRITTEN', writesNothing }));
    rmSync(dir, { recursive: true, force: true });
    rmSync(saved, { recursive: true, force: true });
  }
  for (const tags of o.onePostTags) {
    const dir = onePostSite(o.dir, tags);
    const first = measure(o.runs, fresh(dir));
    process.stdout.write(`\none post, ${tags} distinct tags: ${first.last.stdout.trim().split('\n').at(-1)}\n`);
    rows.push({ benchmark: 'index-tags', posts: 1, tool: `finews index, one post with ${tags} distinct tags, first run`, role: 'finews', ...first.figures, note: `${tags + 2} files` });
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
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
  for (const rel of OUTPUTS) walk(rel);
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
  const build = measure(1, () => timed('jekyll', ['build', '--source', dir, '--destination', path.join(dir, '_site')], dir));
  const pages = ['category', 'tag'].map((k) => (existsSync(path.join(dir, '_site', k)) ? readdirSync(path.join(dir, '_site', k)).length : 0));
  if (pages[0] === 0) throw new Error(`jekyll-archives wrote no category pages: is ruby-jekyll-archives installed?\n${build.last.stdout.slice(-1000)}`);
  rmSync(dir, { recursive: true, force: true });
  return { figures: build.figures, note: `${pages[0]} category and ${pages[1]} tag pages` };
}

async function main() {
  const o = options(process.argv.slice(2), { sizes: [20_000, 100_000], runs: 3, seed: 1, jekyllMax: 20_000, list: false, dir: path.join(tmpdir(), 'finews-bench-index'), json: '', tagSizes: [20_000], onePostTags: [2000, 8000, 50_000] });
  if (!existsSync(path.join(repo, 'dist/commands/index.js'))) throw new Error('dist/ has no index command: run npx tsc -p tsconfig.build.json first');
  // Debian: apt-get install jekyll ruby-jekyll-archives (jekyll does not pull in the plugin).
  const jekyllMissing = spawnSync('jekyll', ['--version']).status !== 0 ? 'jekyll not installed' : spawnSync('ruby', ['-e', "require 'jekyll-archives'"]).status !== 0 ? 'ruby-jekyll-archives not installed' : null;
  const mode = o.list ? 'finews index --list' : 'finews index';
  process.stdout.write(`finews index benchmark: node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model ?? '?'}), runs ${o.runs}, seed ${o.seed}\n`);
  const rows = [];
  for (const count of o.sizes) {
    const row = (tool, role, figures, extra = {}) => ({ benchmark: 'index', posts: count, tool, role, ...figures, note: '', ...extra });
    const dir = await freshSite(o.dir, `posts-${count}`, count, o.seed);
    process.stdout.write(`\n${count} posts in ${dir}\n`);
    const floor = measure(o.runs, () => timed(process.execPath, [path.join(here, 'lint.js'), '--floor', dir], dir));
    const args = [self, '--finews', dir, ...(o.list ? ['--list'] : [])];
    // Every first run starts from no output at all: what finews wrote is removed before each.
    const first = measure(o.runs, () => {
      for (const out of OUTPUTS) rmSync(path.join(dir, out), { recursive: true, force: true });
      return timed(process.execPath, args, dir);
    });
    process.stdout.write(`  first run: ${first.last.stdout.trim().split('\n').at(-1)}\n`);
    const before = stamps(dir);
    const again = measure(o.runs, () => timed(process.execPath, args, dir));
    const after = stamps(dir);
    const summary = again.last.stdout.trim().split('\n').at(-1);
    const writesNothing = /^wrote 0 files, removed 0;/.test(summary) && [...before].every(([f, st]) => after.get(f) === st) && before.size === after.size;
    process.stdout.write(`  re-runs: ${summary}; ${writesNothing ? `no file rewritten (${before.size} files, inode and mtime unchanged)` : 'FILES WERE REWRITTEN'}\n`);
    rows.push(row('floor: gray-matter loop', 'floor', floor.figures));
    rows.push(row(`${mode}, first run`, 'finews', first.figures, { note: 'writes every page' }));
    rows.push(row(`${mode}, re-run`, 'finews', again.figures, { note: writesNothing ? 'nothing changed: wrote nothing' : 'nothing changed, yet FILES WERE REWRITTEN', writesNothing }));
    rmSync(dir, { recursive: true, force: true });
    if (jekyllMissing) rows.push(notRun('index', count, 'jekyll build + jekyll-archives', jekyllMissing));
    else if (count > o.jekyllMax) rows.push(notRun('index', count, 'jekyll build + jekyll-archives', `cap ${o.jekyllMax} posts, --jekyll-max`));
    else {
      process.stdout.write(`  jekyll build + jekyll-archives on ${count} posts…\n`);
      const jekyll = await jekyllArchives(o.dir, count, o.seed);
      rows.push(row('jekyll build + jekyll-archives', 'peer', jekyll.figures, { note: jekyll.note }));
    }
  }

  rows.push(...(await manyTags(o)));
  process.stdout.write('\n| posts | what | runs | median (s) | vs floor | vs finews first run | peak RSS (MB) | note |\n|---:|---|---:|---:|---:|---:|---:|---|\n');
  for (const r of rows) {
    if (r.wallMedian === null) {
      process.stdout.write(`| ${r.posts} | ${r.tool} | 0 | | | | | not run: ${r.note} |\n`);
      continue;
    }
    const base = rows.find((x) => x.benchmark === r.benchmark && x.posts === r.posts && x.role === 'floor')?.wallMedian;
    const ours = rows.find((x) => x.benchmark === r.benchmark && x.posts === r.posts && x.role === 'finews').wallMedian;
    const versus = r.role === 'peer' ? `${(r.wallMedian / ours).toFixed(0)}x slower` : '';
    process.stdout.write(`| ${r.posts} | ${r.tool} | ${r.wallRuns.length} | ${r.wallMedian.toFixed(2)} | ${base ? `${(r.wallMedian / base).toFixed(2)}x` : ''} | ${versus} | ${r.peakRssMB === null ? '?' : r.peakRssMB.toFixed(0)} | ${r.note} |\n`);
  }
  saveRows(o.json, rows);
}

const [flag, arg, extra] = process.argv.slice(2);
if (flag === '--finews') await finews(arg, extra === '--list');
else if (flag === '--copy-floor') await copyFloor(arg, extra);
else await main();
