#!/usr/bin/env node
// `npm run build`, and `prepare` (which npm runs after `npm install` in a clone,
// when it installs finews from a git URL, and before `npm pack`): a clean build
// of dist/ from src/ with TypeScript, so no file of a removed module is packed.
//
// A tarball or the registry never runs it: their package holds dist/ already.
// Where TypeScript is not installed (finews installed from a folder whose own
// dependencies were never installed) it says what to do in one line, not
// "tsc: not found".
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');

let tsc = null;
try {
  tsc = createRequire(path.join(root, 'package.json')).resolve('typescript/bin/tsc');
} catch {
  // TypeScript is a development dependency: absent where finews is only used.
}
if (tsc === null) {
  if (existsSync(path.join(dist, 'cli.js'))) process.exit(0);
  console.error(
    `finews: dist/ is not built and TypeScript is not installed in ${root}: run "npm install" there first, ` +
      'or install finews from the tarball that "npm pack" makes (README: Install in a site)',
  );
  process.exit(1);
}
rmSync(dist, { recursive: true, force: true });
const run = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
process.exit(run.status ?? 1);
