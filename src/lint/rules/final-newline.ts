import { eolOf, stringifyPost } from '../../post/stringify.js';
import { textLines } from '../text-lines.js';
import type { Rule } from '../types.js';

/** markdownlint's MD047 (single-trailing-newline), first half: the file ends with a newline. */
const rule: Rule = {
  id: 'final-newline',
  description: 'the file does not end with a newline (markdownlint MD047)',
  severity: 'off',
  fixable: true,
  check(post, _ctx, report) {
    const text = post.text;
    if (text === '' || text.endsWith('\n')) return;
    const last = textLines(text).at(-1)!;
    report({
      message: 'no newline at the end of the file',
      line: last.number,
      column: last.end - last.start + 1,
      fix: () => stringifyPost({ bom: post.bom, frontMatter: null, body: text + eolOf(post) }),
    });
  },
};

export default rule;
