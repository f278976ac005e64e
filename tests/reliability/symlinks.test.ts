import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { convert } from '../../src/commands/convert.js';
import { index } from '../../src/commands/index.js';
import { lint } from '../../src/commands/lint.js';
import { InputError } from '../../src/errors.js';
import { writeFileAtomic } from '../../src/fs/atomic.js';
import { captureIo } from '../helpers/io.js';
import { indexedSiteWithNewPosts, snapshot, temps, writeSite } from './faults-site.js';

// finews never replaces a symbolic link with a file: a post or page that is a
// link is reported (one line naming it, exit 2) and the link, and the file it
// points to, are left as they are; the rest is written.

const REASON = 'is a symbolic link; not replaced (finews never replaces a link with a file)';

const root = mkdtempSync(path.join(tmpdir(), 'finews-symlinks-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it.each([
    ['a link to a file', 'target.md'],
    ['a dangling link', 'missing.md'],
  ])('refuses to replace %s, and leaves no temporary file', async (what, to) => {
    const dir = mkdtempSync(path.join(root, 'atomic-'));
    writeFileSync(path.join(dir, 'target.md'), 'target\n');
    symlinkSync(to, path.join(dir, 'link.md'));
    const error = await writeFileAtomic(path.join(dir, 'link.md'), 'new\n', { name: 'link.md' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe(`link.md: ${REASON}`);
    expect(readlinkSync(path.join(dir, 'link.md'))).toBe(to);
    expect(readFileSync(path.join(dir, 'target.md'), 'utf8')).toBe('target\n');
    expect([...snapshot(dir).keys()]).toEqual(['target.md']);
  });
});

/** A site of 6 posts; post 2 moved out of `_posts` and linked to from there. */
function siteWithLinkedPost(dir: string): { link: string; target: string; rel: string; files: string[] } {
  writeSite(dir, 6);
  const rel = '_posts/2021-03-03-post-2.md';
  const target = path.join(dir, 'moved', 'post-2.md');
  mkdirSync(path.dirname(target));
  cpSync(path.join(dir, rel), target);
  rmSync(path.join(dir, rel));
  symlinkSync('../moved/post-2.md', path.join(dir, rel));
  // Named one by one: a folder walked passes over links (lint lists them).
  const files = [...snapshot(dir).keys()].filter((f) => f.startsWith('_posts/')).concat(rel).sort();
  return { link: path.join(dir, rel), target, rel, files };
}

const COMMANDS = {
  'convert --write': (files: string[], io: ReturnType<typeof captureIo>) => convert({ inputs: files, write: true, check: false, verify: false, stockLinks: 'link' }, io),
  'lint --fix': (files: string[], io: ReturnType<typeof captureIo>) => lint({ files, fix: true }, io),
};
const LINE = {
  'convert --write': (rel: string) => `${rel}: ${REASON}`,
  'lint --fix': (rel: string) => `finews: ${rel}: the fixes could not be written: ${REASON}`,
};

describe.each(Object.keys(COMMANDS) as (keyof typeof COMMANDS)[])('finews %s', (name) => {
  it('leaves a post that is a symbolic link as it is: exit 2, named, the others written', async () => {
    const dir = path.join(root, name.replace(/\W+/g, '-'));
    const { link, target, rel, files } = siteWithLinkedPost(dir);
    const before = readFileSync(target);
    const io = captureIo(dir);
    const code = await COMMANDS[name](files, io);

    expect(code).toBe(2);
    expect(io.err().split('\n').filter((l) => l.includes('symbolic link'))).toEqual([LINE[name](rel)]);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target)).toEqual(before);
    const after = snapshot(dir);
    expect(temps(after)).toEqual([]);
    // The other five were rewritten: CRLF gone (lint) or HTML gone (convert).
    const others = files.filter((f) => f !== rel);
    expect(others).toHaveLength(5);
    for (const f of others) expect(after.get(f)!.toString()).not.toMatch(name === 'lint --fix' ? /\r\n/ : /<p>/);
    if (name === 'convert --write') expect(io.err()).toContain('converted 5, unchanged 0, failed 1\n');
  });
});

describe('finews index', () => {
  it('leaves a page it wrote before, replaced by a symbolic link, as it is: exit 2, named, the others written', async () => {
    const dir = await indexedSiteWithNewPosts(root);
    const page = path.join(dir, 'category', 'c3.html');
    const shared = path.join(dir, 'linked-c3.html');
    cpSync(page, shared);
    rmSync(page);
    symlinkSync('../linked-c3.html', page);
    const before = readFileSync(shared);

    const io = captureIo(dir);
    const code = await index({}, io);
    expect(code).toBe(2);
    expect(io.err()).toContain(`finews: category/c3.html: ${REASON}\n`);
    expect(lstatSync(page).isSymbolicLink()).toBe(true);
    expect(readFileSync(shared)).toEqual(before);
    expect(io.out()).toMatch(/wrote \d+ files, removed 0; \d+ unchanged; 1 file failed\n/);
    expect(io.out()).toContain('updated: category/c4.html');
    expect(temps(snapshot(dir))).toEqual([]);
  });
});
