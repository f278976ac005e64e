/**
 * Readability drops blocks from the middle of an article when their class
 * names look like page furniture (an embedded post in a "social-media-embed"
 * box) or its scores say so; on its own test pages, a whole section of a
 * manual. finews promises that nothing of the article is lost: a paragraph,
 * quote or preformatted block it dropped is put back where it was when its
 * container sat between two parts of the article Readability kept, at the
 * same level of the page (boxes of links between them or not). Blocks mostly
 * of links (related stories, share bars) and lone words ("Advertisement")
 * stay out, as do lists and tables.
 */
import type { CleanedElement } from './clutter.js';

export interface FlowElement extends CleanedElement {
  readonly tagName: string;
  readonly children: ArrayLike<FlowElement>;
}

/** Where the article's parts are found: the blocks kept or dropped are among these. */
const BLOCKS = 'p, blockquote, pre, table, ul, ol';
/** What is put back: prose, quotes and code, never lists or tables (share bars, layout). */
const RESTORED = new Set(['P', 'BLOCKQUOTE', 'PRE']);
/** At most this share of a restored block's text is link text. */
const MAX_LINK_SHARE = 0.5;
/** At least this many words (each CJK character one) in a restored block. */
const MIN_WORDS = 3;
/** Readability's presentational attributes, and `class`. */
const PRESENTATION = ['class', 'align', 'background', 'bgcolor', 'border', 'cellpadding', 'cellspacing', 'frame', 'hspace', 'rules', 'style', 'valign', 'vspace'];
const WORD = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|[\p{L}\p{N}]+/gu;

/** The page's blocks as they were before Readability moved them. */
export interface Flow {
  /** In document order. */
  blocks: FlowElement[];
  /** Each block's ancestors below `<body>`, the block first. */
  ancestors: Map<FlowElement, FlowElement[]>;
  /** Each element on those paths: its parent's element children, and where it stands among them. */
  rows: Map<FlowElement, { row: FlowElement[]; at: number }>;
}

/** Records the page's blocks before Readability moves them. */
export function recordFlow(body: FlowElement): Flow {
  const blocks = Array.from(body.querySelectorAll(BLOCKS)) as FlowElement[];
  const ancestors = new Map<FlowElement, FlowElement[]>();
  const rows = new Map<FlowElement, { row: FlowElement[]; at: number }>();
  for (const block of blocks) {
    const path: FlowElement[] = [];
    for (let up: FlowElement | null = block; up && up !== body; up = up.parentNode as FlowElement | null) {
      path.push(up);
      if (rows.has(up)) continue;
      const row = Array.from((up.parentNode as FlowElement).children);
      row.forEach((element, at) => rows.set(element, { row, at }));
    }
    ancestors.set(block, path);
  }
  return { blocks, ancestors, rows };
}

/** Puts back into `article` the blocks Readability dropped from between parts it kept. */
export function restoreDropped(article: CleanedElement, flow: Flow): void {
  const { blocks, ancestors, rows } = flow;
  const holdsKept = new Set<FlowElement>();
  const kept = new Set<FlowElement>();
  for (const block of blocks) {
    if (!article.contains(block)) continue;
    kept.add(block);
    for (const up of ancestors.get(block)!) holdsKept.add(up);
  }
  let anchor: FlowElement | undefined;
  for (const block of blocks) {
    if (kept.has(block)) {
      anchor = block;
      continue;
    }
    if (!anchor || anchor.contains(block) || !RESTORED.has(block.tagName.toUpperCase())) continue;
    const path = ancestors.get(block)!;
    // The outermost container dropped with the block: the child of the lowest ancestor that holds kept blocks.
    const at = path.findIndex((up) => holdsKept.has(up));
    if (at <= 0) continue;
    if (path.slice(1, at).some((up) => RESTORED.has(up.tagName.toUpperCase()))) continue; // goes back with its quote
    const { row, at: place } = rows.get(path[at - 1]!)!;
    if (!keptNeighbour(row, place, -1, holdsKept) || !keptNeighbour(row, place, 1, holdsKept)) continue;
    if (!prose(block)) continue;
    anchor.after(block);
    asReadabilityLeavesIt(block);
    anchor = block;
  }
}

function flat(text: string | null): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/** The nearest sibling with prose (not a box of links) in `row`, from `place` towards `step`, holds a part of the article Readability kept. */
function keptNeighbour(row: readonly FlowElement[], place: number, step: 1 | -1, holdsKept: ReadonlySet<FlowElement>): boolean {
  for (let i = place + step; i >= 0 && i < row.length; i += step) {
    if (holdsKept.has(row[i]!)) return true;
    if (prose(row[i]!)) return false;
  }
  return false;
}

/** Without the class names and presentation Readability strips from the blocks it keeps. */
function asReadabilityLeavesIt(block: FlowElement): void {
  for (const element of [block, ...Array.from(block.querySelectorAll('*'))]) {
    for (const name of PRESENTATION) element.removeAttribute(name);
  }
}

function prose(block: CleanedElement): boolean {
  const text = flat(block.textContent);
  if ((text.match(WORD)?.length ?? 0) < MIN_WORDS) return false;
  let linked = 0;
  for (const a of Array.from(block.querySelectorAll('a'))) linked += flat(a.textContent).length;
  return linked / text.length <= MAX_LINK_SHARE;
}
