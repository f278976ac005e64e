#!/usr/bin/env node
// `npm run bench`: every benchmark, one after another, each printing its own table.
// Arguments after `--` go to each script (e.g. `npm run bench -- --sizes 2000`).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
for (const script of ['startup.js', 'lint.js', 'convert.js', 'index.js']) {
  console.log(`\n## bench/${script}\n`);
  const r = spawnSync(process.execPath, [path.join(here, script), ...(script === 'startup.js' ? [] : args)], { stdio: 'inherit' });
  if (r.status !== 0) process.exitCode = r.status ?? 1;
}
