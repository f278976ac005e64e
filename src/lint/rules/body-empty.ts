import { defaultsFor } from '../../site/config.js';
import { mayShowBody, postLayout, playsOwnMedium } from '../../site/layouts.js';
import type { Post } from '../../post/parse.js';
import type { Rule, RuleContext } from '../types.js';
import { usesRedirectFrom } from '../url-keep.js';

const rule: Rule = {
  id: 'body-empty',
  description: 'a post with no body text (where its page would show one)',
  severity: 'warn',
  fixable: false,
  check(post, ctx, report) {
    // A stub Jekyll writes no page for (published: false, a draft) is what its author fills in later.
    if (post.jekyll.skip === 'unpublished' || post.jekyll.skip === 'draft') return;
    if (post.body.trim() !== '' || bodyNeverShown(post, ctx)) return;
    report({ message: post.text.trim() === '' ? 'the file is empty' : 'the post has no body text', line: post.bodyLine, column: 1 });
  },
};

/**
 * Some sites keep posts as data for other pages (a portfolio's cards, a list of
 * sources) and never show their bodies: the post's layout does not name
 * `content`, names it only where the post's front matter does not lead (a link
 * post's `{% if page.link %}` shows the source instead), or
 * jekyll-redirect-from turns the page into a redirect. Others show the post's
 * own fields on its page (a podcast episode's player and description), and the
 * body is an optional note. An empty body is then what the site means.
 */
function bodyNeverShown(post: Post, ctx: RuleContext): boolean {
  if (post.data.redirect_to !== undefined && post.data.redirect_to !== null && usesRedirectFrom(ctx.site)) return true;
  const { layout } = postLayout(post, ctx.site);
  if (layout === null || layout === undefined) return false;
  const known = ctx.layouts?.get(String(layout));
  if (known === undefined) return false;
  const defaults = defaultsFor(ctx.site, post.path);
  return !mayShowBody(known, post.data, defaults) || playsOwnMedium(known, post.data, defaults);
}

export default rule;
