import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRuleContext } from '../../src/lint/lint-file.js';
import { loadSite } from '../../src/site/config.js';
import { readLayouts } from '../../src/site/layouts.js';
import { buildWithJekyll, hasJekyll } from '../helpers/jekyll.js';
import { makeSite, postText } from '../helpers/site.js';

/** Layouts, and whether a page under each shows its body (as Jekyll builds it: checked below). */
const LAYOUTS: Record<string, [text: string, showsBody: boolean]> = {
  plain: ['<main>{{ content }}</main>\n', true],
  trimmed: ['<main>{{- content -}}</main>\n', true],
  'page-content': ['<main>{{ page.content }}</main>\n', true],
  assigned: ['{% assign body = content %}<main>{{ body }}</main>\n', true],
  included: ['<main>{% include body.html %}</main>\n', true],
  'included-deep': ['<main>{%- include wrap.html title="x" -%}</main>\n', true],
  'included-dynamic': ['<main>{% include {{ page.part }} %}</main>\n', true],
  'included-plain': ['<main>{% include head.html %}</main>\n', false],
  'included-relative': ['<main>{% include_relative foot.html %}</main>\n', false],
  card: ['<div class="card">{{ page.title }}: {{ page.img }}</div>\n', false],
  'card-raw': ['<div>{% raw %}{{ content }}{% endraw %}</div>\n', false],
  'nested/inner': ['---\nlayout: plain\n---\n<div>{{ page.title }}</div>\n', false],
};
/**
 * Where finews cannot be sure, it counts the layout as showing the body (and so
 * still reports an empty one): include_relative reads beside the page, not the
 * layout, and a raw block is not read for what it prints.
 */
const UNSURE = ['included-relative', 'card-raw'];

function layoutSite(): string {
  const files: Record<string, string> = {
    '_config.yml': 'timezone: UTC\n',
    '_includes/body.html': '{{ content }}',
    '_includes/wrap.html': '<div>{% include body.html %}</div>',
    '_includes/head.html': '<h1>{{ page.title }}</h1>',
    '_includes/part.html': '{{ content }}',
    '_posts/foot.html': '<footer>{{ site.time }}</footer>',
  };
  for (const [name, [text]] of Object.entries(LAYOUTS)) {
    files[`_layouts/${name}.html`] = text;
    files[`_posts/2022-01-06-${name.replace('/', '-')}.md`] = postText({ layout: name, title: name, img: 'a.png', part: 'part.html' }, `BODY-OF-${name.replace('/', '-')}\n`);
  }
  return makeSite(files, 'finews-layouts-');
}

describe('layouts', () => {
  it('are named as Jekyll names them, each with whether it can show the body', async () => {
    const layouts = await readLayouts(await loadSite(layoutSite()));
    const expected = Object.fromEntries(Object.entries(LAYOUTS).map(([name, [, shows]]) => [name, shows || UNSURE.includes(name)]));
    expect(Object.fromEntries([...layouts!].map(([name, l]) => [name, l.showsBody]))).toEqual(expected);
  });

  it("are the site's own, and unknown to the rules when a theme may hold more", async () => {
    const dir = makeSite({ '_config.yml': 'theme: minima\n', '_layouts/post.html': '{{ content }}' });
    expect([...(await readLayouts(await loadSite(dir)))!.keys()]).toEqual(['post']);
    expect((await loadRuleContext(dir, {}, [], dir)).layouts).toBeNull();
    expect(await readLayouts(await loadSite(makeSite({ '_config.yml': 'title: no layouts\n' })))).toBeNull();
  });

  it.skipIf(!hasJekyll)('show the body where Jekyll shows it', { timeout: 120_000 }, () => {
    const dir = layoutSite();
    const build = buildWithJekyll(dir);
    expect(build.status, build.output).toBe(0);
    const site = path.join(dir, '_site');
    const output = readdirSync(site, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.html'))
      .map((e) => readFileSync(path.join(e.parentPath, e.name), 'utf8'))
      .join('\n');
    for (const [name, [, shows]] of Object.entries(LAYOUTS)) expect(output.includes(`BODY-OF-${name.replace('/', '-')}`), name).toBe(shows);
  });
});
