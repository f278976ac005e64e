import { afterAll, describe, expect, it } from 'vitest';
import { convertText } from '../../src/convert/convert.js';
import { Verifier } from '../../src/convert/verify.js';
import { hasKramdown } from './helpers.js';

/**
 * Issue 13, posts of real sites: inline elements in the places Markdown
 * cannot put them. Formatting and headings around blocks, links and formatting inside an
 * element whose content kramdown does not read as Markdown (`<u>`, `<mark>`,
 * `<kbd>`), a link around media. Each is checked through kramdown.
 */
const html = (input: string) => convertText(input, { input: 'html' });

/** [what, HTML, pieces its Markdown must hold, pieces it must not]. */
const SHAPES: Array<[string, string, string[], string[]]> = [
  [
    'small print around two blocks goes down into each',
    '<div><small><div>发布：周一</div><div>更新：周二</div></small></div><p>正文</p>',
    ['<small>发布：周一</small>\n\n<small>更新：周二</small>'],
    ['\n</small>'],
  ],
  ['emphasis around paragraphs goes down into each', '<div><p>正文</p><em><p>作者信箱</p><p>作者主页</p></em></div>', ['*作者信箱*\n\n*作者主页*'], ['</em>']],
  ['strong around a list and text', '<div><strong>要点：<ul><li>一</li><li>二</li></ul></strong></div>', ['**要点：**', '-   **一**'], []],
  ['formatting inside formatting around a block', '<div><em><small><p>甲</p><p>乙</p></small></em></div>', ['*<small>甲</small>*'], []],
  ['emphasis inside an underline stays HTML', '<p><em>见 </em><a href="/b"><u><em>书名</em></u></a><em>。</em></p>', ['<u><em>书名</em></u>'], ['<u>*']],
  ['a link inside an underline stays HTML', '<p>多亏了 <u><a href="/n">一则消息</a></u>。</p>', ['<u><a href="/n">一则消息</a></u>'], ['[一则消息]']],
  ['Markdown characters inside a marked span are text', '<p><mark>a*b*c [d](e) &amp; f</mark></p>', ['<mark>a*b*c [d](e) &amp; f</mark>'], []],
  [
    'a link around a picture keeps the picture in the link',
    '<p>图集</p><a href="/news/1"><picture><source srcset="/a.jpg"><img src="/a.jpg" alt=""></picture></a><h3>标题</h3>',
    ['<a href="/news/1"><picture>'],
    ['[\n'],
  ],
  ['a link around a video and a caption keeps both, its text as text', '<p>看 <a href="/v"><video src="/v.mp4"></video>a*b* [c]</a></p>', ['<a href="/v"><video src="/v.mp4"></video>a\\*b\\* \\[c\\]</a>'], []],
  ['a heading around a numbered list goes into its item', '<h3><ol><li>“第一点”</li></ol></h3><p>正文</p>', ['1.  ### “第一点”'], ['### 1.']],
  ['a heading around a list goes into each item', '<div><h2><ul><li>一</li><li>二</li></ul></h2></div>', ['-   ## 一', '-   ## 二'], ['## -']],
  ['a heading around paragraphs is a heading for each, the id on the first', '<h2 id="b"><p>一</p><p>二</p></h2><p><a href="#b">见上</a></p>', ['## 一 {#b}\n\n## 二\n'], []],
  ['a heading around a container kept as HTML stays HTML with it', '<h3><div class="x">甲</div></h3><p>正文</p>', ['<h3><div class="x">甲</div></h3>\n\n正文'], ['###']],
];

let verifier: Verifier | undefined;
afterAll(() => verifier?.close());

describe('inline elements where Markdown cannot put them', () => {
  for (const [what, input, pieces, absent] of SHAPES) {
    it(what, () => {
      const out = html(input).markdown;
      for (const piece of pieces) expect(out).toContain(piece);
      for (const piece of absent) expect(out).not.toContain(piece);
    });
  }

  it.skipIf(!hasKramdown)('each verifies through kramdown: the same text, links, images and elements', async () => {
    verifier ??= await Verifier.start();
    for (const [what, input] of SHAPES) expect((await verifier.verify(input, html(input))).problems, what).toEqual([]);
  });

  it.skipIf(!hasKramdown)('--verify sees Markdown left inside an underline and an element split into too many', async () => {
    verifier ??= await Verifier.start();
    const underlined = '<p><u><em>书名</em></u></p>';
    expect((await verifier.verify(underlined, { markdown: '<u>*书名*</u>\n', removed: [], kind: 'fragment' })).problems).toEqual([expect.stringMatching(/^text differs/)]);
    const small = '<div><small><p>甲</p><p>乙</p></small></div>';
    expect((await verifier.verify(small, { markdown: '<small>甲</small>\n\n<small>乙</small>\n', removed: [], kind: 'fragment' })).problems).toEqual([]);
    expect((await verifier.verify(small, { markdown: '<small>甲</small>\n\n<small>乙</small>\n\n<small>丙</small>\n', removed: [], kind: 'fragment' })).problems).toContain('element added: <small>');
  });
});
