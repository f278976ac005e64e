import type { Rule } from '../types.js';

/** A line that starts an HTML block (a tag or a comment), not an autolink `<http://…>`. */
const HTML_LINE = /^[ \t]*<(?:[A-Za-z][A-Za-z0-9-]*(?=[\s/>])|\/[A-Za-z]|!--)/;
/** Above this share of the body's text, the body is written in HTML rather than Markdown. */
const MOSTLY = 0.5;

const rule: Rule = {
  id: 'body-html',
  description: 'a body that is mostly raw HTML, which finews convert can turn into Markdown (off by default: Jekyll renders raw HTML as it is)',
  severity: 'off',
  fixable: false,
  check(post, _ctx, report) {
    let html = 0;
    let all = 0;
    let firstHtml = -1;
    post.body.split('\n').forEach((line, i) => {
      const size = line.trim().length;
      all += size;
      if (size > 0 && HTML_LINE.test(line)) {
        html += size;
        if (firstHtml < 0) firstHtml = i;
      }
    });
    if (all === 0 || html / all <= MOSTLY) return;
    report({
      message: `the body is mostly raw HTML (${Math.round((html / all) * 100)}% of its text): finews convert can turn it into Markdown`,
      line: post.bodyLine + firstHtml,
      column: 1,
    });
  },
};

export default rule;
