import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteFromConfig } from '../../src/site/config.js';
import { findInputs, type FolderListing, type WalkMemo } from '../../src/site/files.js';

let root: string;
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'finews-files-'));
  const files = [
    '_posts/2021-01-01-a.md',
    '_posts/sub/2021-01-02-b.md',
    '_posts/notes.txt',
    '_posts/.2021-01-03-hidden.md',
    '_posts/2021-01-04-folder.md/inside.md',
    '_drafts/draft.md',
    'section/_posts/2021-01-05-c.md',
    'section/readme.md',
    'node_modules/pkg/_posts/2021-01-06-d.md',
    '_site/_posts/2021-01-07-e.md',
    '.git/_posts/2021-01-08-f.md',
    'index.md',
  ];
  for (const f of files) {
    mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    writeFileSync(path.join(root, f), '---\ntitle: x\n---\n');
  }
  symlinkSync(path.join(root, 'nowhere.md'), path.join(root, '_posts/2021-01-09-dangling.md'));
  symlinkSync(path.join(root, '_posts/sub'), path.join(root, '_posts/linked-folder'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const rel = (files: string[]) => files.map((f) => path.relative(root, f).split(path.sep).join('/'));

describe('findInputs: what a folder or a site means', () => {
  it('takes every file in the post folders of a site, and nothing from ignored or dot folders', async () => {
    const site = siteFromConfig(root, null, '');
    const found = await findInputs([], root, site);
    expect(rel(found.files)).toEqual([
      '_drafts/draft.md',
      '_posts/2021-01-01-a.md',
      '_posts/2021-01-04-folder.md/inside.md',
      '_posts/notes.txt',
      '_posts/sub/2021-01-02-b.md',
      'section/_posts/2021-01-05-c.md',
    ]);
    // Named like posts, not regular files: reported, not read as posts nor passed over.
    expect(rel(found.others)).toEqual(['_posts/2021-01-04-folder.md', '_posts/2021-01-09-dangling.md']);
  });

  it('takes every file inside a _posts folder, and only post folders above one', async () => {
    const site = siteFromConfig(root, null, '');
    expect(rel((await findInputs(['_posts/sub'], root, site)).files)).toEqual(['_posts/sub/2021-01-02-b.md']);
    expect(rel((await findInputs(['section'], root, site)).files)).toEqual(['section/_posts/2021-01-05-c.md']);
    expect(rel((await findInputs(['section/readme.md', '_posts/*.md'], root, site)).files)).toEqual(['_posts/2021-01-01-a.md', 'section/readme.md']);
  });
});

describe("findInputs walks as Jekyll's reader does", () => {
  let site: string;
  beforeAll(() => {
    site = mkdtempSync(path.join(tmpdir(), 'finews-walk-'));
    for (const f of [
      '_posts/2021-01-01-a.md',
      '_posts/2021-01-02-notes.txt',
      'en/old/_posts/2021-01-03-old.md',
      'en/older/_posts/2021-01-04-older.md',
      'en/vendor/_posts/2021-01-05-vendor.md',
      'vendor/bundle/_posts/2021-01-06-bundle.md',
      '_archive/_posts/2021-01-07-archive.md',
      '_other/_posts/2021-01-08-other.md',
      'news./_posts/2021-01-09-dot.md',
    ]) {
      mkdirSync(path.dirname(path.join(site, f)), { recursive: true });
      writeFileSync(path.join(site, f), '---\ntitle: x\n---\n');
    }
    writeFileSync(path.join(site, '_config.yml'), 'exclude: [en/old, "*.txt"]\ninclude: [_archive]\n');
  });
  afterAll(() => rmSync(site, { recursive: true, force: true }));

  it('leaves out what exclude: takes (prefixes and globs), keeps what include: names, applies default excludes at the top only', async () => {
    const config = siteFromConfig(site, path.join(site, '_config.yml'), 'exclude: [en/old, "*.txt"]\ninclude: [_archive]\n');
    const found = await findInputs([], site, config);
    expect(found.files.map((f) => path.relative(site, f).split(path.sep).join('/'))).toEqual([
      '_archive/_posts/2021-01-07-archive.md',
      '_posts/2021-01-01-a.md',
      'en/vendor/_posts/2021-01-05-vendor.md',
    ]);
  });
});

describe('findInputs with kept folder listings (lint --cache)', () => {
  /** A memo that counts the folders read (each read folder is set; a kept one only got). */
  function memo(): WalkMemo & { reads: string[] } {
    const dirs = new Map<string, FolderListing>();
    const reads: string[] = [];
    return { reads, get: (dir) => dirs.get(dir), set: (dir, listing) => (reads.push(dir), dirs.set(dir, listing)) };
  }
  /** Folders changed within the last tick are not kept (a change within the same tick would not show): let them age. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 150));
  let dir: string;
  const relTo = (files: string[]) => files.map((f) => path.relative(dir, f).split(path.sep).join('/'));
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'finews-walk-memo-'));
    for (const f of ['_posts/2021-01-01-a.md', '_posts/sub/2021-01-02-b.md', 'section/_posts/2021-01-03-c.md', 'section/readme.md']) {
      mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      writeFileSync(path.join(dir, f), '---\ntitle: x\n---\n');
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads no folder again while none changed, and finds what a walk without the memo finds after any change', async () => {
    const site = siteFromConfig(dir, null, '');
    const m = memo();
    const walk = async () => relTo((await findInputs([], dir, site, m)).files);
    const plain = async () => relTo((await findInputs([], dir, site)).files);
    await settle();
    const first = await walk();
    expect(first).toEqual(await plain());
    expect(m.reads.length).toBe(5);
    m.reads.length = 0;
    expect(await walk()).toEqual(first);
    expect(m.reads).toEqual([]);

    // A post added to a sub-folder: that folder alone is read again (its parent's mtime did not change).
    writeFileSync(path.join(dir, '_posts/sub/2021-01-04-d.md'), 'x');
    expect(await walk()).toEqual(await plain());
    expect(m.reads).toEqual([]); // Changed just now: read, but not kept until it is older than a clock tick.
    await settle();
    await walk();
    expect(m.reads.map((d) => path.relative(dir, d))).toEqual([path.join('_posts', 'sub')]);
    m.reads.length = 0;

    // A rename, a new sub-folder, a deletion: each changes the folder's mtime.
    renameSync(path.join(dir, '_posts/2021-01-01-a.md'), path.join(dir, '_posts/2021-01-01-renamed.md'));
    mkdirSync(path.join(dir, '_posts/new'));
    writeFileSync(path.join(dir, '_posts/new/2021-01-05-e.md'), 'x');
    rmSync(path.join(dir, 'section/_posts/2021-01-03-c.md'));
    expect(await walk()).toEqual(await plain());
    expect(await walk()).toContain('_posts/new/2021-01-05-e.md');
  });

  it('a folder changed within the same second as it was read (its mtime set back) is still read again: its ctime moved', async () => {
    const site = siteFromConfig(dir, null, '');
    const m = memo();
    await settle();
    await findInputs([], dir, site, m);
    const posts = path.join(dir, '_posts');
    const before = statSync(posts);
    // touch -r keeps the nanoseconds that a number in JavaScript would round.
    const reference = path.join(tmpdir(), `finews-walk-ref-${process.pid}`);
    expect(spawnSync('touch', ['-r', posts, reference]).status).toBe(0);
    writeFileSync(path.join(posts, '2021-01-06-same-second.md'), 'x');
    expect(spawnSync('touch', ['-m', '-r', reference, posts]).status).toBe(0);
    rmSync(reference);
    expect(statSync(posts).mtimeMs).toBe(before.mtimeMs);
    expect(m.reads.length).toBeGreaterThan(0);
    expect(relTo((await findInputs([], dir, site, m)).files)).toContain('_posts/2021-01-06-same-second.md');
  });

  it('never keeps a folder holding a symbolic link (its target may change while the folder does not)', async () => {
    const linked = mkdtempSync(path.join(tmpdir(), 'finews-walk-link-'));
    try {
      mkdirSync(path.join(linked, '_posts'));
      writeFileSync(path.join(linked, 'target.md'), 'x');
      symlinkSync(path.join(linked, 'target.md'), path.join(linked, '_posts/2021-01-01-link.md'));
      await settle();
      const site = siteFromConfig(linked, null, '');
      const m = memo();
      expect((await findInputs([], linked, site, m)).files).toHaveLength(1);
      // The target goes: the folder's mtime stays, and the link is no longer a file.
      rmSync(path.join(linked, 'target.md'));
      const after = await findInputs([], linked, site, m);
      expect(after.files).toEqual([]);
      expect(after.others).toHaveLength(1);
    } finally {
      rmSync(linked, { recursive: true, force: true });
    }
  });
});
