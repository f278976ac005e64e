import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertText } from '../../src/convert/convert.js';
import { Verifier } from '../../src/convert/verify.js';
import { hasKramdown } from './helpers.js';

/**
 * Posts of real Jekyll sites, in their shapes (the text is ours): a post that
 * is already right comes back byte for byte, and --verify refuses each way
 * of damaging it that a converter could take.
 */
const POST = (body: string) => `---\ntitle: 样例\n---\n${body}`;

/** [what, a post already right, damaged versions --verify must refuse with a problem matching the pattern] */
const UNCHANGED: Array<[string, string, Array<[string, RegExp]>]> = [
  [
    'prose that names a block tag: kramdown shows <iframe> and <head> as text',
    '页面里用了 <iframe> 标签做二次加载，所以在 <head> 标签里先注入脚本。\n\n之后再移除 <iframe> 标签。\n',
    [['页面里用了  标签做二次加载，所以在  标签里先注入脚本。\n\n之后再移除  标签。\n', /^text differs/]],
  ],
  [
    'a fenced block inside a nested list item is code, however many tags it shows',
    '1. 写页面\n   - index.jsp\n     ```html\n     <html>\n       <head>\n         <title>测试</title>\n       </head>\n     </html>\n     ```\n',
    [['1. 写页面\n   - index.jsp\n     ```html\n     <html>\n       \n     </html>\n     ```\n', /^text differs/]],
  ],
  [
    'a custom element used as a drop cap, and custom elements inside <pre>',
    '<initial>T</initial>his build is quick:\n\n<pre><hash>make all</hash></pre>\n\n后文。\n',
    [
      ['T\n\nhis build is quick:\n\n<pre><hash>make all</hash></pre>\n\n后文。\n', /^element lost: <initial>/],
      ['<initial>T</initial>his build is quick:\n\n```\nmake all\n```\n\n后文。\n', /^element lost: <hash>/],
    ],
  ],
  [
    'a table with a border and aligned cells',
    '对比如下\n<table border="1">\n  <tr><th>甲</th><th>乙</th></tr>\n  <tr><td align="right">1<br/>2</td><td>3</td></tr>\n</table>\n\n结束。\n',
    [['对比如下\n\n| 甲 | 乙 |\n| --- | --- |\n| 1<br>2 | 3 |\n\n结束。\n', /^element lost: <table border="1">/]],
  ],
  [
    'a screen-reader table and a styled row',
    '<table class="sr-only"><caption>得分</caption><tr><th>分</th><th>人数</th></tr><tr style="background-color:#fce5cd"><td>1</td><td>2</td></tr></table>\n',
    [['得分\n\n| 分 | 人数 |\n| --- | --- |\n| 1 | 2 |\n', /^element lost: <(?:table class|tr style)/]],
  ],
  [
    'a definition list and a rule with a class',
    '<dl><dt>术语</dt><dd>它的解释。</dd></dl>\n\n<hr class="sub">\n__小节__\n',
    [
      ['术语\n\n它的解释。\n\n<hr class="sub">\n__小节__\n', /^element lost: <d[ldt]>/],
      ['<dl><dt>术语</dt><dd>它的解释。</dd></dl>\n\n* * *\n\n__小节__\n', /^element lost: <hr class="sub">/],
    ],
  ],
  [
    'a caption after an image that a Liquid tag writes',
    '{% include figure.html src="a.jpg" %}\n<figcaption><em>图说</em>，来源：<a href="https://x.example/">X</a></figcaption>\n\n正文。\n',
    [['{% include figure.html src="a.jpg" %}\n\n*图说*，来源：[X](https://x.example/)\n\n正文。\n', /^element lost: <figcaption>/]],
  ],
  [
    'a custom block holding text and an image',
    '<grid-2>\n  说明文字。\n  <img src="/a.png">\n</grid-2>\n',
    [['说明文字。 ![](/a.png)\n', /^element lost: <grid-2>/]],
  ],
];

let verifier: Verifier;
beforeAll(async () => {
  if (hasKramdown) verifier = await Verifier.start();
});
afterAll(async () => verifier?.close());

describe('posts that are already right', () => {
  for (const [what, body] of UNCHANGED) {
    it(`${what}: unchanged, nothing reported`, () => {
      const result = convertText(POST(body));
      expect(result.markdown).toBe(POST(body));
      expect(result.removed).toEqual([]);
    });
  }

  describe.skipIf(!hasKramdown)('--verify refuses what would damage them', () => {
    for (const [what, body, damaged] of UNCHANGED) {
      it(what, async () => {
        for (const [markdown, problem] of damaged) {
          const verdict = await verifier.verify(POST(body), { markdown: POST(markdown), removed: [], kind: 'body' });
          expect(verdict.ok, markdown).toBe(false);
          expect(verdict.problems, markdown).toContainEqual(expect.stringMatching(problem));
        }
        expect((await verifier.verify(POST(body), { markdown: POST(body), removed: [], kind: 'body' })).problems).toEqual([]);
      });
    }
  });
});

