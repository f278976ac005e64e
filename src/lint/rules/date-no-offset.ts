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
});

/**
 * The author wrote site time; Jekyll read the same digits as UTC, so the UTC
 * fields of what it read are the wall time written. Append the offset the site
 * time zone has at that wall time, leaving the digits as they are.
 */
function addSiteOffset(post: Post, ctx: RuleContext): string | null {
  const fm = post.frontMatter;
  const value = fm ? field(fm, 'date')?.value : null;
  if (!fm || !value || post.jekyll.dateReadAs !== 'utc' || !post.jekyll.date) return null;
  const written = fm.block.slice(value.start, value.end);
  const wall = new Date(post.jekyll.date.epochSeconds * 1000);
  const wallMs = wall.getTime();
  const instant = instantFromWall(utcFields(wall), ctx.site.timezone);
  return withFrontMatterValue(post, 'date', `${written} ${formatOffset(Math.round((wallMs - instant) / 60_000))}`);
}
