import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { DEFAULT_SETTINGS } from '../../src/index-pages/settings.js';
import { siteFromConfig } from '../../src/site/config.js';

const root = path.resolve(import.meta.dirname, '../..');
const schema = JSON.parse(readFileSync(path.join(root, 'schema/finews.schema.json'), 'utf8')) as {
  properties: Record<string, { properties: Record<string, { default?: unknown }> }>;
};
const load = (yaml: string) => siteFromConfig('/s', '/s/_config.yml', yaml);

describe('the finews settings schema', () => {
  it('reports a mistyped key with its line and the nearest known key, at every level', () => {
    expect(() => load('title: x\nfinews:\n  lnt:\n    rules: {}\n')).toThrow(ConfigError);
    expect(() => load('title: x\nfinews:\n  lnt:\n    rules: {}\n')).toThrow(/_config\.yml:3: finews\.lnt: unknown setting \(did you mean lint\?\)$/);
    expect(() => load('finews:\n  new:\n    layuot: post\n')).toThrow(/_config\.yml:3: finews\.new\.layuot: unknown setting \(did you mean layout\?\)$/);
    expect(() => load('finews:\n  index:\n    tags: true\n    categoies: false\n')).toThrow(/_config\.yml:4: finews\.index\.categoies: unknown setting \(did you mean categories\?\)$/);
    expect(() => load('finews:\n  index:\n    zzzzzzzzzz: 1\n')).toThrow(/finews\.index\.zzzzzzzzzz: unknown setting$/);
  });

  it('accepts every key it describes, and free keys where a mapping takes any name', () => {
    const site = load('finews:\n  new: { layout: post, categories: [a], tags: b, slug_style: pinyin, extension: md }\n  lint: { rules: { title-empty: off }, required: [title] }\n  index: { titles: { egongsi: e公司新闻 }, per_page: 10 }\n');
    expect(site.settingLines).toMatchObject({ new: 2, 'new.layout': 2, lint: 3, index: 4, 'index.titles.egongsi': 4 });
  });

  it('is a valid JSON Schema that accepts the settings of the bundled fixtures', () => {
    const validate = new Ajv({ strict: false }).compile(schema);
    expect(validate({ index: { per_page: 10, titles: { a: 'b' } }, lint: { rules: { 'title-empty': 'off' } } })).toBe(true);
    expect(validate({ index: { per_page: 0 } })).toBe(false);
    expect(validate({ lnt: {} })).toBe(false);
  });

  it('gives the defaults the index command uses', () => {
    const described = schema.properties.index!.properties;
    expect(Object.keys(described).sort()).toEqual(Object.keys(DEFAULT_SETTINGS).sort());
    // list: the setting is true, false or auto; the command holds it resolved per kind of page.
    expect(described.list!.default).toBe('auto');
    for (const [key, value] of Object.entries(DEFAULT_SETTINGS)) {
      if (key === 'titles' || key === 'list') continue;
      expect(described[key]!.default, key).toEqual(value);
    }
  });
});
