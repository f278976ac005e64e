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
//                      [--markdownlint-max 20000] [--dir /tmp/finews-bench] [--json FILE]
//                      [--duplicates-sizes 20000] [--cache-sizes 100000]
//
// Two more shapes of run:
//   lint-duplicates  the `duplicates` site (bench/generate.js: one footer autolink on
//                    every post, source links ~230 posts share) against the same floor
//   lint-cache       re-runs with --cache after a first run filled it: nothing changed
//                    (metadata), one named post changed (as a pre-commit hook passes it:
//                    its mtime is set to now, its bytes stay), nothing changed (content,
//                    which trusts no mtime: what CI's fresh checkout costs); the metadata
//                    runs' floor is a bare loop stating every post (what any check of
//                    each file's metadata costs), the content run's a bare loop reading
//                    every post
//
// Each tool runs as its own process, timed with /usr/bin/time: wall time
// (median of --runs) and peak resident memory. Nothing here asserts a time.
// --json FILE writes the rows for bench/run.js's table.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure, notRun, options, readAndParsePosts, saveRows, site, timed } from './common.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const self = fileURLToPath(import.meta.url);

/** `--read DIR`: the floor of --cache-strategy content: read every post, nothing more. */
function readAll(dir) {
  const posts = path.join(dir, '_posts');
  let bytes = 0;
  for (const name of readdirSync(posts)) bytes += readFileSync(path.join(posts, name)).length;
  process.stdout.write(`${bytes}\n`);
}

/** `--stat DIR`: the floor of --cache (metadata): list the posts and stat each, nothing more. */
function statAll(dir) {
  const posts = path.join(dir, '_posts');
  let bytes = 0;
  for (const name of readdirSync(posts)) bytes += statSync(path.join(posts, name)).size;
  process.stdout.write(`${bytes}\n`);
}

/** `--floor DIR`: the baseline loop. */
async function floor(dir) {
  process.stdout.write(`${await readAndParsePosts(dir)}\n`);
}

