import { stringifyPost } from '../../post/stringify.js';
import { textLines } from '../text-lines.js';
import type { Rule } from '../types.js';

/** markdownlint's MD047 second half and MD012 at the end: one newline ends the file, no blank lines. */
const rule: Rule = {
  id: 'blank-lines-at-end',
  description: 'blank lines at the end of the file (markdownlint MD012/MD047)',
  severity: 'off',
  fixable: true,
  check(post, _ctx, report) {
    const text = post.text;
    const lines = textLines(text);
    const last = lines[lines.length - 1]!;
    if (text.slice(last.start, last.end).trim() !== '') return;
    // The last entry is what follows the final newline ('' when the file ends with one).
    let first = lines.length - 1;
    while (first > 0 && text.slice(lines[first - 1]!.start, lines[first - 1]!.end).trim() === '') first--;
    // What follows the final newline is one more blank line when it is white space.
    const blank = lines.length - first - (last.end === last.start ? 1 : 0);
    if (blank === 0 || first === 0) return;
    const keepEnd = lines[first - 1]!.end;
    const eol = text.slice(keepEnd, lines[first]!.start);
    report({
      message: `${blank} blank line${blank === 1 ? '' : 's'} at the end of the file`,
      line: lines[first]!.number,
      column: 1,
      // Everything after the last line with text, less its own end of line.
      fix: () => stringifyPost({ bom: post.bom, frontMatter: null, body: text.slice(0, keepEnd) + eol }),
    });
  },
};

export default rule;
