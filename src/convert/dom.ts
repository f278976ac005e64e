import { createRequire } from 'node:module';

/**
 * The slice of the DOM that finews uses, typed here because the project builds
 * without the DOM lib. The implementation is domino, the HTML5 parser turndown
 * itself runs on in Node, so the converter, turndown and the verifier all see
 * the same tree for the same markup.
 */
export interface DomNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly parentNode: DomNode | null;
  readonly firstChild: DomNode | null;
  readonly lastChild: DomNode | null;
  readonly nextSibling: DomNode | null;
  readonly previousSibling: DomNode | null;
  readonly childNodes: ArrayLike<DomNode>;
  readonly ownerDocument: DomDocument;
  textContent: string | null;
  nodeValue: string | null;
  removeChild(child: DomNode): DomNode;
  insertBefore(node: DomNode, reference: DomNode | null): DomNode;
  appendChild(node: DomNode): DomNode;
  cloneNode(deep?: boolean): DomNode;
  normalize(): void;
}

export interface DomText extends DomNode {
  data: string;
}

export interface DomElement extends DomNode {
  readonly tagName: string;
  readonly attributes: ArrayLike<{ readonly name: string; readonly value: string }>;
  readonly outerHTML: string;
  innerHTML: string;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  hasAttribute(name: string): boolean;
  getElementsByTagName(name: string): ArrayLike<DomElement>;
}

export interface DomDocument extends DomNode {
  readonly body: DomElement | null;
  readonly documentElement: DomElement | null;
  createElement(name: string): DomElement;
  createTextNode(data: string): DomText;
  createDocumentFragment(): DomNode;
  getElementsByTagName(name: string): ArrayLike<DomElement>;
}

interface Domino {
  createDocument(html?: string, force?: boolean): DomDocument;
}

const domino = createRequire(import.meta.url)('@mixmark-io/domino') as Domino;

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;
export const COMMENT_NODE = 8;

export function isElement(node: DomNode | null | undefined): node is DomElement {
  return node?.nodeType === ELEMENT_NODE;
}

export function isText(node: DomNode | null | undefined): node is DomText {
  return node?.nodeType === TEXT_NODE;
}

/** Lower-case tag name, '' for anything that is not an element. */
export function tagOf(node: DomNode | null | undefined): string {
  return isElement(node) ? node.nodeName.toLowerCase() : '';
}

/** A whole document, as a browser would build it from this text. */
export function parseDocument(html: string): DomDocument {
  return domino.createDocument(html, true);
}

/**
 * An HTML fragment parsed as the content of <body>: after `<body>` the parser
 * keeps everything in the body, a stray `</body>` or `</html>` included.
 */
export function parseFragment(html: string): DomElement {
  // Parsing in body context directly is cheaper than setting innerHTML, which
  // parses into a separate tree and then moves every node.
  const doc = domino.createDocument(`<!DOCTYPE html><body>${html}`, true);
  return doc.body ?? doc.createElement('body');
}

/**
 * Visit every node below `root` in document order without recursion: a
 * document nested 20 000 deep must not overflow the stack. `enter` may return
 * false to skip a subtree, and may remove or unwrap the node it is given: the
 * walk then goes on with whatever took its place.
 */
export function walk(root: DomNode, enter: (node: DomNode) => boolean | void, leave?: (node: DomNode) => void): void {
  let node: DomNode | null = root.firstChild;
  while (node) {
    const parent: DomNode = node.parentNode!;
    const previous: DomNode | null = node.previousSibling;
    const descend = enter(node) !== false;
    if (node.parentNode !== parent) {
      node = (previous ? previous.nextSibling : parent.firstChild) ?? ascend(parent, root, leave);
      continue;
    }
    if (descend && node.firstChild) {
      node = node.firstChild;
      continue;
    }
    leave?.(node);
    node = node.nextSibling ?? ascend(parent, root, leave);
  }
}

/** After the last child of `parent`: leave ancestors until one has a next sibling. */
function ascend(parent: DomNode, root: DomNode, leave?: (node: DomNode) => void): DomNode | null {
  let up: DomNode | null = parent;
  while (up && up !== root) {
    leave?.(up);
    if (up.nextSibling) return up.nextSibling;
    up = up.parentNode;
  }
  return null;
}

/** Replace an element by its children. */
export function unwrap(element: DomNode): void {
  const parent = element.parentNode;
  if (!parent) return;
  if (element.firstChild) parent.insertBefore(takeChildren(element), element);
  parent.removeChild(element);
}

/** Append all of `from`'s children to `to`. */
export function moveChildren(from: DomNode, to: DomNode): void {
  if (from.firstChild) to.appendChild(takeChildren(from));
}

/**
 * The children of a node, detached, in a fragment. Once domino has built a
 * child array (textContent does), removing the first child shifts the whole
 * array; removing the last does not, so they are taken from the end.
 */
function takeChildren(node: DomNode): DomNode {
  const children: DomNode[] = [];
  while (node.lastChild) children.push(node.removeChild(node.lastChild));
  const fragment = node.ownerDocument.createDocumentFragment();
  for (let i = children.length - 1; i >= 0; i--) fragment.appendChild(children[i]!);
  return fragment;
}

export function remove(node: DomNode): void {
  node.parentNode?.removeChild(node);
}
