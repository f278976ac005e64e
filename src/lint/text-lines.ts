/**
 * Lines of a post's text for the text-hygiene rules (trailing-spaces,
 * final-newline, blank-lines-at-end): where each line starts and ends, its
 * end of line not included, 1-based numbers as a finding reports them.
 */
export interface TextLine {
  /** 1-based. */
  number: number;
  start: number;
  /** Where the line's text ends: before its `\r\n` or `\n`, or at the end of the text. */
  end: number;
}

export function textLines(text: string): TextLine[] {
  const lines: TextLine[] = [];
  let start = 0;
  for (let number = 1; ; number++) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) {
      lines.push({ number, start, end: text.length });
      return lines;
    }
    lines.push({ number, start, end: nl > start && text[nl - 1] === '\r' ? nl - 1 : nl });
    start = nl + 1;
  }
}
