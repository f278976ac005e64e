import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { convertText } from '../../src/convert/convert.js';
import { Verifier } from '../../src/convert/verify.js';
import { buildWithJekyll, hasJekyll } from '../helpers/jekyll.js';
import { tempDir } from '../helpers/site.js';
import { elementsSeen, hasKramdown } from './helpers.js';

/**
 * Issue 13: what Markdown's own syntax drops and kramdown can still say. A
 * code block's language given on the `<pre>` (each highlighter's convention)
 * goes on the fence; an image's size and alignment and a link's target go in
 * kramdown's span attribute list; `<center>` around a line is a paragraph
 * centred by kramdown's block attribute list; around blocks, in a list item or
 * a heading it stays HTML. A list's `start`, `type` and `reversed` go in its
 * attribute list (kramdown numbers every list from 1). `--verify` refuses a conversion that loses any of them.
 */
const convert = (body: string) => convertText(body);

/** [what, HTML body, what its Markdown must hold, the Markdown with it lost, the verifier's complaint]. */
const SHAPES: Array<[string, string, string, string, string]> = [
  [
    'Prism and highlight.js: the language on the <pre>',
    '<p>示例：</p>\n<pre class="language-python"><code>print("你好")\nx = 1</code></pre>\n',
    '```python\nprint("你好")\nx = 1\n```',
    '示例：\n\n```\nprint("你好")\nx = 1\n```\n',
    'element lost: <pre language="python">',
  ],
  ['prettify: lang-X', '<pre class="prettyprint lang-js">var a = 1;</pre>\n', '```js\nvar a = 1;\n```', '```\nvar a = 1;\n```\n', 'element lost: <pre language="js">'],
  ['Crayon, in WordPress exports: lang:X', '<pre class="lang:php decode:true">echo 1;</pre>\n', '```php\necho 1;\n```', '```\necho 1;\n```\n', 'element lost: <pre language="php">'],
  ['SyntaxHighlighter: brush', '<pre class="brush: bash; gutter: false">ls -la</pre>\n', '```bash\nls -la\n```', '```\nls -la\n```\n', 'element lost: <pre language="bash">'],
  [
    'an image\'s size and title',
    '<p>图 <img src="/a.png" alt="走势" width="300" height="200" title="日线"> 见上</p>\n',
    '图 ![走势](/a.png "日线"){: width="300" height="200"} 见上',
    '图 ![走势](/a.png "日线") 见上\n',
    'attributes lost: <img height="200" src="/a.png" width="300">',
  ],
  [
    'an image floated beside the text, with sources by resolution',
    '<p><img src="/b.png" alt="乙" align="right" srcset="/b.png 1x, /b2.png 2x">正文</p>\n',
    '![乙](/b.png){: align="right" srcset="/b.png 1x, /b2.png 2x"}正文',
    '![乙](/b.png)正文\n',
    'attributes lost: <img align="right" src="/b.png" srcset="/b.png 1x, /b2.png 2x">',
  ],
  [
    'a link that opens a new window',
    '<p>来源：<a href="https://example.org/n" target="_blank" rel="noopener noreferrer">新闻</a></p>\n',
    '来源：[新闻](https://example.org/n){: target="_blank" rel="noopener noreferrer"}',
    '来源：[新闻](https://example.org/n)\n',
    'attributes lost: <a href="https://example.org/n" rel="noopener noreferrer" target="_blank">',
  ],
  [
    'a linked image, both with attributes',
    '<p><a href="/big.png" target="_blank"><img src="/small.png" alt="缩略图" width="120"></a></p>\n',
    '[![缩略图](/small.png){: width="120"}](/big.png){: target="_blank"}',
    '[![缩略图](/small.png){: width="120"}](/big.png)\n',
    'attributes lost: <a href="/big.png" target="_blank">',
  ],
  [
    'centred text with a link: a centred paragraph',
    '<center>图：<a href="/a">来源</a><br><img src="/d.png" alt="丁" width="80"></center>\n<p>正文</p>\n',
    '图：[来源](/a)  \n![丁](/d.png){: width="80"}\n{: style="text-align: center"}\n\n正文',
    '图：[来源](/a)  \n![丁](/d.png){: width="80"}\n\n正文\n',
    'element lost: <p style="text-align: center">',
  ],
  [
    'centred blocks: HTML',
    '<center><p>甲</p><p>乙 <a href="/b">链接</a></p></center>\n',
    '<center><p>甲</p><p>乙 <a href="/b">链接</a></p></center>',
    '甲\n\n乙 [链接](/b)\n',
    'element lost: <p style="text-align: center">',
  ],
  ['a centred heading: HTML (a heading is one line, so an attribute list there would be the heading\'s)', '<h2><center>标题</center></h2>\n<p>正文</p>\n', '<h2><center>标题</center></h2>', '## 标题\n\n正文\n', 'element lost: <p style="text-align: center">'],
  [
    'a list that goes on from 3 (kramdown numbers every list from 1)',
    '<p>接上：</p><ol start="3"><li>三</li><li>四</li></ol>\n',
    '3.  三\n4.  四\n{: start="3"}',
    '接上：\n\n3.  三\n4.  四\n',
    'element lost: <ol start="3">',
  ],
  [
    'a list lettered, its items in paragraphs',
    '<ol type="a"><li><p>甲</p><p>甲续</p></li><li><p>乙</p></li></ol>\n',
    '1.  甲\n    \n    甲续\n    \n2.  乙\n{: type="a"}',
    '1.  甲\n    \n    甲续\n    \n2.  乙\n',
    'element lost: <ol type="a">',
  ],
  [
    'a centred image in a list item',
    '<ul><li><center><img src="/c.png" alt="丙"></center></li><li>乙</li></ul>\n',
    '-   <center><img src="/c.png" alt="丙"></center>',
    '-   ![丙](/c.png)\n-   乙\n',
    'element lost: <p style="text-align: center">',
  ],
];

