import path from 'node:path';
import { relativeTo } from '../fs/relative.js';
import type { Formatter } from '../lint/types.js';

/**
 * GitHub Actions workflow commands: each problem becomes an annotation on the
 * file and line in the pull request.
 */
export const github: Formatter = (results, ctx) => {
  const out: string[] = [];
  const shown = relativeTo(ctx.cwd);
  for (const result of results) {
    if (result.messages.length === 0) continue;
    const file = shown(result.filePath).split(path.sep).join('/');
    for (const m of result.messages) {
      const command = m.severity === 2 ? 'error' : 'warning';
      const props = `file=${property(file)},line=${m.line},col=${m.column},title=${property(m.ruleId ?? 'finews')}`;
      out.push(`::${command} ${props}::${data(m.message)}`);
    }
  }
  return out.length ? `${out.join('\n')}\n` : '';
};

/** The escapes of @actions/core: message data and property values. */
function data(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function property(s: string): string {
  return data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
