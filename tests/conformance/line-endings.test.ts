import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/commands/lint.js';
import { captureIo } from '../helpers/io.js';
import { buildWithJekyll, hasJekyll } from '../helpers/jekyll.js';
import { makeSite } from '../helpers/site.js';

/**
 * `line-endings` against real Jekyll: each post has a twin with LF endings,
 * and finews reports the post exactly when Jekyll's excerpt of it differs
 * from the twin's (Psych and kramdown read CRLF as LF; the excerpt's "\n\n"
 * does not match "\r\n\r\n").
 */
const FM = '---\ntitle: t\n---\n';
const crlf = (s: string) => s.replaceAll('\n', '\r\n');
const BODIES: Record<string, string> = {
  'all-crlf-paragraphs': crlf(`${FM}第一段\n仍是第一段\n\n第二段\n\n第三段\n`),
  'all-crlf-one-paragraph': crlf(`${FM}只有一段\n第二行\n`),
  'crlf-front-matter-only': `${crlf(FM)}第一段\n\n第二段\n`,
  'mixed-lf-first-break': `${FM}第一段\n\n<p>甲</p>\r\n<p>乙</p>\r\n\r\n第三段\n`,
  'mixed-crlf-first-break': `${FM}第一段\r\n\r\n第二段\n\n第三段\n`,
  'own-separator': crlf(`---\ntitle: t\nexcerpt_separator: <!--more-->\n---\n第一段\n\n第二段<!--more-->\n\n第三段\n`),
  // An excerpt of the post's own (front matter, or defaults): Jekyll cuts nothing from the body.
  'own-excerpt': crlf(`---\ntitle: t\nexcerpt: 自己的摘要\n---\n第一段\n仍是第一段\n\n第二段\n`),
  'default-excerpt': crlf(`${FM}第一段\n仍是第一段\n\n第二段\n`),
};
const CONFIG = 'timezone: UTC\ndefaults:\n  - scope: { path: "_posts/*-default-excerpt*" }\n    values: { excerpt: 默认摘要 }\n';

describe.skipIf(!hasJekyll)('line-endings agrees with the excerpts Jekyll makes', { timeout: 120_000 }, () => {
  it('reports a post exactly when its CRLFs change its excerpt', async () => {
    const files: Record<string, string> = {
      '_config.yml': CONFIG,
      'excerpts.json': '---\nlayout: null\n---\n{ {% for p in site.posts %}{{ p.slug | jsonify }}: {{ p.excerpt | jsonify }}{% unless forloop.last %}, {% endunless %}{% endfor %} }\n',
    };
    for (const [name, text] of Object.entries(BODIES)) {
      files[`_posts/2022-01-06-${name}.md`] = text;
      files[`_posts/2022-01-06-${name}-lf.md`] = text.replaceAll('\r\n', '\n');
    }
    const dir = makeSite(files);
    writeFileSync(path.join(dir, 'excerpts.json'), files['excerpts.json']!);
    const built = buildWithJekyll(dir);
    expect(built.status, built.output).toBe(0);
    const excerpts = JSON.parse(readFileSync(path.join(dir, '_site', 'excerpts.json'), 'utf8')) as Record<string, string>;
    const io = captureIo(dir);
    await lint({ files: [], format: 'json' }, io);
    const results = JSON.parse(io.out()) as { filePath: string; messages: { ruleId: string }[] }[];
    const reported = new Set(results.filter((r) => r.messages.some((m) => m.ruleId === 'line-endings')).map((r) => path.basename(r.filePath, '.md').slice(11)));
    for (const name of Object.keys(BODIES)) {
      const differs = excerpts[name]!.replaceAll('\r\n', '\n') !== excerpts[`${name}-lf`];
      expect(reported.has(name), `${name}: ${JSON.stringify(excerpts[name])} / ${JSON.stringify(excerpts[`${name}-lf`])}`).toBe(differs);
    }
    expect([...reported].sort()).toEqual(['all-crlf-paragraphs', 'mixed-crlf-first-break']);
  });

  it('on a site that shows no excerpt, a CRLF post builds byte for byte as its LF twin, and is not reported', async () => {
    const post = BODIES['all-crlf-paragraphs']!;
    const page = '---\ntitle: Home\n---\n{% for p in site.posts %}<a href="{{ p.url }}">{{ p.title }}</a>{% endfor %}\n';
    const site = (text: string) => makeSite({ '_config.yml': 'timezone: UTC\n', 'index.html': page, '_posts/2022-01-06-a.md': text });
    const crlfSite = site(post);
    const lfSite = site(post.replaceAll('\r\n', '\n'));
    const output = (dir: string) => {
      const built = buildWithJekyll(dir);
      expect(built.status, built.output).toBe(0);
      const files = readdirSync(path.join(dir, '_site'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
      return Object.fromEntries(files.map((e) => [path.relative(path.join(dir, '_site'), path.join(e.parentPath, e.name)), readFileSync(path.join(e.parentPath, e.name), 'utf8')]));
    };
    const shown = output(crlfSite);
    delete shown['finews-truth.json'];
    const twin = output(lfSite);
    delete twin['finews-truth.json'];
    expect(shown).toEqual(twin);
    const linted = async (dir: string) => {
      const io = captureIo(dir);
      await lint({ files: [], format: 'json' }, io);
      return (JSON.parse(io.out()) as { messages: { ruleId: string }[] }[]).flatMap((r) => r.messages.map((m) => m.ruleId));
    };
    expect(await linted(crlfSite)).not.toContain('line-endings');
    // With a feed, each entry's summary is the excerpt: reported.
    writeFileSync(path.join(crlfSite, '_config.yml'), 'timezone: UTC\nplugins: [jekyll-feed]\n');
    expect(await linted(crlfSite)).toContain('line-endings');
  });
});
