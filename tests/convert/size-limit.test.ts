import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { MAX_POST_BYTES } from '../../src/post/read.js';
import { captureIo } from '../helpers/io.js';

// A file over the limit lint and show keep (16 MB) is refused by convert and
// new --from as well, before it is read: a 22 MB post once took 19 s and
// 1.87 GB to convert. Standard input is read only up to the limit.

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/convert');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'finews-convert-size-'));
  cpSync(fixtures, dir, { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const SIZE = 17 * 1024 * 1024;
const REFUSED = 'is 17.0 MB, larger than any post (limit 16 MB): not read';
const STDIN_REFUSED = '-: is larger than any post (limit 16 MB): not read';

/** HTML, then zeros up to `SIZE` bytes (a sparse file: nothing to write). */
function huge(file: string, head = '<p>big</p>\n'): string {
  writeFileSync(file, head);
  truncateSync(file, SIZE);
  return file;
}

const run = async (argv: string[], stdin?: Readable) => {
  const io = captureIo(dir, { env: { PATH: process.env.PATH } });
  if (stdin) io.stdin = stdin;
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
};

/** 1 MB chunks of text, as many as asked; `taken` counts those read. */
function endless(chunks: number): { stream: Readable; taken: () => number } {
  let taken = 0;
  const chunk = Buffer.from('text '.repeat(200 * 1024 + 1).slice(0, 1024 * 1024));
  const stream = Readable.from(
    (function* () {
      for (let i = 0; i < chunks; i++, taken++) yield chunk;
    })(),
  );
  return { stream, taken: () => taken };
}

describe('finews convert: a file larger than any post', () => {
  it('one input: refused in one line naming it, exit 2, nothing printed', async () => {
    huge(path.join(dir, 'big.html'));
    const r = await run(['convert', 'big.html']);
    expect(r).toEqual({ code: 2, out: '', err: `finews: big.html: ${REFUSED}\n` });
  });

  it('--write: that post counted failed and left as it is, the others converted', async () => {
    const posts = path.join(dir, 'site/_posts');
    rmSync(path.join(posts, '2022-01-02-not-utf8.md'));
    const big = huge(path.join(posts, '2022-02-02-big.md'), '---\ntitle: Big\n---\n<p>big</p>\n');
    const r = await run(['convert', '--write', 'site/_posts']);
    expect(r.code).toBe(2);
    expect(r.err.split('\n').filter((line) => line.includes('2022-02-02-big.md'))).toEqual([`site/_posts/2022-02-02-big.md: ${REFUSED}`]);
    expect(r.err).toContain('converted 2, unchanged 1, failed 1, skipped 1 (not Markdown)');
    expect(statSync(big).size).toBe(SIZE);
    expect(readFileSync(path.join(posts, '2022-05-26-mixed.md'), 'utf8')).not.toContain('<p>');
    expect(readdirSync(posts).filter((name) => name.startsWith('.finews-tmp-'))).toEqual([]);
  });

  it('standard input: read up to the limit and refused, exit 2', async () => {
    const input = endless(20);
    const r = await run(['convert', '-'], input.stream);
    expect(r).toEqual({ code: 2, out: '', err: `finews: ${STDIN_REFUSED}\n` });
    expect(input.taken()).toBeLessThanOrEqual(MAX_POST_BYTES / (1024 * 1024) + 1);
  });
});

describe('finews new --from: an article larger than any post', () => {
  beforeEach(() => writeFileSync(path.join(dir, '_config.yml'), 'title: Size\n'));

  it('a file: refused in one line naming it, exit 2, no post written', async () => {
    huge(path.join(dir, 'big.html'));
    const r = await run(['new', 'Big', '--from', 'big.html']);
    expect(r).toEqual({ code: 2, out: '', err: `finews: big.html: cannot read the body: ${REFUSED}\n` });
    expect(readdirSync(dir)).not.toContain('_posts');
  });

  it('standard input: read up to the limit and refused, exit 2, no post written', async () => {
    const input = endless(20);
    const r = await run(['new', 'Big', '--from', '-'], input.stream);
    expect(r).toEqual({ code: 2, out: '', err: `finews: ${STDIN_REFUSED}\n` });
    expect(input.taken()).toBeLessThanOrEqual(MAX_POST_BYTES / (1024 * 1024) + 1);
    expect(readdirSync(dir)).not.toContain('_posts');
  });
});
