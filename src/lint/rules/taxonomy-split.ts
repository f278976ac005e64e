import { hasReadableFrontMatter, keyPosition } from '../position.js';
import type { Rule } from '../types.js';
import { excerpt, excerptList } from '../../excerpt.js';

const rule: Rule = {
  id: 'taxonomy-split',
  description: 'a categories or tags string with spaces, which Jekyll splits into several (off by default: Jekyll documents the split)',
  severity: 'off',
  fixable: false,
  check(post, _ctx, report) {
    if (!hasReadableFrontMatter(post)) return;
    // Jekyll splits only the plural keys (`category: Finance News` stays one).
    for (const key of ['categories', 'tags'] as const) {
      const value = post.data[key];
      if (typeof value !== 'string') continue;
      const words = value.trim().split(/[ \t\r\n\f\v]+/);
      if (words.length < 2) continue;
      report({
        message: `${key}: "${excerpt(value)}" is split on white space: Jekyll makes ${words.length} ${key} (${excerptList(words, (w) => `"${w}"`)}); write a list to say which you mean`,
        ...keyPosition(post, key),
      });
    }
  },
};

export default rule;
