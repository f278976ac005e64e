import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLint } from '../../src/lint/run.js';
import type { LintMessage } from '../../src/lint/types.js';
import { makeSite, postText } from '../helpers/site.js';
import { NOW } from './rule-tester.js';

async function duplicates(site: string, inputs: string[] = []): Promise<Record<string, LintMessage[]>> {
  const { results } = await runLint({ inputs, cwd: site, env: {}, now: NOW, ruleArgs: [], fix: 'off' });
  const out: Record<string, LintMessage[]> = {};
  for (const r of results) {
    const mine = r.messages.filter((m) => m.ruleId === 'duplicate-post');
    if (mine.length) out[path.relative(site, r.filePath)] = mine;
  }
  return out;
}

const post = (title: string, date: string, body: string, extra: Record<string, string> = {}) => postText({ layout: 'post', title: `"${title}"`, date, ...extra }, body);

describe('duplicate-post: what is not a duplicate', () => {
  it('translations: one source in two language folders, or two `lang`s in one folder, even with one title and date', async () => {
    const source = '\n<https://example.com/news/launch>\n';
    const site = makeSite({
      '_config.yml': 'timezone: UTC\n',
      'en/_posts/2022-01-06-launch.md': post('Launch', '2022-01-06 10:00:00 +0000', `We launched.\n${source}`),
      'fr/_posts/2022-01-06-launch.md': post('Launch', '2022-01-06 10:00:00 +0000', `Nous avons lancé.\n${source}`),
      '_posts/2022-01-06-launch-de.md': post('Launch', '2022-01-06 10:00:00 +0000', `We launched.\n${source}`, { lang: 'de' }),
      '_posts/2022-01-06-launch-es.md': post('Launch', '2022-01-06 10:00:00 +0000', `We launched.\n${source}`, { lang: 'es' }),
    });
    expect(await duplicates(site)).toEqual({});
  });

  it('different articles citing one link, and a footer link hundreds of posts carry', async () => {
    const files: Record<string, string> = { '_config.yml': 'timezone: UTC\n' };
    for (let i = 0; i < 300; i++) {
      const day = String((i % 28) + 1).padStart(2, '0');
      files[`_posts/2022-02-${day}-post-${i}.md`] = post(`Post ${i}`, `2022-02-${day} 10:00:00 +0000`, `Article number ${i}.\n\n<https://example.com/subscribe>\n`);
    }
    files['_posts/2022-03-01-a.md'] = post('Release 1.0', '2022-03-01 10:00:00 +0000', 'Notes on 1.0.\n\n<https://example.com/changelog>\n');
    files['_posts/2022-03-02-b.md'] = post('Release 1.1', '2022-03-02 10:00:00 +0000', 'Notes on 1.1.\n\n<https://example.com/changelog>\n');
    expect(await duplicates(makeSite(files))).toEqual({});
  });
});

describe('duplicate-post: what is', () => {
  it('a page scraped twice (one source, one text) and a copy with one title and date, in one language', async () => {
    const site = makeSite({
      '_config.yml': 'timezone: UTC\n',
      '_posts/2022-01-06-a.md': post('North-bound funds up', '2022-01-06 10:00:00 +0000', '\nFunds rose.\n\n<https://example.com/1>\n'),
      '_posts/2022-01-06-a-again.md': post('North-bound funds up 3bn', '2022-01-06 10:00:05 +0000', '\nFunds rose.\r\n\r\n<https://example.com/1>\r\n'),
      'en/_posts/2022-01-07-b.md': post('Copy', '2022-01-07 10:00:00 +0000', 'One feed.\n'),
      'en/_posts/2022-01-07-c.md': post('Copy', '2022-01-07 10:00:00 +0000', 'Another feed, other words.\n'),
    });
    const found = await duplicates(site);
    expect(Object.keys(found).sort()).toEqual(['_posts/2022-01-06-a-again.md', '_posts/2022-01-06-a.md', 'en/_posts/2022-01-07-b.md', 'en/_posts/2022-01-07-c.md']);
    expect(found['_posts/2022-01-06-a.md']).toEqual([
      { ruleId: 'duplicate-post', severity: 1, line: 9, column: 1, message: 'source link https://example.com/1 and text, as in _posts/2022-01-06-a-again.md: one article in two posts' },
    ]);
    expect(found['en/_posts/2022-01-07-c.md']![0]!.message).toBe('title "Copy" and date 2022-01-07 10:00:00 +0000, as in en/_posts/2022-01-07-b.md: one article in two posts');
  });

  it('a large group: each member names three others and counts the rest, in messages of one size', async () => {
    const files: Record<string, string> = { '_config.yml': 'timezone: UTC\n' };
    const names: string[] = [];
    for (let i = 0; i < 400; i++) {
      const name = `_posts/2022-01-06-copy-${String(i).padStart(3, '0')}.md`;
      names.push(name);
      files[name] = post('Same', '2022-01-06 10:00:00 +0000', `Copy ${i}.\n`);
    }
    const found = await duplicates(makeSite(files));
    expect(Object.keys(found)).toHaveLength(400);
    expect(found[names[0]!]![0]!.message).toBe(`title "Same" and date 2022-01-06 10:00:00 +0000, as in ${names.slice(1, 4).join(', ')}, 396 more: one article in two posts`);
    expect(found[names[2]!]![0]!.message).toContain(`as in ${[names[0], names[1], names[3]].join(', ')}, 396 more:`);
    const lengths = new Set(Object.values(found).map((m) => m[0]!.message.length));
    expect(lengths.size).toBe(1);
  });
});
