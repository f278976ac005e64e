import { parseFrontMatter, splitFrontMatter } from '../../post/frontmatter.js';
import type { Post } from '../../post/parse.js';
import { stringifyPost } from '../../post/stringify.js';
import { textLines } from '../text-lines.js';
import type { Rule } from '../types.js';

/**
 * markdownlint's MD009 (no-trailing-spaces) with its default `br_spaces: 2`:
 * two or more spaces ending a body line that the paragraph goes on after are
 * kramdown's hard line break (`<br />`), meant, and left alone.
 */
const rule: Rule = {
  id: 'trailing-spaces',
  description: 'spaces or tabs at the end of a line (markdownlint MD009; a Markdown line break of two spaces is kept)',
  severity: 'off',
  fixable: true,
  check(post, _ctx, report) {
    const trailing = trailingRuns(post);
    for (const run of trailing) {
      report({
        message: `${run.end - run.start} trailing ${run.text.includes('\t') ? 'white-space characters' : run.end - run.start === 1 ? 'space' : 'spaces'}`,
        line: run.line,
        column: run.column,
        fix: () => withoutTrailing(post, trailing),
      });
    }
  },
};

interface Run {
  line: number;
  column: number;
  start: number;
  end: number;
  text: string;
  inFrontMatter: boolean;
}

function trailingRuns(post: Post): Run[] {
  const text = post.text;
  const bodyStart = text.length - post.body.length;
  const lines = textLines(text);
  const runs: Run[] = [];
  lines.forEach((line, i) => {
    let start = line.end;
    while (start > line.start && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
    // A line of white space only is reported too: nothing is lost by emptying it.
    if (start === line.end) return;
    const run = text.slice(start, line.end);
    const next = lines[i + 1];
    const nextBlank = !next || text.slice(next.start, next.end).trim() === '';
    const inBody = line.start >= bodyStart;
    if (inBody && start > line.start && /^ {2,}$/.test(run) && !nextBlank) return; // a hard line break
    runs.push({ line: line.number, column: start - line.start + 1, start, end: line.end, text: run, inFrontMatter: !inBody });
  });
  return runs;
}

/**
 * The text without the trailing runs. In the front matter they go only if the
 * YAML still reads the same (a literal block keeps its trailing spaces).
 */
function withoutTrailing(post: Post, runs: readonly Run[]): string {
  const cut = (only: (r: Run) => boolean) => {
    let out = '';
    let at = 0;
    for (const r of runs) {
      if (!only(r)) continue;
      out += post.text.slice(at, r.start);
      at = r.end;
    }
    return out + post.text.slice(at);
  };
  let text = cut(() => true);
  if (runs.some((r) => r.inFrontMatter) && !sameFrontMatter(post, text)) text = cut((r) => !r.inFrontMatter);
  return stringifyPost({ bom: post.bom, frontMatter: null, body: text });
}

function sameFrontMatter(post: Post, text: string): boolean {
  const split = splitFrontMatter(text);
  const data = split ? parseFrontMatter(split.block, split.yaml).data : null;
  return JSON.stringify(data) === JSON.stringify(post.frontMatter?.data ?? null);
}

export default rule;
