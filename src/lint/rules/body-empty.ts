import type { Rule } from '../types.js';

const rule: Rule = {
  id: 'body-empty',
  description: 'a post with no body text',
  severity: 'warn',
  fixable: false,
  check(post, _ctx, report) {
    if (post.body.trim() !== '') return;
    report({ message: post.text.trim() === '' ? 'the file is empty' : 'the post has no body text', line: post.bodyLine, column: 1 });
  },
};

export default rule;
