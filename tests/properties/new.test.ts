import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePost } from '../../src/post/parse.js';
import { loadSite } from '../../src/site/config.js';
import { nastyString } from './arbitraries.js';
import { changed, removeTempSites, runCli, tempSite, tree } from './helpers.js';

const site = tempSite();
afterAll(removeTempSites);

const title = fc.oneof(
  { weight: 4, arbitrary: nastyString },
  fc.constantFrom('../../etc/passwd', '/', '\\', '..', '.', '%2e%2e%2f', 'a\u0000b', 'line\nbreak', 'CON', '-rf', '--force', '"quoted": #hash', '  spaced  ', '!!!'),
  fc.tuple(fc.constantFrom('x', '中', '😀', '../'), fc.integer({ min: 100, max: 300 })).map(([s, n]) => s.repeat(n)),
);

describe('finews new with any title', () => {
  it('writes one file inside _posts (or _drafts) whose title reads back exactly, or exits 2 with one line', async () => {
    const config = await loadSite(site);
    await fc.assert(
      fc.asyncProperty(title, fc.constantFrom('jekyll', 'pinyin', 'ascii'), fc.boolean(), async (t, style, draft) => {
        const before = tree(site);
        const r = await runCli(['new', '--slug-style', style, ...(draft ? ['--draft'] : []), '--', t], site);
        const diff = changed(before, tree(site));
        if (r.code === 2) {
          // Only a blank title or one that slugs to nothing is refused, with one line and nothing written.
          expect(r.err).toMatch(/^finews: (the title is empty|".*" makes an empty slug in the \w+ style: give one with --slug)\n$/s);
          expect(r.err.split('\n')).toHaveLength(2);
          expect(diff).toEqual([]);
          return;
        }
        expect(r).toMatchObject({ code: 0, err: '' });
        const rel = r.out.slice(0, -1);
        const folder = draft ? '_drafts' : '_posts';
        expect(path.dirname(path.resolve(site, rel))).toBe(path.join(site, folder));
        expect(diff).toEqual(draft ? [...(before.has('_drafts') ? [] : ['_drafts']), rel] : [rel]);
        const written = readFileSync(path.join(site, rel));
        expect(parsePost(written, rel, config).data.title).toBe(t);
        const shown = await runCli(['show', '--json', rel], site);
        expect(shown.code).toBe(0);
        expect((JSON.parse(shown.out) as { title: unknown; skip: unknown }[])[0]).toMatchObject({ title: t, skip: draft ? 'draft' : null });
        rmSync(path.join(site, rel));
      }),
      { numRuns: 120 },
    );
  });
});
