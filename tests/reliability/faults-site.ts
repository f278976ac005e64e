import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { index } from '../../src/commands/index.js';
import { captureIo } from '../helpers/io.js';

export const BIN = fileURLToPath(new URL('../../bin/finews.js', import.meta.url));
export const TEMP = /^\.finews-tmp-(\d+)-[0-9a-f]{12}-(.*)$/;

/**
 * A site with work for every writing command: each post has CRLF lines and a
 * date with no offset (lint --fix), an HTML body (convert --write) and a tag
 * of its own (index: a page per post; `tags` shares fewer among them).
 * `bigBody` adds one post of that many bytes of HTML.
 */
export function writeSite(dir: string, count: number, options: { bigBody?: number; tags?: number } = {}): void {
  mkdirSync(path.join(dir, '_posts'), { recursive: true });
  writeFileSync(path.join(dir, '_config.yml'), 'title: Faults\ntimezone: Asia/Shanghai\nplugins: [jekyll-feed]\n');
  const filler = '市场消息 market news, '.repeat(40);
  for (let i = 0; i < count; i++) {
    const day = `2021-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
    const post = [
      '---',
      'layout: post',
      `title: "Post ${i}"`,
      `date: ${day} 10:${String(i % 60).padStart(2, '0')}:00`,
      `categories: [c${i % 40}]`,
      `tags: [t${i % (options.tags ?? count)}]`,
      '---',
      '',
      `<p>Body ${i}: <strong>bold</strong> and <a href="https://example.com/${i}">a link</a>.</p>`,
      // A blank line written CRLF: the excerpt separator hidden, which lint --fix repairs.
      '',
      `<p>${filler}</p>`,
      '',
    ].join('\r\n');
    writeFileSync(path.join(dir, '_posts', `${day}-post-${i}.md`), post);
  }
  if (options.bigBody) {
    const paragraph = `<p>${filler}<em>more</em></p>\n`;
    const body = paragraph.repeat(Math.ceil(options.bigBody / Buffer.byteLength(paragraph)));
    writeFileSync(path.join(dir, '_posts', '2021-06-30-big.md'), `---\r\nlayout: post\r\ntitle: "Big"\r\ndate: 2021-06-30 10:00:00\r\ntags: [big]\r\n---\r\n\r\n${body}`);
  }
}

/** Every file under `dir`, by path relative to it (POSIX), with its bytes. */
export function snapshot(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const abs = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, abs).split(path.sep).join('/'), readFileSync(abs));
  }
  return files;
}

export const temps = (files: Map<string, Buffer>) => [...files.keys()].filter((rel) => TEMP.test(path.posix.basename(rel)));

/** Run finews to the end. */
export function finews(cwd: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Start finews and SIGKILL it as soon as `progress` sees a file written.
 * Returns the pid, and whether it was killed (false: it ended first).
 */
export async function killMidway(cwd: string, args: string[], progress: () => boolean): Promise<{ pid: number; killed: boolean }> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: 'ignore' });
  let ended = false;
  const exit = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  void exit.then(() => (ended = true));
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (ended) return { pid: child.pid!, killed: false };
    if (progress()) {
      child.kill('SIGKILL');
      await exit;
      return { pid: child.pid!, killed: true };
    }
  }
}

/** A time long past: files set to it show any write by their mtime (the clock's milliseconds cannot). */
const LONG_AGO = new Date('2000-01-01T00:00:00Z');

/** Set every file in `dir` to LONG_AGO. */
export function age(dir: string): void {
  for (const name of readdirSync(dir)) utimesSync(path.join(dir, name), LONG_AGO, LONG_AGO);
}

/**
 * Whether a file in `dir` was written since `age(dir)` and another is being
 * written: the moment to kill a run to see both kinds of file it leaves.
 */
export function midway(dir: string): boolean {
  const names = readdirSync(dir);
  return names.some((name) => TEMP.test(name)) && names.some((name) => !name.startsWith('.') && statSync(path.join(dir, name)).mtimeMs > LONG_AGO.getTime());
}

/**
 * `root/index`: a site of 12 posts indexed once, then 60 more posts, so that
 * the next `finews index` rewrites the pages of c0 to c19. Returns the site.
 */
export async function indexedSiteWithNewPosts(root: string): Promise<string> {
  const dir = path.join(root, 'index');
  writeSite(dir, 12);
  const code = await index({ quiet: true }, captureIo(dir));
  if (code !== 0) throw new Error(`the first index run exited ${code}`);
  writeSite(path.join(root, 'more'), 60);
  cpSync(path.join(root, 'more', '_posts'), path.join(dir, '_posts'), { recursive: true });
  return dir;
}
