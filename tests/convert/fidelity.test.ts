import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { convertText } from '../../src/convert/convert.js';
import { parseFragment } from '../../src/convert/dom.js';
import type { ConvertResult } from '../../src/convert/removal.js';
import { compareVisible, Verifier, visibleContent } from '../../src/convert/verify.js';
import { noCorpus, SEED_POST } from '../helpers/corpus.js';
import { closeKramdown, hasKramdown, render } from './helpers.js';

const NEWS_SITE = path.resolve(import.meta.dirname, '../../fixtures/news-site/_posts');

afterAll(closeKramdown);

const html = (input: string) => convertText(input, { input: 'html' });

/** [what, HTML, the Markdown it must give]: the last ways a fragment lost a link or a line. */
const FRAGMENTS: Array<[string, string, string]> = [
  ['a link around a heading keeps the link and the heading', '<div><a href="http://x/a"><h3>标题</h3><p>摘要</p></a></div>', '### [标题](http://x/a)\n\n摘要'],
  ['a link around an image and a heading links the image', '<div><a href="http://x/a"><img src="i.jpg"><h3>标题</h3></a></div>', '[![](i.jpg)](http://x/a)\n\n### 标题'],
  ['a link inside a table caption', '<table><caption>来源：<a href="http://s/nz">Stats NZ</a></caption><thead><tr><th>a</th><th>b</th></tr></thead><tr><td>1</td><td>2</td></tr></table>', '来源：[Stats NZ](http://s/nz)\n\n| a   | b   |\n| --- | --- |\n| 1   | 2   |'],
  ['<br> inside <pre> is a line break of the code', '<pre>line one<br>line two<br/>three</pre>', '```\nline one\nline two\nthree\n```'],
  ['visibility:hidden is hidden, like display:none', '<p>看得见<span style="visibility: hidden">看不见</span></p>', '看得见'],
  ['<li> directly inside <a> is a list item holding the link', '<div><a href="http://x/a"><li>一项</li></a></div>', '-   [一项](http://x/a)'],
];

describe('fragments: the last losses', () => {
  for (const [what, input, expected] of FRAGMENTS) {
    it(what, () => expect(html(input).markdown).toBe(`${expected}\n`));
  }

  it.skipIf(!hasKramdown)('each renders in kramdown with the text, line breaks in code, links and images of its HTML', async () => {
    for (const [what, input] of FRAGMENTS) {
      const result = html(input);
      const verdict = compareVisible(visibleContent(parseFragment(input)), visibleContent(parseFragment(await render(result.markdown))), result.removed);
      expect(verdict.problems, what).toEqual([]);
    }
  });

  it('--verify sees a line break lost inside preformatted text, and only there', () => {
    const seen = (s: string) => visibleContent(parseFragment(s));
    expect(compareVisible(seen('<pre>a<br>b</pre>'), seen('<pre><code>ab\n</code></pre>'), []).problems).toEqual([expect.stringMatching(/^text differs/)]);
    expect(compareVisible(seen('<pre>a<br>b</pre>'), seen('<pre><code>a\nb\n</code></pre>'), []).problems).toEqual([]);
    expect(compareVisible(seen('<p>a<br>b</p>'), seen('<p>a\nb</p>'), []).problems).toEqual([]);
  });

  it('reports what is hidden by visibility:hidden', () => {
    expect(html('<p>a<span style="visibility:hidden">秘</span></p>').removed).toEqual([{ reason: 'hidden', element: 'span', text: '秘', links: [], images: [] }]);
  });
});

/** A body in the shape the scrapers write: block HTML on one line, then a source autolink and Markdown links. */
const SCRAPED_BODY =
  '<!-- EM_StockImg_Start --><p style="text-align:center;"><a href="http://q/116.00700"><img src="https://k/p.aspx?nid=116.00700&amp;t=k" alt="K图 00700_0" /></a></p><!-- EM_StockImg_End --><p> 今年的主题是“入微”。</p>\n <p><strong>没有新产品发布。</strong></p><p class="em_media">（文章来源：e公司）</p>\n\n<http://x.example/html_News/NewsShare.html?infoCode=NW1>\n\n[返回e公司新闻](//x.example/category/egongsi.html)｜[返回首页](//x.example/)\n';

