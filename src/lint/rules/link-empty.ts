import type { Rule } from '../types.js';
import { excerpt } from '../../excerpt.js';

/** `<>` alone on a line (a scraper that lost the source link) or `[text]()`. */
const EMPTY_LINK = /^[ \t]*<>[ \t]*\r?$|\[[^\]\n]*\]\([ \t]*\)/gm;

const rule: Rule = {
  id: 'link-empty',
  description: 'a link with no address: <> or [text](); it shows as text, not a link',
  severity: 'warn',
  fixable: false,
  check(post, _ctx, report) {
    const body = post.body;
    if (!body.includes('<>') && !body.includes('()')) return;
    EMPTY_LINK.lastIndex = 0;
    for (let m = EMPTY_LINK.exec(body); m; m = EMPTY_LINK.exec(body)) {
      const before = body.slice(0, m.index);
      const lineStart = before.lastIndexOf('\n') + 1;
      const found = m[0].trim();
      report({
        message: found === '<>' ? 'an empty autolink <>: the source link is missing' : `${excerpt(found)} links to nothing`,
        line: post.bodyLine + before.split('\n').length - 1,
        column: m.index - lineStart + 1 + (m[0].length - m[0].trimStart().length),
      });
    }
  },
};

export default rule;
