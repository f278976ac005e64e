import type { Post } from '../post/parse.js';
import { stringifyPost } from '../post/stringify.js';
import { checkPost, type PostCheck } from './check.js';
import type { RuleContext } from './types.js';

/** ESLint's bound: fixes that keep enabling other fixes stop here. */
const MAX_PASSES = 10;

interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * Apply every fix the rules offer, in passes: fixes whose edits do not overlap
 * go together; the post is read again after each pass, so a fix that needs
 * another first (front matter moved to byte 0, then its date) follows.
 */
export function fixPost(post: Post, ctx: RuleContext, reparse: (text: string) => Post): { post: Post; check: PostCheck; text: string } {
  let check = checkPost(post, ctx);
  for (let pass = 0; pass < MAX_PASSES && check.fixes.length > 0; pass++) {
    const current = stringifyPost(post);
    const next = applyEdits(current, check.fixes.map((fix) => editOf(current, fix())));
    if (next === current) break;
    post = reparse(next);
    check = checkPost(post, ctx);
  }
  return { post, check, text: stringifyPost(post) };
}

/** The one range a fixed text changes: what lies between the common prefix and suffix. */
function editOf(current: string, fixed: string | null): Edit | null {
  if (fixed === null || fixed === current) return null;
  let start = 0;
  const max = Math.min(current.length, fixed.length);
  while (start < max && current.charCodeAt(start) === fixed.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < max - start && current.charCodeAt(current.length - 1 - tail) === fixed.charCodeAt(fixed.length - 1 - tail)) tail++;
  return { start, end: current.length - tail, text: fixed.slice(start, fixed.length - tail) };
}

function applyEdits(text: string, edits: (Edit | null)[]): string {
  const sorted = edits.filter((e): e is Edit => e !== null).sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const edit of sorted) {
    if (edit.start < at) continue; // overlaps one already taken: next pass
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + text.slice(at);
}