describe('a body is a body, with or without front matter', () => {
  it('gives the same Markdown for the same body, from an HTML file or a post', () => {
    const alone = html(SCRAPED_BODY).markdown;
    const inPost = convertText(`---\ntitle: t\n---\n${SCRAPED_BODY}`).markdown;
    expect(inPost).toBe(`---\ntitle: t\n---\n${alone}`);
    expect(alone).toContain('\n<http://x.example/html_News/NewsShare.html?infoCode=NW1>\n');
    expect(alone).toContain('[返回e公司新闻](//x.example/category/egongsi.html)｜[返回首页](//x.example/)');
  });

  // The seed post (with the real sample) and the project's own posts of its shape.
  const bodies = [...(noCorpus ? [] : [SEED_POST]), ...readdirSync(NEWS_SITE).map((f) => path.join(NEWS_SITE, f))].filter((f) => /\n<http:\/\/[^>\s]+>\n/.test(readFileSync(f, 'utf8')));
  it('a post\'s body converts the same without its front matter: the seed post and fixtures/news-site', () => {
    expect(bodies.length).toBeGreaterThanOrEqual(noCorpus ? 5 : 6);
    for (const file of bodies) {
      const post = readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
      const body = post.slice(post.indexOf('\n---\n', 3) + 5);
      const alone = html(body).markdown;
      // An HTML file's Markdown ends with a line break; the post keeps its own ending.
      expect(convertText(post).markdown.trimEnd().endsWith(alone.trimEnd()), file).toBe(true);
      expect(alone, file).toMatch(/\n<http:\/\/[^>\s]+>\n/);
      expect(alone, file).not.toContain('\\[返回');
    }
  });

});

/** Posts of real sites in their shapes: what is right stays, media and anchors stay HTML, comments stay. */
const KEPT: Array<[string, string, string[]]> = [
  ['a <video> with its sources and no handler', '<div><p>演示：</p><video controls width="600" onplay="x()"><source src="/media/demo.webm" type="video/webm"><source src="/media/demo.mp4"></video></div>', ['<video controls="" width="600"><source src="/media/demo.webm" type="video/webm"><source src="/media/demo.mp4"></video>']],
  ['an <audio> player', '<p>听：</p><audio src="/a.mp3" controls></audio>', ['<audio src="/a.mp3" controls=""></audio>']],
  ['frames of any host (a frame with its own document is removed)', '<div><iframe src="https://www.youtube.com/embed/abc" allowfullscreen></iframe><iframe src="https://docs.example/l/abc" style="width:100vw;border:0"></iframe><iframe srcdoc="<b onclick=x()>ads.example</b>"></iframe></div>', ['<iframe src="https://www.youtube.com/embed/abc" allowfullscreen=""></iframe>', '<iframe src="https://docs.example/l/abc" style="width:100vw;border:0"></iframe>']],
  ['a style sheet the post holds', '<style>\n.demo > p { color: #c00; }\n</style>\n<div class="demo"><p>红字</p></div>', ['<style>\n.demo > p { color: #c00; }\n</style>', '<div class="demo"><p>红字</p></div>']],
  ['a <figure> with its caption', '<figure class="wide"><img src="/i.png" alt="图"><figcaption>图一 <a href="/src">来源</a></figcaption></figure>', ['<figure class="wide"><img src="/i.png" alt="图"><figcaption>图一 <a href="/src">来源</a></figcaption></figure>']],
  ['a <details> disclosure', '<details><summary>展开</summary><p>内容</p></details>', ['<details><summary>展开</summary><p>内容</p></details>']],
  ['a notice block keeps its class', '<div class="notice--warning"><p>注意：<b>停用</b></p></div><p>正文</p>', ['<div class="notice--warning"><p>注意：<b>停用</b></p></div>', '正文']],
  ['a banner keeps its style', '<div style="background:#fee;border:1px solid red"><p>公告</p></div>', ['<div style="background:#fee;border:1px solid red"><p>公告</p></div>']],
  ['an anchor that a link points to, and a named anchor', '<div><h2 id="build">如何构建</h2><p id="step-2">第二步</p><p><a name="old"></a>旧</p><p>见 <a href="#build">构建</a>、<a href="#step-2">第二步</a></p></div>', ['## 如何构建 {#build}', '<a id="step-2"></a>第二步', '<a name="old"></a>旧']],
  ['comments, between blocks and inside a paragraph', '<div><!-- 开始 --><p>一<!-- 注 -->二</p><!-- 结束 --></div>', ['<!-- 开始 -->', '一<!-- 注 -->二', '<!-- 结束 -->']],
];

