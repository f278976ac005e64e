import { isElement, tagOf, walk, type DomElement, type DomNode } from './dom.js';

/**
 * Formatting around blocks (`<small><div>…</div><div>…</div></small>`,
 * `<em><p>…</p><p>…</p></em>`): Markdown has no inline markup that spans
 * paragraphs, so the element goes down into the blocks, around each run of
 * inline content, which is how a browser shows it. Innermost first, so an
 * element around another that holds blocks finds it already distributed.
 *
 * A heading around a list or paragraphs (`<h3><ol><li>…</li></ol></h3>`)
 * goes the same way, into each item: one line of heading would show the
 * list's markers as text and run its items together.
 *
 * `blocks`: the block elements; `opaque`: elements kept as HTML, which stay
 * whole (a block of their own, outside the formatting). Only the first
 * piece keeps the element's id.
 */
export function distributeOverBlocks(root: DomElement, wrappers: ReadonlySet<string>, blocks: ReadonlySet<string>, opaque: ReadonlySet<DomElement>): void {
  const candidates: DomElement[] = [];
  walk(root, (node) => {
    if (!isElement(node)) return;
    if (opaque.has(node)) return false;
    if (wrappers.has(tagOf(node))) candidates.push(node);
    return undefined;
  });
  const holdsBlock = (element: DomElement) => Array.prototype.some.call(element.getElementsByTagName('*'), (el: DomElement) => blocks.has(tagOf(el)) || opaque.has(el));
  const blockish = (node: DomNode) => isElement(node) && (blocks.has(tagOf(node)) || opaque.has(node) || holdsBlock(node));
  let pieces = 0;
  const wrapRuns = (container: DomNode, model: DomElement) => {
    for (let child = container.firstChild; child; ) {
      if (blockish(child)) {
        if (!opaque.has(child as DomElement)) wrapRuns(child, model);
        child = child.nextSibling;
        continue;
      }
      let end = child;
      while (end.nextSibling && !blockish(end.nextSibling)) end = end.nextSibling;
      const after = end.nextSibling;
      if (hasVisible(child, after)) {
        const clone = model.cloneNode(false) as DomElement;
        if (pieces++ > 0) for (const id of ['id', 'data-finews-id']) clone.removeAttribute(id);
        container.insertBefore(clone, child);
        for (let n: DomNode | null = child; n && n !== after; ) {
          const next: DomNode | null = n.nextSibling;
          clone.appendChild(n);
          n = next;
        }
      }
      child = after;
    }
  };
  for (const element of candidates.reverse()) {
    if (!element.parentNode || !holdsBlock(element)) continue;
    pieces = 0;
    wrapRuns(element, element);
    const parent = element.parentNode;
    while (element.firstChild) parent.insertBefore(element.firstChild, element);
    parent.removeChild(element);
  }
}

/** Whether the nodes from `from` up to `to` show anything: text or an image. */
function hasVisible(from: DomNode, to: DomNode | null): boolean {
  for (let n: DomNode | null = from; n && n !== to; n = n.nextSibling) {
    if ((n.textContent ?? '').trim() !== '') return true;
    if (isElement(n) && (tagOf(n) === 'img' || n.getElementsByTagName('img').length > 0)) return true;
  }
  return false;
}

/**
 * The HTML of an element kept inline (its content is not Markdown to
 * kramdown), with the HTML its placeholders stand for: on one line, since a blank line would end the paragraph and a
 * line break could start a block.
 */
export function inlineSource(element: DomElement, kept: readonly string[], placeholders: readonly string[]): string {
  const pattern = new RegExp(`<(${placeholders.join('|')}) data-index="(\\d+)">html</\\1>`, 'g');
  return element.outerHTML.replace(pattern, (_m, _name: string, i: string) => kept[Number(i)] ?? '').replace(/[ \t]*(?:\r\n?|\n)[ \t\r\n]*/g, ' ');
}

/** The outermost elements of `root` that `test` picks. */
export function outermost(root: DomElement, test: (element: DomElement) => boolean): DomElement[] {
  const found: DomElement[] = [];
  walk(root, (node) => {
    if (!isElement(node)) return;
    if (test(node)) {
      found.push(node);
      return false;
    }
    return undefined;
  });
  return found;
}
