import fc from 'fast-check';
import { micromark } from 'micromark';
import { afterAll, describe, expect, it } from 'vitest';
import { convertText } from '../../src/convert/convert.js';
import { parseFragment } from '../../src/convert/dom.js';
import type { ConverterOptions } from '../../src/convert/removal.js';
import { compareVisible, visibleContent } from '../../src/convert/verify.js';
import { closeKramdown, hasKramdown, render } from './helpers.js';

afterAll(closeKramdown);

const html = (input: string, options: ConverterOptions = {}) => convertText(input, { input: 'html', ...options });

/** [what, HTML, the Markdown it must give, options]: the markup that occurs in the real posts, and its neighbours. */
const CASES: Array<[string, string, string, ConverterOptions?]> = [
  ['paragraphs', '<p>a</p><p>b</p>', 'a\n\nb'],
  ['<center><img>, no alt, stray attributes', '<center><img src="x.jpg" orginial_src="x_o.jpg" width="580" style="border:1px"></center>', '![](x.jpg){: width="580" style="border:1px"}\n{: style="text-align: center"}'],
  ['the em_media source line stays a paragraph', '<p>正文</p><p class="em_media">（文章来源：e公司）</p>', '正文\n\n（文章来源：e公司）'],
  ['<br> is a hard break, a trailing one is dropped', '<p>第一行<br>第二行<br /></p>', '第一行  \n第二行'],
  ['<strong> that CommonMark cannot bold stays <strong>', '<p>据悉，<strong>“雪球”</strong>产品</p>', '据悉，<strong>“雪球”</strong>产品'],
  ['<b> becomes ** where both renderers bold it', '<p>说<b>重要</b>的事。<b>“a”</b>。</p>', '说**重要**的事。**“a”**。'],
  ['full-width-space indents are kept', '<p>　　第一段</p>', '　　第一段'],
  ['entities become characters, escaped only where needed', '<p>&lt;蒙特利尔议定书&gt; &amp; AT&amp;T &amp;lt;</p>', '\\<蒙特利尔议定书> & AT&T &amp;lt;'],
  ['underscores inside words stay', '<p>K图 00700_0 foo_bar _init_ x_</p>', 'K图 00700_0 foo_bar \\_init\\_ x\\_'],
  ['asterisks between spaces stay', '<p>a * b, 3*4</p>', 'a * b, 3\\*4'],
  ['brackets only where they would link', '<p>[1] 见[注](x)</p>', '[1] 见[注\\](x)'],
  ['quotes, dashes, ellipses and guillemets kramdown would typeset', `<p>"q" it's a -- b ... c << d | e</p>`, '\\"q\\" it\\\'s a \\-\\- b \\.\\.\\. c \\<< d \\| e'],
  ['line starts that would make blocks', '<p># 标题</p><p>1. 一</p><p>- 项</p><p>&gt; 引</p><p>前<br>= =</p>', '\\# 标题\n\n1\\. 一\n\n\\- 项\n\n\\> 引\n\n前  \n= ='],
  ['headings are ATX; a trailing # is escaped', '<h2>标题 #</h2><h3>C#</h3>', '## 标题 \\#\n\n### C#'],
  ['nested lists', '<ul><li>一<ul><li>二</li></ul></li><li>三</li></ul><ol><li>a</li><li>b</li></ol>', '-   一\n    -   二\n-   三\n\n1.  a\n2.  b'],
  ['blockquotes', '<blockquote><p>a</p><p>b</p></blockquote>', '> a\n> \n> b'],
  ['a table GFM can hold', '<table><tr><th>名称</th><th>代码</th></tr><tr><td>腾讯</td><td>00700 | x</td></tr></table>', '| 名称  | 代码  |\n| --- | --- |\n| 腾讯  | 00700 &#124; x |'],
  [
    'a table GFM cannot hold stays HTML, cleaned',
    '<table><tr><td colspan="2" data-x="1" onclick="y()">合并</td></tr><tr><td>a</td><td>b</td></tr></table>',
    '<table><tbody><tr><td colspan="2">合并</td></tr><tr><td>a</td><td>b</td></tr></tbody></table>',
  ],
  [
    'a styled table stays HTML with its styles, made safe',
    '<table border="1"><tr><td style="color:red" onclick="y()">甲</td><td>乙</td></tr></table>',
    '<table border="1"><tbody><tr><td style="color:red">甲</td><td>乙</td></tr></tbody></table>',
  ],
  ['code blocks and code spans', '<pre><code class="language-js">a *b* `c`\n</code></pre><p>运行 <code>a_b*c</code></p>', '```js\na *b* `c`\n```\n\n运行 `a_b*c`'],
  ['link targets with spaces, titles, <sup>, <del>', '<p><a href="http://x/a b" title="T">t</a> x<sup>2</sup> <del>删</del>去</p>', '[t](<http://x/a b> "T") x<sup>2</sup> ~~删~~去'],
  [
    'the EM_StockImg chart keeps link, image, comments and its centring (kramdown\'s attribute list)',
    '<!-- EM_StockImg_Start --><p style="text-align:center;"><a href="http://q/116.00700" class="EmImageRemark" target="_blank"><img src="https://k/GetPic.aspx?nid=116.00700&amp;imageType=k" border="0" alt="K图 00700_0" /></a></p><!-- EM_StockImg_End -->',
    '<!-- EM_StockImg_Start -->\n\n[![K图 00700_0](https://k/GetPic.aspx?nid=116.00700&imageType=k)](http://q/116.00700){: target="_blank"}\n{: style="text-align:center;"}\n\n<!-- EM_StockImg_End -->',
  ],
  ['stock-name links are kept', '<p>为<span id="stock_106.NIO"><a href="http://q/106.NIO" class="keytip" data-code="106,NIO">蔚来</a></span><span id="quote_106.NIO"></span>旗下</p>', '为[蔚来](http://q/106.NIO)旗下'],
  ['--stock-links text keeps their text', '<p>为<span id="stock_106.NIO"><a href="http://q/106.NIO" class="keytip">蔚来</a></span><span id="quote_106.NIO"></span>旗下</p>', '为蔚来旗下', { stockLinks: 'text' }],
  ['spans with web="1" are text in the page and stay text', '<p><span web="1" href="http://q/1" class="em_stock_key_common">巨化股份</span>的</p>', '巨化股份的'],
  ['a word the auto-linker split stays whole, linked', '<p>(C<span id="Info.338"><a href="http://d/ppi.html" class="infokey">PPI</a></span>B)</p>', '(C[PPI](http://d/ppi.html)B)'],
  ['a word the auto-linker split stays whole, as text', '<p>(C<span id="Info.338"><a href="http://d/ppi.html" class="infokey">PPI</a></span>B)</p>', '(CPPIB)', { stockLinks: 'text' }],
  ['hidden elements and scripts go; the author\'s style sheet and frame stay', '<p style="display:none">秘密</p><p>a</p><script>alert(1)</script><style>p > a{}</style><iframe src="http://x"></iframe><p hidden>b</p>', 'a\n\n<style>p > a{}</style>\n\n<iframe src="http://x"></iframe>'],
  ['a frame with its own document or a script URL goes, and so does a style sheet with script', '<p>a</p><iframe srcdoc="<b>x</b>"></iframe><iframe src="javascript:alert(1)"></iframe><style>p{behavior:url(x.htc)}</style>', 'a'],
  ['unsafe links lose the link, keep the text', '<p><a href=" JaVa\tScript:alert(1)">点</a>击<a href="vbscript:x">这</a></p>', '点击这'],
  ['image data: URLs stay, other data: URLs go', '<p><img src="data:image/png;base64,AAAA" alt="i"><img src="data:text/html,<b>x</b>"></p>', '![i](data:image/png;base64,AAAA)'],
  ['<b> inside <b>, empty <b>, adjacent <b>', '<p><b>a<b>b</b></b><b> </b><b>c</b><strong>d</strong></p>', '**ab cd**'],
];

