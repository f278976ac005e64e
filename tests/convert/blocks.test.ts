import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { htmlBlockStarts, segmentBody } from '../../src/convert/kramdown-blocks.js';
import { hasKramdown } from './helpers.js';

/** Lines of the top-level block HTML elements and comments kramdown finds, one list per document. */
function kramdownHtmlLines(docs: string[]): number[][] {
  const script = String.raw`
    require "json"; require "kramdown"; require "kramdown-parser-gfm"
    STDIN.set_encoding("UTF-8")
    STDIN.each_line do |line|
      root = Kramdown::Document.new(JSON.parse(line)["d"], input: "GFM", hard_wrap: false).root
      puts JSON.generate(root.children.select { |c| [:html_element, :xml_comment].include?(c.type) && c.options[:category] == :block }.map { |c| c.options[:location] })
    end`;
  const input = docs.map((d) => JSON.stringify({ d })).join('\n') + '\n';
  const result = spawnSync('ruby', ['-e', script], { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(result.stderr);
  return result.stdout.trim().split('\n').map((l) => JSON.parse(l) as number[]);
}

const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;
const ourHtmlLines = (doc: string) => htmlBlockStarts(doc).map((offset) => lineOf(doc, offset));

/** Lines that put HTML where kramdown may or may not read it as a block. */
const LINES = [
  'text line', '中文段落', '', '', '<p>para</p>', ' <p>indented</p>', '    <p>code</p>', '<div>', '</div>', '<div>inner</div>',
  '- item', '  <p>in item</p>', '1. one', '> quote', '> <p>q</p>', '```', '~~~', '| a | b |', '<p>a|b</p>', '<!-- c -->',
  '<span>x</span>', '<center><img src="x"></center><p>y</p>', '<p>open', 'close</p>', '<hr>', '# head', '* * *', 'Title', '===',
  '[x]: http://y', '<p>a</p>tail', '<script>x</script>', '<蒙特>', '<p style=a:b>x</p>', '<p title="a>b">q</p>', '<!-- open',
];

describe('where kramdown reads block HTML', () => {
  it('in the shapes of the corpus', () => {
    const body = '> 摘要\n\n<p style="display:none;"><br /></p><!-- EM_StockImg_Start --><p>图</p><!-- EM_StockImg_End --><p>正文</p>\n <p>第二段</p>\n\n<http://x/y>\n\n[返回](//z/)';
    const segments = segmentBody(body).map((s) => [s.html, body.slice(s.start, s.end)]);
    expect(segments).toEqual([
      [false, '> 摘要\n\n'],
      [true, '<p style="display:none;"><br /></p><!-- EM_StockImg_Start --><p>图</p><!-- EM_StockImg_End --><p>正文</p>\n <p>第二段</p>\n'],
      [false, '\n<http://x/y>\n\n[返回](//z/)'],
    ]);
  });

  it('segments always cover the body exactly, in order', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...LINES), { maxLength: 14 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
        const body = lines.join(eol);
        const segments = segmentBody(body);
        expect(segments.map((s) => body.slice(s.start, s.end)).join('')).toBe(body);
        for (let i = 1; i < segments.length; i++) expect(segments[i]!.html).not.toBe(segments[i - 1]!.html);
      }),
    );
  });

  it.skipIf(!hasKramdown)('exactly where kramdown does, on generated bodies', () => {
    const docs = fc.sample(fc.array(fc.constantFrom(...LINES), { minLength: 1, maxLength: 12 }), { numRuns: 3000, seed: 12 }).map((l) => l.join('\n'));
    const truth = kramdownHtmlLines(docs);
    docs.forEach((doc, i) => expect(ourHtmlLines(doc), JSON.stringify(doc)).toEqual(truth[i]));
  });

  it.skipIf(!hasKramdown)('HTML inside list items, code blocks, fences and tables is not a block of its own', () => {
    const docs = [
      '- item\n  <p>in the item</p>',
      '```\n<p>code</p>\n```',
      '    <p>indented code</p>',
      '| a | b |\n<p>c|d</p>',
      'para\n<p>ends the paragraph</p>',
      '<p>x</p>  # mid-line heading',
      '<div>\n\n*raw*\n\n</div>',
    ];
    const truth = kramdownHtmlLines(docs);
    docs.forEach((doc, i) => expect(ourHtmlLines(doc), doc).toEqual(truth[i]));
  });
});
