import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import TurndownService from 'turndown';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_ROOT, noCorpus, writableCopy } from '../helpers/corpus.js';
import { convert } from '../../src/commands/convert.js';
import { convertText } from '../../src/convert/convert.js';
import { segmentBody } from '../../src/convert/kramdown-blocks.js';
import { Verifier } from '../../src/convert/verify.js';
import { splitFrontMatter } from '../../src/post/frontmatter.js';
import { captureIo } from '../helpers/io.js';
import { hasKramdown } from './helpers.js';

const shared = CORPUS_ROOT ?? '';
const NEWS_SITE = path.resolve(import.meta.dirname, '../../fixtures/news-site');
/** The posts of a site's `_posts` and `old_post` folders. */
const sitePosts = (site: string) => ['_posts', 'old_post'].flatMap((folder) => readdirSync(path.join(site, folder)).map((name) => path.join(site, folder, name)));
const read = (file: string) => readFileSync(file, 'utf8');
const hasBlockHtml = (text: string) => segmentBody(splitFrontMatter(text)?.body ?? text).some((s) => s.html);

let verifier: Verifier;
beforeAll(async () => {
  if (hasKramdown) verifier = await Verifier.start();
});
afterAll(async () => verifier?.close());

/**
 * Every post of a site of Eastmoney-style news: the real corpus (with the seed
 * post) when FINEWS_CORPUS names it, and `fixtures/news-site`, the project's
 * own posts in the corpus's shapes, always.
 */
function convertsSite(label: string, skip: boolean, site: () => string, files: () => string[], counts: { posts: number; turndownFails: number; markdownOnly: number }): void {
  describe.skipIf(skip)(label, () => {
    const posts = skip ? [] : files();
    it('is all there', () => {
      expect(posts).toHaveLength(counts.posts);
    });

    it.skipIf(!hasKramdown)('every post renders with kramdown to the same text, links and images once converted', { timeout: 120_000 }, async () => {
      const failures: string[] = [];
      for (const file of posts) {
        const text = read(file);
        const verdict = await verifier.verify(text, convertText(text));
        if (!verdict.ok) failures.push(`${path.basename(file)}: ${verdict.problems.join('; ')}`);
      }
      expect(failures).toEqual([]);
    });

    it.skipIf(!hasKramdown)('and so with --stock-links text, the stock links being the only links removed', { timeout: 120_000 }, async () => {
      for (const file of posts) {
        const text = read(file);
        const result = convertText(text, { stockLinks: 'text' });
        expect((await verifier.verify(text, result)).problems, path.basename(file)).toEqual([]);
        // The chart link around its image (and its attribute list) stays; a link around a name does not.
        expect(result.markdown).not.toMatch(/[^)}]\]\(http:\/\/(?:quote|data)\.eastmoney\.com\//);
      }
    });

    it.skipIf(!hasKramdown)('the check can fail: plain turndown fails it on all but the posts without HTML or Markdown syntax', { timeout: 120_000 }, async () => {
      const turndown = new TurndownService();
      let failed = 0;
      for (const file of posts) {
        const text = read(file);
        const split = splitFrontMatter(text);
        const markdown = split ? split.block + turndown.turndown(split.body) : turndown.turndown(text);
        if (!(await verifier.verify(text, { markdown, removed: [], kind: 'body' })).ok) failed++;
      }
      expect(failed).toBe(counts.turndownFails);
    });

    it('keeps every front matter byte for byte and Markdown-only posts byte-identical', () => {
      let markdownOnly = 0;
      for (const file of posts) {
        const text = read(file);
        const out = convertText(text).markdown;
        const split = splitFrontMatter(text);
        if (split) expect(out.startsWith(split.block), file).toBe(true);
        if (!hasBlockHtml(text)) {
          markdownOnly++;
          expect(out, file).toBe(text);
        }
      }
      expect(markdownOnly).toBe(counts.markdownOnly);
    });

    it('converts the Eastmoney HTML away: no tags left (its comments kept), the source autolink and the footer untouched', () => {
      for (const file of posts.filter((f) => hasBlockHtml(read(f)))) {
        const text = read(file);
        const out = convertText(text).markdown;
        const body = splitFrontMatter(out)?.body ?? out;
        expect(body, file).not.toMatch(/<(?:p|span|center|img|a|br)[\s>/]/);
        for (const comment of text.match(/<!--[^]*?-->/g) ?? []) expect(body, file).toContain(comment);
        for (const line of text.split('\n').filter((l) => /^<http[^>]*>$|^\[返回/.test(l))) expect(body).toContain(line);
        expect(body).not.toContain('\\[返回');
      }
    });

    it('is idempotent: converting the output again changes nothing', () => {
      for (const file of posts) {
        const once = convertText(read(file)).markdown;
        expect(convertText(once).markdown, file).toBe(once);
      }
    });

    it('reports the hidden placeholders it removes, and nothing else', () => {
      const removed = posts.flatMap((file) => convertText(read(file)).removed);
      expect(removed.length).toBeGreaterThan(0);
      for (const r of removed) expect(r).toMatchObject({ reason: 'hidden', element: 'p', text: '', links: [], images: [] });
    });
  });

  describe.skipIf(skip)(`finews convert --write on a copy of ${label}`, () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'finews-convert-corpus-'));
      for (const folder of ['_posts', 'old_post']) writableCopy(path.join(site(), folder), path.join(dir, folder));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('converts the HTML posts, leaves the others untouched (mtime too), and a second run finds nothing to do', async () => {
      const files = ['_posts', 'old_post'].flatMap((f) => readdirSync(path.join(dir, f)).map((n) => path.join(dir, f, n)));
      const before = new Map(files.map((f) => [f, { text: read(f), mtime: statSync(f).mtimeMs }]));
      const io = captureIo(dir, { env: { PATH: process.env.PATH } });
      expect(await convert({ inputs: ['_posts', 'old_post/*.md'], write: true, check: false, verify: hasKramdown, stockLinks: 'link' }, io)).toBe(0);
      const changed = files.filter((f) => read(f) !== before.get(f)!.text);
      expect(changed.length).toBe(files.filter((f) => hasBlockHtml(before.get(f)!.text)).length);
      for (const f of files) {
        if (changed.includes(f)) expect(read(f)).toBe(convertText(before.get(f)!.text).markdown);
        else expect(statSync(f).mtimeMs, f).toBe(before.get(f)!.mtime);
      }
      expect(io.err()).toContain(`converted ${changed.length}, unchanged ${files.length - changed.length}, failed 0`);
      expect(io.err()).toMatch(/removed on purpose: \d+ × <p> hidden element/);

      const check = captureIo(dir);
      expect(await convert({ inputs: ['_posts', 'old_post'], write: false, check: true, verify: false, stockLinks: 'link' }, check)).toBe(0);
      expect(check.out()).toBe('');
    });
  });
}

convertsSite('the real corpus (80 posts and the seed post)', noCorpus, () => path.join(shared, 'finews-site'), () => [...sitePosts(path.join(shared, 'finews-site')), path.join(shared, 'seed-post.md')], {
  posts: 81,
  turndownFails: 80,
  markdownOnly: 62,
});
convertsSite('fixtures/news-site (the corpus\'s shapes)', false, () => NEWS_SITE, () => sitePosts(NEWS_SITE), { posts: 19, turndownFails: 17, markdownOnly: 10 });