describe.skipIf(!hasKramdown)('a style in a paragraph', () => {
  it('is the author\'s: the post does not change; one with script ends with its paragraph, as kramdown ends it', async () => {
    const post = POST('3    <p>你好</p>\n\n4    <style jsx>{`\n\n5      p { color: red; }\n\n6    `}</style>\n');
    expect(convertText(post)).toMatchObject({ markdown: post, removed: [] });
    const scripted = POST('3    <p>你好</p>\n\n4    <style jsx>{`p { behavior: url(x.htc); }\n\n5      p { color: red; }\n\n6    `}</style>\n');
    const result = convertText(scripted);
    expect(result.markdown).toBe(POST('3    <p>你好</p>\n\n4    \n\n5      p { color: red; }\n\n6    `}</style>\n'));
    expect(result.removed.map((r) => r.element)).toEqual(['style']);
    expect((await verifier.verify(scripted, result)).problems).toEqual([]);
    const throughTheCloseTag = POST('3    <p>你好</p>\n\n4    \n');
    expect((await verifier.verify(scripted, { ...result, markdown: throughTheCloseTag })).problems).toContainEqual(expect.stringMatching(/^text differs/));
  });
});

describe('fragments keep what Markdown cannot say', () => {
  const html = (input: string) => convertText(input, { input: 'html' }).markdown;

  it('a custom element inside a paragraph keeps the paragraph whole, as HTML', () => {
    expect(html('<p><initial>T</initial>his is one word.</p><p>下一段</p>')).toBe('<p><initial>T</initial>his is one word.</p>\n\n下一段\n');
  });

  it('<u>, <kbd>, <mark> and <abbr title> stay inline HTML (around HTML where kramdown reads no Markdown inside)', () => {
    expect(html('<p>按 <kbd>Ctrl</kbd>，<u>下划线</u> <mark><b>重点</b></mark> <abbr title="超文本"><b>HTML</b></abbr></p>')).toBe(
      '按 <kbd>Ctrl</kbd>，<u>下划线</u> <mark><b>重点</b></mark> <abbr title="超文本">**HTML**</abbr>\n',
    );
  });

  it('a bare `on` in a custom tag (<thinking on the plan>) is no event handler', () => {
    const result = convertText('<p><thinking on the plan>想一想</thinking></p>', { input: 'html' });
    expect(result.removed).toEqual([]);
    expect(result.markdown).toBe('<p><thinking on the plan>想一想</thinking></p>\n');
  });

  it('an empty element of no kind (Word\'s <o:p></o:p>) carries nothing and goes', () => {
    expect(html('<p>正文<o:p></o:p></p>')).toBe('正文\n');
  });

  it.skipIf(!hasKramdown)('--verify refuses a word split across paragraphs and a dropped inline element', async () => {
    const original = '<p><initial>T</initial>his is one word. 按 <kbd>Ctrl</kbd></p>';
    const split = await verifier.verify(original, { markdown: 'T\n\nhis is one word. 按 <kbd>Ctrl</kbd>\n', removed: [], kind: 'fragment' });
    expect(split.problems).toContainEqual(expect.stringMatching(/^text differs/));
    const flat = await verifier.verify(original, { markdown: '<p><initial>T</initial>his is one word. 按 Ctrl</p>\n', removed: [], kind: 'fragment' });
    expect(flat.problems).toEqual(['element lost: <kbd>']);
  });

  it.skipIf(!hasKramdown)('--verify accepts what does not change the rendering: an implied <tbody>, white space between blocks, entity spelling, an empty <o:p>, <wbr>', async () => {
    const original = '<table border="1"><tr><td>&lt;甲&gt;</td><td>乙</td></tr></table>\n<p>一<o:p></o:p>长<wbr>词</p>';
    const same = '<table border="1"><tbody><tr><td>&#60;甲></td><td>乙</td></tr></tbody></table>\n\n\n一长词\n';
    expect((await verifier.verify(original, { markdown: same, removed: [], kind: 'fragment' })).problems).toEqual([]);
  });

  it.skipIf(!hasKramdown)('an & that is no entity to kramdown is shown as it is: &timestamp is not ×tamp', async () => {
    const post = POST('<pre><code>a?x=1&timestamp=2</code></pre>\n');
    const result = convertText(post);
    expect(result.markdown).toBe(POST('```\na?x=1&timestamp=2\n```\n'));
    expect((await verifier.verify(post, result)).problems).toEqual([]);
    expect((await verifier.verify(post, { ...result, markdown: POST('```\na?x=1×tamp=2\n```\n') })).problems).toContainEqual(expect.stringMatching(/^text differs/));
  });
});
