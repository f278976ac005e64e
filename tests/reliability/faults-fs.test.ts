import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, finews, snapshot, temps, writeSite } from './faults-site.js';

// Real faults, not mocks: a full tmpfs (ENOSPC) and a read-only bind mount
// (EROFS) in a mount namespace of the run's own (unshare -m: nothing outside
// sees them), and a folder the run's user may not write to (EACCES: the run
// as nobody, since root writes anywhere). Each: exit 2, one line naming each
// file that could not be written, which is left as it was, every other file
// written as a run without the fault writes it, no temporary file left.

const root = mkdtempSync(path.join(tmpdir(), 'finews-faults-fs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const probe = (command: string, args: string[]) => spawnSync(command, args, { stdio: 'ignore' }).status === 0;
mkdirSync(path.join(root, 'probe'));
const canMount = probe('unshare', ['-m', 'sh', '-c', `mount -t tmpfs -o size=64k tmpfs ${root}/probe`]);
const canDropRoot = process.getuid?.() === 0 && probe('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', '']);

type Fault = { kind: 'enospc'; big: string } | { kind: 'rofs'; dir: string } | { kind: 'eacces'; dir: string };

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  after: Map<string, Buffer>;
}

/** Run finews on a copy of `site` under the fault; the files are copied back out to read. */
function runWithFault(site: string, args: string[], fault: Fault, expected: Map<string, Buffer>): Run {
  const out = mkdtempSync(path.join(root, 'out-'));
  if (fault.kind === 'eacces') {
    const copy = path.join(out, 'site');
    cpSync(site, copy, { recursive: true });
    chmodSync(root, 0o755);
    chmodSync(out, 0o755);
    // Everything nobody's but the folder that must not be written to (root's, not writable by others).
    const locked = path.join(copy, fault.dir);
    chmodSync(locked, 0o755);
    chownSync(copy, 65534, 65534);
    for (const entry of readdirSync(copy, { recursive: true, withFileTypes: true })) {
      const abs = path.join(entry.parentPath, entry.name);
      if (abs !== locked && !abs.startsWith(`${locked}${path.sep}`)) chownSync(abs, 65534, 65534);
    }
    const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, ...args], { cwd: copy, encoding: 'utf8' });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, after: snapshot(copy) };
  }
  const mnt = path.join(out, 'mnt');
  const back = path.join(out, 'site');
  mkdirSync(mnt);
  mkdirSync(back);
  // ENOSPC: room for every file as it is and as it will be, plus writes in flight; not for the big file's new copy.
  const pages = (n: number) => Math.ceil(n / 4096) * 4096;
  const original = snapshot(site);
  let size = 256 << 20;
  if (fault.kind === 'enospc') {
    size = 512 << 10;
    for (const rel of new Set([...original.keys(), ...expected.keys()])) {
      size += rel === fault.big ? pages(original.get(rel)?.length ?? 0) : Math.max(pages(original.get(rel)?.length ?? 0), pages(expected.get(rel)?.length ?? 0));
    }
    expect(expected.get(fault.big)!.length).toBeGreaterThan(1 << 20);
  }
  const ro = fault.kind === 'rofs' ? `mount --bind "$MNT/${fault.dir}" "$MNT/${fault.dir}" && mount -o remount,bind,ro "$MNT/${fault.dir}"` : 'true';
  const script = `set -e; mount -t tmpfs -o size=${size} tmpfs "$MNT"; cp -a "$SITE/." "$MNT/"; ${ro}; cd "$MNT"; set +e; "$NODE" "$BIN" "$@"; code=$?; cp -a "$MNT/." "$BACK/"; exit $code`;
  const r = spawnSync('unshare', ['-m', 'sh', '-c', script, 'sh', ...args], {
    encoding: 'utf8',
    env: { ...process.env, MNT: mnt, SITE: site, BACK: back, NODE: process.execPath, BIN },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, after: snapshot(back) };
}

interface Case {
  args: string[];
  /** The site: posts, and the big post for ENOSPC. */
  make: (dir: string) => void;
  big: string;
  /** The folder made read-only or not writable, with some of the files the run writes. */
  dir: string;
  /** The line that names a file that could not be written. */
  line: (rel: string, reason: string) => string;
}

const CASES: Record<string, Case> = {
  'convert --write': {
    args: ['convert', '--write', '_posts'],
    make: (dir) => postsWithSubfolder(dir, 30),
    big: '_posts/2021-06-30-big.md',
    dir: '_posts/locked',
    line: (rel, reason) => `${rel}: ${reason}`,
  },
  'lint --fix': {
    args: ['lint', '--fix', '_posts'],
    make: (dir) => postsWithSubfolder(dir, 30),
    big: '_posts/2021-06-30-big.md',
    dir: '_posts/locked',
    line: (rel, reason) => `finews: ${rel}: the fixes could not be written: ${reason}`,
  },
  index: {
    args: ['index', '-q', '--no-list'],
    // Many posts in few tags: small pages, a data file of megabytes (the one that does not fit).
    make: (dir) => {
      writeSite(dir, 6000, { tags: 10 });
      mkdirSync(path.join(dir, 'tag'));
    },
    big: '_data/finews.json',
    dir: 'tag',
    line: (rel, reason) => `finews: ${rel}: ${reason}`,
  },
};

