import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertText } from '../../src/convert/convert.js';
import { escapeText } from '../../src/convert/escape.js';
import { Verifier } from '../../src/convert/verify.js';
import { hasKramdown, seen, closeKramdown } from './helpers.js';

let verifier: Verifier;
beforeAll(async () => {
  if (hasKramdown) verifier = await Verifier.start();
});
afterAll(async () => {
  await verifier?.close();
  await closeKramdown();
});

/** Characters that are special somewhere in kramdown, CommonMark or HTML, among ordinary ones. */
const CHARS = [...'ab Z09_*\\`[]()<>&|{}:"\'~$-.#+=!^@/%，。“”（）《》、：中文字　\u00a0'];
const text = fc.array(fc.constantFrom(...CHARS), { minLength: 1, maxLength: 14 }).map((cs) => cs.join(''));
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const url = fc.constantFrom('http://x.com/a', 'http://x.com/a_b*c', '//finews.withounder.com/emnews/', 'http://x.com/a b', 'http://x.com/p(1)', 'http://x.com/q?a=1&b=2', 'http://例子.cn/页', 'rel/path.html', '');
const imageSrc = fc.constantFrom('https://dfscdn.dfcfw.com/a.jpg', 'https://k/GetPic.aspx?nid=1.600519&imageType=k', 'data:image/png;base64,AAAA', 'img (1).png');

const { inline } = fc.letrec<{ inline: string; atom: string }>((tie) => ({
  atom: fc.oneof(
    { weight: 6, arbitrary: text.map(escapeHtml) },
    fc.tuple(fc.constantFrom('strong', 'b', 'em', 'i', 'del'), tie('inline')).map(([tag, inner]) => `<${tag}>${inner}</${tag}>`),
    fc.tuple(url, fc.constantFrom('', ' target="_blank"', ' target="_blank" rel="noopener"'), tie('inline')).map(([href, target, inner]) => `<a href="${escapeHtml(href)}"${target}>${inner}</a>`),
    fc.tuple(imageSrc, text).map(([src, alt]) => `<img src="${escapeHtml(src)}" alt="${escapeHtml(alt)}" width="5">`),
    fc.constant('<br>'),
    text.map((t) => `<code>${escapeHtml(t)}</code>`),
    fc.tuple(url, text).map(([href, t]) => `<span id="stock_1.600519"><a href="${escapeHtml(href)}" class="keytip">${escapeHtml(t)}</a></span><span id="quote_1.600519"></span>`),
    text.map((t) => `<span web="1" href="http://q/1" class="em_stock_key_common">${escapeHtml(t)}</span>`),
  ),
  inline: fc.array(tie('atom'), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('')),
}));

const block = fc.oneof(
  { weight: 5, arbitrary: inline.map((i) => `<p>${i}</p>`) },
  fc.tuple(fc.integer({ min: 1, max: 6 }), inline).map(([n, i]) => `<h${n}>${i}</h${n}>`),
  fc.tuple(fc.constantFrom('ul', 'ol'), fc.array(inline, { minLength: 1, maxLength: 3 })).map(([tag, items]) => `<${tag}>${items.map((i) => `<li>${i}</li>`).join('')}</${tag}>`),
  inline.map((i) => `<blockquote><p>${i}</p></blockquote>`),
  fc.array(fc.tuple(text, text), { minLength: 1, maxLength: 3 }).map((rows) => `<table><tr><th>列</th><th>值</th></tr>${rows.map(([a, b]) => `<tr><td>${escapeHtml(a)}</td><td>${escapeHtml(b)}</td></tr>`).join('')}</table>`),
  fc.tuple(fc.constantFrom('', ' class="language-python"', ' class="brush: js"'), text).map(([language, t]) => `<pre${language}><code>${escapeHtml(t)}\n${escapeHtml(t)}</code></pre>`),
  imageSrc.map((src) => `<center><img src="${escapeHtml(src)}"></center>`),
  inline.map((i) => `<center>${i}</center>`),
  inline.map((i) => `<div>${i}</div>`),
  inline.map((i) => `<p style="display:none">${i}</p>`),
);
const body = fc.array(block, { minLength: 1, maxLength: 5 }).map((blocks) => blocks.join(''));
/** A post as the scrapers write them: a digest, the HTML, the source autolink, the footer. */
const post = fc.tuple(text, body).map(([digest, html]) => `---\ntitle: t\n---\n> ${digest.replace(/[<>&]/g, '')}\n\n${html}\n\n<http://x.com/s>\n\n[返回](//z/)｜[首页](//z/)\n`);

