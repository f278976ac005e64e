#!/usr/bin/env node
// Start-up of `finews new` next to `node -e 0`: the floor any Node CLI pays.
// Prints medians of --runs runs and their ratio, measured in one run on this machine.
//
//   node bench/startup.js [--runs 25] [--json FILE]
//
// --json FILE writes the rows for bench/run.js's table (benchmark `new`).
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure, options, saveRows, timed } from './common.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const o = options(process.argv.slice(2), { runs: 25, json: '' });
const site = mkdtempSync(path.join(tmpdir(), 'finews-bench-startup-'));
cpSync(path.join(root, 'fixtures/site'), site, { recursive: true });

const bin = path.join(root, 'bin/finews.js');
const commands = [
  ['node -e 0', 'floor', ['-e', '0']],
  ['finews new --dry-run "标题"', 'finews', [bin, 'new', '--dry-run', '央行：加大金融支持消费力度']],
  ['finews --version', 'finews', [bin, '--version']],
  ['finews show <1 post>', 'finews', [bin, 'show', '_posts/2022-05-30-202205302396506117.md']],
];
const rows = commands.map(([tool, role, args]) => ({ benchmark: 'new', posts: null, tool, role, ...measure(o.runs, () => timed(process.execPath, args, site)).figures, note: '' }));
rmSync(site, { recursive: true, force: true });
const floor = rows[0].wallMedian;
console.log(`start-up, median of ${o.runs} runs (node ${process.version}, ${process.platform}/${process.arch})`);
console.log('| command | median ms | x node -e 0 | peak RSS (MB) |\n|---|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.tool} | ${(r.wallMedian * 1000).toFixed(1)} | ${(r.wallMedian / floor).toFixed(2)} | ${r.peakRssMB === null ? '?' : r.peakRssMB.toFixed(0)} |`);
saveRows(o.json, rows);
