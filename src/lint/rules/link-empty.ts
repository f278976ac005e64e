import type { Rule } from '../types.js';
import { excerpt } from '../../excerpt.js';
import { codeRegions, inRegions, type Region } from '../../liquid/code.js';

/** `<>` alone on a line (a scraper that lost the source link), `[text]()` or `![alt]()`. */
const EMPTY_LINK = /^[ \t]*<>[ \t]*\r?$|\[[^\]\n]*\]\([ \t]*\)/gm;

const rule: Rule = {
  id: 'link-empty',
  description: 'a link with no address: <> or [text]() outside code; the reader gets no source link',
  severity: 'warn',
  fixable: false,
  check(post, _ctx, report) {
    const body = post.body;
    if (!body.includes('<>') && !body.includes('()')) return;
    EMPTY_LINK.lastIndex = 0;
    // Code shows `[String]()` (Swift, Kotlin…) as written: no link there. Found once, at the first match.
    let code: Region[] | null = null;
    for (let m = EMPTY_LINK.exec(body); m; m = EMPTY_LINK.exec(body)) {
      code ??= codeRegions(body);
      if (inRegions(code, m.index, m.index + m[0].length)) continue;
      const before = body.slice(0, m.index);
      const lineStart = before.lastIndexOf('\n') + 1;
      const found = m[0].trim();
      // `![alt]()` is an image with no address: kramdown writes <img src="">, a broken picture.
      const image = found !== '<>' && body[m.index - 1] === '!';
      report({
        message: found === '<>' ? 'an empty autolink <>: the source link is missing' : image ? `!${excerpt(found)} is an image with no address: the reader sees a broken picture` : `${excerpt(found)} links to nothing`,
        line: post.bodyLine + before.split('\n').length - 1,
        column: m.index - lineStart + 1 + (m[0].length - m[0].trimStart().length) - (image ? 1 : 0),
      });
    }
  },
};

export default rule;
