#!/usr/bin/env node
// `npm run build`, and `prepare` (which npm runs after `npm install` in a clone,
// when it installs finews from a git URL, and before `npm pack`): a clean build
// of dist/ from src/ with TypeScript, so no file of a removed module is packed.
//
// A tarball or the registry never runs it: their package holds dist/ already.
// Where TypeScript is not installed (finews installed from a folder whose own
// dependencies were never installed) it says what to do in one line, not
// "tsc: not found". As `prepare` it builds only when src/ or the build's
// settings changed since the last build: `npx finews` inside this repository
// installs the folder and runs prepare each time.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const stampFile = path.join(root, 'node_modules', '.cache', 'finews-build-stamp');

/** What the build reads: every file of src/ and the settings, by name, size and modification time. */
function fingerprint() {
  const lines = [];
  const walk = (rel) => {
    for (const e of readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const r = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(r);
      else lines.push(r);
    }
  };
  walk('src');
  lines.push('tsconfig.json', 'tsconfig.build.json', 'package.json');
  const hash = createHash('sha256');
  for (const f of lines.sort()) {
    const s = statSync(path.join(root, f));
    hash.update(`${f} ${s.size} ${s.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

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
const inputs = fingerprint();
const built = existsSync(path.join(dist, 'cli.js')) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === inputs;
if (built && process.env.npm_lifecycle_event === 'prepare') process.exit(0);
rmSync(stampFile, { force: true });
rmSync(dist, { recursive: true, force: true });
const run = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
if (run.status === 0) {
  mkdirSync(path.dirname(stampFile), { recursive: true });
  writeFileSync(stampFile, inputs);
}
process.exit(run.status ?? 1);