describe('properties', () => {
  it.skipIf(!hasKramdown)('nothing lost: generated posts render with kramdown to the same text, links and images', { timeout: 120_000 }, async () => {
    // FINEWS_SEED and FINEWS_RUNS explore beyond the fixed sample.
    const samples = fc.sample(post, { numRuns: Number(process.env.FINEWS_RUNS ?? 400), seed: Number(process.env.FINEWS_SEED ?? 4242) });
    for (const sample of samples) {
      const verdict = await verifier.verify(sample, convertText(sample));
      expect(verdict.problems, sample).toEqual([]);
    }
  });

  it.skipIf(!hasKramdown)('escaped text renders as itself in kramdown, at a line start or not', { timeout: 60_000 }, async () => {
    const samples = fc.sample(fc.tuple(text, fc.boolean()), { numRuns: 300, seed: 7 });
    for (const [s, lineStart] of samples) {
      const markdown = `${lineStart ? '' : 'x'}${escapeText(s, { lineStart, bracketsAreLinks: false })}`;
      const shown = (await seen(markdown)).text.replace(/\s+/g, '');
      expect(shown, JSON.stringify(markdown)).toBe(`${lineStart ? '' : 'x'}${s}`.replace(/\s+/g, ''));
    }
  });

  const pieces = ['<p>', '</p>', '<b>', '</b>', '<a href="x">', '</a>', '<br>', '\n', '\n\n', 'text', '中文', '*', '_', '[', ']', '(', ')', '#', '> ', '- ', '`', '<!--', '-->', '&amp;', '<div>', '</div>', '<table><tr><td>', '</td></tr></table>', '<ul><li>', '</li></ul>', ' ', '|', '\\', '"', '~~', '$$', '<span>', '</span>', '<img src="i.png">', '<img src="i.png" width="5" align="left">', '<a href="y" target="_blank">', '<center>', '</center>', '<pre class="language-js">', '</pre>', '<script>x()</script>', '<a href="javascript:x()">j</a>', '<i onclick="x()">', '<strong>', '</strong>', '，', '“', '1. ', '    ', '```'];
  const mix = fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((parts) => parts.join(''));

  it('idempotent and never throwing on any mix of tags and Markdown', () => {
    fc.assert(
      fc.property(mix, (input) => {
        const once = convertText(input).markdown;
        expect(convertText(once).markdown).toBe(once);
      }),
      { numRuns: 2000, seed: 99 },
    );
  });

  it.skipIf(!hasKramdown)('no script, handler or unsafe URL survives in what kramdown renders', { timeout: 60_000 }, async () => {
    for (const input of fc.sample(mix, { numRuns: 300, seed: 3 })) {
      expect((await seen(convertText(input).markdown)).unsafe, input).toEqual([]);
    }
  });

  it('a post that is already Markdown comes out byte-identical', () => {
    const line = fc.array(fc.constantFrom(...CHARS.filter((c) => c !== '<'), '\n', '\n\n', '> ', '- ', '# ', '[a](http://x)', '**b**', '<http://x/y>', '`c`'), { maxLength: 40 });
    fc.assert(
      fc.property(line, (parts) => {
        const text = `---\nlayout: post\n---\n${parts.join('')}`;
        expect(convertText(text).markdown).toBe(text);
      }),
      { numRuns: 2000, seed: 5 },
    );
  });
});
