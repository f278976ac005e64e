import { describe, expect, it } from 'vitest';
import { convertText } from '../../src/convert/convert.js';
import { Verifier } from '../../src/convert/verify.js';
import { hasKramdown } from './helpers.js';

/**
 * Issue 13: remove only what is unsafe. What the author placed in a post (a
 * frame of any host, a style sheet) renders the same wherever the post is:
 * it stays, and a post that is already Markdown does not change.
 */
const POSTS: Array<[string, string]> = [
  [
    'a document embedded full width from a host no list names',
    '---\ntitle: 计划\n---\n## 计划\n\n<div style="width: 100vw; margin-left: calc(-50vw + 50%); padding: 0;">\n  <iframe src="https://docs.example.cn/l/abc?from=share" style="width: 100vw; height: 100vh; border: 0;" allowfullscreen></iframe>\n</div>\n\n正文 **加粗**。\n',
  ],
  ['an animated image from a GIF host', '---\n---\nSound:\n\n<iframe src="https://gifs.example/embed/xyz" width="480" height="270" frameBorder="0" class="gif-embed" allowFullScreen></iframe>\n\nMore text.\n'],
  ['a style sheet for the post\'s own table', '---\n---\n<style>\n  .formula td { font-family: monospace; }\n  .formula tr:nth-child(2n) { background: #f6f6f6 }\n</style>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n{: .formula}\n'],
  ['a frame inside a Markdown list', '---\n---\n- demo:\n  <iframe src="//demo.example/x" title="demo"></iframe>\n- next\n'],
  ['resource hints and a meta, written where code lost its fence', '---\n---\nThe head:\n\n4    <link rel="preconnect" href="https://cdn.example" />\n\n5    <link rel="stylesheet" href="/demo.css">\n\n6    <meta name="author" content="A. Writer">\n\n7    <title>Demo</title>\n'],
];

/**
 * kramdown reads the content of an element marked `markdown="1"` (or
 * "block"/"span"), at any depth, as Markdown: it is the author's Markdown,
 * kept as written, even where its text holds tags kramdown reads as HTML.
 */
const MARKDOWN_INSIDE: Array<[string, string]> = [
  ['a box of Markdown', '---\n---\nIntro **bold**.\n\n<div markdown="1">\nSome *words* and a [link](https://a.example/x).\n\n- one <role>\n- two\n</div>\n\nAfter.\n'],
  ['a box of Markdown with a heading', '<div class="note" markdown="block">\n## 注意\n\n*要点*\n</div>\n'],
  ['Markdown inside raw HTML', '<section>\n<div markdown=\'1\'>\n1. *first*\n2. second\n</div>\n</section>\n'],
];

