import { postLayout } from '../../site/layouts.js';
import { hasReadableFrontMatter, keyPosition } from '../position.js';
import type { Rule } from '../types.js';
import { excerpt } from '../../excerpt.js';

const rule: Rule = {
  id: 'layout-missing',
  description: 'a layout with no file in _layouts (checked when the site has _layouts and no theme)',
  severity: 'error',
  fixable: false,
  check(post, ctx, report) {
    if (!ctx.layouts || !hasReadableFrontMatter(post)) return;
    const { layout, fromPost } = postLayout(post, ctx.site);
    // Jekyll renders without a layout, silently, for null and "none".
    if (layout === null || layout === undefined || layout === 'none') return;
    const name = String(layout);
    if (ctx.layouts.has(name)) return;
    report({
      message: `layout "${excerpt(name)}"${fromPost ? '' : ' (from defaults in _config.yml)'} has no file in _layouts: Jekyll renders the post without it`,
      ...(fromPost ? keyPosition(post, 'layout') : { line: 1, column: 1 }),
    });
  },
};

export default rule;
