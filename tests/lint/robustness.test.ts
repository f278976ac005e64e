import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/commands/lint.js';
import type { LintResult } from '../../src/lint/types.js';
import { captureIo } from '../helpers/io.js';
import { copyToTemp } from '../helpers/jekyll.js';
import { tempDir } from '../helpers/site.js';

const GOOD = '---\nlayout: post\ntitle: 好\ndate: 2022-01-01 09:00:00\n---\nBody\n';
/** GBK bytes of a post: the front matter reads, the Chinese does not decode as UTF-8. */
const GBK = Buffer.concat([Buffer.from('---\nlayout: post\ntitle: '), Buffer.from([0xd6, 0xd0, 0xce, 0xc4]), Buffer.from('\ndate: 2022-01-03 09:00:00 +0800\n---\n'), Buffer.from([0xd6, 0xd0, 0xce, 0xc4, 0x0a])]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0xff, 0xfe, 0x00, 0x80]);

function strangeSite(): string {
  const dir = tempDir('finews-lint-strange-');
  const posts = path.join(dir, '_posts');
  mkdirSync(posts);
  writeFileSync(path.join(dir, '_config.yml'), 'timezone: Asia/Shanghai\n');
  writeFileSync(path.join(posts, '2022-01-01-good.md'), GOOD);
  writeFileSync(path.join(posts, '2022-01-02-binary.md'), PNG);
  writeFileSync(path.join(posts, '2022-01-03-gbk.md'), GBK);
  writeFileSync(path.join(posts, '2022-01-04-empty.md'), '');
  writeFileSync(path.join(posts, '2022-01-05-huge.md'), Buffer.alloc(20 * 1024 * 1024, 'a'));
  mkdirSync(path.join(posts, '2022-01-06-folder.md'));
  symlinkSync('nowhere.md', path.join(posts, '2022-01-07-dangling.md'));
  symlinkSync('2022-01-08-loop.md', path.join(posts, '2022-01-08-loop.md'));
  spawnSync('mkfifo', [path.join(posts, '2022-01-09-fifo.md')]);
  return dir;
}

async function lintJson(cwd: string, fix = false) {
  const io = captureIo(cwd);
  const exitCode = await lint({ files: [], format: 'json', fix }, io);
  const results = JSON.parse(io.out()) as LintResult[];
  const by = Object.fromEntries(results.map((r) => [path.relative(cwd, r.filePath), r.messages.map((m) => `${m.ruleId ?? 'fatal'}: ${m.message}`)]));
  return { exitCode, stderr: io.err(), by };
}

describe('files that are not posts, named like posts: a diagnostic each, and the run goes on', () => {
  it('reports each one and still lints the good post', async () => {
    const dir = strangeSite();
    const { exitCode, stderr, by } = await lintJson(dir);
    expect(stderr).toBe('');
    expect(exitCode).toBe(1);
    expect(by['_posts/2022-01-01-good.md']).toEqual(['date-no-offset: 2022-01-01 09:00:00 has no UTC offset and is read as UTC: Jekyll shows 2022-01-01 17:00:00 +0800']);
    // Jekyll reads neither (observed: "invalid byte sequence in UTF-8"), so nothing else is said of them.
    // One error, as in Jekyll's log ("could not read file"): its NUL bytes say no more.
    expect(by['_posts/2022-01-02-binary.md']).toEqual([expect.stringMatching(/^encoding: not valid UTF-8/)]);
    expect(by['_posts/2022-01-03-gbk.md']).toEqual([expect.stringMatching(/^encoding: not valid UTF-8/)]);
    expect(by['_posts/2022-01-04-empty.md']).toEqual(['body-empty: the file is empty', 'front-matter-missing: no front matter: Jekyll builds the post from its file name alone']);
    expect(by['_posts/2022-01-05-huge.md']).toEqual(['fatal: is 20.0 MB, larger than any post (limit 16 MB): not read']);
    expect(by['_posts/2022-01-06-folder.md']).toEqual(['fatal: is a directory, not a post']);
    expect(by['_posts/2022-01-07-dangling.md']).toEqual(['fatal: is a dangling symbolic link']);
    expect(by['_posts/2022-01-08-loop.md']).toEqual(['fatal: is a symbolic link loop']);
    expect(by['_posts/2022-01-09-fifo.md']).toEqual(['fatal: is not a regular file']);
  });

  it('--fix never writes a file it could not decode', async () => {
    const dir = strangeSite();
    const posts = path.join(dir, '_posts');
    // Fixable problems in a file that is not UTF-8: writing the decoded text back would lose its bytes.
    writeFileSync(path.join(posts, '2022-01-03-gbk.md'), Buffer.concat([Buffer.from('---\nlayout: post\ntitle: '), Buffer.from([0xd6, 0xd0]), Buffer.from('\ndate: 2022-01-03 09:00:00\r\n---\n')]));
    const before = readFileSync(path.join(posts, '2022-01-03-gbk.md'));
    const { by } = await lintJson(dir, true);
    expect(readFileSync(path.join(posts, '2022-01-03-gbk.md'))).toEqual(before);
    expect(readFileSync(path.join(posts, '2022-01-02-binary.md'))).toEqual(PNG);
    expect(readFileSync(path.join(posts, '2022-01-01-good.md'), 'utf8')).toBe(GOOD.replace('09:00:00', '09:00:00 +0800'));
    expect(by['_posts/2022-01-03-gbk.md']).toEqual([expect.stringMatching(/^encoding: not valid UTF-8/)]);
  });

  it.skipIf(process.getuid?.() === 0)('reports a file it may not read', async () => {
    const dir = strangeSite();
    chmodSync(path.join(dir, '_posts', '2022-01-01-good.md'), 0o000);
    const { by } = await lintJson(dir);
    expect(by['_posts/2022-01-01-good.md']).toEqual(['fatal: cannot be read: permission denied']);
  });
});

describe('--fix-dry-run prints a diff that patch applies', () => {
  it('patch -p1 with the diff gives what --fix writes', async () => {
    const fixable = fileURLToPath(new URL('../../fixtures/lint/fixable/', import.meta.url));
    const dry = copyToTemp(fixable, 'finews-lint-patch-');
    const io = captureIo(dry);
    await lint({ files: [], fixDryRun: true, format: 'json' }, io);
    const patched = spawnSync('patch', ['-p1', '--quiet', '--binary'], { cwd: dry, input: io.err(), encoding: 'utf8' });
    expect(patched.stderr).toBe('');
    expect(patched.status).toBe(0);
    const fixed = copyToTemp(fixable, 'finews-lint-patch-fix-');
    await lint({ files: [], fix: true }, captureIo(fixed));
    const read = (dir: string) => readdirSync(path.join(dir, '_posts')).map((f) => [f, readFileSync(path.join(dir, '_posts', f), 'utf8')]);
    expect(read(dry)).toEqual(read(fixed));
  });
});
