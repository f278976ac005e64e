import { field } from '../../post/frontmatter.js';
import type { Post } from '../../post/parse.js';
import { withFrontMatterValue } from '../../post/stringify.js';
import { formatOffset, instantFromWall, utcFields } from '../../site/timezone.js';
import { modelRule } from '../model-rule.js';
import type { RuleContext } from '../types.js';

export default modelRule({
  id: 'date-no-offset',
  description: 'a date without a UTC offset: Jekyll reads it as UTC, not as site time',
  severity: 'warn',
  fix: addSiteOffset,
  // Read as UTC is what the author meant where the site's zone is UTC at that date (UTC, London in winter).
  applies: (post, ctx) => siteOffsetMinutes(post, ctx) !== 0,
});

/**
 * The offset (minutes) of the site time zone at the wall time written, which
 * Jekyll read as UTC; null when the post has no such date.
 */
function siteOffsetMinutes(post: Post, ctx: RuleContext): number | null {
  if (post.jekyll.dateReadAs !== 'utc' || !post.jekyll.date) return null;
  const wall = new Date(post.jekyll.date.epochSeconds * 1000);
  return Math.round((wall.getTime() - instantFromWall(utcFields(wall), ctx.site.timezone)) / 60_000);
}

/**
 * The author wrote site time; Jekyll read the same digits as UTC, so the UTC
 * fields of what it read are the wall time written. Append the offset the site
 * time zone has at that wall time, leaving the digits as they are.
 */
function addSiteOffset(post: Post, ctx: RuleContext): string | null {
  const fm = post.frontMatter;
  const value = fm ? field(fm, 'date')?.value : null;
  const offset = siteOffsetMinutes(post, ctx);
  if (!fm || !value || offset === null) return null;
  const written = fm.block.slice(value.start, value.end);
  return withFrontMatterValue(post, 'date', `${written} ${formatOffset(offset)}`);
}
