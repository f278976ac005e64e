import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { captureIo } from '../helpers/io.js';

/** What a new user met (issue: "never surprising"), each reproduced the way they met it. */
const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));
const scratch = (files: Record<string, string> = {}) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'finews-surprise-'));
  temps.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
};
const run = async (cwd: string, ...argv: string[]) => {
  const io = captureIo(cwd);
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
};
const POST = '---\nlayout: post\ntitle: 标题\ndate: 2022-01-06 21:25:59\n---\n正文\n';
/** A site in Shanghai time: POST's date without an offset is then a finding (on a UTC site it is read as meant). */
const SHANGHAI = 'timezone: Asia/Shanghai\n';

describe('a run that checked nothing is not a pass', () => {
  it('lint and show outside any site say so and exit 2', async () => {
    const dir = scratch({ 'notes.txt': 'x' });
    for (const command of ['lint', 'show']) {
      const r = await run(dir, command);
      expect(r.code, command).toBe(2);
      expect(r.err, command).toBe(`finews: ${dir}: not a Jekyll site: no _config.yml here or above, and no _posts folder\n`);
    }
  });

  it('lint of a file that is not a post says it checked nothing, and exits 2', async () => {
    const dir = scratch({ '_config.yml': SHANGHAI, 'notes.md': '# notes\n', '_posts/2022-01-06-a.md': POST });
    const r = await run(dir, 'lint', 'notes.md');
    expect(r.code).toBe(2);
    expect(r.err).toBe('finews: notes.md: not a post (Jekyll reads posts only from _posts and _drafts folders): not checked\n');
    // Beside a post it is said, and the post is checked as usual.
    const both = await run(dir, 'lint', 'notes.md', '_posts/2022-01-06-a.md');
    expect(both.err).toMatch(/^finews: notes\.md: not a post/);
    expect(both.out).toMatch(/date-no-offset/);
    expect(both.code).toBe(0);
  });

  it('a named file that does not exist exits 2 for lint as for show, the others still checked', async () => {
    const dir = scratch({ '_config.yml': SHANGHAI, '_posts/2022-01-06-a.md': POST });
    for (const command of ['lint', 'show']) {
      const r = await run(dir, command, '_posts/nonexistent.md', '_posts/2022-01-06-a.md');
      expect(r.code, command).toBe(2);
      expect(r.err, command).toMatch(/_posts\/nonexistent\.md/);
      expect(r.out, command).toMatch(/2022-01-06-a\.md/);
    }
  });

  it('lint in a site without posts says there was nothing to check', async () => {
    const dir = scratch({ '_config.yml': 'title: new site\n' });
    const r = await run(dir, 'lint');
    expect(r.code).toBe(0);
    expect(r.err).toBe('finews: no posts found (in _posts or _drafts folders): nothing was checked\n');
  });

  it('lint in a site whose articles are in other collections names them', async () => {
    const config = 'collections_dir: docs\ncollections:\n  openai: {output: true}\n  posts: {output: true}\n  notes: {output: false}\n  empty: {}\n';
    const article = '---\ntitle: a\n---\ntext\n';
    const dir = scratch({ '_config.yml': config, 'docs/_openai/2024-01-01-a.md': article, 'docs/_notes/b.md': article });
    const r = await run(dir, 'lint');
    expect(r.code).toBe(0);
    expect(r.err).toBe("finews: no posts found (in _posts or _drafts folders): nothing was checked; the site's collections (docs/_openai, docs/_notes) are not posts, and finews checks posts only\n");
  });

  it('convert --check of a collection folder says it found no posts and how to name the documents', async () => {
    const config = 'collections:\n  articles: {output: true}\n';
    const dir = scratch({ '_config.yml': config, '_articles/a.md': '---\ntitle: a\n---\n<p>段落 <b>加粗</b></p>\n' });
    const r = await run(dir, 'convert', '--check', '_articles');
    expect(r.code).toBe(0);
    expect(r.err).toBe(
      "finews: no posts found (in _posts or _drafts folders): nothing was checked; the site's collections (_articles) are not posts, and a folder is searched for posts only: name the files of one (finews convert --check '_articles/**/*.md')\n",
    );
    // Named as the message says, the document is checked.
    const named = await run(dir, 'convert', '--check', '_articles/**/*.md');
    expect(named.code).toBe(1);
    expect(named.err).toContain('would convert 1');
  });
});

describe('read-only posts are left alone', () => {
  it('lint --fix and convert --write leave a 0444 post as it is and say so', async () => {
    const html = '---\nlayout: post\ntitle: t\ndate: 2022-01-06 01:25:59\n---\n<p>段落 <b>加粗</b></p>\n';
    const dir = scratch({ '_config.yml': 'timezone: Asia/Shanghai\n', '_posts/2022-01-06-a.md': html });
    const file = path.join(dir, '_posts/2022-01-06-a.md');
    chmodSync(file, 0o444);
    const before = { bytes: readFileSync(file), mtime: statSync(file).mtimeMs };
    for (const argv of [['lint', '--fix'], ['convert', '--write']]) {
      const r = await run(dir, ...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err, argv.join(' ')).toMatch(/2022-01-06-a\.md: (.*: )?is read-only; left as it is/);
      expect(readFileSync(file), argv.join(' ')).toEqual(before.bytes);
      expect(statSync(file).mtimeMs).toBe(before.mtime);
    }
    // Made writable, the same runs change it.
    chmodSync(file, 0o644);
    expect((await run(dir, 'lint', '--fix')).err).not.toMatch(/read-only/);
    expect(readFileSync(file, 'utf8')).toMatch(/\+0800/);
  });
});
