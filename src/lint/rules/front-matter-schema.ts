import { hasReadableFrontMatter } from '../position.js';
import { checkSchemas } from '../schema.js';
import type { Rule } from '../types.js';

/** Posts and drafts: files Jekyll does not read as either are other rules' business. */
const CHECKED = new Set([null, 'draft', 'future', 'unpublished', 'build-error']);

const rule: Rule = {
  id: 'front-matter-schema',
  description: 'front matter that does not match the site\'s schema (finews.lint.schema: JSON Schema, scoped by path)',
  severity: 'error',
  fixable: false,
  check(post, ctx, report) {
    const schemas = ctx.settings.schemas;
    if (!schemas?.length || !hasReadableFrontMatter(post) || !CHECKED.has(post.jekyll.skip)) return;
    for (const finding of checkSchemas(post, ctx.site, schemas)) report(finding);
  },
};

export default rule;
