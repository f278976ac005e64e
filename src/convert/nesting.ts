/**
 * domino, like most DOM code, recurses over the tree, so a document nested
 * thousands of elements deep overflows the stack while it is being parsed.
 * This estimates the depth from the tags alone, in one linear pass, and when
 * it is beyond anything a real page has, drops the start and end tags below
 * the limit. Text is never dropped, so nothing visible is lost.
 */
export const MAX_DEPTH = 100;

const VOID = new Set('area base br col embed hr img input keygen link meta param source track wbr command'.split(' '));
/** Elements a later sibling closes implicitly: they do not deepen the tree. */
const SELF_CLOSING_SIBLINGS = new Set('p li dt dd tr td th option optgroup thead tbody tfoot colgroup rb rt rtc rp a'.split(' '));
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext']);
const TAG = /<(\/?)([A-Za-z][^\s/>]*)/y;

type TagVisitor = (start: number, end: number, name: string, closing: boolean) => void;

export function limitNesting(html: string, max = MAX_DEPTH): string {
  let depth = 0;
  let deepest = 0;
  forEachTag(html, (_start, _end, name, closing) => {
    if (!counts(name)) return;
    depth = Math.max(0, depth + (closing ? -1 : 1));
    if (depth > deepest) deepest = depth;
  });
  if (deepest <= max) return html;
  const parts: string[] = [];
  let from = 0;
  depth = 0;
  forEachTag(html, (start, end, name, closing) => {
    if (!counts(name)) return;
    const level = closing ? depth : depth + 1;
    depth = Math.max(0, depth + (closing ? -1 : 1));
    if (level > max) {
      parts.push(html.slice(from, start));
      from = end;
    }
  });
  parts.push(html.slice(from));
  return parts.join('');
}

function counts(name: string): boolean {
  return !VOID.has(name) && !SELF_CLOSING_SIBLINGS.has(name);
}

/**
 * Start and end tags in document order, skipping comments and the content of
 * raw-text elements. A tag ends at the next `>`; the position of that `>` is
 * remembered, so a document full of `<a` without `>` is still one pass.
 */
function forEachTag(html: string, visit: TagVisitor): void {
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
    const closing = m[1] === '/';
    const end = nextGt + 1;
    if (closing || html[nextGt - 1] !== '/') visit(i, end, name, closing);
    i = html.indexOf('<', end);
    if (!closing && RAW_TEXT.has(name)) {
      // toLowerCase() can change the length of some strings; a regex keeps offsets.
      const close = new RegExp(`</${name}`, 'gi');
      close.lastIndex = end;
      const found = close.exec(html);
      if (!found) break;
      i = found.index;
    }
  }
}
