import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkPost } from '../../../src/lint/check.js';
import { lintSettings } from '../../../src/lint/settings.js';
import { parsePost } from '../../../src/post/parse.js';
import { siteFromConfig } from '../../../src/site/config.js';
import { ConfigError } from '../../../src/errors.js';

const NOW = new Date('2026-11-25T00:00:00Z');
const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

/** The multi-language news site's own checks, as finews settings (the README's example). */
const NEWS_SITE = `timezone: UTC
finews:
  lint:
    schema:
      - files: "*/news/_posts/**"
        ignore: "xx/news/_posts/**"
        schema:
          type: object
          required: [title, author]
          requiredAfter: { "2023-01-29": [date] }
          properties:
            lang: { enum: [en, de, zh], pathSegment: 0 }
            author: { type: string, minLength: 1 }
            translator: { type: string, minLength: 1 }
            date: { dateOffset: "+0000" }
`;

function lint(config: string, file: string, text: string) {
  const site = siteFromConfig('/site', '/site/_config.yml', config);
  const settings = lintSettings(site, ['front-matter-schema:error']);
  const severities = Object.fromEntries(Object.keys(settings.severities).map((id) => [id, id === 'front-matter-schema' ? 'error' : 'off'] as const));
  const post = parsePost(text, `/site/${file}`, site, { now: NOW });
  return checkPost(post, { site, settings: { ...settings, severities }, layouts: null }).messages.map((m) => `${m.line}:${m.column} ${m.message}`);
}

const fm = (lines: string) => `---\ntitle: A\n${lines}---\nBody\n`;

describe('front-matter-schema', () => {
  it('passes a post that matches', () => {
    expect(lint(NEWS_SITE, 'de/news/_posts/2023-02-01-a.md', fm('lang: de\nauthor: Ana\ndate: 2023-02-01 10:00:00 +0000\n'))).toEqual([]);
  });

  it('points each finding at its field: a lang not of the folder, an empty translator, the wrong offset', () => {
    expect(lint(NEWS_SITE, 'de/news/_posts/2023-02-01-a.md', fm('lang: en\nauthor: Ana\ntranslator: ""\ndate: 2023-02-01 10:00:00 +0100\n'))).toEqual([
      '3:7 "lang" must equal "de", folder 0 of the path (finews.lint.schema[0])',
      '5:13 "translator" must NOT have fewer than 1 characters (finews.lint.schema[0])',
      '6:7 "date" must be written with the offset +0000 (finews.lint.schema[0])',
    ]);
  });

  it('lists the allowed values of an enum, and names a missing field at line 1', () => {
    expect(lint(NEWS_SITE, 'fr/news/_posts/2020-02-01-a.md', fm('lang: fr\n'))).toEqual([
      '1:1 the front matter has no "author" (finews.lint.schema[0])',
      '3:7 "lang" must be equal to one of the allowed values: "en", "de", "zh" (finews.lint.schema[0])',
    ]);
  });

  it('requires date only after the given day (the file name dates the post)', () => {
    expect(lint(NEWS_SITE, 'en/news/_posts/2023-01-29-a.md', fm('lang: en\nauthor: Ana\n'))).toEqual([]);
    expect(lint(NEWS_SITE, 'en/news/_posts/2023-01-30-a.md', fm('lang: en\nauthor: Ana\n'))).toEqual([
      '1:1 posts dated after 2023-01-29 must have "date" (finews.lint.schema[0])',
    ]);
  });

  it('leaves out paths the globs do not take, or ignore', () => {
    expect(lint(NEWS_SITE, '_posts/2023-02-01-a.md', fm(''))).toEqual([]);
    expect(lint(NEWS_SITE, 'xx/news/_posts/2023-02-01-a.md', fm(''))).toEqual([]);
  });

  it('sees defaults: from _config.yml as Jekyll does', () => {
    const config = `${NEWS_SITE}defaults:\n  - scope: { path: en }\n    values: { author: Desk }\n`;
    expect(lint(config, 'en/news/_posts/2020-02-01-a.md', fm('lang: en\n'))).toEqual([]);
  });

  it('reads a schema from a JSON or YAML file named from the site root', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'finews-schema-'));
    temps.push(dir);
    writeFileSync(path.join(dir, 'post.schema.json'), JSON.stringify({ type: 'object', properties: { tags: { type: 'array', items: { type: 'string' } } } }));
    const site = siteFromConfig(dir, path.join(dir, '_config.yml'), 'finews: { lint: { schema: post.schema.json } }\n');
    const settings = lintSettings(site);
    const post = parsePost(fm('tags: [a, 2]\n'), path.join(dir, '_posts/2020-01-01-a.md'), site, { now: NOW });
    const found = checkPost(post, { site, settings, layouts: null }).messages.filter((m) => m.ruleId === 'front-matter-schema');
    expect(found.map((m) => [m.line, m.message])).toEqual([[3, '"tags.1" must be string (post.schema.json)']]);
  });

  it.each([
    ['schema: { type: objekt }', /finews.lint.schema: invalid JSON Schema: .*type/],
    ['schema: { type: object, requird: [a] }', /finews.lint.schema: invalid JSON Schema: strict mode: unknown keyword: "requird"/],
    ['schema: [{ files: "*", schema: { pathSegment: x } }]', /finews.lint.schema\[0\]: invalid JSON Schema/],
    ['schema: [{ file: "*", schema: {} }]', /finews.lint.schema\[0\].file: unknown key/],
    ['schema: missing.json', /finews.lint.schema: cannot read the schema file missing.json: ENOENT/],
  ])('refuses %s in one line', (setting, message) => {
    const site = siteFromConfig('/nowhere', '/nowhere/_config.yml', `finews:\n  lint:\n    ${setting}\n`);
    expect(() => lintSettings(site)).toThrow(ConfigError);
    expect(() => lintSettings(site)).toThrow(message);
    try {
      lintSettings(site);
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
    }
  });
});

describe("the README's example: a multi-language news site's own linter", () => {
  const readme = readFileSync(path.resolve(import.meta.dirname, '../../../README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('#### A front-matter schema'));
  const yaml = /```yaml\n([\s\S]*?)```/.exec(section)![1]!;

  function lintAll(file: string, text: string) {
    const site = siteFromConfig('/site', '/site/_config.yml', `timezone: UTC\nplugins: [jekyll-feed]\n${yaml}`);
    const post = parsePost(text, `/site/${file}`, site, { now: NOW });
    return checkPost(post, { site, settings: lintSettings(site), layouts: null }).messages.map((m) => m.ruleId).sort();
  }

  it('passes a good post and reports each of the checks it names', () => {
    expect(lintAll('de/news/_posts/2023-02-01-a.md', '---\ntitle: A\nlang: de\nauthor: Ana\ndate: 2023-02-01 10:00:00 +0000\n---\nBody\n')).toEqual([]);
    const bad = '---\r\ntitle: A \r\nlang: en\r\nauthor: ""\r\ntranslator: 3\r\n---\r\nBody\r\n\r\nMore\r\n\r\n';
    expect(lintAll('de/news/_posts/2023-02-01-a.md', bad)).toEqual([
      'blank-lines-at-end',
      'front-matter-schema', // lang is not the folder
      'front-matter-schema', // author is empty
      'front-matter-schema', // translator is not a string
      'front-matter-schema', // no date after 2023-01-29
      'line-endings',
      'trailing-spaces',
    ]);
    // An exempt path: the schema leaves it alone.
    expect(lintAll('en/news/_posts/2015-01-01-old.md', '---\ntitle: A\n---\nBody\n')).toEqual([]);
  });
});
