import { stringifyPost } from '../../post/stringify.js';
import type { Rule } from '../types.js';

/**
 * A byte order mark at the start of a post. Jekyll reads posts as `bom|utf-8`
 * and strips it, so the site builds the same: off by default, for sites whose
 * other tools (a shell script matching `^---`, an older YAML reader) trip on it.
 */
const rule: Rule = {
  id: 'unicode-bom',
  description: 'a byte order mark at the start of the file (Jekyll strips it; other tools may not)',
  severity: 'off',
  fixable: true,
  check(post, _ctx, report) {
    if (!post.bom) return;
    report({
      message: 'starts with a byte order mark (BOM): Jekyll strips it, but other tools may not',
      line: 1,
      column: 1,
      fix: () => stringifyPost({ bom: false, frontMatter: null, body: post.text }),
    });
  },
};

export default rule;
