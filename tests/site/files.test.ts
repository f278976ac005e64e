import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteFromConfig } from '../../src/site/config.js';
import { findInputs } from '../../src/site/files.js';

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
