import { stringifyPost } from '../../post/stringify.js';
import type { Rule } from '../types.js';

const rule: Rule = {
  id: 'line-endings',
  description: 'CRLF or mixed line endings',
  severity: 'warn',
  fixable: true,
  check(post, _ctx, report) {
    if (post.eol !== 'crlf' && post.eol !== 'mixed') return;
    const text = post.text;
    const first = text.indexOf('\r\n');
    const lineStart = first === 0 ? 0 : text.lastIndexOf('\n', first - 1) + 1;
    const crlf = text.split('\r\n').length - 1;
    const lines = text.split('\n').length - 1;
    report({
      message: post.eol === 'crlf' ? 'lines end in CRLF' : `mixed line endings: ${crlf} of ${lines} lines end in CRLF, the others in LF`,
      line: text.slice(0, lineStart).split('\n').length,
      column: first - lineStart + 1,
      // Only the CR of each CRLF goes; a lone CR is no line ending to Jekyll and stays.
      fix: () => stringifyPost({ bom: post.bom, frontMatter: null, body: text.replaceAll('\r\n', '\n') }),
    });
  },
};

export default rule;
