import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRuleContext } from '../../src/lint/lint-file.js';
import { loadSite } from '../../src/site/config.js';
import { readPostSync } from '../../src/post/read.js';
import { defaultsFor } from '../../src/site/config.js';
import { mayShowBody, readLayouts, playsOwnMedium } from '../../src/site/layouts.js';
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
 * Layouts that show the body only on some branches, each with posts (their
 * extra front matter) and whether Jekyll shows the body: finews must say it
 * may wherever Jekyll does, and may not wherever it can tell.
 */
const CONDITIONAL: Record<string, [text: string, posts: [fields: Record<string, string>, shown: boolean, unsure?: true][]]> = {
  link: [
    '{% if page.link %}<a href="{{ page.link }}">source</a>{% else %}<main>{{ content }}</main>{% endif %}\n',
    [[{ link: 'https://example.com/a' }, false], [{ link: '""' }, false], [{ link: '0' }, false], [{}, true], [{ link: 'false' }, true], [{ link: '' }, true], [{ link: 'x', dflt: 'yes' }, false]],
  ],
  unless: ['{%- unless page.external -%}<main>{{ content }}</main>{%- endunless -%}\n', [[{ external: 'true' }, false], [{ external: 'false' }, true], [{}, true]]],
  elsif: [
    '{% if page.link %}x{% elsif page.other %}<main>{{ content }}</main>{% else %}<main>{{ content }}</main>{% endif %}\n',
    [[{ link: 'y' }, false], [{}, true], [{ other: 'z' }, true]],
  ],
  nested: ['{% if page.a %}{% unless page.b %}<main>{{ content }}</main>{% endunless %}{% endif %}\n', [[{ a: 'x' }, true], [{ a: 'x', b: 'y' }, false], [{ b: 'y' }, false], [{ a: 'false' }, false]]],
  'for-else': ['{% for x in page.list %}{{ x }}{% else %}<main>{{ content }}</main>{% endfor %}\n', [[{ list: '[1]' }, false, true], [{}, true]]],
  captured: ['{% capture b %}<main>{{ content }}</main>{% endcapture %}{% if page.link %}x{% else %}{{ b }}{% endif %}\n', [[{ link: 'y' }, false, true], [{}, true]]],
  commented: ['{% if page.link %}x{% comment %}{{ content }}{% endcomment %}{% else %}<main>{{ content }}</main>{% endif %}\n', [[{ link: 'y' }, false], [{}, true]]],
  'on-title': ['{% if page.title %}x{% else %}<main>{{ content }}</main>{% endif %}\n', [[{}, false, true]]],
};

/**
 * Where finews cannot be sure, it counts the layout as showing the body (and so
 * still reports an empty one): include_relative reads beside the page, not the
 * layout. (A raw block prints its inside as text: `{{ content }}` there is no body.)
 */
const UNSURE = ['included-relative'];

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
  for (const [name, [text, posts]] of Object.entries(CONDITIONAL)) {
    files[`_layouts/${name}.html`] = text;
    posts.forEach(([fields], i) => {
      const { dflt, ...own } = fields;
      const slug = `${name}-${i}`;
      files[`_posts/2022-01-07-${slug}.md`] = postText({ layout: name, ...(name === 'on-title' ? {} : { title: slug }), ...own }, `BODY-OF-${slug}\n`);
      // A value from defaults: the post's own `link:` is left out, the default gives it.
      if (dflt) files[`_posts/2022-01-07-${slug}.md`] = postText({ layout: name, title: slug }, `BODY-OF-${slug}\n`);
    });
  }
  files['_config.yml'] += `defaults:\n  - scope: {path: "_posts/2022-01-07-link-6.md"}\n    values: {link: "https://example.com/d"}\n`;
  return makeSite(files, 'finews-layouts-');
}

describe('layouts', () => {
  it('are named as Jekyll names them, each with whether it can show the body', async () => {
    const layouts = await readLayouts(await loadSite(layoutSite()));
    const expected = Object.fromEntries(Object.entries(LAYOUTS).map(([name, [, shows]]) => [name, shows || UNSURE.includes(name)]));
    expect(Object.fromEntries([...layouts!].filter(([name]) => name in LAYOUTS).map(([name, l]) => [name, l.bodyWhen.length > 0]))).toEqual(expected);
  });

  it('show the body of a post where the conditions on its front matter lead, and may show it where finews cannot tell', async () => {
    const dir = layoutSite();
    const site = await loadSite(dir);
    const layouts = (await readLayouts(site))!;
    expect(layouts.get('link')!.bodyWhen).toEqual([[{ key: 'link', truthy: false }]]);
    expect(layouts.get('nested')!.bodyWhen).toEqual([[{ key: 'a', truthy: true }, { key: 'b', truthy: false }]]);
    for (const [name, [, posts]] of Object.entries(CONDITIONAL)) {
      posts.forEach(([, shown, unsure], i) => {
        const post = readPostSync(path.join(dir, `_posts/2022-01-07-${name}-${i}.md`), site).post!;
        expect(mayShowBody(layouts.get(name)!, post.data, defaultsFor(site, post.path)), `${name}-${i}`).toBe(shown || unsure === true);
      });
    }
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
    for (const [name, [, posts]] of Object.entries(CONDITIONAL)) posts.forEach(([, shown], i) => expect(output.includes(`BODY-OF-${name}-${i}<`), `${name}-${i}`).toBe(shown));
  });
});

