import { fieldPosition } from '../post/frontmatter.js';
import type { Post } from '../post/parse.js';

/** Where a top-level front-matter key stands in the file; the first line when it is absent. */
export function keyPosition(post: Post, key: string): { line: number; column: number } {
  return fieldPosition(post.frontMatter, key, 'key');
}

/** Front matter Jekyll reads as data: present, valid and accepted. */
export function hasReadableFrontMatter(post: Post): boolean {
  return post.frontMatter !== null && post.frontMatter.error === null && post.jekyll.readError === null;
}