function postsWithSubfolder(dir: string, count: number): void {
  writeSite(dir, count, { bigBody: 1.5 * (1 << 20) });
  // A third of the posts in a folder of their own, for the faults that take a folder.
  mkdirSync(path.join(dir, '_posts', 'locked'));
  writeSite(path.join(dir, 'locked-site'), count / 3);
  for (const name of readdirSync(path.join(dir, 'locked-site', '_posts'))) {
    cpSync(path.join(dir, 'locked-site', '_posts', name), path.join(dir, '_posts', 'locked', `x${name}`));
  }
  rmSync(path.join(dir, 'locked-site'), { recursive: true });
}

describe.each(Object.entries(CASES))('finews %s under faults', (name, c) => {
  const site = path.join(root, name.replace(/\W+/g, '-'));
  let original: Map<string, Buffer>;
  let expected: Map<string, Buffer>;

  const setUp = () => {
    if (expected) return;
    c.make(path.join(site, 'original'));
    original = snapshot(path.join(site, 'original'));
    cpSync(path.join(site, 'original'), path.join(site, 'complete'), { recursive: true });
    finews(path.join(site, 'complete'), c.args);
    expected = snapshot(path.join(site, 'complete'));
  };

  /** The files the run was to write (changed or new). */
  const toWrite = () => [...expected].filter(([rel, bytes]) => !original.get(rel)?.equals(bytes)).map(([rel]) => rel);

  function check(run: Run, reason: string, failed: string[]): void {
    expect(run.status, run.stderr).toBe(2);
    const lines = run.stderr.split('\n').filter((l) => l.endsWith(`: ${reason}`));
    expect(lines.sort()).toEqual(failed.map((rel) => c.line(rel, reason)).sort());
    expect(temps(run.after)).toEqual([]);
    const wrong: string[] = [];
    if (name === 'index' && failed.some((rel) => rel.startsWith('tag/'))) {
      // Written all the same, listing the tags whose pages could not be written without a link to them.
      const data = JSON.parse(run.after.get('_data/finews.json')!.toString()) as Record<'categories' | 'tags', { url: string | null }[]>;
      expect(data.tags.filter((t) => t.url !== null)).toEqual([]);
      expect(data.categories.filter((t) => t.url === null)).toEqual([]);
      run.after.set('_data/finews.json', expected.get('_data/finews.json')!);
    }
    for (const rel of new Set([...original.keys(), ...expected.keys(), ...run.after.keys()])) {
      const want = failed.includes(rel) ? original.get(rel) : expected.get(rel);
      const got = run.after.get(rel);
      if (!(want === undefined ? got === undefined : got?.equals(want))) wrong.push(rel);
    }
    expect(wrong).toEqual([]);
    // The rest of the run was done and reported.
    expect(toWrite().length - failed.length).toBeGreaterThan(5);
    if (name === 'convert --write') expect(run.stderr).toContain(`converted ${toWrite().length - failed.length}, unchanged 0, failed ${failed.length}\n`);
    if (name === 'index') expect(run.stdout).toMatch(new RegExp(`wrote ${toWrite().length - failed.length} files, removed 0; 0 unchanged; ${failed.length} files? failed\\n`));
  }

  it.skipIf(!canMount)('a full disk (ENOSPC): the file that does not fit is left as it was, the others written', { timeout: 120_000 }, () => {
    setUp();
    const run = runWithFault(path.join(site, 'original'), c.args, { kind: 'enospc', big: c.big }, expected);
    // Writes in flight when the disk filled may fail with it: each is named and left as it was.
    const failed = run.stderr
      .split('\n')
      .filter((l) => l.endsWith(': no space left on device'))
      .map((l) => l.replace(/^finews: /, '').split(': ')[0]!);
    expect(failed).toContain(c.big);
    check(run, 'no space left on device', failed);
  });

  it.skipIf(!canMount)('a read-only folder (EROFS): its files named and left as they were, the others written', { timeout: 120_000 }, () => {
    setUp();
    const run = runWithFault(path.join(site, 'original'), c.args, { kind: 'rofs', dir: c.dir }, expected);
    check(run, 'read-only file system', toWrite().filter((rel) => rel.startsWith(`${c.dir}/`)));
  });

  it.skipIf(!canDropRoot)('a folder the user may not write to (EACCES): likewise', { timeout: 120_000 }, () => {
    setUp();
    const run = runWithFault(path.join(site, 'original'), c.args, { kind: 'eacces', dir: c.dir }, expected);
    check(run, 'permission denied', toWrite().filter((rel) => rel.startsWith(`${c.dir}/`)));
  });

  it.runIf(!canMount || !canDropRoot)('cannot make real faults here (no mount namespace, or not root): see faults-changed.test.ts for injected ones', () => {
    console.warn(`faults-fs: mount namespaces ${canMount ? 'work' : 'unavailable'}; dropping root ${canDropRoot ? 'works' : 'unavailable'}`);
  });
});
