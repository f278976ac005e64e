import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * finews as a site installs it: what `npm pack` ships, the tarball installed
 * into a scratch site with no network (npm's cache only) and run through
 * `npx`, the README's GitHub Actions steps run as written, the composite
 * action's step and the pre-commit hook. (Installing from a git URL needs the
 * registry for finews' own development dependencies: `.ci/run` does it.)
 * `npm test` builds dist/ before this runs; packing uses that build.
 */
const root = path.resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  license: string;
  repository: { url: string };
  bin: Record<string, string>;
  dependencies: Record<string, string>;
  engines: Record<string, string>;
  scripts: Record<string, string>;
  files: string[];
};
const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));
const scratch = (prefix: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
};

/** npm's environment without what `npm test` sets for its own run, offline: the cache or nothing. */
const env = {
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k))),
  npm_config_offline: 'true',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
  NO_COLOR: '1',
};
const sh = (command: string, args: string[], cwd: string, extra: Record<string, string> = {}): SpawnSyncReturns<string> =>
  spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...env, ...extra }, timeout: 600_000 });
const said = (r: SpawnSyncReturns<string>) => `${r.stdout}${r.stderr}`;

interface Packed {
  filename: string;
  files: { path: string }[];
}
/** `npm pack` of the current build (no scripts: dist/ is built already, and other tests use it meanwhile). */
function pack(destination?: string): Packed {
  const args = ['pack', '--json', '--ignore-scripts', ...(destination ? ['--pack-destination', destination] : ['--dry-run'])];
  const r = sh('npm', args, root);
  expect(r.status, said(r)).toBe(0);
  return (JSON.parse(r.stdout) as Packed[])[0]!;
}