describe('what Markdown drops and kramdown can say', () => {
  for (const [what, body, piece] of SHAPES) {
    it(`keeps it: ${what}`, () => {
      expect(convert(body).markdown).toContain(piece);
    });
  }

  it('converting twice gives what converting once gives', () => {
    for (const [what, body] of SHAPES) {
      const once = convert(body).markdown;
      expect(convert(once).markdown, what).toBe(once);
    }
  });

  it('the language on the <code> comes before the one on the <pre>', () => {
    expect(convert('<pre class="language-html"><code class="language-xml">&lt;a/&gt;</code></pre>').markdown).toBe('```xml\n<a/>\n```');
  });

  it('a value the attribute list cannot hold (a quote, a |) keeps the image or link HTML, with its attributes', () => {
    expect(convert('<p><img src="/a.png" alt="a" style="font-family: &quot;Noto&quot;" width="3"></p>').markdown).toBe('<img src="/a.png" alt="a" style="font-family: &quot;Noto&quot;" width="3" />');
    expect(convert('<p><a href="/x" download="a|b.txt">x</a></p>').markdown).toBe('<a href="/x" download="a|b.txt">x</a>');
  });

  it('a code block kept as HTML (it holds a link) keeps its language; a table kept as HTML keeps a link\'s target', () => {
    const pre = '<p>例 <b>b</b></p>\n<pre class="language-html"><code><a href="/q">q</a></code></pre>\n';
    expect(convert(pre).markdown).toContain('<pre class="language-html"><code><a href="/q">q</a></code></pre>');
    const table = '<p>例 <b>b</b></p>\n<table><tr><td colspan="2"><a href="/u" target="_blank">u</a></td></tr><tr><td>1</td><td>2</td></tr></table>\n';
    expect(convert(table).markdown).toContain('<a href="/u" target="_blank">u</a>');
  });

  it('safety stays: handlers and unsafe URLs go (reported), the attributes that show stay', () => {
    const result = convert('<p><img src="/a.png" alt="a" width="5" onerror="alert(1)" style="width: expression(alert(1))"> <a href="javascript:alert(1)" target="_blank">j</a> <a href="/y" target="_blank" onclick="x()">y</a></p>');
    expect(result.markdown).toBe('![a](/a.png){: width="5"} j [y](/y){: target="_blank"}');
    expect(result.removed.map((r) => `${r.reason} ${r.element} ${r.text}`)).toEqual(['handler img onerror', 'style img ', 'unsafe-url a ', 'handler a onclick']);
  });

  it.skipIf(!hasKramdown)('--verify accepts each, and refuses each with what it holds lost', async () => {
    const verifier = await Verifier.start();
    try {
      for (const [what, body, , lost, complaint] of SHAPES) {
        expect((await verifier.verify(body, convert(body))).problems, what).toEqual([]);
        expect((await verifier.verify(body, { ...convert(body), markdown: lost })).problems, what).toEqual([complaint]);
      }
      // A link removed as unsafe takes its target with it; an anchor that links nowhere opens no window.
      for (const body of ['<p><a href="javascript:alert(1)" target="_blank">j</a></p>\n', '<p><a name="top" target="_blank"></a>顶部</p>\n']) {
        expect((await verifier.verify(body, convert(body))).problems, body).toEqual([]);
      }
    } finally {
      await verifier.close();
    }
  });
});

const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

describe.skipIf(!hasJekyll)('Jekyll renders them from the Markdown', () => {
  it('images, links and <center> with the same attributes; code blocks highlighted in their language', () => {
    const site = tempDir('finews-languages-');
    temps.push(site);
    mkdirSync(path.join(site, '_posts'));
    writeFileSync(path.join(site, '_config.yml'), 'title: t\npermalink: /:title/\n');
    SHAPES.forEach(([, body], i) => {
      writeFileSync(path.join(site, '_posts', `2024-01-01-html-${i}.md`), `---\n---\n${body}`);
      writeFileSync(path.join(site, '_posts', `2024-01-01-md-${i}.md`), convert(`---\n---\n${body}`).markdown);
    });
    const build = buildWithJekyll(site);
    expect(build.status, build.output).toBe(0);
    SHAPES.forEach(([what, body], i) => {
      const html = elementsSeen(readFileSync(path.join(site, '_site', `html-${i}`, 'index.html'), 'utf8'));
      const md = elementsSeen(readFileSync(path.join(site, '_site', `md-${i}`, 'index.html'), 'utf8'));
      expect(md.text, what).toBe(html.text);
      const language = /```(\w+)/.exec(convert(body).markdown)?.[1];
      // Rouge wraps the block and colours it: the language is the wrapper's class.
      if (language) expect(md.elements, what).toContain(`div[class=language-${language} highlighter-rouge]`);
      // A `<center>` made a paragraph is the one difference allowed.
      else expect(md.elements, `${what}\n${body}`).toEqual(html.elements.map((e) => (e === 'center[]' && convert(body).markdown.includes('{: style="text-align: center"}') ? 'p[style=text-align: center]' : e)).sort());
    });
  });
});