async function main() {
  const o = options(process.argv.slice(2), {
    sizes: [20_000, 100_000],
    runs: 3,
    seed: 1,
    markdownlintMax: 20_000,
    dir: path.join(tmpdir(), 'finews-bench'),
    json: '',
    duplicatesSizes: [20_000],
    cacheSizes: [100_000],
  });
  if (!existsSync(path.join(repo, 'dist/commands/lint.js'))) throw new Error('dist/ has no lint command: run npx tsc -p tsconfig.build.json first');
  const bin = path.join(repo, 'bin/finews.js');
  const markdownlint = path.join(repo, 'node_modules/.bin/markdownlint-cli2');
  process.stdout.write(`finews lint benchmark: node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load ${loadavg().map((l) => l.toFixed(1)).join(' ')}, runs ${o.runs}, seed ${o.seed}\n`);
  const rows = [];
  for (const count of o.sizes) {
    const dir = await site(o.dir, count, o.seed);
    const found = readFileSync(path.join(dir, '.generated'), 'utf8');
    process.stdout.write(`\n${count} posts in ${dir} (deliberate mistakes: ${found})\n`);
    const row = (tool, role, m, note = '') => ({ benchmark: 'lint', posts: count, tool, role, ...m.figures, note });
    const floorRuns = measure(o.runs, () => timed(process.execPath, [self, '--floor', dir], dir));
    const ours = measure(o.runs, () => timed(process.execPath, [bin, 'lint', '--format', 'json'], dir));
    const problems = JSON.parse(ours.last.stdout).reduce((n, r) => n + r.errorCount + r.warningCount, 0);
    process.stdout.write(`finews lint found ${problems} problems\n`);
    const tools = [row('floor: gray-matter loop', 'floor', floorRuns), row('finews lint', 'finews', ours, `${problems} problems found`)];
    if (!existsSync(markdownlint)) {
      tools.push(notRun('lint', count, 'markdownlint-cli2', 'not installed: npm install'));
    } else if (count > o.markdownlintMax) {
      tools.push(notRun('lint', count, 'markdownlint-cli2', `cap ${o.markdownlintMax} posts, --markdownlint-max`));
    } else {
      // markdownlint takes long: once when the site is large.
      const runs = count > 20_000 ? 1 : o.runs;
      tools.push(row('markdownlint-cli2', 'peer', measure(runs, () => timed(markdownlint, ['_posts/**/*.md'], dir))));
    }
    const [base, mine] = tools;
    for (const t of tools) {
      rows.push(t);
      if (t.wallMedian === null) {
        process.stdout.write(`  ${t.tool.padEnd(26)} not run: ${t.note}\n`);
        continue;
      }
      const versus = t.role === 'peer' ? `, ${(t.wallMedian / mine.wallMedian).toFixed(1)}x finews` : '';
      process.stdout.write(
        `  ${t.tool.padEnd(26)} median ${t.wallMedian.toFixed(2)} s (min ${Math.min(...t.wallRuns).toFixed(2)}, max ${Math.max(...t.wallRuns).toFixed(2)}, ${t.wallRuns.length} runs)  ${(t.wallMedian / base.wallMedian).toFixed(2)}x floor${versus}  CPU ${t.cpu === null ? '?' : `${t.cpu.toFixed(2)} s`}  peak RSS ${t.peakRssMB === null ? '?' : `${t.peakRssMB.toFixed(0)} MB`}\n`,
      );
    }
  }
  for (const count of o.duplicatesSizes) {
    const dir = await site(o.dir, count, o.seed, 'duplicates');
    process.stdout.write(`\n${count} posts, duplicate-heavy, in ${dir}\n`);
    const row = (tool, role, m, note = '') => ({ benchmark: 'lint-duplicates', posts: count, tool, role, ...m.figures, note });
    const base = row('floor: gray-matter loop', 'floor', measure(o.runs, () => timed(process.execPath, [self, '--floor', dir], dir)));
    const ours = measure(o.runs, () => timed(process.execPath, [bin, 'lint', '--format', 'json'], dir));
    const found = JSON.parse(ours.last.stdout).flatMap((r) => r.messages).filter((m) => m.ruleId === 'duplicate-post').length;
    const mine = row('finews lint', 'finews', ours, `${found} duplicate-post findings, ${ours.last.stdout.length} bytes of JSON`);
    rows.push(base, mine);
    say(mine, base);
  }
  for (const count of o.cacheSizes) {
    // A re-run needs a post to name (the pre-commit row) and a cache to fill: a site of none has neither.
    if (!Number.isInteger(count) || count < 1) {
      process.stdout.write(`\n--cache-sizes ${count}: skipped (a cached re-run needs at least one post)\n`);
      continue;
    }
    const dir = await site(o.dir, count, o.seed);
    // The generated site is shared by the other benchmarks: the caches live beside it, not in it.
    const caches = path.join(o.dir, 'results', `cache-${count}`);
    rmSync(caches, { recursive: true, force: true });
    mkdirSync(caches, { recursive: true });
    const metadata = ['--cache', '--cache-location', path.join(caches, 'metadata')];
    const content = ['--cache', '--cache-location', path.join(caches, 'content'), '--cache-strategy', 'content'];
    process.stdout.write(`\n${count} posts in ${dir}: --cache re-runs (each cache filled by one untimed run first)\n`);
    const plain = timed(process.execPath, [bin, 'lint', '--format', 'json', ...metadata], dir).stdout;
    timed(process.execPath, [bin, 'lint', '--format', 'json', ...content], dir);
    const row = (tool, role, m, note = '', benchmark = 'lint-cache') => ({ benchmark, posts: count, tool, role, ...m.figures, note });
    const same = (m) => (m.last.stdout === plain ? 'report identical to the first run' : '**report differs from the first run**');
    const base = row('floor: stat every post', 'floor', measure(o.runs, () => timed(process.execPath, [self, '--stat', dir], dir)));
    const read = row('floor: read every post', 'floor', measure(o.runs, () => timed(process.execPath, [self, '--read', dir], dir)), '', 'lint-cache-content');
    const again = measure(o.runs, () => timed(process.execPath, [bin, 'lint', '--format', 'json', ...metadata], dir));
    const staged = path.join('_posts', readdirSync(path.join(dir, '_posts')).sort()[Math.floor(count / 2)]);
    // A staged post has changed since the last run: its mtime is set to now (its bytes stay as generated).
    const one = measure(o.runs, () => {
      const now = new Date();
      utimesSync(path.join(dir, staged), now, now);
      return timed(process.execPath, [bin, 'lint', '--format', 'json', ...metadata, staged], dir);
    });
    const byContent = measure(o.runs, () => timed(process.execPath, [bin, 'lint', '--format', 'json', ...content], dir));
    const tools = [
      base,
      row('finews lint --cache, nothing changed', 'finews', again, same(again)),
      row('finews lint --cache, one named post', 'finews', one, 'changed, as a pre-commit hook runs it'),
      read,
      row('finews lint --cache --cache-strategy content, nothing changed', 'finews', byContent, same(byContent), 'lint-cache-content'),
    ];
    rows.push(...tools);
    for (const t of tools.slice(1, 3)) say(t, base);
    say(tools[4], read);
  }
  process.stdout.write(`\nload after: ${loadavg().map((l) => l.toFixed(1)).join(' ')}\n| posts | tool | median wall (s) | vs floor | CPU (s) | peak RSS (MB) |\n|---:|---|---:|---:|---:|---:|\n`);
  for (const r of rows.filter((x) => x.wallMedian !== null)) {
    const base = rows.find((x) => x.benchmark === r.benchmark && x.posts === r.posts && x.role === 'floor').wallMedian;
    process.stdout.write(`| ${r.posts} | ${r.tool} | ${r.wallMedian.toFixed(2)} | ${(r.wallMedian / base).toFixed(2)}x | ${r.cpu === null ? '?' : r.cpu.toFixed(2)} | ${r.peakRssMB === null ? '?' : r.peakRssMB.toFixed(0)} |\n`);
  }
  saveRows(o.json, rows);
}

function say(t, base) {
  process.stdout.write(`  ${t.tool.padEnd(60)} median ${t.wallMedian.toFixed(2)} s (${t.wallRuns.length} runs)  ${(t.wallMedian / base.wallMedian).toFixed(2)}x floor (${base.wallMedian.toFixed(2)} s)  peak RSS ${t.peakRssMB === null ? '?' : `${t.peakRssMB.toFixed(0)} MB`}  ${t.note}\n`);
}

const [mode, arg] = process.argv.slice(2);
if (mode === '--floor') await floor(arg);
else if (mode === '--read') readAll(arg);
else if (mode === '--stat') statAll(arg);
else await main();
