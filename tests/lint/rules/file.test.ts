import { ruleTester } from '../rule-tester.js';

const FM = '---\nlayout: post\ntitle: A\ndate: 2022-01-06 09:00:00 +0800\n---\n';

ruleTester('encoding', {
  // Jekyll reads posts as bom|utf-8: a BOM is stripped and the post builds the same (unicode-bom's, off by default).
  valid: [{ name: 'plain UTF-8', text: `${FM}中文\n` }, { name: 'a BOM', text: `\uFEFF${FM}Body\n` }],
  invalid: [{ name: 'a NUL byte', text: `${FM}a\u0000b\n`, errors: [{ message: 'contains NUL bytes' }] }],
});

ruleTester('unicode-bom', {
  valid: [{ name: 'no BOM', text: `${FM}Body\n` }],
  invalid: [
    { name: 'a BOM, removed', text: `\uFEFF${FM}Body\n`, errors: [{ message: /^starts with a byte order mark \(BOM\): Jekyll strips it/, line: 1, column: 1 }], output: `${FM}Body\n` },
    { name: 'a BOM before CRLF lines: only the BOM goes', text: `\uFEFF${FM.replaceAll('\n', '\r\n')}Body\r\n`, errors: [{ message: /byte order mark/ }], output: `${FM.replaceAll('\n', '\r\n')}Body\r\n` },
  ],
});

/** A site whose feed shows each post's excerpt as its summary. */
const FEED = 'plugins: [jekyll-feed]\n';

ruleTester('line-endings', {
  valid: [
    { name: 'LF', text: `${FM}a\nb\n` },
    { name: 'no line ending at all', path: '_posts/2022-01-06-a.md', text: 'one line', layouts: null },
    { name: 'a lone CR is not a line ending', text: `${FM}a\rb\n` },
    // Psych and kramdown read CRLF as LF: with no blank line written CRLF, Jekyll shows the same post.
    { name: 'CRLF in one paragraph', text: '---\r\ntitle: A\r\n---\r\nBody\r\nmore\r\n' },
    { name: 'CRLF in the front matter only', text: '---\r\ntitle: A\r\n---\r\nOne\n\nTwo\n' },
    { name: 'CRLF pasted after the first LF blank line', text: `${FM}Lead\n\n<p>a</p>\r\n<p>b</p>\r\n\r\nend\n` },
    // The excerpt moves, but nothing on the site shows it: no theme, no feed or SEO plugin, no file naming it.
    { name: 'a site that shows no excerpt', text: '---\r\ntitle: A\r\n---\r\nOne\r\n\r\nTwo\r\n' },
    { name: 'an excerpt separator of its own', text: '---\r\ntitle: A\r\nexcerpt_separator: <!--more-->\r\n---\r\nOne\r\n\r\nTwo<!--more-->\r\n' },
  ],
  invalid: [
    {
      name: 'all CRLF',
      config: FEED,
      text: '---\r\ntitle: A\r\n---\r\nOne\r\n\r\nTwo\r\n',
      errors: [{ message: 'lines end in CRLF: Jekyll\'s excerpt separator "\\n\\n" misses the CRLFs, so the excerpt is the whole post', line: 1, column: 4 }],
      output: '---\ntitle: A\n---\nOne\n\nTwo\n',
    },
    {
      name: 'mixed, as a scraper pasting HTML writes',
      config: FEED,
      text: `${FM}<p>a</p>\r\n\r\n<p>b</p>\n\nend\n`,
      errors: [{ message: 'mixed line endings: 2 of 10 lines end in CRLF, the others in LF: Jekyll\'s excerpt separator "\\n\\n" misses the CRLFs, so the excerpt runs past the first paragraph', line: 6, column: 9 }],
      output: `${FM}<p>a</p>\n\n<p>b</p>\n\nend\n`,
    },
    {
      name: 'a BOM is kept',
      config: FEED,
      text: '\uFEFF---\r\ntitle: A\r\n---\r\nOne\r\n\r\nTwo\r\n',
      errors: [{ message: /^lines end in CRLF/ }],
      output: '\uFEFF---\ntitle: A\n---\nOne\n\nTwo\n',
    },
  ],
});

