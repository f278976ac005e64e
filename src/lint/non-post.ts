import type { Post } from '../post/parse.js';

/**
 * A file in `_posts` that is no post: no date in its name and no front matter
 * (an image, a README.txt, the author's notes.md). Jekyll's PostReader passes
 * over it without a word (checked with Jekyll 4.3: not a post, not copied
 * either), and nothing in it says it was meant as one, so lint says nothing of
 * it. A file named like a post, or with front matter, is still linted: it is a
 * post Jekyll will skip or misread.
 */
export function isNonPostFile(post: Post): boolean {
  const { location } = post;
  if (location.folder !== '_posts' || location.skip !== 'no-filename-date') return false;
  return !post.frontMatter && post.displacedFrontMatter < 0 && !post.frontMatterLanguage;
}
