import { findPair, positionOf } from '../post/frontmatter.js';
import type { Post } from '../post/parse.js';

/** Where a top-level front-matter key stands in the file; the first line when it is absent. */
export function keyPosition(post: Post, key: string): { line: number; column: number } {
  const pair = post.frontMatter ? findPair(post.frontMatter, key) : null;
  const node = pair?.key as { range?: [number, number, number] } | null | undefined;
  return node?.range ? positionOf(post.frontMatter!, node.range[0]) : { line: 1, column: 1 };
}

/** Front matter Jekyll reads as data: present, valid and accepted. */
export function hasReadableFrontMatter(post: Post): boolean {
  return post.frontMatter !== null && post.frontMatter.error === null && post.jekyll.readError === null;
}
