import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { defaultsFor, findSiteRoot, loadSite, siteFromConfig } from '../../src/site/config.js';
import { tempDir } from '../helpers/site.js';

describe('the site', () => {
  it('is found by walking up to _config.yml', async () => {
    const root = tempDir('finews-site-');
    mkdirSync(path.join(root, 'news/_posts'), { recursive: true });
    writeFileSync(path.join(root, '_config.yml'), 'timezone: America/New_York\npermalink: pretty\nfuture: true\n');
    expect(findSiteRoot(path.join(root, 'news/_posts'))).toBe(root);
    const site = await loadSite(path.join(root, 'news/_posts/2022-01-01-x.md'));
    expect(site).toMatchObject({ root, timezone: 'America/New_York', permalink: '/:categories/:year/:month/:day/:title/', future: true });
  });

  it('names file and line for a bad _config.yml', () => {
    expect(() => siteFromConfig('/s', '/s/_config.yml', 'title: x\ntimezone: Mars/Olympus\n')).toThrow(ConfigError);
    expect(() => siteFromConfig('/s', '/s/_config.yml', 'title: x\ntimezone: Mars/Olympus\n')).toThrow(/_config\.yml:2: .*Mars\/Olympus/);
    expect(() => siteFromConfig('/s', '/s/_config.yml', 'title: [unclosed\nfoo: bar\n')).toThrow(/_config\.yml:\d+:/);
    expect(() => siteFromConfig('/s', '/s/_config.yml', '- a list\n')).toThrow(/not a mapping/);
    // A Ruby symbol stops Psych.safe_load (Debian's Jekyll 4.3.1): the message says what it is and how to write it.
    expect(() => siteFromConfig('/s', '/s/_config.yml', 'title: x\nsass:\n  style: :expanded\n')).toThrow(
      /_config\.yml:3: Tried to load unspecified class: Symbol: a plain value starting with ":" is a Ruby symbol; Psych\.safe_load .* stops on it, the safe_yaml gem \(GitHub Pages\) reads it as text; write it without the colon/,
    );
  });

  it('takes TZ from the environment when timezone is unset, as Jekyll does; else UTC', () => {
    expect(siteFromConfig('/s', null, '', { TZ: 'Europe/Paris' }).timezone).toBe('Europe/Paris');
    expect(siteFromConfig('/s', null, '', {}).timezone).toBe('UTC');
  });

  it('applies front matter defaults, the more specific scope winning', () => {
    const site = siteFromConfig('/s', null, 'defaults:\n  - scope: { path: "" }\n    values: { layout: post, x: 1 }\n  - scope: { path: news, type: posts }\n    values: { layout: news }\n');
    expect(defaultsFor(site, '_posts/2022-01-01-a.md')).toEqual({ layout: 'post', x: 1 });
    expect(defaultsFor(site, 'news/_posts/2022-01-01-a.md')).toEqual({ layout: 'news', x: 1 });
  });
});