ruleTester('body-empty', {
  valid: [
    { name: 'a body', text: `${FM}\nText\n` },
    // A portfolio's posts: the site shows their front matter elsewhere, and their own page no body.
    { name: 'a layout that never shows the body', layouts: ['card'], bodiless: ['card'], text: '---\nlayout: card\ntitle: A\nimg: a.png\n---\n' },
    { name: 'the same layout from defaults', config: 'defaults:\n  - scope: {path: ""}\n    values: {layout: card}\n', layouts: ['card'], bodiless: ['card'], text: '---\ntitle: A\n---\n' },
    { name: 'a redirect, with jekyll-redirect-from', config: 'plugins: [jekyll-redirect-from]\n', text: '---\nlayout: post\nredirect_to: https://example.com/a\n---\n' },
    // A link post: `{% if page.link %}` shows the source instead of the body.
    { name: 'a link post', layouts: ['article'], bodyWhen: { article: [[{ key: 'link', truthy: false }]] }, text: '---\nlayout: article\ntitle: A\nlink: https://example.com/a\n---\n' },
    // A stub: no page now, filled in before it is published.
    { name: 'an unpublished stub', text: '---\nlayout: post\ntitle: A\npublished: false\n---\n' },
    { name: 'a draft', path: '_drafts/a.md', text: '---\nlayout: post\ntitle: A\n---\n' },
    // A podcast episode: its layout shows the player (and description) the post's own front matter gives.
    { name: 'an episode whose layout shows its player', layouts: ['episode'], playsWhen: { episode: [{ key: 'audio', when: [] }] }, text: '---\nlayout: episode\ntitle: A\naudio: 51638197\n---\n' },
    { name: 'a link post by defaults', config: 'defaults:\n  - scope: {path: ""}\n    values: {link: "https://example.com"}\n', layouts: ['article'], bodyWhen: { article: [[{ key: 'link', truthy: false }]] }, text: '---\nlayout: article\ntitle: A\nlink:\n---\n' },
  ],
  invalid: [
    { name: 'a layout that shows the body', layouts: ['card', 'post'], bodiless: ['card'], text: '---\nlayout: post\ntitle: A\n---\n', errors: [{ message: 'the post has no body text' }] },
    { name: 'redirect_to without the plugin is only a field', text: '---\nlayout: post\nredirect_to: https://example.com/a\n---\n', errors: [{ message: 'the post has no body text' }] },
    { name: 'a link layout, and a post without a link', layouts: ['article'], bodyWhen: { article: [[{ key: 'link', truthy: false }]] }, text: '---\nlayout: article\ntitle: A\n---\n', errors: [{ message: 'the post has no body text' }] },
    { name: 'a link layout, and a link set to false', layouts: ['article'], bodyWhen: { article: [[{ key: 'link', truthy: false }]] }, text: '---\nlayout: article\ntitle: A\nlink: false\n---\n', errors: [{ message: 'the post has no body text' }] },
    { name: 'an episode layout, and a post without its own audio', layouts: ['episode'], playsWhen: { episode: [{ key: 'audio', when: [] }] }, config: 'defaults:\n  - scope: {path: ""}\n    values: {audio: 1}\n', text: '---\nlayout: episode\ntitle: A\n---\n', errors: [{ message: 'the post has no body text' }] },
    { name: 'an episode layout that shows the player only where the post sets no link', layouts: ['episode'], playsWhen: { episode: [{ key: 'audio', when: [{ key: 'link', truthy: false }] }] }, text: '---\nlayout: episode\ntitle: A\naudio: 1\nlink: https://example.com\n---\n', errors: [{ message: 'the post has no body text' }] },
    { name: 'a layout of a theme: not known', layouts: null, text: '---\nlayout: card\ntitle: A\n---\n', errors: [{ message: 'the post has no body text' }] },
    // Jekyll's closing fence takes the blank lines after it: the body starts at the end.
    { name: 'white space only', text: `${FM}\n  \n\t\n`, errors: [{ message: 'the post has no body text', line: 9 }] },
    { name: 'nothing after the fence', text: FM, errors: [{ message: 'the post has no body text' }] },
    { name: 'an empty file', text: '', errors: [{ message: 'the file is empty', line: 1 }] },
    // Published later: its page will show the empty body.
    { name: 'a future post', text: '---\nlayout: post\ntitle: A\ndate: 2099-01-01 09:00:00 +0800\n---\n', errors: [{ message: 'the post has no body text' }] },
  ],
});

ruleTester('body-html', {
  valid: [
    { name: 'Markdown with the source autolink', text: `${FM}> digest\n\nText\n\n<http://finance.eastmoney.com/news/1,2.html>\n` },
    { name: 'a little HTML in much Markdown', text: `${FM}${'Markdown text. '.repeat(20)}\n\n<br>\n` },
  ],
  invalid: [
    {
      name: 'an HTML body, as scraped',
      text: `${FM}<!-- EM_StockImg_Start --><p style="text-align:center;">K</p>\n <p>第一段很长的新闻正文。</p>\n\n<http://x.example/1>\n`,
      errors: [{ message: /^the body is mostly raw HTML \(\d+% of its text\): finews convert can turn it into Markdown$/, line: 6 }],
    },
  ],
});

ruleTester('link-empty', {
  valid: [{ name: 'a source link', text: `${FM}Text\n\n<http://finance.eastmoney.com/news/1,2.html>\n` }, { name: 'a comparison in prose', text: `${FM}a <> b\n` }],
  invalid: [
    { name: 'an empty autolink line', text: `${FM}Text\n\n<>\n`, errors: [{ message: 'an empty autolink <>: the source link is missing', line: 8, column: 1 }] },
    { name: 'a link to nothing', text: `${FM}See [返回首页]() now\n`, errors: [{ message: '[返回首页]() links to nothing', line: 6, column: 5 }] },
    { name: 'an image with no address', text: `${FM}Text\n\n![]()\n\n![封面]( )\n`, errors: [{ message: '![]() is an image with no address: the reader sees a broken picture', line: 8, column: 1 }, { message: '![封面]( ) is an image with no address: the reader sees a broken picture', line: 10, column: 1 }] },
  ],
});
