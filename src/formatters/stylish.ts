import { relativeTo } from '../fs/relative.js';
import kleur from 'kleur';
import type { Formatter, LintMessage } from '../lint/types.js';

/**
 * ESLint's stylish: files in turn, a row per problem
 * (`line:col  severity  message  rule-id`), then a summary.
 */
export const stylish: Formatter = (results, ctx) => {
  const c = kleur as typeof kleur & { enabled: boolean };
  const was = c.enabled;
  c.enabled = ctx.color;
  try {
    const out: string[] = [];
    const shown = relativeTo(ctx.cwd);
    let errors = 0;
    let warnings = 0;
    let fixableErrors = 0;
    let fixableWarnings = 0;
    for (const result of results) {
      if (result.messages.length === 0) continue;
      errors += result.errorCount;
      warnings += result.warningCount;
      fixableErrors += result.fixableErrorCount;
      fixableWarnings += result.fixableWarningCount;
      out.push('', c.underline(shown(result.filePath)));
      const rows = result.messages.map((m) => [`${m.line}:${m.column}`, m.severity === 2 ? 'error' : 'warning', oneLine(m.message), m.ruleId ?? ''] as const);
      const widths = [0, 1, 2].map((col) => Math.max(...rows.map((r) => displayWidth(r[col]!))));
      rows.forEach((row, i) => {
        const m = result.messages[i]!;
        const cells = [pad(row[0], widths[0]!, 'start'), pad(row[1], widths[1]!), pad(row[2], widths[2]!)];
        out.push(`  ${c.dim(cells[0]!)}  ${paint(c, m, cells[1]!)}  ${cells[2]}  ${c.dim(row[3])}`.trimEnd());
      });
    }
    const total = errors + warnings;
    if (total === 0) return '';
    const noun = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    const mark = errors > 0 ? c.red().bold : c.yellow().bold;
    out.push('', mark(`\u2716 ${noun(total, 'problem')} (${noun(errors, 'error')}, ${noun(warnings, 'warning')})`));
    if (fixableErrors + fixableWarnings > 0) {
      out.push(mark(`  ${noun(fixableErrors, 'error')} and ${noun(fixableWarnings, 'warning')} potentially fixable with the \`--fix\` option.`));
    }
    return `${out.join('\n')}\n`;
  } finally {
    c.enabled = was;
  }
};

function paint(c: typeof kleur, m: LintMessage, text: string): string {
  return m.severity === 2 ? c.red(text) : c.yellow(text);
}

function oneLine(s: string): string {
  return s.includes('\n') || s.includes('\r') ? s.replace(/\s*[\r\n]+\s*/g, ' ') : s;
}

function pad(s: string, width: number, side: 'start' | 'end' = 'end'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return side === 'start' ? fill + s : s + fill;
}

const ASCII = /^[\x00-\x7f]*$/;

/** Columns a string takes in a terminal: East Asian wide and full-width characters take two. */
export function displayWidth(s: string): number {
  if (ASCII.test(s)) return s.length;
  let width = 0;
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    width +=
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf && code !== 0x303f) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      (code >= 0x1f300 && code <= 0x1f64f) ||
      (code >= 0x20000 && code <= 0x3fffd)
        ? 2
        : 1;
  }
  return width;
}
