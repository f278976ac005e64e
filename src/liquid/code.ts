/**
 * Where a body holds code for the reader: Markdown fences (``` and ~~~),
 * inline code spans, HTML <code> and <pre>. Liquid runs before Markdown, so
 * Liquid written there is run, not shown. Found by line, as kramdown reads
 * fences and spans; indented code blocks are left out (a news post indents
 * prose as often as code).
 */

export interface Region {
  start: number;
  end: number;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HTML_CODE = /<(code|pre)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;

/** The code regions of a body, in order (they may overlap: a <code> inside a fence). */
export function codeRegions(body: string): Region[] {
  const regions: Region[] = [];
  let fence: { marker: string; start: number } | null = null;
  let paragraph = -1;
  let at = 0;
  const flushParagraph = (end: number) => {
    if (paragraph >= 0) inlineSpans(body, paragraph, end, regions);
    paragraph = -1;
  };
  while (at <= body.length) {
    let eol = body.indexOf('\n', at);
    if (eol < 0) eol = body.length;
    const line = body.slice(at, eol);
    const marker = FENCE.exec(line)?.[1];
    if (fence) {
      if (marker && marker[0] === fence.marker[0] && marker.length >= fence.marker.length && line.trim() === marker) {
        regions.push({ start: fence.start, end: eol });
        fence = null;
      }
    } else if (marker && (marker[0] === '~' || !line.slice(line.indexOf(marker) + marker.length).includes('`'))) {
      flushParagraph(at);
      fence = { marker, start: at };
    } else if (line.trim() === '') {
      flushParagraph(at);
    } else if (paragraph < 0) {
      paragraph = at;
    }
    if (eol === body.length) break;
    at = eol + 1;
  }
  if (fence) regions.push({ start: fence.start, end: body.length });
  else flushParagraph(body.length);
  HTML_CODE.lastIndex = 0;
  for (let m = HTML_CODE.exec(body); m; m = HTML_CODE.exec(body)) regions.push({ start: m.index, end: m.index + m[0].length });
  return regions.sort((a, b) => a.start - b.start);
}

/** Backtick code spans in one paragraph: a run of n backticks up to the next run of exactly n. */
function inlineSpans(body: string, start: number, end: number, regions: Region[]): void {
  const text = body.slice(start, end);
  const runs = [...text.matchAll(/`+/g)];
  for (let i = 0; i < runs.length; i++) {
    const open = runs[i]!;
    const close = runs.findIndex((r, j) => j > i && r[0].length === open[0].length);
    if (close < 0) continue;
    regions.push({ start: start + open.index, end: start + runs[close]!.index + runs[close]![0].length });
    i = close;
  }
}

/** Whether [start, end) lies within one of the regions. */
export function inRegions(regions: readonly Region[], start: number, end: number): boolean {
  return regions.some((r) => r.start <= start && end <= r.end);
}
