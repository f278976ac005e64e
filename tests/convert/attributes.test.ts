import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { convertText } from '../../src/convert/convert.js';
import { siteClassNames } from '../../src/convert/site-classes.js';
import { Verifier } from '../../src/convert/verify.js';
import { buildWithJekyll, hasJekyll } from '../helpers/jekyll.js';
import { tempDir } from '../helpers/site.js';
import { elementsSeen, hasKramdown } from './helpers.js';

/**
 * Issue 13, posts of real sites: the attributes that change what a reader
 * sees stay. A paragraph's or heading's style (and the classes the site
 * names) as kramdown's attribute list, which keeps it Markdown; a
 * container's, a `<pre>`'s or a table's as HTML. Checked against Jekyll.
 */
const SITE_CLASSES = new Set(['banner', 'lead']);
const convert = (body: string) => convertText(body, { siteClasses: SITE_CLASSES });

/** [what, HTML body, what its Markdown must hold]: the shapes of real posts (a blog's centred credits, a survey's charts…). */
const SHAPES: Array<[string, string, string[]]> = [
  ['a centred paragraph', '<p style="text-align: center;">图：<a href="/a">来源</a></p>\n<p>正文</p>\n', ['图：[来源](/a)\n{: style="text-align: center;"}\n\n正文']],
  ['a paragraph with a class the site names, and one it does not', '<p class="lead from-scraper">导语</p>\n<p class="em_media">（来源）</p>\n', ['导语\n{: class="lead"}\n\n（来源）']],
  ['a styled heading with a linked id', '<h2 id="build" style="color:#c00">构建</h2>\n<p><a href="#build">见上</a></p>\n', ['## 构建 {#build}\n{: style="color:#c00"}']],
  ['a centred container of images', '<div style="text-align:center"><img src="/a.png" alt="甲"><img src="/b.png" alt="乙"></div>\n', ['<div style="text-align:center"><img src="/a.png" alt="甲"><img src="/b.png" alt="乙"></div>']],
  ['a chart hidden from screen readers', '<div aria-hidden="true"><img src="/chart.svg" alt="图表"></div>\n<p>表格见下。</p>\n', ['<div aria-hidden="true"><img src="/chart.svg" alt="图表"></div>']],
  ['preformatted text that wraps', '<pre style="white-space: pre-wrap">长长的一行</pre>\n', ['<pre style="white-space: pre-wrap">长长的一行</pre>']],
  ['a table whose headers name their scope', '<table><tr><th scope="col">名</th><th scope="col">值</th></tr><tr><th scope="row">甲</th><td>1</td></tr></table>\n', ['<th scope="row">甲</th>']],
  ['a styled paragraph in a list item', '<ul><li><p style="color:red">红</p></li></ul>\n', ['<p style="color:red">红</p>']],
  ['a style the attribute list cannot say', '<p style="font-family: &quot;Noto Serif&quot;">字</p>\n', ['<p style="font-family: &quot;Noto Serif&quot;">字</p>']],
  ['a drawing', '<p>见图</p>\n<canvas id="c" width="300" height="150">不支持</canvas>\n', ['<canvas id="c" width="300" height="150">不支持</canvas>']],
];

describe('attributes that change what a reader sees', () => {
  for (const [what, body, pieces] of SHAPES) {
    it(`keeps them: ${what}`, () => {
      const out = convert(body).markdown;
      for (const piece of pieces) expect(out).toContain(piece);
    });
  }

  it('a body is a body: the same Markdown with or without front matter', () => {
    for (const [what, body] of SHAPES) expect(convertText(`---\ntitle: t\n---\n${body}`, { siteClasses: SITE_CLASSES }).markdown, what).toBe(`---\ntitle: t\n---\n${convert(body).markdown}`);
  });

  it('outside any site a class styles nothing, so it goes; a class the body\'s own style sheet names stays', () => {
    expect(convertText('<p class="lead">导语</p>\n').markdown).toBe('导语\n');
    expect(convertText('<style>.lead { font-size: 1.2em }</style>\n\n<p class="lead">导语</p>\n').markdown).toBe('<style>.lead { font-size: 1.2em }</style>\n\n导语\n{: class="lead"}\n');
  });

  it.skipIf(!hasKramdown)('--verify refuses a conversion that drops them, and accepts one that drops a class the site does not name', async () => {
    const verifier = await Verifier.start({ siteClasses: SITE_CLASSES });
    try {
      for (const [what, body] of SHAPES) expect((await verifier.verify(body, convert(body))).problems, what).toEqual([]);
      const centred = SHAPES[0]![1];
      const dropped = { ...convert(centred), markdown: '图：[来源](/a)\n\n正文\n' };
      expect((await verifier.verify(centred, dropped)).problems).toEqual(['element lost: <p style="text-align: center;">']);
      const named = '<p class="lead">导语</p>\n';
      expect((await verifier.verify(named, { ...convert(named), markdown: '导语\n' })).problems).toEqual(['element lost: <p class="lead">']);
      const scraped = '<p class="em_media">来源</p>\n';
      expect((await verifier.verify(scraped, convert(scraped))).ok).toBe(true);
    } finally {
      await verifier.close();
    }
  });
});

