import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runLint } from '../../src/lint/run.js';
import type { LintMessage } from '../../src/lint/types.js';
import { NOW } from './rule-tester.js';

const SITE = fileURLToPath(new URL('../../fixtures/lint/cross-file/', import.meta.url));

async function findings(ruleId: string, ruleArgs: string[] = []): Promise<Record<string, LintMessage[]>> {
  const { results } = await runLint({ inputs: [], cwd: SITE, env: {}, now: NOW, ruleArgs, fix: 'off' });
  const out: Record<string, LintMessage[]> = {};
  for (const r of results) {
    const mine = r.messages.filter((m) => m.ruleId === ruleId);
    if (mine.length) out[path.relative(SITE, r.filePath)] = mine;
  }
  return out;
}

describe('permalink-conflict (checked against jekyll build: "Conflict: The following destination is shared")', () => {
  it('reports both posts of each shared destination, naming the other', async () => {
    const found = await findings('permalink-conflict');
    expect(Object.keys(found).sort()).toEqual(['_posts/2022-01-06-a.md', '_posts/2022-01-07-about.md', '_posts/2022-01-08-about-again.md', 'news/_posts/2022-01-06-a.md']);
    expect(found['_posts/2022-01-06-a.md']).toEqual([
      { ruleId: 'permalink-conflict', severity: 2, line: 1, column: 1, message: 'URL /news/2022/01/06/a.html is also the URL of news/_posts/2022-01-06-a.md: Jekyll writes one over the other' },
    ]);
    // `/about/` and `/about/index.html` are one file in _site; the line is the permalink's.
    expect(found['_posts/2022-01-08-about-again.md']![0]).toMatchObject({ line: 5, message: 'URL /about/ is also the URL of _posts/2022-01-07-about.md: Jekyll writes one over the other' });
  });

  it('follows the severity set for it', async () => {
    expect(await findings('permalink-conflict', ['permalink-conflict:off'])).toEqual({});
    const warned = await findings('permalink-conflict', ['permalink-conflict:warn']);
    expect(Object.values(warned).flat().every((m) => m.severity === 1)).toBe(true);
  });
});

describe('duplicate-post', () => {
  it('finds one article in two posts by source link and by title with date, not unpublished copies', async () => {
    const found = await findings('duplicate-post');
    expect(Object.keys(found).sort()).toEqual([
      '_posts/2021-12-08-202112082206742097.md',
      '_posts/2021-12-08-rescraped.md',
      '_posts/2022-05-30-202205302396506117.md',
      '_posts/2022-05-30-NW202205302396506117.md',
    ]);
    expect(found['_posts/2021-12-08-rescraped.md']).toEqual([
      {
        ruleId: 'duplicate-post',
        severity: 1,
        line: 10,
        column: 1,
        message: 'source link http://hk.eastmoney.com/news/1533,202112082206742097.html and text, as in _posts/2021-12-08-202112082206742097.md: one article in two posts',
      },
    ]);
    expect(found['_posts/2022-05-30-NW202205302396506117.md']![0]!.message).toBe(
      'title "央行研究局课题组：促进消费投资增长 实现经济平稳高质量运行" and date 2022-05-30 17:33:09 +0800, as in _posts/2022-05-30-202205302396506117.md: one article in two posts',
    );
  });
});