describe('HTML to Markdown rules', () => {
  for (const [what, input, expected, options] of CASES) {
    it(what, () => {
      expect(html(input, options).markdown).toBe(`${expected}\n`);
    });
  }

  it.skipIf(!hasKramdown)('every case renders in kramdown as its HTML shows: same text, links and images', async () => {
    for (const [what, input, , options] of CASES) {
      const result = html(input, options);
      const verdict = compareVisible(visibleContent(parseFragment(input)), visibleContent(parseFragment(await render(result.markdown))), result.removed);
      expect(verdict.problems, what).toEqual([]);
    }
  });

  it('reports what it removes and why', () => {
    const { removed } = html(
      '<div><p style="display: none ;">秘<a href="http://h">h</a></p><script>x()</script><a href="javascript:x()">t</a><img src="data:text/html,x"><p><span id="stock_1"><a class="keytip" href="http://s">股</a></span></p></div>',
      { stockLinks: 'text' },
    );
    expect(removed).toEqual([
      { reason: 'hidden', element: 'p', text: '秘h', links: ['http://h'], images: [] },
      { reason: 'script', element: 'script', text: '', links: [], images: [] },
      { reason: 'unsafe-url', element: 'a', text: '', links: ['javascript:x()'], images: [] },
      { reason: 'unsafe-url', element: 'img', text: '', links: [], images: ['data:text/html,x'] },
      { reason: 'stock-link', element: 'a', text: '股', links: ['http://s'], images: [] },
    ]);
  });

  it.skipIf(!hasKramdown)('<strong>, <em> and <del> next to CJK text and punctuation render as formatting in kramdown and in CommonMark', { timeout: 60_000 }, async () => {
    const chars = fc.constantFrom(...'中文字，。、“”（）《》：；！？a1 .,"(*_');
    const word = fc.array(chars, { minLength: 1, maxLength: 4 }).map((c) => c.join(''));
    const cases = fc.sample(fc.tuple(word, fc.constantFrom('strong', 'b', 'em', 'i', 'del'), word.filter((w) => w.trim() !== ''), word), { numRuns: 300, seed: 11 });
    const tagOf = { strong: 'strong', b: 'strong', em: 'em', i: 'em', del: 'del' } as const;
    for (const [before, tag, inner, after] of cases) {
      const markdown = html(`<p>${before}<${tag}>${inner}</${tag}>${after}</p>`).markdown;
      const want = tagOf[tag];
      const count = (rendered: string) => parseFragment(rendered).getElementsByTagName(want).length;
      expect(count(await render(markdown)), `kramdown: ${markdown}`).toBe(1);
      // GFM strikethrough is an extension CommonMark lacks; its <del> fallback is checked here.
      if (want !== 'del' || markdown.includes('<del>')) expect(count(micromark(markdown, { allowDangerousHtml: true })), `CommonMark: ${markdown}`).toBe(1);
    }
  });

  it.each([['</p>\n<script>alert(1)</script><p>'], ['x\n<script>a</script><p>'], ['---\na:\n---\n</p>\n<script>alert(1)</script><p>']])(
    'converts what dropping a script uncovers in the same run, so a second run changes nothing (%j)',
    (text) => {
      const once = convertText(text);
      expect(convertText(once.markdown).markdown).toBe(once.markdown);
      expect(once.removed.map((r) => r.element)).toEqual(['script']);
    },
  );

  it('a body with \r\n line endings keeps them in what is converted', () => {
    const body = '> 摘要\r\n\r\n<p>一</p>\r\n<p>二</p>\r\n\r\n[返回](//z/)\r\n';
    const out = convertText(body).markdown;
    expect(out).toBe('> 摘要\r\n\r\n一\r\n\r\n二\r\n\r\n[返回](//z/)\r\n');
    expect(convertText(out).markdown).toBe(out);
  });

  it('drops event handlers from HTML it keeps', () => {
    const out = html('<table><tr><td onmouseover="x()" colspan="3">a</td></tr><tr><td>b</td></tr></table>').markdown;
    expect(out).not.toMatch(/onmouseover/);
    expect(out).toContain('colspan="3"');
  });
});