const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

describe('the classes a site names', () => {
  it('are read from its style sheets, layouts, includes and scripts, never from its posts, build or packages', () => {
    const site = tempDir('finews-classes-');
    temps.push(site);
    const files: Record<string, string> = {
      '_sass/main.scss': '.notice--info { a: b } .post > .byline:hover {}',
      '_layouts/post.html': '<article class="post-body">{{ content }}</article>',
      '_includes/share.html': '<div class="share-bar"></div>',
      'assets/app.js': "document.querySelectorAll('.toggle-me')",
      '_posts/2024-01-01-a.html': '<p class="scraped">x</p>',
      '_site/assets/x.css': '.built {}',
      'node_modules/pkg/x.css': '.installed {}',
    };
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(site, file)), { recursive: true });
      writeFileSync(path.join(site, file), text);
    }
    const names = siteClassNames(site);
    for (const name of ['notice--info', 'post', 'byline', 'post-body', 'share-bar', 'toggle-me']) expect(names.has(name), name).toBe(true);
    for (const name of ['scraped', 'built', 'installed', 'hover']) expect(names.has(name), name).toBe(false);
  });
});

describe.skipIf(!hasJekyll)('Jekyll renders the converted posts as it renders the HTML ones', () => {
  it('every shape: the same elements with the same attributes, and the same text', () => {
    const site = tempDir('finews-attributes-');
    temps.push(site);
    mkdirSync(path.join(site, '_posts'));
    mkdirSync(path.join(site, 'assets'));
    writeFileSync(path.join(site, '_config.yml'), 'title: t\npermalink: /:title/\n');
    writeFileSync(path.join(site, 'assets', 'site.css'), '.banner { background: #ffe } p.lead { font-size: 1.2em }\n');
    expect(siteClassNames(site)).toEqual(new Set(['banner', 'lead']));
    SHAPES.forEach(([, body], i) => {
      writeFileSync(path.join(site, '_posts', `2024-01-01-html-${i}.md`), `---\n---\n${body}`);
      const converted = convertText(`---\n---\n${body}`, { siteClasses: siteClassNames(site) }).markdown;
      writeFileSync(path.join(site, '_posts', `2024-01-01-md-${i}.md`), converted);
    });
    const build = buildWithJekyll(site);
    expect(build.status, build.output).toBe(0);
    SHAPES.forEach(([what, body], i) => {
      const html = elementsSeen(readFileSync(path.join(site, '_site', `html-${i}`, 'index.html'), 'utf8'));
      const md = elementsSeen(readFileSync(path.join(site, '_site', `md-${i}`, 'index.html'), 'utf8'));
      // The scraped class is the one difference allowed: the site names no `from-scraper` or `em_media`.
      const expected = html.elements.map((e) => e.replace(/class=lead from-scraper/, 'class=lead')).filter((e) => e !== 'p[class=em_media]');
      expect(md.elements, `${what}\n${body}`).toEqual(expected.sort());
      expect(md.text, what).toBe(html.text);
    });
  });
});

describe('converting twice', () => {
  it('gives what converting once gives, attribute lists and all', () => {
    for (const [what, body] of SHAPES) {
      const once = convert(body).markdown;
      expect(convert(once).markdown, what).toBe(once);
    }
  });
});
