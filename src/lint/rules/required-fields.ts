import { defaultsFor } from '../../site/config.js';
import { hasReadableFrontMatter } from '../position.js';
import type { Rule } from '../types.js';
import { excerpt } from '../../excerpt.js';

const rule: Rule = {
  id: 'required-fields',
  description: 'a front-matter field the site requires (finews.lint.required; none by default) is missing',
  severity: 'error',
  fixable: false,
  check(post, ctx, report) {
    // Missing or unreadable front matter is one finding of its own rule, not one per field.
    if (ctx.settings.required.length === 0 || !hasReadableFrontMatter(post)) return;
    const defaults = defaultsFor(ctx.site, post.path);
    for (const field of ctx.settings.required) {
      if (Object.hasOwn(post.data, field) || Object.hasOwn(defaults, field)) continue;
      // A draft has no date until it is published (finews publish sets it).
      if (field === 'date' && post.jekyll.skip === 'draft') continue;
      report({ message: `the front matter has no "${excerpt(field)}", and no default in _config.yml gives one`, line: 1, column: 1 });
    }
  },
};

export default rule;
