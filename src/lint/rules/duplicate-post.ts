import * as crypto from 'node:crypto';
import { excerpt } from '../../excerpt.js';
import type { Post } from '../../post/parse.js';
import { defaultsFor } from '../../site/config.js';
import { keyPosition } from '../position.js';
import type { RuleContext, SiteKey, SiteRule } from '../types.js';

/** A line that is only an autolink: where scraped posts cite their source. Tried (sticky) where a line holds `<http`. */
const SOURCE_LINE = /^[ \t]*<(https?:\/\/[^\s<>]+)>[ \t]*\r?$/my;
/** Front-matter keys that name the original article. */
const SOURCE_KEYS = ['source_url', 'source', 'original_url', 'canonical_url'];

/**
 * One article in two posts is told by what only copies share:
 * - the same source link and the same text (a page scraped twice). A link alone
 *   is not enough: different articles cite one link, and a link hundreds of
 *   posts carry is a site footer, not a source;
 * - the same title and the same front-matter date (a copy from another feed).
 * Both within one language: a translation (another `lang`, or another folder
 * above `_posts`, as in `en/_posts` and `fr/_posts`) is not a duplicate.
 */
const rule: SiteRule = {
  id: 'duplicate-post',
  description: 'one article in two posts: the same source link and text, or the same title and date, in one language',
  severity: 'warn',
  fixable: false,
  keys(post, ctx) {
    // Only what Jekyll publishes (now or, for future posts, later) can be shown twice.
    if (post.jekyll.skip && post.jekyll.skip !== 'future') return [];
    const keys: SiteKey[] = [];
    const language = languageOf(post, ctx);
    const source = sourceLink(post);
    if (source) {
      // The text by its digest, with no copy when it has no CRLF.
      const trimmed = post.body.trim();
      const text = digest(trimmed.includes('\r\n') ? trimmed.replaceAll('\r\n', '\n') : trimmed);
      keys.push({ key: `source\u0000${language}\u0000${source.url}\u0000${text}`, line: source.line, label: `source link ${excerpt(source.url)} and text` });
    }
    const title = typeof post.data.title === 'string' ? post.data.title.trim() : '';
    if (title !== '' && post.jekyll.date && post.jekyll.dateSource === 'front-matter') {
      const date = post.jekyll.date.text;
      keys.push({ key: `title\u0000${language}\u0000${date}\u0000${title}`, line: keyPosition(post, 'title').line, label: `title "${excerpt(title)}" and date ${date}` });
    }
    return keys;
  },
  message: (label, others) => `${label}, as in ${others.join(', ')}: one article in two posts`,
};

/**
 * SHA-1 in native code, in one call where Node has crypto.hash (20.12): measured
 * cheaper than a Hash object per post, and than hashing the text in JavaScript.
 */
const digest: (text: string) => string =
  typeof crypto.hash === 'function' ? (text) => crypto.hash('sha1', text, 'base64') : (text) => crypto.createHash('sha1').update(text).digest('base64');

/** The post's `lang` (its own or from defaults) and the folders above its `_posts`. */
function languageOf(post: Post, ctx: RuleContext): string {
  const lang = Object.hasOwn(post.data, 'lang') ? post.data.lang : defaultsFor(ctx.site, post.path).lang;
  return `${typeof lang === 'string' ? lang : ''}\u0000${post.location.folderCategories.join('/')}`;
}

function sourceLink(post: Post): { url: string; line: number } | null {
  for (const key of SOURCE_KEYS) {
    const value = post.data[key];
    if (typeof value === 'string' && /^https?:\/\//.test(value.trim())) return { url: value.trim(), line: keyPosition(post, key).line };
  }
  const body = post.body;
  // The first line that matches: each line holding `<http` is tried from its start (the regex alone would try every line).
  for (let at = body.indexOf('<http'); at >= 0; at = body.indexOf('<http', at + 1)) {
    let start = at;
    while (start > 0 && (body[start - 1] === ' ' || body[start - 1] === '\t')) start--;
    if (start > 0 && !LINE_END.test(body[start - 1]!)) continue;
    SOURCE_LINE.lastIndex = start;
    const m = SOURCE_LINE.exec(body);
    if (m) return { url: m[1]!, line: post.bodyLine + newlines(body, start) };
  }
  return null;
}

/** What ends a line for `^` and `$` under the m flag. */
const LINE_END = /[\n\r\u2028\u2029]/;

function newlines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

export default rule;
