import type { Post } from '../post/parse.js';
import { keyPosition } from './position.js';
import { RULES_BY_ID } from './rules/index.js';
import type { LintMessage, Severity } from './types.js';

/**
 * An inline disable, as ESLint and markdownlint spell them, in an HTML
 * comment of the body (kramdown keeps it out of the page's text):
 *
 *     <!-- finews-disable-next-line link-empty -->
 *     [原文]()  <!-- finews-disable-line link-empty -->
 *     <!-- finews-disable link-empty, body-html --> … <!-- finews-enable link-empty -->
 *
 * or for the whole file, a front-matter key: `finews-disable: [duplicate-post]`.
 * No rule ids means every rule. One entry per rule named.
 */
export interface Directive {
  /** The rule disabled, or null for every rule. */
  rule: string | null;
  /** The lines it covers, 1-based, inclusive. */
  from: number;
  to: number;
  /** Where the directive stands, and how it is spelled, for the report of an unused one. */
  line: number;
  column: number;
  kind: string;
  used?: true;
}

/** To the end of the file (a number JSON carries, unlike Infinity). */
export const END = Number.MAX_SAFE_INTEGER;

/** The front-matter key that disables rules for the whole file. */
export const DISABLE_KEY = 'finews-disable';
const COMMENT = /<!--\s*(finews-(?:disable-next-line|disable-line|disable|enable))\b([^]*?)-->/g;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** The directives of a post; none (and no work) for the posts that have none. */
export function directivesOf(post: Post): Directive[] {
  const out: Directive[] = [];
  if (Object.hasOwn(post.data, DISABLE_KEY)) {
    const value = post.data[DISABLE_KEY];
    const rules = value === null || value === true ? [null] : typeof value === 'string' ? [value] : Array.isArray(value) ? value.map(String) : [null];
    const at = keyPosition(post, DISABLE_KEY);
    for (const rule of rules) out.push({ rule, from: 1, to: END, line: at.line, column: at.column, kind: DISABLE_KEY });
  }
  if (!post.body.includes('finews-')) return out;
  const lines = post.body.split('\n');
  let fence: string | null = null;
  // Open `finews-disable` blocks: rule (or null) → the directive it started.
  const open = new Map<string | null, Directive>();
  lines.forEach((text, i) => {
    const line = post.bodyLine + i;
    const f = FENCE.exec(text);
    if (f) {
      if (fence === null) fence = f[1]![0]!.repeat(f[1]!.length);
      else if (f[1]!.startsWith(fence)) fence = null;
      return;
    }
    // In a code block the comment is shown as text: it is no directive.
    if (fence !== null || !text.includes('finews-')) return;
    COMMENT.lastIndex = 0;
    for (let m = COMMENT.exec(text); m; m = COMMENT.exec(text)) {
      const kind = m[1]!;
      const ids = m[2]!.split(/[\s,]+/).filter(Boolean);
      const rules: (string | null)[] = ids.length ? ids : [null];
      const column = m.index + 1;
      for (const rule of rules) {
        const d: Directive = { rule, from: line, to: line, line, column, kind };
        if (kind === 'finews-disable-next-line') (d.from = line + 1), (d.to = line + 1);
        if (kind === 'finews-enable') {
          for (const [r, block] of open) {
            if (rule === null || r === rule) {
              block.to = line;
              open.delete(r);
            }
          }
          continue;
        }
        if (kind === 'finews-disable') {
          d.to = END;
          open.set(rule, d);
        }
        out.push(d);
      }
    }
  });
  return out;
}

/** Whether a directive covers this finding; the first that does is marked used. */
export function isDisabled(directives: readonly Directive[], ruleId: string | null, line: number): boolean {
  if (ruleId === null) return false; // a file that cannot be read is never silenced
  const d = directives.find((x) => (x.rule === null || x.rule === ruleId) && x.from <= line && line <= x.to);
  if (!d) return false;
  d.used = true;
  return true;
}

/**
 * ESLint's report of an unused disable directive (ruleId null, a warning by default):
 * a directive that silenced nothing hides the next real problem. A rule id
 * finews does not know is reported too.
 */
export function unusedDirectives(directives: readonly Directive[], severity: Severity = 'warn'): LintMessage[] {
  if (severity === 'off') return [];
  return directives
    .filter((d) => !d.used)
    .map((d) => ({
      ruleId: null,
      severity: severity === 'error' ? (2 as const) : (1 as const),
      message:
        d.rule !== null && !RULES_BY_ID.has(d.rule)
          ? `${d.kind} names "${d.rule}", which is no finews rule (finews rules lists them)`
          : `unused ${d.kind} directive (no problem${d.rule ? ` was reported by ${d.rule}` : ' was reported'}${d.kind === DISABLE_KEY ? '' : ' where it applies'})`,
      line: d.line,
      column: d.column,
    }));
}
