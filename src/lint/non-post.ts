import type { Post } from '../post/parse.js';
import type { Site } from '../site/config.js';

/** Extensions of pages Jekyll renders besides Markdown: a file with one of these is meant as a post. */
const PAGE_EXTS = ['html', 'htm'];

/**
 * A file in `_posts` that is no post: no date in its name, no front matter,
 * not Markdown or HTML (an image, a README.txt). Jekyll's PostReader passes
 * over it without a word (checked with Jekyll 4.3: not a post, not copied
 * either), so lint says nothing of it. A file named like a post, or with
 * front matter, is still linted: it is a post Jekyll will skip or misread.
 */
export function isNonPostFile(post: Post, site: Site): boolean {
  const { location } = post;
  if (location.folder !== '_posts' || location.skip !== 'no-filename-date') return false;
  if (post.frontMatter || post.displacedFrontMatter >= 0 || post.frontMatterLanguage) return false;
  const ext = location.ext.replace(/^\./, '').toLowerCase();
  return !site.markdownExt.includes(ext) && !PAGE_EXTS.includes(ext);
}
