/**
 * domino, like most DOM code, recurses over the tree, so a document nested
 * thousands of elements deep overflows the stack while it is being parsed.
 * This estimates the depth from the tags alone, in one linear pass, and when
 * it is beyond anything a real page has, drops the start and end tags below
 * the limit. Text is never dropped, so nothing visible is lost.
 */
export const MAX_DEPTH = 200;

const VOID = new Set('area base br col embed hr img input keygen link meta param source track wbr command'.split(' '));
/** Elements a later sibling closes implicitly: they do not deepen the tree. */
const SELF_CLOSING_SIBLINGS = new Set('p li dt dd tr td th option optgroup thead tbody tfoot colgroup rb rt rtc rp a'.split(' '));
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext']);
const TAG = /<(\/?)([A-Za-z][^\s/>]*)/y;

interface Tag {
  start: number;
  end: number;
  name: string;
  closing: boolean;
}

export function limitNesting(html: string, max = MAX_DEPTH): string {
  const tags = scanTags(html);
  let depth = 0;
  let deepest = 0;
  for (const tag of tags) {
    if (counts(tag)) depth = Math.max(0, depth + (tag.closing ? -1 : 1));
    deepest = Math.max(deepest, depth);
  }
  if (deepest <= max) return html;
  let out = '';
  let from = 0;
  depth = 0;
  for (const tag of tags) {
    if (!counts(tag)) continue;
    const level = tag.closing ? depth : depth + 1;
    depth = Math.max(0, depth + (tag.closing ? -1 : 1));
    if (level > max) {
      out += html.slice(from, tag.start);
      from = tag.end;
    }
  }
  return out + html.slice(from);
}

function counts(tag: Tag): boolean {
  return !VOID.has(tag.name) && !SELF_CLOSING_SIBLINGS.has(tag.name);
}

/**
 * Start and end tags in document order, skipping comments and the content of
 * raw-text elements. A tag ends at the next `>`; the position of that `>` is
 * remembered, so a document full of `<a` without `>` is still one pass.
 */
function scanTags(html: string): Tag[] {
  const tags: Tag[] = [];
  let nextGt = -2;
  let i = html.indexOf('<');
  while (i >= 0 && i < html.length) {
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4);
      if (end < 0) break;
      i = html.indexOf('<', end + 3);
      continue;
    }
    TAG.lastIndex = i;
    const m = TAG.exec(html);
    if (!m) {
      i = html.indexOf('<', i + 1);
      continue;
    }
    if (nextGt !== -1 && nextGt < i) nextGt = html.indexOf('>', i);
    if (nextGt < 0) break;
    const name = m[2]!.toLowerCase();
    const tag = { start: i, end: nextGt + 1, name, closing: m[1] === '/' };
    if (html[nextGt - 1] !== '/' || tag.closing) tags.push(tag);
    i = html.indexOf('<', tag.end);
    if (!tag.closing && RAW_TEXT.has(name)) {
      // toLowerCase() can change the length of some strings; a regex keeps offsets.
      const close = new RegExp(`</${name}`, 'gi');
      close.lastIndex = tag.end;
      const found = close.exec(html);
      if (!found) break;
      i = found.index;
    }
  }
  return tags;
}