describe('what the author placed stays', () => {
  for (const [what, post] of POSTS) {
    it(`a Markdown post with ${what} does not change`, () => {
      expect(convertText(post)).toMatchObject({ markdown: post, removed: [] });
    });
  }

  for (const [what, post] of MARKDOWN_INSIDE) {
    it(`${what} is kept as written`, () => {
      expect(convertText(post)).toMatchObject({ markdown: post, removed: [] });
    });
  }

  it('an element whose markdown attribute leaves its content raw is HTML, converted; the box beside it is not', () => {
    const body = '<div markdown="0"><p><b>raw</b></p></div>\n\n<div markdown="1">\n*kept*\n</div>\n\n<p><i>after</i></p>\n';
    expect(convertText(body).markdown).toBe('**raw**\n\n<div markdown="1">\n*kept*\n</div>\n\n*after*\n');
  });

  it('a box of Markdown still loses what is unsafe, reported', () => {
    const result = convertText('<div markdown="1">\n[x](javascript:alert(1)) *y*\n</div>\n');
    expect(result.markdown).not.toContain('javascript:');
    expect(result.removed.length).toBe(1);
  });

  it.skipIf(!hasKramdown)('kramdown renders each box of Markdown the same after conversion', async () => {
    const verifier = await Verifier.start();
    try {
      for (const [, post] of MARKDOWN_INSIDE) expect((await verifier.verify(post, convertText(post))).problems).toEqual([]);
    } finally {
      await verifier.close();
    }
  });

  it('a plugin tag in Markdown goes, reported, and its fallback stays, as far as kramdown reads it: the items after are untouched', () => {
    const post = '---\n---\n1. 泛型：List<String>能否转为List<Object>.   \n2. 第二项\n3. 第三项\n\n## 下一节 <embed src="x.swf"> 标题\n正文 <applet code="A.class">旧</applet> 完\n';
    // kramdown shows a block element's tags in running text (`<applet>`) as text: they stay.
    const result = convertText(post);
    expect(result.markdown).toBe('---\n---\n1. 泛型：List<String>能否转为List.   \n2. 第二项\n3. 第三项\n\n## 下一节  标题\n正文 <applet code="A.class">旧</applet> 完\n');
    expect(result.removed.map((r) => r.element)).toEqual(['object', 'embed']);
  });

  it('a plugin in HTML goes, reported, with its parameters; the fallback it holds (text, links) stays', () => {
    const html = '<p>演示：<object data="movie.swf" type="application/x-shockwave-flash"><param name="movie" value="movie.swf"><embed src="movie.swf">请安装<a href="https://player.example/">播放器</a></object>。</p>\n';
    const result = convertText(html);
    expect(result.markdown).toBe('演示：请安装[播放器](https://player.example/)。\n');
    expect(result.removed.map((r) => `${r.reason} ${r.element}`)).toEqual(['embed object', 'embed embed']);
  });

  it.skipIf(!hasKramdown)('--verify accepts a plugin removed with its fallback kept, and refuses the fallback lost', async () => {
    const verifier = await Verifier.start();
    try {
      const post = '- 转为List<Object> 之后\n- 第二项\n- 第三项\n\n段落 <script>x()\n续行</script> 后文\n\n末段\n';
      const result = convertText(post);
      expect(result.markdown).toBe('- 转为List 之后\n- 第二项\n- 第三项\n\n段落  后文\n\n末段\n');
      expect((await verifier.verify(post, result)).problems).toEqual([]);
      const lost = await verifier.verify(post, { ...result, markdown: result.markdown.replace(' 之后', '') });
      expect(lost.ok).toBe(false);
      const html = '<p>演示：<object data="m.swf"><param name="movie" value="m.swf">请安装<a href="https://player.example/">播放器</a></object></p>\n';
      expect((await verifier.verify(html, convertText(html))).problems).toEqual([]);
    } finally {
      await verifier.close();
    }
  });

  it('a form and its controls, a control in a line or a list, and an address stay HTML with what holds them', () => {
    const form = '<form>\n  <fieldset>\n    <legend>资料：</legend>\n    姓名：<input type="text" size="30"><br>\n    邮箱：<input type="text" size="30">\n  </fieldset>\n</form>\n';
    expect(convertText(form).markdown).toBe(form);
    const html = '<ul><li><input type="checkbox" checked disabled> 已完成</li></ul>\n<div><p>第一段</p><p>选择：<select><option>甲</option></select></p></div>\n<address>北京市<br>某路 1 号</address>\n';
    expect(convertText(html).markdown).toBe('<ul><li><input type="checkbox" checked="" disabled=""> 已完成</li></ul>\n\n第一段\n\n<p>选择：<select><option>甲</option></select></p>\n\n<address>北京市<br>某路 1 号</address>\n');
  });

  it.skipIf(!hasKramdown)('--verify accepts forms, controls and addresses kept, and refuses them lost', async () => {
    const verifier = await Verifier.start();
    try {
      const post = '---\n---\n介绍\n\n<form>\n  <fieldset>\n    <legend>资料：</legend>\n    姓名：<input type="text" size="30"><br>\n  </fieldset>\n</form>\n\n<address>\n  北京市<br /> 某路 1 号\n</address>\n';
      expect((await verifier.verify(post, convertText(post))).problems).toEqual([]);
      const flattened = await verifier.verify(post, { ...convertText(post), markdown: '---\n---\n介绍\n\n资料： 姓名：\n\n北京市  \n某路 1 号\n' });
      expect(flattened.problems.join('\n')).toMatch(/<input[^]*<address>/);
    } finally {
      await verifier.close();
    }
  });

  it('HTML with a frame and a style sheet keeps both; a frame with its own document or a script URL goes, reported', () => {
    const body = '<style>p.x { color: red }</style>\n<p class="x">红</p>\n<div><iframe src="https://maps.example/embed?q=1"></iframe><iframe srcdoc="&lt;script&gt;x()&lt;/script&gt;"></iframe><iframe src=" javascript:x()"></iframe></div>\n';
    const result = convertText(body);
    expect(result.markdown).toContain('<style>p.x { color: red }</style>');
    expect(result.markdown).toContain('<iframe src="https://maps.example/embed?q=1"></iframe>');
    expect(result.markdown).not.toMatch(/srcdoc|javascript/);
    expect(result.removed.map((r) => `${r.reason} ${r.element}`)).toEqual(['embed iframe', 'embed iframe']);
  });

  it('a redirecting meta, an HTML import and a base URL go, reported, from Markdown and from HTML', () => {
    const markdown = 'Text\n\n<meta http-equiv="refresh" content="0;url=https://elsewhere.example">\n<link rel="import" href="/x.html">\n<base href="https://elsewhere.example/">\n\nMore\n';
    const result = convertText(markdown);
    expect(result.markdown).not.toMatch(/<meta|<link|<base/);
    expect(result.removed.map((r) => `${r.reason} ${r.element}`)).toEqual(['metadata meta', 'metadata link', 'metadata base']);
    const html = convertText('<div><meta http-equiv="refresh" content="0"><link rel="stylesheet" href="/a.css"><p>文</p></div>\n');
    expect(html.markdown).toContain('<link rel="stylesheet" href="/a.css">');
    expect(html.removed.map((r) => `${r.reason} ${r.element}`)).toEqual(['metadata meta']);
  });

  it('a style sheet with the script of old browsers goes, and so does such a style attribute; scroll-behavior is no behavior', () => {
    expect(convertText('<style>p { behavior: url(x.htc) }</style>\n<p>a</p>\n').markdown).toBe('a\n');
    expect(convertText('<div style="width: expression(alert(1))"><p>a</p></div>\n').removed.map((r) => r.reason)).toEqual(['style']);
    expect(convertText('<section style="scroll-behavior: smooth; border: 1px solid #096"><p>a</p></section>\n').markdown).toBe('<section style="scroll-behavior: smooth; border: 1px solid #096"><p>a</p></section>\n');
  });

  it.skipIf(!hasKramdown)('--verify accepts them kept and refuses them lost', async () => {
    const verifier = await Verifier.start();
    try {
      const body = '<style>.demo { color: red }</style>\n<div><iframe src="https://docs.example.cn/l/abc"></iframe><p>文</p></div>\n';
      const result = convertText(body);
      expect((await verifier.verify(body, result)).problems).toEqual([]);
      const lost = await verifier.verify(body, { ...result, markdown: '文\n' });
      expect(lost.problems.sort()).toEqual(['media element or embed lost: <iframe> https://docs.example.cn/l/abc', 'media element or embed lost: <style> .demo { color: red }']);
    } finally {
      await verifier.close();
    }
  });
});

