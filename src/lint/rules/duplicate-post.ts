import type { Post } from '../../post/parse.js';
import { keyPosition } from '../position.js';
import type { SiteKey, SiteRule } from '../types.js';

/** A line that is only an autolink: where scraped posts cite their source. */
const SOURCE_LINE = /^[ \t]*<(https?:\/\/[^\s<>]+)>[ \t]*\r?$/m;
/** Front-matter keys that name the original article. */
const SOURCE_KEYS = ['source_url', 'source', 'original_url', 'canonical_url'];

const rule: SiteRule = {
  id: 'duplicate-post',
  description: 'one article in two posts: the same source link, or the same title and date',
  severity: 'warn',
  fixable: false,
  keys(post) {
    // Only what Jekyll publishes (now or, for future posts, later) can be shown twice.
    if (post.jekyll.skip && post.jekyll.skip !== 'future') return [];
    const keys: SiteKey[] = [];
    const source = sourceLink(post);
    if (source) keys.push({ key: `source\u0000${source.url}`, line: source.line, label: `source link ${source.url}` });
    const title = typeof post.data.title === 'string' ? post.data.title.trim() : '';
    if (title !== '' && post.jekyll.date && post.jekyll.dateSource === 'front-matter') {
      const date = post.jekyll.date.text;
      keys.push({ key: `title\u0000${date}\u0000${title}`, line: keyPosition(post, 'title').line, label: `title "${title}" and date ${date}` });
    }
    return keys;
  },
  message: (label, others) => `${label}, as in ${others.join(', ')}: one article in two posts`,
};

function sourceLink(post: Post): { url: string; line: number } | null {
  for (const key of SOURCE_KEYS) {
    const value = post.data[key];
    if (typeof value === 'string' && /^https?:\/\//.test(value.trim())) return { url: value.trim(), line: keyPosition(post, key).line };
  }
  const m = SOURCE_LINE.exec(post.body);
  if (!m) return null;
  return { url: m[1]!, line: post.bodyLine + post.body.slice(0, m.index).split('\n').length - 1 };
}

export default rule;