function dropping(result: ConvertResult, pattern: RegExp): ConvertResult {
  return { ...result, markdown: result.markdown.replace(pattern, '') };
}

describe('posts of real sites: nothing already right is damaged', () => {
  for (const [what, input, expected] of KEPT) {
    it(`keeps ${what}`, () => {
      const out = convertText(input).markdown;
      for (const piece of expected) expect(out).toContain(piece);
      expect(out).not.toMatch(/onplay|ads\.example/);
    });
  }

  it('reports the frame it removes', () => {
    const { removed } = convertText('<div><iframe src="javascript:alert(1)"></iframe><iframe srcdoc="<script>x()</script>"></iframe><iframe src="https://ads.example/x"></iframe></div>');
    expect(removed.map((r) => `${r.reason} ${r.element}`)).toEqual(['embed iframe', 'embed iframe']);
  });

  it('Liquid blocks and tags are left byte for byte: a Markdown post with them does not change', () => {
    const post =
      '---\ntitle: advisory\n---\n## 示例\n\n{% highlight xml %}\n<config>\n  <entry key="a" onload="x()"/>\n<script>alert(1)</script>\n</config>\n{% endhighlight %}\n\n{% raw %}\n<div>{{ not liquid }}</div>\n{% endraw %}\n\n{% comment %}\n<p>draft</p>\n{% endcomment %}\n\n<a href="{{ site.baseurl }}/{{ page.lang | default: \'en\' }}/">{{ page.lang | upcase }}</a>\n';
    expect(convertText(post).markdown).toBe(post);
  });

  it('Liquid inside converted HTML comes out as written, never escaped', () => {
    const body = '<div><p>语言：{{ page.lang | default: "zh" }} *</p><p><a href="{{ site.url }}/x">链接</a></p>{% if page.show %}<p>显示</p>{% endif %}</div>\n';
    const out = convertText(body).markdown;
    expect(out).toContain('语言：{{ page.lang | default: "zh" }} \\*');
    expect(out).toContain('[链接]({{ site.url }}/x)');
    expect(out).toContain('{% if page.show %}');
    expect(out).toContain('{% endif %}');
    expect(out).not.toContain('<div>');
  });

  it('a post that is already Markdown, with raw media and comments, does not change', () => {
    const post = '---\ntitle: t\n---\n## 演示\n\n<video src="/d.mp4" controls></video>\n\n<!-- 注释 -->\n\n<iframe src="https://player.vimeo.com/video/1"></iframe>\n\n文字 [链接](#build)\n';
    expect(convertText(post).markdown).toBe(post);
  });

  it.skipIf(!hasKramdown)('--write --verify accepts each conversion, and refuses it when a medium, a comment or an anchor is lost', { timeout: 60_000 }, async () => {
    const verifier = await Verifier.start();
    try {
      for (const [what, input] of KEPT) {
        const result = convertText(input);
        expect((await verifier.verify(input, result)).problems, what).toEqual([]);
      }
      const input = (what: string) => KEPT.find(([name]) => name.startsWith(what))![1];
      const losses: Array<[string, RegExp, RegExp]> = [
        [KEPT[0]![1], /<source src="\/media\/demo\.mp4">/, /media element or embed lost: <source> \/media\/demo\.mp4/],
        [input('frames of any host'), /<iframe[^]*<\/iframe>/, /media element or embed lost: <iframe> https:\/\/www\.youtube\.com\/embed\/abc/],
        [input('an anchor'), / \{#build\}/, /anchor lost: #build/],
        [input('an anchor'), /<a name="old"><\/a>/, /anchor lost: #old/],
        [input('comments'), /<!-- 注 -->/, /comment lost: 注/],
        [input('a style sheet'), /<style>[^]*<\/style>/, /media element or embed lost: <style> \.demo > p/],
      ];
      for (const [input, drop, problem] of losses) {
        const verdict = await verifier.verify(input, dropping(convertText(input), drop));
        expect(verdict.ok, String(drop)).toBe(false);
        expect(verdict.problems.join('\n')).toMatch(problem);
      }
    } finally {
      await verifier.close();
    }
  });
});