describe('npm pack ships what a user needs', () => {
  const files = new Set(pack().files.map((f) => f.path));

  it('the bin, the build, its types, the settings schema, README, CHANGELOG and LICENSE; no sources, tests or maps', () => {
    for (const f of ['bin/finews.js', 'dist/cli.js', 'dist/index.js', 'dist/index.d.ts', 'README.md', 'CHANGELOG.md', 'LICENSE', 'package.json']) expect(files, f).toContain(f);
    for (const f of files) expect(f, 'shipped').toMatch(/^(bin|dist|schema)\/|^(README\.md|CHANGELOG\.md|LICENSE|package\.json)$/);
    expect([...files].filter((f) => f.endsWith('.map'))).toEqual([]);
  });

  it('every module the build imports is in the package', () => {
    const missing: string[] = [];
    for (const f of [...files].filter((x) => /^(bin|dist)\/.*\.js$/.test(x))) {
      const text = readFileSync(path.join(root, f), 'utf8');
      for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(f), m[1]!));
        if (!files.has(target)) missing.push(`${f} → ${target}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('an MIT LICENSE, as package.json says, and a repository to install from and report to', () => {
    expect(pkg.license).toBe('MIT');
    expect(readFileSync(path.join(root, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} /);
    expect(pkg.repository.url).toMatch(/^git\+https:\/\/github\.com\/[\w.-]+\/[\w.-]+\.git$/);
  });

  it('nothing runs when it is installed: no install scripts, and prepare builds only where TypeScript is', () => {
    for (const hook of ['preinstall', 'install', 'postinstall']) expect(pkg.scripts[hook], hook).toBeUndefined();
    expect(pkg.scripts.prepare).toBe('node scripts/build.js');
  });
});

describe('scripts/build.js: npm run build and the prepare step', () => {
  /** A clone with nothing installed, as `npm install <folder>` meets it. */
  const bare = () => {
    const dir = scratch('finews-bare-');
    for (const f of ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts']) cpSync(path.join(root, f), path.join(dir, f), { recursive: true });
    return dir;
  };

  it('says in one line what to do, and exits 1, when dist/ is not built', () => {
    const dir = bare();
    const r = sh(process.execPath, ['scripts/build.js'], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      `finews: dist/ is not built and TypeScript is not installed in ${dir}: run "npm install" there first, or install finews from the tarball that "npm pack" makes (README: Install in a site)\n`,
    );
  });

  it('as prepare, builds again only when src/ or the settings change, and always from a clean dist/', () => {
    const dir = bare();
    mkdirSync(path.join(dir, 'src'));
    writeFileSync(path.join(dir, 'src/cli.ts'), 'export {};\n');
    // A stand-in for TypeScript that counts its runs and writes the build.
    const tsc = path.join(dir, 'node_modules/typescript/bin/tsc');
    mkdirSync(path.dirname(tsc), { recursive: true });
    writeFileSync(path.join(dir, 'node_modules/typescript/package.json'), '{ "name": "typescript", "version": "0.0.0" }\n');
    writeFileSync(tsc, "const fs = require('fs');\nfs.appendFileSync('runs', 'x');\nfs.mkdirSync('dist', { recursive: true });\nfs.writeFileSync('dist/cli.js', '');\n");
    const runs = () => (existsSync(path.join(dir, 'runs')) ? readFileSync(path.join(dir, 'runs'), 'utf8').length : 0);
    const prepare = () => expect(sh(process.execPath, ['scripts/build.js'], dir, { npm_lifecycle_event: 'prepare' }).status).toBe(0);
    prepare();
    expect(runs()).toBe(1);
    prepare();
    expect(runs()).toBe(1);
    writeFileSync(path.join(dir, 'dist/removed-module.js'), '');
    writeFileSync(path.join(dir, 'src/new-module.ts'), 'export {};\n');
    prepare();
    expect(runs()).toBe(2);
    expect(existsSync(path.join(dir, 'dist/removed-module.js'))).toBe(false);
    // `npm run build` always builds.
    expect(sh(process.execPath, ['scripts/build.js'], dir, { npm_lifecycle_event: 'build' }).status).toBe(0);
    expect(runs()).toBe(3);
  });

  it('leaves a built dist/ alone', () => {
    const dir = bare();
    mkdirSync(path.join(dir, 'dist'));
    writeFileSync(path.join(dir, 'dist/cli.js'), '// built\n');
    const r = sh(process.execPath, ['scripts/build.js'], dir);
    expect(said(r)).toBe('');
    expect(r.status).toBe(0);
    expect(readFileSync(path.join(dir, 'dist/cli.js'), 'utf8')).toBe('// built\n');
  });
});

/**
 * The lock file a site commits after `npm install --save-dev ./finews-<version>.tgz`:
 * finews from the tarball, its dependencies at the versions finews' own lock
 * holds. With it `npm ci --offline` needs only the tarballs in npm's cache.
 */
function siteLock(tarball: string): object {
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, Record<string, unknown>> };
  const registry = 'https://registry.npmjs.org/';
  const packages: Record<string, Record<string, unknown>> = {
    '': { name: 'site', devDependencies: { finews: `file:${tarball}` } },
    'node_modules/finews': { version: pkg.version, resolved: `file:${tarball}`, dev: true, license: pkg.license, dependencies: pkg.dependencies, bin: pkg.bin, engines: pkg.engines },
  };
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (key === '' || entry.dev || entry.link) continue;
    const name = key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const { devOptional: _, ...rest } = entry;
    packages[key] = { ...rest, resolved: entry.resolved ?? `${registry}${name}/-/${name.split('/').pop()}-${String(entry.version)}.tgz`, dev: true };
  }
  return { name: 'site', lockfileVersion: 3, requires: true, packages };
}

/** The fenced ```yaml blocks of the README that contain `needle`, parsed. */
const readmeYaml = (needle: string): unknown[] =>
  [...readFileSync(path.join(root, 'README.md'), 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((y) => y.includes(needle)).map((y) => parse(y) as unknown);

describe('a site installs the tarball with no network and runs finews', { timeout: 600_000 }, () => {
  let site: string;
  let tarball: string;
  let ci: SpawnSyncReturns<string>;
  beforeAll(() => {
    site = scratch('finews-site-');
    cpSync(path.join(root, 'fixtures/site'), site, { recursive: true });
    tarball = pack(site).filename;
    writeFileSync(path.join(site, 'package.json'), `${JSON.stringify({ name: 'site', private: true, devDependencies: { finews: `file:${tarball}` } }, null, 2)}\n`);
    writeFileSync(path.join(site, 'package-lock.json'), `${JSON.stringify(siteLock(tarball), null, 2)}\n`);
    ci = sh('npm', ['ci'], site);
  });

  it('npm ci installs it from the committed tarball, build and all', () => {
    expect(ci.status, said(ci)).toBe(0);
    const installed = path.join(site, 'node_modules/finews');
    expect(existsSync(path.join(installed, 'dist/cli.js'))).toBe(true);
    expect(existsSync(path.join(installed, 'LICENSE'))).toBe(true);
    expect(existsSync(path.join(installed, 'src'))).toBe(false);
    expect(readdirSync(path.join(installed, 'dist')).filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(tarball).toBe(`${pkg.name}-${pkg.version}.tgz`);
    // The README's tarball command names this file.
    expect(readFileSync(path.join(root, 'README.md'), 'utf8')).toContain(`npm install --save-dev ./${tarball}`);
  });

  it('npx --no finews lint reports the site\'s mistakes and exits 1', () => {
    const r = sh('npx', ['--no', 'finews', 'lint'], site);
    expect(r.status, said(r)).toBe(1);
    expect(r.stdout).toContain('filename-no-date');
    expect(r.stdout).toContain('date-no-offset');
    expect(r.stderr).toBe('');
  });

  it("the README's GitHub Actions workflow, run as written after its npm ci", () => {
    const [workflow] = readmeYaml('npx --no finews lint --format github') as { on: unknown; jobs: Record<string, { 'runs-on': string; steps: { uses?: string; run?: string }[] }> }[];
    expect(workflow).toBeDefined();
    const steps = Object.values(workflow!.jobs)[0]!.steps;
    expect(steps[0]!.uses).toBe('actions/checkout@v4');
    const runs = steps.flatMap((s) => (s.run ? [s.run] : []));
    expect(runs[0]).toBe('npm ci');
    for (const run of runs.slice(1)) {
      const r = sh('bash', ['-c', run], site);
      if (run.includes('lint')) {
        expect(r.status, run).toBe(1);
        expect(r.stdout).toMatch(/^::error file=_posts\/-202205262391921712\.md,line=1,col=1,title=filename-no-date::/m);
      } else expect(r.status, `${run}\n${said(r)}`).toBe(1); // index --check: the pages are not written yet
    }
  });
});

describe('the composite GitHub Action (action.yml)', () => {
  const action = parse(readFileSync(path.join(root, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default: string }>;
    runs: { using: string; steps: { uses?: string; run?: string; shell?: string; 'working-directory'?: string; env?: Record<string, string> }[] };
  };

  it('sets up Node, installs finews where the action is checked out, then runs the command in the site', () => {
    expect(action.runs.using).toBe('composite');
    const [setup, install, run] = action.runs.steps;
    expect(setup!.uses).toBe('actions/setup-node@v4');
    expect(install).toMatchObject({ 'working-directory': '${{ github.action_path }}', run: 'npm ci --no-audit --no-fund' });
    expect(run).toMatchObject({ 'working-directory': '${{ inputs.working-directory }}', env: { FINEWS_ARGS: '${{ inputs.args }}' } });
    expect(action.inputs.args!.default).toBe('lint --format github');
  });

  it('its run step, as written, lints the site into annotations', () => {
    const site = scratch('finews-action-');
    cpSync(path.join(root, 'fixtures/site'), site, { recursive: true });
    const step = action.runs.steps[2]!;
    const r = sh('bash', ['-c', step.run!], site, { GITHUB_ACTION_PATH: root, FINEWS_ARGS: action.inputs.args!.default });
    expect(r.status, said(r)).toBe(1);
    expect(r.stdout).toMatch(/^::error file=_posts\/-202205262391921712\.md,line=1,col=1,title=filename-no-date::/m);
    // The input is words for finews, never code for the shell.
    const code = sh('bash', ['-c', step.run!], site, { GITHUB_ACTION_PATH: root, FINEWS_ARGS: 'show $(touch made-by-shell) `touch made-by-shell`;touch made-by-shell' });
    expect(code.status).toBe(2);
    expect(existsSync(path.join(site, 'made-by-shell'))).toBe(false);
  });

  it('is what the README tells a site to write', () => {
    const [workflow] = readmeYaml('uses: finews/') as { jobs: Record<string, { steps: { uses?: string }[] }> }[];
    const uses = Object.values(workflow!.jobs)[0]!.steps.map((s) => s.uses);
    const repo = /github\.com\/([\w.-]+\/[\w.-]+?)\.git$/.exec(pkg.repository.url)![1];
    expect(uses).toEqual(['actions/checkout@v4', `${repo}@v${pkg.version}`]);
  });
});

describe('the pre-commit hook (.pre-commit-hooks.yaml)', () => {
  const [hook] = parse(readFileSync(path.join(root, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; language: string; files: string; require_serial: boolean }[];

  it('is a node hook whose entry is the package\'s bin, on posts and drafts only', () => {
    expect(hook).toMatchObject({ id: 'finews-lint', language: 'node', require_serial: true });
    expect(Object.keys(pkg.bin)).toContain(hook!.entry.split(' ')[0]);
    const files = new RegExp(hook!.files);
    for (const f of ['_posts/2022-01-06-a.md', 'blog/_posts/x.md', '_drafts/d.md']) expect(f).toMatch(files);
    for (const f of ['README.md', 'posts/a.md', '_layouts/post.html', 'my_posts/a.md']) expect(f).not.toMatch(files);
  });

  it('runs as pre-commit runs it: the entry and the changed files', () => {
    const args = hook!.entry.split(' ').slice(1);
    const bin = path.join(root, pkg.bin[hook!.entry.split(' ')[0]!]!);
    // A copy: the hook's --cache writes into the site.
    const site = scratch('finews-hook-');
    cpSync(path.join(root, 'fixtures/site'), site, { recursive: true });
    const bad = sh(process.execPath, [bin, ...args, '_posts/2021-12-08-202112082206703990.md'], site);
    expect(bad.status, said(bad)).toBe(1);
    expect(bad.stdout).toContain('front-matter-missing');
    const good = sh(process.execPath, [bin, ...args, '_posts/2022-01-07-finance-news.md'], site);
    expect(good.status, said(good)).toBe(0);
  });

  it('is what the README tells a site to write', () => {
    const [config] = readmeYaml('id: finews-lint') as { repos: { repo: string; rev: string; hooks: { id: string }[] }[] }[];
    expect(config!.repos[0]).toEqual({ repo: pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, ''), rev: `v${pkg.version}`, hooks: [{ id: hook!.id }] });
  });
});
