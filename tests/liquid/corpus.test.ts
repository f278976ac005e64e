import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseLiquid } from '../../src/liquid/analyse.js';
import { liquidSetup } from '../../src/liquid/site.js';
import { splitFrontMatter } from '../../src/post/frontmatter.js';
import { parsePost } from '../../src/post/parse.js';
import { loadSite } from '../../src/site/config.js';
import { CORPUS_SITE, noCorpus, SEED_POST } from '../helpers/corpus.js';

/** The real sample site, and fixtures/news-site (the project's own, in its shapes) on every clone. */
const sites = [
  { label: 'the real sample site', root: CORPUS_SITE, skip: noCorpus, seed: SEED_POST },
  { label: "fixtures/news-site, in the real site's shapes", root: path.resolve(import.meta.dirname, '../../fixtures/news-site'), skip: false, seed: '' },
];
for (const { label, root, skip, seed: seedPost } of sites) describe.skipIf(skip)(label, () => {
  it('its posts and the seed post give no Liquid finding', async () => {
    const site = await loadSite(root);
    const posts = readdirSync(path.join(root, '_posts'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(posts.length).toBeGreaterThan(0);
    for (const e of posts) {
      const file = path.join(e.parentPath, e.name);
      const post = parsePost(readFileSync(file), file, site);
      expect(post.problems.filter((p) => p.rule.startsWith('liquid-')), file).toEqual([]);
    }
    if (!seedPost) return;
    const seed = parsePost(readFileSync(seedPost), path.join(root, '_posts', path.basename(seedPost)), site);
    expect(seed.problems.filter((p) => p.rule.startsWith('liquid-'))).toEqual([]);
  });

  it('its pages and layouts, which loop over site.posts and site.tags, are intended Liquid: no error, nothing dropped', async () => {
    const site = await loadSite(root);
    const files = readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && /\.(md|html)$/.test(e.name) && !/(^|\/)_posts\//.test(path.relative(root, e.parentPath) + '/'))
      .map((e) => path.join(e.parentPath, e.name));
    let withLiquid = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const body = splitFrontMatter(text)?.body ?? text;
      if (!body.includes('{{') && !body.includes('{%')) continue;
      withLiquid++;
      const analysis = analyseLiquid(body, liquidSetup(site));
      expect(analysis.error, file).toBeNull();
      // Layouts and pages read what Jekyll gives them (post, tag come from their loops).
      expect(analysis.drops.map((d) => body.slice(d.start, d.end)), file).toEqual([]);
    }
    expect(withLiquid).toBeGreaterThan(0);
  });
});
