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
      // Each cell and its width measured once; a file's rows then padded to its widest.
      const { messages } = result;
      const at: string[] = [];
      const texts: string[] = [];
      const textWidths: number[] = [];
      let atWidth = 0;
      let severityWidth = 0;
      let textWidth = 0;
      for (const m of messages) {
        const position = `${m.line}:${m.column}`;
        const text = oneLine(m.message);
        const width = displayWidth(text);
        at.push(position);
        texts.push(text);
        textWidths.push(width);
        atWidth = Math.max(atWidth, position.length);
        severityWidth = Math.max(severityWidth, m.severity === 2 ? 5 : 7);
        textWidth = Math.max(textWidth, width);
      }
      messages.forEach((m, i) => {
        const severity = m.severity === 2 ? 'error' : 'warning';
        const cells = [' '.repeat(atWidth - at[i]!.length) + at[i], severity + ' '.repeat(severityWidth - severity.length), texts[i] + ' '.repeat(textWidth - textWidths[i]!)];
        out.push(`  ${c.dim(cells[0]!)}  ${paint(c, m, cells[1]!)}  ${cells[2]}  ${c.dim(m.ruleId ?? '')}`.trimEnd());
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