/**
 * Layouts that play a medium a post's own field names (a podcast episode's
 * player), each with posts (their fields: FIELD stands for a value of their
 * own) and whether the page plays it: a player or frame after `<head>` whose
 * tag holds the value. Pictures and text printed from the front matter do not
 * count: a news post's cover or source is no article.
 */
const FIELDS: Record<string, [text: string, posts: [fields: Record<string, string>, shown: boolean][]]> = {
  episode: [
    '<article><h1>{{ page.title }}</h1>\n{{ page.description }}\n{% if page.audio %}<iframe src="https://player.example/{{ page.audio }}"></iframe>{% endif %}\n{{ content }}</article>\n',
    [[{ audio: 'FIELD' }, true], [{ description: 'FIELD' }, false], [{}, false], [{ audio: '""' }, false], [{ audio: 'false' }, false]],
  ],
  'video-src': ['<main><video controls src="/media/{{ page.video }}.mp4"></video>{{ content }}</main>\n', [[{ video: 'FIELD' }, true], [{}, false]]],
  head: [
    '<html><head><meta name="description" content="{{ page.description }}">{% if page.audio %}<link rel="preload" href="{{ page.audio }}">{% endif %}</head><body>{{ content }}</body></html>\n',
    [[{ description: 'FIELD', audio: 'FIELD' }, false]],
  ],
  cover: ['<main>{% if page.image %}<img src="{{ page.image }}">{% endif %}<p>{{ page.source }}</p>{{ content }}</main>\n', [[{ image: 'FIELD', source: 'FIELD' }, false]]],
  'silent-branch': ['{% if page.audio %}{% assign has_audio = true %}{% endif %}<main>{{ content }}</main>\n', [[{ audio: 'FIELD' }, false]]],
  'else-branch': ['{% if page.cover %}<p>cover</p>{% else %}<iframe src="https://clips.example/{{ page.clip }}"></iframe>{% endif %}<main>{{ content }}</main>\n', [[{ cover: 'FIELD', clip: 'FIELD' }, false], [{ clip: 'FIELD' }, true]]],
};

describe('layouts that play a medium a post names', () => {
  const fieldSite = () => {
    const files: Record<string, string> = { '_config.yml': 'timezone: UTC\n' };
    for (const [name, [text, posts]] of Object.entries(FIELDS)) {
      files[`_layouts/${name}.html`] = text;
      posts.forEach(([fields], i) => {
        const own = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v === 'FIELD' ? `FIELD-${name}-${i}` : v]));
        // An empty body: what body-empty would report.
        files[`_posts/2022-01-08-${name}-${i}.md`] = postText({ layout: name, title: `${name}-${i}`, ...own }, '');
      });
    }
    return makeSite(files, 'finews-fields-');
  };

  it('are read where a player holds the field, on the branches the post takes', async () => {
    const dir = fieldSite();
    const site = await loadSite(dir);
    const layouts = (await readLayouts(site))!;
    // The player's address, and the branch that holds the player.
    expect(layouts.get('episode')!.playsWhen).toEqual([{ key: 'audio', when: [{ key: 'audio', truthy: true }] }, { key: 'audio', when: [] }]);
    expect(layouts.get('else-branch')!.playsWhen).toEqual([{ key: 'clip', when: [{ key: 'cover', truthy: false }] }]);
    expect(layouts.get('head')!.playsWhen).toEqual([]);
    for (const [name, [, posts]] of Object.entries(FIELDS)) {
      posts.forEach(([, shown], i) => {
        const post = readPostSync(path.join(dir, `_posts/2022-01-08-${name}-${i}.md`), site).post!;
        expect(playsOwnMedium(layouts.get(name)!, post.data, defaultsFor(site, post.path)), `${name}-${i}`).toBe(shown);
      });
    }
  });

  it.skipIf(!hasJekyll)('are shown where Jekyll shows them', { timeout: 120_000 }, () => {
    const dir = fieldSite();
    const build = buildWithJekyll(dir);
    expect(build.status, build.output).toBe(0);
    for (const [name, [, posts]] of Object.entries(FIELDS)) {
      posts.forEach(([, shown], i) => {
        const html = readFileSync(path.join(dir, '_site/2022/01/08', `${name}-${i}.html`), 'utf8');
        const body = html.slice(html.search(/<\/head>/) + 1);
        const marker = `FIELD-${name}-${i}`;
        const visible = [...body.matchAll(/<(?:iframe|audio|video|embed|object)\b[^>]*>/g)].some((m) => m[0].includes(marker));
        expect(visible, `${name}-${i}: ${html}`).toBe(shown);
      });
    }
  });
});
