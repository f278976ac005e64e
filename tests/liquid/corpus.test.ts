import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseLiquid } from '../../src/liquid/analyse.js';
import { liquidSetup } from '../../src/liquid/site.js';
import { splitFrontMatter } from '../../src/post/frontmatter.js';
import { parsePost } from '../../src/post/parse.js';
import { loadSite } from '../../src/site/config.js';
import { CORPUS_SITE, noCorpus, SEED_POST } from '../helpers/corpus.js';

describe.skipIf(noCorpus)('the real sample site', () => {
  it('its posts and the seed post give no Liquid finding', async () => {
    const site = await loadSite(CORPUS_SITE);
    const posts = readdirSync(path.join(CORPUS_SITE, '_posts'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(posts.length).toBeGreaterThan(0);
    for (const e of posts) {
      const file = path.join(e.parentPath, e.name);
      const post = parsePost(readFileSync(file), file, site);
      expect(post.problems.filter((p) => p.rule.startsWith('liquid-')), file).toEqual([]);
    }
    const seed = parsePost(readFileSync(SEED_POST), path.join(CORPUS_SITE, '_posts', path.basename(SEED_POST)), site);
    expect(seed.problems.filter((p) => p.rule.startsWith('liquid-'))).toEqual([]);
  });

  it('its pages and layouts, which loop over site.posts and site.tags, are intended Liquid: no error, nothing dropped', async () => {
    const site = await loadSite(CORPUS_SITE);
    const files = readdirSync(CORPUS_SITE, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && /\.(md|html)$/.test(e.name) && !/(^|\/)_posts\//.test(path.relative(CORPUS_SITE, e.parentPath) + '/'))
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
