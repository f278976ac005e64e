import { cutsExcerpt, excerptOf, excerptSeparator } from '../../liquid/excerpt.js';
import { stringifyPost } from '../../post/stringify.js';
import { defaultsFor } from '../../site/config.js';
import { showsExcerpts } from '../../site/excerpts.js';
import type { Rule } from '../types.js';

/**
 * CRLF is read as LF by Psych and kramdown, with one exception Jekyll shows:
 * the excerpt is cut at the first "\n\n" (the default excerpt_separator),
 * which a blank line written CRLF (`\r\n\r\n`) does not hold. The excerpt —
 * what feeds, home pages and jekyll-seo-tag's description show — then runs on
 * to a later LF blank line, or is the whole post. Reported when it differs so
 * and the site shows excerpts; a post with an `excerpt:` of its own is never cut.
 */
const rule: Rule = {
  id: 'line-endings',
  description: "CRLF line endings that move the post's excerpt: the first blank line, written CRLF, is not where Jekyll cuts it",
  severity: 'warn',
  fixable: true,
  check(post, ctx, report) {
    if (post.eol !== 'crlf' && post.eol !== 'mixed') return;
    const defaults = defaultsFor(ctx.site, post.path);
    if (!cutsExcerpt(post.data, defaults)) return;
    const separator = excerptSeparator({ ...defaults, ...post.data }, ctx.site.config);
    const cut = excerptOf(post.body, separator);
    const meant = excerptOf(post.body.replaceAll('\r\n', '\n'), separator);
    // The excerpt moves; it matters where the site shows it (a feed, an SEO description, a list of posts).
    if ((cut === null ? null : cut.replaceAll('\r\n', '\n')) === meant || !showsExcerpts(ctx.site)) return;
    const text = post.text;
    const first = text.indexOf('\r\n');
    const lineStart = first === 0 ? 0 : text.lastIndexOf('\n', first - 1) + 1;
    const crlf = text.split('\r\n').length - 1;
    const lines = text.split('\n').length - 1;
    const endings = post.eol === 'crlf' ? 'lines end in CRLF' : `mixed line endings: ${crlf} of ${lines} lines end in CRLF, the others in LF`;
    report({
      message: `${endings}: Jekyll's excerpt separator ${JSON.stringify(separator)} misses the CRLFs, so ${cut === null ? 'the excerpt is the whole post' : 'the excerpt runs past the first paragraph'}`,
      line: text.slice(0, lineStart).split('\n').length,
      column: first - lineStart + 1,
      // Only the CR of each CRLF goes; a lone CR is no line ending to Jekyll and stays.
      fix: () => stringifyPost({ bom: post.bom, frontMatter: null, body: text.replaceAll('\r\n', '\n') }),
    });
  },
};

export default rule;
