import * as nodeFs from 'node:fs';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { convert } from '../../src/commands/convert.js';
import { index } from '../../src/commands/index.js';
import { lint } from '../../src/commands/lint.js';
import { captureIo } from '../helpers/io.js';
import { indexedSiteWithNewPosts, snapshot, temps, writeSite } from './faults-site.js';

// A file edited or removed by someone else while finews works on it (a scraper
// rewriting a post) is never overwritten: the edit is injected at the moment
// finews writes its replacement, after it read the file.

const root = mkdtempSync(path.join(tmpdir(), 'finews-faults-changed-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

/** When finews opens the temporary file that will replace `target`, do `edit` to the target first. */
function editWhileWriting(target: string, edit: (file: string) => void): void {
  const open = nodeFs.promises.open.bind(nodeFs.promises);
  vi.spyOn(nodeFs.promises, 'open').mockImplementation(async (file, ...rest) => {
    const name = path.basename(String(file));
    if (name.startsWith('.finews-tmp-') && name.endsWith(`-${path.basename(target)}`)) edit(target);
    return open(file, ...(rest as [string]));
  });
}

const EDIT = '---\ntitle: "Edited meanwhile"\n---\nnew text\n';

const COMMANDS = {
  'convert --write': (dir: string, io: ReturnType<typeof captureIo>) => convert({ inputs: ['_posts'], write: true, check: false, verify: false, stockLinks: 'link' }, io),
  'lint --fix': (dir: string, io: ReturnType<typeof captureIo>) => lint({ files: ['_posts'], fix: true }, io),
};
const LINE = {
  'convert --write': (rel: string, reason: string) => `${rel}: ${reason}`,
  'lint --fix': (rel: string, reason: string) => `finews: ${rel}: the fixes could not be written: ${reason}`,
};

describe.each(Object.keys(COMMANDS) as (keyof typeof COMMANDS)[])('finews %s', (name) => {
  const target = '_posts/2021-03-03-post-2.md';

  it.each([
    ['changed', (file: string) => writeFileSync(file, EDIT), 'changed since it was read; left as it is'],
    ['removed', (file: string) => rmSync(file), 'was removed since it was read; not written again'],
  ])('leaves a post %s between read and write as it is: exit 2, named, the others written', async (how, edit, reason) => {
    const site = path.join(root, `${name.replace(/\W+/g, '-')}-${how}`);
    writeSite(path.join(site, 'original'), 12);
    cpSync(path.join(site, 'original'), path.join(site, 'complete'), { recursive: true });
    await COMMANDS[name](path.join(site, 'complete'), captureIo(path.join(site, 'complete')));
    const expected = snapshot(path.join(site, 'complete'));

    const dir = path.join(site, 'run');
    cpSync(path.join(site, 'original'), dir, { recursive: true });
    editWhileWriting(path.join(dir, target), edit);
    const io = captureIo(dir);
    const code = await COMMANDS[name](dir, io);

    expect(code).toBe(2);
    expect(io.err().split('\n').filter((l) => l.includes(reason))).toEqual([LINE[name](target, reason)]);
    const after = snapshot(dir);
    expect(temps(after)).toEqual([]);
    if (how === 'changed') expect(after.get(target)!.toString()).toBe(EDIT);
    else expect(after.has(target)).toBe(false);
    after.delete(target);
    expected.delete(target);
    expect([...after].filter(([rel, bytes]) => !expected.get(rel)?.equals(bytes)).map(([rel]) => rel)).toEqual([]);
    expect(after.size).toBe(expected.size);
    if (name === 'convert --write') expect(io.err()).toContain('converted 11, unchanged 0, failed 1\n');
  });
});

describe('finews index', () => {
  it('leaves a page it wrote before, edited by hand meanwhile, as it is: exit 2, named, the others written', async () => {
    const dir = await indexedSiteWithNewPosts(root);
    const page = path.join(dir, 'category', 'c3.html');
    const handmade = '---\nlayout: page\ntitle: "C3, by hand"\n---\nmine\n';
    editWhileWriting(page, (file) => writeFileSync(file, handmade));
    const io = captureIo(dir);
    const code = await index({}, io);
    expect(code).toBe(2);
    expect(io.err()).toContain('finews: category/c3.html: changed since it was read; left as it is\n');
    expect(readFileSync(page, 'utf8')).toBe(handmade);
    expect(io.out()).toMatch(/wrote \d+ files, removed 0; \d+ unchanged; 1 file failed\n/);
    expect(io.out()).toContain('updated: category/c4.html');
    expect(temps(snapshot(dir))).toEqual([]);
  });
});
