#!/usr/bin/env node
// `npm run bench`: every benchmark (start-up, lint, convert, index) one after
// another, each printing its own table, then ONE table of them all written
// into docs/benchmarks.md between <!-- bench:start --> and <!-- bench:end -->.
//
//   npm run bench -- [--sizes 20000,100000] [--runs 3] [--seed 1] [--dir /tmp/finews-bench]
//                    [--markdownlint-max 20000] [--jekyll-max 20000] [--pandoc-sample 500]
//                    [--startup-runs 25] [--no-write]
//
// `--sizes 2000` is a quick pass. The caps keep the slow peers to sizes they
// finish in minutes; above them the table says "not run". With --no-write,
// or when a benchmark fails, docs/benchmarks.md is left as it was; the table is also
// saved as DIR/results/table.md.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { options, writeFileAtomic } from './common.js';
import { renderReport, replaceMarked, TABLE_FILE } from './table.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const target = path.resolve(here, '..', TABLE_FILE);
const argv = process.argv.slice(2);
/** Stop before measuring, in one line: a wrong option, or a docs/benchmarks.md with no place for the table. */
function checked(check) {
  try {
    return check();
  } catch (error) {
    console.error(`bench/run.js: ${error.message}`);
    process.exit(2);
  }
}
const o = checked(() =>
  options(argv, {
    sizes: [20_000, 100_000],
    runs: 3,
    seed: 1,
    dir: path.join(os.tmpdir(), 'finews-bench'),
    markdownlintMax: 20_000,
    jekyllMax: 20_000,
    pandocSample: 500,
    startupRuns: 25,
    noWrite: false,
  }),
);
// Before an hour of measuring, not after it.
if (!o.noWrite) checked(() => replaceMarked(readFileSync(target, 'utf8'), ''));

const common = ['--sizes', o.sizes.join(','), '--runs', String(o.runs), '--seed', String(o.seed), '--dir', o.dir];
const scripts = [
  ['startup.js', ['--runs', String(o.startupRuns)]],
  ['lint.js', [...common, '--markdownlint-max', String(o.markdownlintMax)]],
  ['convert.js', [...common, '--pandoc-sample', String(o.pandocSample)]],
  ['index.js', [...common, '--jekyll-max', String(o.jekyllMax)]],
];

function machine(loadBefore) {
  const release = existsSync('/etc/os-release') ? /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] : undefined;
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
    cores: os.availableParallelism(),
    ramGiB: os.totalmem() / 2 ** 30,
    os: [release, `${os.type()} ${os.release()} ${os.arch()}`].filter(Boolean).join(', '),
    node: process.version,
    loadBefore,
    loadAfter: os.loadavg(),
  };
}

const results = path.join(o.dir, 'results');
mkdirSync(results, { recursive: true });
const loadBefore = os.loadavg();
const rows = [];
const failed = [];
for (const [script, args] of scripts) {
  console.log(`\n## bench/${script}\n`);
  const json = path.join(results, script.replace(/\.js$/, '.json'));
  rmSync(json, { force: true });
  const r = spawnSync(process.execPath, [path.join(here, script), ...args, '--json', json], { stdio: 'inherit' });
  if (r.status !== 0 || !existsSync(json)) failed.push(`bench/${script} (exit ${r.status ?? r.signal})`);
  else rows.push(...JSON.parse(readFileSync(json, 'utf8')));
}

const command = process.env.npm_lifecycle_event === 'bench' ? `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}` : `node bench/run.js ${argv.join(' ')}`.trim();
const report = renderReport(rows, { command, date: new Date().toISOString(), sizes: o.sizes, machine: machine(loadBefore) });
writeFileAtomic(path.join(results, 'table.md'), `${report}\n`);
console.log(`\n## The table (also in ${path.join(results, 'table.md')})\n\n${report}\n`);
if (failed.length) {
  console.error(`${TABLE_FILE} left as it was: ${failed.join(', ')} failed`);
  process.exitCode = 1;
} else if (o.noWrite) {
  console.log(`${TABLE_FILE} left as it was (--no-write)`);
} else {
  checked(() => writeFileAtomic(target, replaceMarked(readFileSync(target, 'utf8'), report)));
  console.log(`${TABLE_FILE}: the table between <!-- bench:start --> and <!-- bench:end --> is replaced`);
}
