import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { convertText } from '../../src/convert/convert.js';
import { limitNesting, MAX_DEPTH } from '../../src/convert/nesting.js';

/**
 * Convert, and bound the work by its size: the Markdown is at most a few
 * times the input (escaping `&` as `&amp;` is the most a character grows), so
 * no input makes the converter build a quadratic or exponential output. Time is
 * not measured here (a busy machine must not fail a test; speed is in bench/):
 * each test's timeout, far above what it needs, is the guard against a hang.
 */
function bounded(input: string, options: Parameters<typeof convertText>[1] = {}) {
  const result = convertText(input, options);
  expect(result.markdown.length, 'the output grows at most linearly').toBeLessThanOrEqual(GROWTH * input.length + 1024);
  return result;
}
/** The most a character of input grows to in the output. */
const GROWTH = 6;
/** A test's timeout: the hang guard, some ten times what the test takes on a busy machine. */
const HANG = 300_000;

const MB = 1024 * 1024;

describe('hostile input: never throws, never hangs', () => {
  it('malformed HTML', { timeout: HANG }, () => {
    const cases = [
      '<p>unclosed <b>bold <i>both',
      '</p></div></span>stray closers<p>x',
      '<p<p<p<p>broken starts',
      '<a href="x>never closed quote<p>text</p>',
      '<!-- comment without end <p>x</p>',
      '<table><p>misnested</td></tr>cell</table>',
      '<p>a<a href="1">b<a href="2">c</a>d</a>e</p>',
      '<p style="display:none">hidden <script>x()</script>',
      '<div><p>never closed\n\n*markdown?*\n\n[x](y)',
      '<p>\u0000\u0001\u0008\ufffe\uffff\ud800 lone surrogate</p>',
      '<html><head><title>t</title></head><body><frameset><p>x</p>',
    ];
    for (const input of cases) {
      for (const mode of ['auto', 'html'] as const) {
        const { markdown } = bounded(input, { input: mode });
        expect(typeof markdown).toBe('string');
        expect(markdown).not.toMatch(/<script/i);
        expect(convertText(markdown, { input: mode === 'html' ? 'auto' : mode }).markdown).toBe(convertText(markdown).markdown);
      }
    }
  });

  for (const [tag, close] of [['div', '</div>'], ['span', '</span>'], ['b', ''], ['blockquote', '</blockquote>'], ['ul><li', '</li></ul']] as const) {
    it(`20 000 nested <${tag}>`, { timeout: HANG }, () => {
      const input = `<p>before</p>${`<${tag}>`.repeat(20_000)}内容${close ? `${close}>`.repeat(20_000) : ''}<p>after</p>`;
      // The work bound: what reaches the HTML-to-Markdown pass is at most MAX_DEPTH deep.
      const name = tag.split('>')[0]!;
      expect(limitNesting(input.replace(/>>/g, '>')).split(`<${name}>`).length - 1).toBe(MAX_DEPTH);
      for (const mode of ['auto', 'html'] as const) {
        const { markdown } = bounded(input.replace(/>>/g, '>'), { input: mode });
        expect(markdown).toContain('内容');
        expect(markdown).toContain('after');
      }
    });
  }

  it('a 10 MB document', { timeout: HANG }, () => {
    const paragraph = `<p>沪指<span id="stock_1.600519"><a href="http://q/1.600519" class="keytip">贵州茅台</a></span>涨<strong>2%</strong>，成交 00700_0 a*b [1] &lt;x&gt;</p>\n`;
    const input = paragraph.repeat(Math.ceil((10 * MB) / paragraph.length));
    const { markdown } = bounded(input);
    expect(markdown.split('\n\n')).toHaveLength(Math.ceil((10 * MB) / paragraph.length));
    // `[` is escaped in a block with links: kramdown would pair it with their brackets.
    expect(markdown.slice(0, 200)).toContain('沪指[贵州茅台](http://q/1.600519)涨**2%**，成交 00700_0 a\\*b \\[1] \\<x>');
  });

  for (const c of ['_', '*', '\\', '-', '[', '`', '<', '&', '|', ' ', '\n']) {
    it(`a run of a million ${JSON.stringify(c)}`, { timeout: HANG }, () => {
      const run = c.repeat(MB);
      // In HTML, in Markdown and in an attribute: each has its own scanner.
      bounded(`<p>${run}x</p>`, { input: 'html' });
      bounded(`---\nt: 1\n---\n${run}\n\n<p>x</p>\n${run}`);
      bounded(`<p><a href="${run}">t</a><img alt="${run}" src="s"></p>`);
    });
  }

  it('many unfinished tags, comments, fences and lists', { timeout: HANG }, () => {
    for (const piece of ['<a', '<p', '<!--', '```\n', '- x\n  ', '> ', '<p a="', '$$', '{::comment}\n', '[x]: ', '<td>', '<br>']) {
      bounded(piece.repeat(100_000));
    }
    // Every element of this one is as deep as the nesting limit, which turndown pays for per element.
    bounded('<div><p>'.repeat(20_000));
  });

  it('binary input', { timeout: HANG }, () => {
    for (let i = 0; i < 20; i++) {
      const bytes = randomBytes(64 * 1024);
      const text = new TextDecoder('utf-8').decode(bytes);
      const { markdown } = bounded(text);
      expect(convertText(markdown).markdown).toBe(markdown);
    }
  });
});

describe('the nesting limit', () => {
  it('leaves ordinary documents alone and keeps all text of deep ones', () => {
    const ordinary = '<div><p>a<b>b<i>c</i></b></p><ul><li>x<li>y</ul></div>';
    expect(limitNesting(ordinary)).toBe(ordinary);
    const deep = `${'<div>'.repeat(MAX_DEPTH + 50)}text${'</div>'.repeat(MAX_DEPTH + 50)}`;
    const limited = limitNesting(deep);
    expect(limited).toContain('text');
    expect(limited.match(/<div>/g)).toHaveLength(MAX_DEPTH);
    expect(limited.match(/<\/div>/g)).toHaveLength(MAX_DEPTH);
  });
});
