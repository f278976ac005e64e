#!/usr/bin/env node
// Start-up of `finews new` next to `node -e 0`: the floor any Node CLI pays.
// Prints medians of N runs and their ratio, measured in one run on this machine.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.env.RUNS ?? 25);
const site = mkdtempSync(path.join(tmpdir(), 'finews-bench-startup-'));
cpSync(path.join(root, 'fixtures/site'), site, { recursive: true });

function median(cmd, args) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { cwd: site, stdio: ['ignore', 'ignore', 'pipe'] });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const bin = path.join(root, 'bin/finews.js');
const rows = [
  ['node -e 0', median(process.execPath, ['-e', '0'])],
  ['finews --version', median(process.execPath, [bin, '--version'])],
  ['finews new --dry-run "标题"', median(process.execPath, [bin, 'new', '--dry-run', '央行：加大金融支持消费力度'])],
  ['finews show <1 post>', median(process.execPath, [bin, 'show', '_posts/2022-05-30-202205302396506117.md'])],
];
rmSync(site, { recursive: true, force: true });
const floor = rows[0][1];
console.log(`start-up, median of ${runs} runs (node ${process.version}, ${process.platform}/${process.arch})`);
console.log('| command | median ms | x node -e 0 |\n|---|---:|---:|');
for (const [name, ms] of rows) console.log(`| ${name} | ${ms.toFixed(1)} | ${(ms / floor).toFixed(2)} |`);
