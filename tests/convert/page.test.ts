import { mkdtempSync, readFileSync, rmSync, cpSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { convertText } from '../../src/convert/convert.js';
import { looksLikePage } from '../../src/convert/page.js';
import { Verifier } from '../../src/convert/verify.js';
import { captureIo } from '../helpers/io.js';
import { closeKramdown, hasKramdown } from './helpers.js';

afterAll(closeKramdown);

/** The article every page below carries: what must come out, all of it. */
const PARAGRAPHS = [
  '国家统计局今日发布数据，十月份社会消费品零售总额同比增长百分之四点八，增速比上月加快零点五个百分点。',
  'Analysts said the figures beat expectations, as spending on services and travel kept rising through the holiday week.',
  '分地区看，城镇消费品零售额增长百分之四点七，乡村消费品零售额增长百分之五点三，乡村市场继续快于城镇。',
  'The central bank is expected to keep its policy rate unchanged at its meeting next month, economists at several banks wrote.',
  '按消费类型分，餐饮收入增长百分之十点一，商品零售增长百分之四点二，其中通讯器材类增长明显。',
];
const CLUTTER = ['网站首页', '热门排行', '分享到微博', '网友评论：不错', '版权所有', 'Subscribe to our newsletter'];

const head = (extra = '') =>
  `<head><meta charset="utf-8"><title>十月消费数据出炉 - 财经网</title><meta property="og:title" content="十月消费数据出炉"><meta name="author" content="王小明">${extra}<script>var t=1</script></head>`;
const article = PARAGRAPHS.map((p) => `<p>${p}</p>`).join('\n');

/** Pages in the shapes scrapers save: each says what it has around the article. */
const PAGES: Record<string, string> = {
  'one <article> holding a share bar': `<!DOCTYPE html><html>${head('<meta property="article:published_time" content="2026-11-14T02:30:00Z">')}<body>
<header><a href="/">网站首页</a></header>
<article><h1>十月消费数据出炉</h1><div class="share"><a href="http://weibo.example/share">分享到微博</a></div>
${article}
</article>
<footer>版权所有</footer></body></html>`,
  'teasers and comments are <article>s too, inside <main>': `<!DOCTYPE html><html>${head('<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"十月消费数据出炉","datePublished":"2026-11-14 10:30:00","author":{"@type":"Person","name":"王小明"}}</script>')}<body>
<nav><a href="/">网站首页</a></nav><main>
<article class="post"><h1>十月消费数据出炉</h1>${article}</article>
<section class="comments"><article class="comment"><p>网友评论：不错</p></article></section>
<aside><article class="teaser"><h3><a href="/b">热门排行</a></h3></article></aside>
<div class="newsletter"><p>Subscribe to our newsletter</p></div>
</main><footer>版权所有</footer></body></html>`,
  'no semantic tags at all, menus and sidebars in <div>s': `<!DOCTYPE html><html>${head('<meta name="publishdate" content="2026-11-14">')}<body>
<div id="top-nav"><a href="/">网站首页</a> | <a href="/c">财经</a></div>
<div class="wrap"><div class="left-column"><div class="hot"><h4>热门排行</h4><ul><li><a href="/h/1">热门排行</a></li></ul></div></div>
<div class="main-content"><div class="article-content"><h1>十月消费数据出炉</h1>${article}</div>
<div class="share-bar"><a href="http://weibo.example/share">分享到微博</a></div></div>
<div id="footer">版权所有</div></div>
<noscript><img src="http://tracker.example/pixel.gif"></noscript></body></html>`,
  "the site menu inside the article's container": `<!DOCTYPE html><html>${head()}<body>
<div id="page"><nav class="site-menu" role="navigation"><ul>
<li><a href="/">网站首页</a><ul><li><a href="/about">About us and our newsroom staff</a></li><li><a href="/ads">Advertise with us today</a></li></ul></li>
<li><a href="/hot">热门排行</a></li><li><a href="/c">财经</a></li></ul></nav>
<h1>十月消费数据出炉</h1>${article}
<div role="navigation"><a href="/p/1">Subscribe to our newsletter</a></div></div>
</body></html>`,
};

const words = (text: string) => text.replace(/[\s*_#[\]()|\\-]/g, '');

describe('what is a whole page', () => {
  it('a doctype, <html> or <head> first, after a BOM, spaces and comments; anything else is a fragment', () => {
    expect(looksLikePage('\uFEFF <!-- a --> <!-- b -- c -->\n<!DOCTYPE html><p>x')).toBe(true);
    expect(looksLikePage('<!--[if IE]><html class="ie"><![endif]-->\n<html lang="de">')).toBe(true);
    expect(looksLikePage('<head><title>t</title>')).toBe(true);
    expect(looksLikePage('<!-- a --><p>x</p><html>')).toBe(false);
  });

  it('an XHTML page after its XML declaration; a processing instruction alone is no page', () => {
    expect(looksLikePage('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html\n    PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml">')).toBe(true);
    expect(looksLikePage('<?xml version="1.0" ?>\n<!-- generated -->\n<html>')).toBe(true);
    expect(looksLikePage('<?xml version="1.0"?><p>x</p>')).toBe(false);
    expect(looksLikePage('<?php echo 1; ?><html>')).toBe(false);
  });

  it("a page a scraper saved with the article's <meta>s before its doctype; <meta>s before a fragment are no page", () => {
    expect(looksLikePage('\t<meta property="og:image" content="https://x.example/a.jpg" />\t<meta property="og:type" content="article" /><!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(looksLikePage('<meta charset="utf-8"><p>x</p><html>')).toBe(false);
  });

  it('reads a long run of comments once (a lazy match took time exponential in their number)', () => {
    // 60 comments: 2^60 ways to split them, which never ended, before.
    expect(looksLikePage(`${'<!--[if IE 7]> <html class="ie7"> <![endif]-->\n'.repeat(60)}<p>x</p>`)).toBe(false);
    expect(looksLikePage(`${'<!-- c -->\n'.repeat(60)}<html>`)).toBe(true);
  });
});

describe('whole pages: the article, as Readability finds it', () => {
  for (const [shape, page] of Object.entries(PAGES)) {
    it(`keeps every paragraph and drops the clutter: ${shape}`, () => {
      const result = convertText(page, { input: 'html' });
      expect(result.kind).toBe('page');
      for (const p of PARAGRAPHS) expect(words(result.markdown)).toContain(words(p));
      for (const c of CLUTTER) expect(result.markdown).not.toContain(c);
      expect(result.markdown).not.toMatch(/tracker\.example|var t/);
      // Markdown, not the article kept as one HTML block inside Readability's page wrapper
      expect(result.markdown).not.toMatch(/<div|readability-page/);
      expect(result.removed.map((r) => r.reason)).toContain('outside-article');
    });
  }

  it('keeps formulas that MathJax renders: its containers are content, not menus', () => {
    const formula = (tex: string) =>
      `<span class="MathJax CtxtMenu_Attached_0" tabindex="0"><span class="mjx-math" aria-hidden="true">x</span><span class="mjx-assistive"><math><mi>${tex}</mi></math></span></span>`;
    const page = `<!DOCTYPE html><html>${head()}<body><div class="content"><h1>十月消费数据出炉</h1>
${[...PARAGRAPHS, ...PARAGRAPHS].map((p, i) => `<p>${p} ${formula(`k${i}`)} holds.</p>`).join('\n')}</div></body></html>`;
    const markdown = convertText(page, { input: 'html' }).markdown;
    for (let i = 0; i < 2 * PARAGRAPHS.length; i++) expect(markdown).toContain(`k${i}`);
  });

  it('puts back what Readability dropped from the middle of the article: embedded posts in "social" boxes, as the page had them', () => {
    const post = (n: number) =>
      `<div class="social-media-embed"><blockquote class="twitter-tweet"><p>Embedded post number ${n} says the retail figures surprised everyone</p>— Reader ${n} <a href="https://social.example/${n}">November 14, 2026</a></blockquote></div>`;
    const related = '<div class="related-links"><p><a href="/a">Related: 热门排行</a> <a href="/b">Subscribe to our newsletter</a></p></div>';
    // Prose by its words, but a like button's box: not the article.
    const likes = '<div class="sharedaddy sd-like"><h3>Like this:</h3><div>Like Loading stories from our readers</div></div>';
    const page = `<!DOCTYPE html><html>${head()}<body><div class="entry-content"><h1>十月消费数据出炉</h1>
${[...PARAGRAPHS, ...PARAGRAPHS].map((p, i) => `<p>${p}</p>${i % 3 === 1 ? post(i) + post(i + 10) : ''}${i === 4 ? related + likes : ''}`).join('\n')}</div>
<div class="social-share"><p>Embedded post number 99 says share this</p></div></body></html>`;
    const markdown = convertText(page, { input: 'html' }).markdown;
    for (const i of [1, 4, 7, 11, 14, 17]) expect(markdown).toContain(`Embedded post number ${i} says`);
    for (const i of [1, 4, 7]) expect(markdown).toContain(`(https://social.example/${i + 10})`);
    expect(markdown.indexOf('number 1 says')).toBeGreaterThan(markdown.indexOf(words(PARAGRAPHS[1]!).slice(0, 8)));
    expect(markdown.indexOf('number 11 says')).toBeGreaterThan(markdown.indexOf('number 1 says'));
    expect(markdown.indexOf('number 11 says')).toBeLessThan(markdown.indexOf(words(PARAGRAPHS[2]!).slice(0, 8)));
    for (const c of ['热门排行', 'Subscribe to our newsletter', 'number 99', 'Like Loading']) expect(markdown).not.toContain(c);
  });

  it('leaves out the byline of a short article too, which Readability reads again with looser rules (a page parsed anew)', () => {
    // Under Readability's 500 characters, so it retries on the page parsed anew, and takes its last try (the first left out
    // the "extra" box); it replaces the byline's box by the paragraph inside, which only the page as it was names.
    const page = `<!DOCTYPE html><html>${head()}<body><div class="entry-content"><h1>十月消费数据出炉</h1><div class="post-byline"><p>By 王小明 | November 14, 2026</p></div>
<p>${PARAGRAPHS[1]}</p><p>${PARAGRAPHS[3]}</p><div class="extra"><p>${PARAGRAPHS[0]}</p></div></div></body></html>`;
    const markdown = convertText(page, { input: 'html' }).markdown;
    for (const p of [1, 3, 0]) expect(words(markdown)).toContain(words(PARAGRAPHS[p]!));
    expect(markdown).not.toContain('By 王小明');
  });

  it('puts back no teasers between the items of a feed Readability took a few of', () => {
    const card = (n: number, long: boolean) =>
      `<div class="card"><h3><a href="/s/${n}">Teaser headline number ${n}</a></h3><p>${long ? PARAGRAPHS[n % 5] : `Short teaser ${n} about something else`}</p></div>`;
    const page = `<!DOCTYPE html><html>${head()}<body><div class="entry-content"><h1>十月消费数据出炉</h1>${article}</div>
<div class="feed">${Array.from({ length: 12 }, (_, n) => card(n, n % 4 === 0)).join('')}</div></body></html>`;
    const markdown = convertText(page, { input: 'html' }).markdown;
    for (const p of PARAGRAPHS) expect(words(markdown)).toContain(words(p));
    expect(markdown).not.toMatch(/Short teaser/);
  });

  it('leaves out what Readability keeps inside the article that is about the page: related boxes, a comment prompt, the byline the page states, teasers at the end; keeps a pointer line', () => {
    const page = `<!DOCTYPE html><html>${head('<link rel="canonical" href="https://news.example/2026/11/consumption.html">')}<body><div class="entry-content">
<h1>十月消费数据出炉</h1><div class="post-byline">By 王小明 | November 14, 2026</div>
${PARAGRAPHS.slice(0, 3).map((p) => `<p>${p}</p>`).join('')}
<div class="related-content-box"><p>Read next: the September figures, which surprised nobody at all this year</p></div>
<div class="video-promo"><video src="https://media.example/retail.mp4" controls></video><p>Our reporter explains the October retail figures</p></div>
<p><strong>READ MORE:</strong> <a href="/2026/10/september.html">September's figures surprised nobody at all</a></p>
<p>Read more: the bureau's <a href="https://stats.example/method">method notes</a> explain how the survey weights each region and month.</p>
${PARAGRAPHS.slice(3).map((p) => `<p>${p}</p>`).join('')}
<p>Sources: <a href="https://stats.example/release">the bureau's release</a> and <a href="https://bank.example/minutes">the bank's minutes</a></p>
<section class="comments"><p>网友评论：<a href="/login">登录</a>后发表评论</p></section>
<h3>More from us</h3><ul><li><a href="/2026/11/a.html">热门排行 of the week in markets</a></li><li><a href="https://www.news.example/2026/11/b.html">Another teaser headline for the week</a></li></ul>
</div></body></html>`;
    const markdown = convertText(page, { input: 'html' }).markdown;
    for (const p of PARAGRAPHS) expect(words(markdown)).toContain(words(p));
    expect(markdown).toContain('(https://stats.example/release)');
    expect(markdown).toContain('(https://stats.example/method)');
    expect(markdown).toContain('https://media.example/retail.mp4');
    // One pointer between two paragraphs is the article's line, and its link.
    expect(markdown).toContain("**READ MORE:** [September\\'s figures surprised nobody at all](/2026/10/september.html)");
    for (const c of ['By 王小明', 'Read next', '网友评论', 'More from us', '热门排行', 'Another teaser']) expect(markdown).not.toContain(c);
  });

  it("keeps a byline and date line the page's metadata does not state: it is the only place the page says it", () => {
    const page = (meta: string) => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>十月消费数据出炉</title>${meta}</head><body><div class="entry-content">
<h1>十月消费数据出炉</h1><h5 class="article-posted-date">11/14/2026 7:11 AM PST BY NEWS STAFF</h5>
${article}</div></body></html>`;
    const unstated = convertText(page(''), { input: 'html' }).markdown;
    expect(unstated).toContain('11/14/2026 7:11 AM PST BY NEWS STAFF');
    for (const p of PARAGRAPHS) expect(words(unstated)).toContain(words(p));
    // The same line, when the page's <meta> says the date: `new --from` writes it in the front matter.
    const stated = convertText(page('<meta property="article:published_time" content="2026-11-14T15:11:00Z">'), { input: 'html' });
    expect(stated.metadata).toMatchObject({ published: '2026-11-14T15:11:00Z' });
    expect(stated.markdown).not.toContain('BY NEWS STAFF');
  });

  it("keeps the thread of reader comments under the article, with each comment's author and date, not the comment prompt and form", () => {
    const comment = (n: number, text: string) =>
      `<li class="comment depth-1"><div class="comment-meta"><cite class="author fn">Reader ${n}</cite> wrote on <time class="published" datetime="2026-11-1${n}">November 1${n}, 2026</time>:</div><div class="comment-content"><p>${text}</p></div><a class="comment-reply-link" href="?replytocom=${n}#respond">Reply</a></li>`;
    const page = `<!DOCTYPE html><html>${head('<meta property="article:published_time" content="2026-11-14T02:30:00Z">')}<body><div class="entry-content"><h1>十月消费数据出炉</h1>
${article}
<section id="comments"><h3 class="comments-head">2 comments on this post <a href="#respond">Post a comment</a></h3>
<ol class="comment-list">${comment(1, 'Are there plans to publish the figures by province as well, so that readers can compare their own region with the national numbers?')}${comment(2, 'Thanks for the figures.')}</ol>
<p class="comments-closed">Comments are closed.</p></section></div></body></html>`;
    const markdown = convertText(page, { input: 'html' }).markdown;
    for (const p of PARAGRAPHS) expect(words(markdown)).toContain(words(p));
    for (const kept of ['Reader 1', 'November 11, 2026', 'publish the figures by province', 'Reader 2', 'Thanks for the figures.']) expect(markdown).toContain(kept);
    for (const c of ['Post a comment', 'Comments are closed']) expect(markdown).not.toContain(c);
  });

  it("shows a post its page writes inside <noscript> (Blogger's templates), as Readability's article and as the page's own", () => {
    // The post twice: as a script's template, which a browser fills in, and for readers without scripts.
    const blog = (text: string) => `<!DOCTYPE html><html>${head()}<body><div class="post"><h1>十月消费数据出炉</h1>
<div class="post-body"><script type="text/template">${text}</script><noscript>${text}</noscript><noscript>&lt;div style="position:absolute;"&gt;&lt;img width=1 height=1 alt="" src="http://tracker.example/b?P=one&amp;T=two%2fX%3dthree%2fE%3dfour%2fR%3dfive%2fK%3dsix%2fV%3dseven%2fW%3deight%2fY%3dnine%2fF%3dten%2fH%3deleven%2fQ%3dtwelve%2fS%3dthirteen%2fJ%3dfourteen"&gt;&lt;/div&gt;</noscript></div></div>
<div class="sidebar"><div class="widget"><h2>About the author of this blog</h2><p>I write about retail statistics and the people who gather them, every week since 2009.</p></div></div>
<noscript><img src="http://tracker.example/pixel.gif"></noscript><noscript>Please enable JavaScript to see the comments</noscript></body></html>`;
    const { markdown } = convertText(blog(article), { input: 'html' });
    for (const p of PARAGRAPHS) expect(words(markdown)).toContain(words(p));
    expect(markdown).not.toMatch(/<noscript>[^<]*<p>/);
    // Readability's article, not the page's whole body with its sidebar; markup saved as text stays hidden.
    expect(markdown).not.toContain('About the author');
    expect(markdown).not.toContain('fourteen');
    // A short Chinese post is too short for Readability: the page's own body is taken.
    const short = convertText(blog(`<p>${PARAGRAPHS[0]}</p>`), { input: 'html' }).markdown;
    expect(words(short)).toContain(words(PARAGRAPHS[0]!));
    expect(short).not.toMatch(/<noscript>[^<]*<p>/);
  });

  it('keeps a figure whose box is named for its share buttons, and the comments inside highlighted code', () => {
    const page = `<!DOCTYPE html><html>${head()}<body><div class="entry-content"><h1>十月消费数据出炉</h1>
${PARAGRAPHS.slice(0, 3).map((p) => `<p>${p}</p>`).join('')}
<figure class="element element-image fig--has-shares"><img src="https://media.example/retail.jpg" alt="Shoppers on the high street"><figcaption>Shoppers on the high street in November</figcaption></figure>
<pre><code class="language-js"><span class="token comment">// sum the monthly retail figures</span>
<span class="token keyword">const</span> total <span class="token operator">=</span> months<span class="token punctuation">.</span><span class="token function">reduce</span><span class="token punctuation">(</span>add<span class="token punctuation">)</span><span class="token punctuation">;</span></code></pre>
${PARAGRAPHS.slice(3).map((p) => `<p>${p}</p>`).join('')}</div></body></html>`;
    const markdown = convertText(page, { input: 'html' }).markdown;
    for (const p of PARAGRAPHS) expect(words(markdown)).toContain(words(p));
    expect(markdown).toContain('https://media.example/retail.jpg');
    expect(markdown).toContain('Shoppers on the high street in November');
    expect(markdown).toContain('// sum the monthly retail figures');
  });

  it("keeps a code block's language, on its <pre> or its <code>, though the page's other class names go", () => {
    const page = `<!DOCTYPE html><html>${head()}<body><nav class="menu"><a href="/">网站首页</a></nav><article class="post-body">
${PARAGRAPHS.slice(0, 3).map((p) => `<p class="para">${p}</p>`).join('')}
<pre class="language-python line-numbers"><code>total = sum(months)
print(total)</code></pre>
<pre class="wp-block-code"><code class="lang-js hljs">const total = months.reduce(add);</code></pre>
${PARAGRAPHS.slice(3).map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
    const markdown = convertText(page, { input: 'html' }).markdown;
    expect(markdown).toContain('```python\ntotal = sum(months)\nprint(total)\n```');
    expect(markdown).toContain('```js\nconst total = months.reduce(add);\n```');
    expect(markdown).not.toMatch(/para|post-body|line-numbers|wp-block|hljs/);
  });

  it('keeps what a paywall would hide: the paragraphs a magazine marks, an article marked "paywall-on" beside its teasers', () => {
    const hidden = `<!DOCTYPE html><html>${head()}<body><div class="body__inner-container"><h1>十月消费数据出炉</h1>
<p>${PARAGRAPHS[0]}</p>${PARAGRAPHS.slice(1).map((p) => `<p class="paywall">${p}</p>`).join('\n')}</div></body></html>`;
    const whole = convertText(hidden, { input: 'html' }).markdown;
    for (const p of PARAGRAPHS) expect(words(whole)).toContain(words(p));
    // Readability takes the article with the teasers beside it, which outweigh it.
    const teaser = (n: number) =>
      `<div class="views-row teaser-paywall1"><p>Teaser ${n}: the city council met again on Tuesday to discuss the budget for the coming year, and its members, after a long debate about roads, schools and parks, agreed on almost nothing.</p></div>`;
    const beside = `<!DOCTYPE html><html>${head()}<body><div class="block-content">
<article class="node node-full paywall-on"><h1>十月消费数据出炉</h1>${article}</article>
<div class="view-content">${Array.from({ length: 8 }, (_, n) => teaser(n)).join('\n')}</div></div></body></html>`;
    const kept = convertText(beside, { input: 'html' }).markdown;
    for (const p of PARAGRAPHS) expect(words(kept)).toContain(words(p));
  });

  it('reads the article the page declares when Readability takes a list of names inside it instead of its text', () => {
    const sentence = (k: number) => `Sentence ${k} of the letter says that open debate matters to every reader, that ideas should be met with better ideas, and that no one should lose a job for a poem. `;
    const letter = [1, 2, 3].map((i) => `<p><span style="font-size: 1.5em;">${Array.from({ length: 6 }, (_, k) => sentence(i * 10 + k)).join('')}</span></p>`).join('\n');
    const names = (column: string) =>
      Array.from({ length: 100 }, (_, k) => `<strong>Signer ${column}${k}</strong>${k % 2 ? ', <span style="font-size: .8em;">Some University</span>' : ''}`).join('<br>\n');
    const cell = (column: string) => `<td style="padding: 10px;"><span style="font-size: 1.5em;">${names(column)}</span></td>`;
    const page = `<!DOCTYPE html><html><head><title>A letter</title></head><body><div class="container"><div class="row"><div class="col-sm-9 content page">
<article class="post"><h1>A letter</h1><div class="wysiwyg-content"><div class="header-meta">Share</div><p>July 7, 2020. The letter below will appear in the magazine.</p>
${letter}
<table style="width: 100%;"><tbody><tr valign="top">${cell('a')}${cell('b')}</tr><tr></tr></tbody></table><p>Institutions are listed for identification only.</p></div></article></div></div></div></body></html>`;
    const markdown = convertText(page, { input: 'html' }).markdown;
    for (const k of [10, 25, 35]) expect(markdown).toContain(`Sentence ${k} of the letter`);
    expect(markdown).toContain('Signer b99');
  });

  it("leaves out the other stories' <article>s inside the article, but keeps a live blog's updates and a story's video", () => {
    const summary = (n: number) =>
      `Teaser summary ${n}: a long paragraph about another story entirely, written like prose so that its words weigh, with commas, clauses and the rest of it.`;
    const teaser = (n: number) => `<article class="teaser"><h3><a href="/2026/11/story-${n}.html">Teaser headline number ${n}</a></h3><p>${summary(n)}</p></article>`;
    const clip = '<article class="teaser"><video src="https://media.example/clip.mp4" controls></video><p>Teaser with its own video clip</p></article>';
    const twice = [...PARAGRAPHS, ...PARAGRAPHS].map((p) => `<p>${p}</p>`).join('');
    const story = `<!DOCTYPE html><html>${head()}<body><article class="story"><h1>十月消费数据出炉</h1><div class="content">${twice}
${teaser(1)}${clip}${teaser(2)}${twice}</div></article></body></html>`;
    const markdown = convertText(story, { input: 'html' }).markdown;
    for (const p of PARAGRAPHS) expect(words(markdown)).toContain(words(p));
    expect(markdown).not.toContain('Teaser headline');
    expect(markdown).not.toContain('Teaser summary');
    expect(markdown).toContain('https://media.example/clip.mp4');
    // The updates are most of the live blog's words: they are its text, each an <article> of its own.
    const live = `<!DOCTYPE html><html>${head()}<body><article class="live"><h1>十月消费数据出炉</h1><p>Follow the day's figures here as they come.</p>
${PARAGRAPHS.map((p, i) => `<article class="update"><p>${p} Update ${i}.</p></article>`).join('\n')}</article></body></html>`;
    const updates = convertText(live, { input: 'html' }).markdown;
    for (let i = 0; i < PARAGRAPHS.length; i++) expect(updates).toContain(`Update ${i}.`);
  });

  it('leaves out a label and its links to the site ("DON\'T MISS", "Tags" with no colon) and what shows only in print, not a heading that starts with such a word', () => {
    const page = `<!DOCTYPE html><html>${head('<link rel="canonical" href="https://news.example/2026/11/consumption.html">')}<body><div class="entry-content"><h1>十月消费数据出炉</h1>
<div class="print-header">https://news.example/2026/11/consumption.html</div>
${PARAGRAPHS.slice(0, 3).map((p) => `<p>${p}</p>`).join('')}
<p><strong>DON'T MISS</strong><a href="/2026/10/a.html">September's figures surprised nobody</a> | <a href="/2026/10/b.html">What the bank said last time</a></p>
<p><strong>Tags<br><a href="https://news.example/tag/retail-sales">retail sales statistics</a>, <a href="/tag/bureau">national bureau</a></strong></p>
<h2><span>See also</span><span>[<a href="/w/edit?section=2">edit</a>]</span></h2>
${PARAGRAPHS.slice(3).map((p) => `<p>${p}</p>`).join('')}
<div class="d-none d-print-block"><p>Citation: consumption figures (2026, November 14) retrieved 15 November 2026 from the bureau</p></div>
</div></body></html>`;
    const markdown = convertText(page, { input: 'html' }).markdown;
    for (const p of PARAGRAPHS) expect(words(markdown)).toContain(words(p));
    expect(markdown).toMatch(/^## See also/m);
    for (const c of ["DON'T MISS", "September's figures", 'Citation:', 'https://news.example', 'Tags', 'retail sales statistics']) expect(markdown).not.toContain(c);
  });

  it('keeps who wrote what in a thread of posts, and links to other sites at the end', () => {
    const post = (n: number) => `<div class="post"><p class="author">Post by reader${n} » Sun Sep 01, 2019</p><p>${PARAGRAPHS[n % 5]} Reply number ${n}.</p></div>`;
    const page = `<!DOCTYPE html><html>${head()}<body><div class="topic-body">${Array.from({ length: 5 }, (_, n) => post(n)).join('')}
<h3>Further reading</h3><ul><li><a href="https://stats.example/a">The bureau's monthly retail release</a></li><li><a href="https://bank.example/b">The central bank's policy statement</a></li></ul></div></body></html>`;
    const markdown = convertText(page, { input: 'html' }).markdown;
    for (let n = 0; n < 5; n++) expect(markdown).toContain(`Post by reader${n}`);
    expect(markdown).toContain('Further reading');
    expect(markdown).toContain('(https://bank.example/b)');
  });

  it('reads the title, byline and date the page states (meta, JSON-LD)', () => {
    const [first, second, third] = Object.values(PAGES).map((page) => convertText(page, { input: 'html' }).metadata);
    expect(first).toEqual({ title: '十月消费数据出炉', byline: '王小明', published: '2026-11-14T02:30:00Z' });
    expect(second).toMatchObject({ title: '十月消费数据出炉', byline: '王小明', published: '2026-11-14 10:30:00' });
    expect(third).toMatchObject({ published: '2026-11-14' });
  });

  it("leaves out the site's name a title ends with, when the page states that name", () => {
    const titled = (title: string, site?: string) =>
      convertText(
        PAGES['one <article> holding a share bar']!.replace(
          '<meta property="og:title" content="十月消费数据出炉">',
          `<meta property="og:title" content="${title}">${site === undefined ? '' : `<meta property="og:site_name" content="${site}">`}`,
        ),
        { input: 'html' },
      ).metadata?.title;
    expect(titled('How to Plant a Tree | Garden Weekly', 'Garden Weekly')).toBe('How to Plant a Tree');
    expect(titled('十月消费数据出炉_财经网', '财经网')).toBe('十月消费数据出炉');
    expect(titled('Rates held \u2013 The Ledger', 'the ledger')).toBe('Rates held');
    // No name stated, a name not at the end, or no separator before it: the title as the page gives it.
    expect(titled('How to Plant a Tree | Garden Weekly')).toBe('How to Plant a Tree | Garden Weekly');
    expect(titled('Garden Weekly picks its trees', 'Garden Weekly')).toBe('Garden Weekly picks its trees');
    expect(titled('Visit the Garden Weekly', 'Garden Weekly')).toBe('Visit the Garden Weekly');
    expect(titled('Garden Weekly', 'Garden Weekly')).toBe('Garden Weekly');
  });

  it('a heading kept as HTML keeps the anchors and the linked icon marked inside it, as they were', () => {
    const heading = '<h2 id="1.-第一节" tabindex="-1">\n  1. 第一节 <a class="header-anchor" href="#1.-第一节"><svg width="16" height="16"><path d="M0 0h16"></path></svg></a></h2>';
    const page = `<!DOCTYPE html><html>${head()}<body><nav><a href="/">网站首页</a></nav><article><p>见 <a href="#1.-第一节">第一节</a>。</p>${article}\n${heading}\n<p>${PARAGRAPHS[0]}</p></article></body></html>`;
    const markdown = convertText(page, { input: 'html' }).markdown;
    expect(markdown).not.toContain('finews-');
    expect(markdown).toContain('<h2 id="1.-第一节" tabindex="-1">\n  1. 第一节 <a href="#1.-第一节"><svg width="16" height="16"><path d="M0 0h16"></path></svg></a></h2>');
  });

  it('a fragment is never extracted: its teaser and share bar stay', () => {
    const fragment = `<p class="share"><a href="http://weibo.example/share">分享到微博</a></p>${article}`;
    const result = convertText(fragment, { input: 'html' });
    expect(result.kind).toBe('body');
    expect(result.markdown).toContain('[分享到微博](http://weibo.example/share)');
  });

  it.skipIf(!hasKramdown)('--verify compares the Markdown with the article the converter took', { timeout: 30_000 }, async () => {
    const verifier = await Verifier.start();
    try {
      for (const page of Object.values(PAGES)) {
        const result = convertText(page, { input: 'html' });
        expect((await verifier.verify(page, result)).problems).toEqual([]);
        const lossy = { ...result, markdown: result.markdown.replace(PARAGRAPHS[2]!, '') };
        expect((await verifier.verify(page, lossy)).ok).toBe(false);
      }
    } finally {
      await verifier.close();
    }
  });
});

describe('finews new --from page.html', () => {
  const site = mkdtempSync(path.join(tmpdir(), 'finews-page-'));
  cpSync(path.resolve(import.meta.dirname, '../../fixtures/site'), site, { recursive: true });
  afterAll(() => rmSync(site, { recursive: true, force: true }));
  const run = async (...argv: string[]) => {
    const io = captureIo(site, { now: new Date('2026-11-25T01:02:03Z') });
    const code = await main(['new', ...argv], io);
    return { code, out: io.out(), err: io.err() };
  };

  it('takes the title, author and date the page states, the date in the site time zone', async () => {
    writeFileSync(path.join(site, 'page.html'), PAGES['one <article> holding a share bar']!);
    const r = await run('--from', 'page.html', '--slug', 'october');
    expect(r.code).toBe(0);
    const text = readFileSync(path.join(site, r.out.trim()), 'utf8');
    expect(r.out.trim()).toBe('_posts/2026-11-14-october.md');
    expect(text).toMatch(/^---\nlayout: post\ntitle: "十月消费数据出炉"\nauthor: "王小明"\ndate: 2026-11-14 10:30:00 \+0800\n---\n/);
  });

  it('a date without an offset is site time; --date and a title given win', async () => {
    writeFileSync(path.join(site, 'page2.html'), PAGES['teasers and comments are <article>s too, inside <main>']!);
    const stated = readFileSync(path.join(site, (await run('--from', 'page2.html', '--slug', 'stated')).out.trim()), 'utf8');
    expect(stated).toContain('date: 2026-11-14 10:30:00 +0800\n');
    const given = await run('我的标题', '--from', 'page2.html', '--date', '2026-11-20 08:00:00', '--slug', 'given');
    const text = readFileSync(path.join(site, given.out.trim()), 'utf8');
    expect(text).toContain('title: "我的标题"\n');
    expect(text).toContain('date: 2026-11-20 08:00:00 +0800\n');
  });

  it('a slashed date is read only when its numbers say which is the month; Ruby would read it day first', async () => {
    const page = (date: string) => `<!DOCTYPE html><html>${head(`<meta name="publishdate" content="${date}">`)}<body><article>${article}</article></body></html>`;
    writeFileSync(path.join(site, 'us.html'), page('2/26/2026 7:11 AM PST'));
    const us = await run('--from', 'us.html', '--slug', 'us');
    expect(readFileSync(path.join(site, us.out.trim()), 'utf8')).toContain('date: 2026-02-26 23:11:00 +0800\n');
    writeFileSync(path.join(site, 'eu.html'), page('26/2/2026'));
    const eu = await run('--from', 'eu.html', '--slug', 'eu');
    expect(readFileSync(path.join(site, eu.out.trim()), 'utf8')).toContain('date: 2026-02-26 00:00:00 +0800\n');
    writeFileSync(path.join(site, 'either.html'), page('2/3/2026'));
    const either = await run('--from', 'either.html', '--slug', 'either');
    expect(either.code).toBe(0);
    expect(either.err).toMatch(/"2\/3\/2026" could be month\/day or day\/month: the post is dated now/);
    expect(readFileSync(path.join(site, either.out.trim()), 'utf8')).toContain('date: 2026-11-25 09:02:03 +0800\n');
  });

  it('without a title given or stated, asks for one (exit 2)', async () => {
    writeFileSync(path.join(site, 'fragment.html'), `<p>${PARAGRAPHS[0]}</p>`);
    const r = await run('--from', 'fragment.html');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/fragment\.html states no title: give one/);
  });
});
