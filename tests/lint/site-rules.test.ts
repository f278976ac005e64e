import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runLint } from '../../src/lint/run.js';
import type { LintMessage } from '../../src/lint/types.js';
import { NOW } from './rule-tester.js';
import { makeSite } from '../helpers/site.js';

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

describe('permalink-conflict on a jekyll-polyglot site (one build per language, the others under /<lang>/)', () => {
  const post = (lang: string | null, title: string) => `---\ntitle: ${title}\n${lang ? `lang: ${lang}\n` : ''}---\n${title}\n`;
  const site = (config: string, more: Record<string, string> = {}) =>
    makeSite({
      '_config.yml': `timezone: UTC\npermalink: pretty\n${config}`,
      '_posts/2022-01-06-launch.md': post(null, 'Launch'),
      '_posts/de/2022-01-06-launch.md': post('de', 'Start'),
      '_posts/es/2022-01-06-launch.md': post('es', 'Lanzamiento'),
      ...more,
    });
  const conflicts = async (dir: string) => {
    const { results } = await runLint({ inputs: [], cwd: dir, env: {}, now: NOW, ruleArgs: [], fix: 'off' });
    return Object.fromEntries(results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'permalink-conflict').map((m) => [path.relative(dir, r.filePath), m.message])));
  };
  const POLYGLOT = 'plugins: [jekyll-polyglot]\nlanguages: ["en", "de", "es"]\ndefault_lang: "en"\n';

  it('translations sharing a URL are no conflict', async () => {
    expect(await conflicts(site(POLYGLOT))).toEqual({});
  });

  it('two posts of one language sharing a URL still are, named with the language folder polyglot writes them to', async () => {
    const found = await conflicts(site(POLYGLOT, { '_posts/de/2022-01-06-launch-copy.md': `---\ntitle: Kopie\nlang: DE\npermalink: /2022/01/06/launch/\n---\nKopie\n` }));
    expect(Object.keys(found).sort()).toEqual(['_posts/de/2022-01-06-launch-copy.md', '_posts/de/2022-01-06-launch.md']);
    expect(found['_posts/de/2022-01-06-launch.md']).toBe('URL /de/2022/01/06/launch/ is also the URL of _posts/de/2022-01-06-launch-copy.md: Jekyll writes one over the other');
  });

  it('the language from defaults:, from the path (lang_from_path), or the default; a language polyglot does not build is in no build', async () => {
    const defaults = 'defaults:\n  - scope: { path: _posts/fr }\n    values: { lang: fr }\n';
    const more = {
      '_posts/fr/2022-01-06-launch.md': post(null, 'Lancement'),
      '_posts/ja/2022-01-06-launch.md': post(null, 'Hajime'),
      '_posts/it/2022-01-06-launch.md': post('it', 'Lancio'),
    };
    const langs = 'plugins: [jekyll-polyglot]\nlanguages: ["en", "de", "es", "fr", "ja"]\nlang_from_path: true\n';
    expect(await conflicts(site(`${langs}${defaults}`, more))).toEqual({});
    // Without lang_from_path the post in ja/ is in the default language, as the post in _posts is.
    const found = await conflicts(site(`${langs.replace('lang_from_path: true\n', '')}${defaults}`, more));
    expect(Object.keys(found).sort()).toEqual(['_posts/2022-01-06-launch.md', '_posts/ja/2022-01-06-launch.md']);
  });

  it('without the plugin, Jekyll writes them all to one file', async () => {
    const found = await conflicts(site('languages: ["en", "de", "es"]\n'));
    expect(Object.keys(found)).toHaveLength(3);
  });
});