describe('Liquid that HTML cannot hold where it stands', () => {
  const table = '---\n---\n<table>\n  <tr><th>Title</th><th>Company</th></tr>\n  {% for job in site.data.jobs %}\n  <tr><td><a href="{{ job.url }}">{{ job.title }}</a></td><td>{{ job.company }}</td></tr>\n  {% endfor %}\n</table>\n<script src="js/chart.js"></script>\n\n<p>Charts <b>below</b>.</p>\n';

  it('a loop between table rows, which the parser would move out of the table, keeps its block as written, less its script', () => {
    const result = convertText(table);
    expect(result.markdown).toContain('<table>\n  <tr><th>Title</th><th>Company</th></tr>\n  {% for job in site.data.jobs %}\n  <tr><td><a href="{{ job.url }}">{{ job.title }}</a></td><td>{{ job.company }}</td></tr>\n  {% endfor %}\n</table>\n');
    expect(result.markdown).not.toContain('<script');
    expect(result.markdown).toContain('<p>Charts <b>below</b>.</p>');
    expect(result.removed.map((r) => r.element)).toEqual(['script']);
  });
});

describe('Liquid between list items', () => {
  it('a loop over items keeps its list as written: Markdown has no place for it between the items', () => {
    const body = "<span id='param'>{{include.param}}</span>\n\n<ul id='params'>\n  {% for param in include %}\n    <li>{{param[0]}} = {{param[1]}}</li>\n  {% endfor %}\n</ul>\n";
    expect(convertText(body)).toMatchObject({ markdown: body, removed: [] });
  });
});

describe.skipIf(!hasKramdown)('a style attribute that runs script', () => {
  it('goes from a paragraph (reported), which keeps its other attributes; --verify accepts that and refuses it kept', async () => {
    const body = '<p style="width: expression(alert(1))" align="center">文</p>\n';
    const result = convertText(body);
    expect(result.markdown).toBe('文\n{: align="center"}\n');
    expect(result.removed.map((r) => `${r.reason} ${r.element}`)).toEqual(['style p']);
    const verifier = await Verifier.start();
    try {
      expect((await verifier.verify(body, result)).problems).toEqual([]);
      expect((await verifier.verify(body, { ...result, markdown: body })).problems).toContain('unsafe content in the output: style attribute on <p>');
    } finally {
      await verifier.close();
    }
  });
});

describe('braces written as entities', () => {
  it('stay text in a post body, in Markdown and in HTML kept as it is: Liquid, which runs first, never sees them', () => {
    const body = '---\n---\n<p>&#123;% raw %} and &#123;&#123; y }}</p>\n<dl><dt title="&#123;{a}}">&#123;% endraw %}</dt></dl>\n';
    const out = convertText(body).markdown;
    expect(out).toBe('---\n---\n&#123;% raw %} and &#123;{ y }}\n\n<dl><dt title="&#123;{a}}">&#123;% endraw %}</dt></dl>\n');
    expect(out).not.toMatch(/\{[{%]/);
  });
});
