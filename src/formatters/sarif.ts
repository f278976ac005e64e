import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ruleDocsUrl } from '../lint/rule-docs.js';
import type { Formatter, FormatterChunks } from '../lint/types.js';

const LEVEL = { error: 'error', warn: 'warning', off: 'none' } as const;

/**
 * SARIF 2.1.0 for code scanning. Findings are results under their rule; files
 * that could not be read are tool notifications, since no rule found them.
 * Written a result at a time: a run over 100 000 posts is never held whole.
 */
export const sarifChunks: FormatterChunks = function* (results, ctx) {
  const ruleIndex = new Map(ctx.rules.map((r, i) => [r.id, i]));
  const location = (filePath: string, line: number, column: number) => ({
    physicalLocation: { artifactLocation: artifactOf(ctx.cwd, filePath), region: { startLine: line, startColumn: column } },
  });
  const driver = {
    name: 'finews',
    version: ctx.version,
    rules: ctx.rules.map((r) => ({
      id: r.id,
      shortDescription: { text: r.description },
      ...helpOf(r.id),
      defaultConfiguration: { level: LEVEL[r.severity] },
      properties: { fixable: r.fixable },
    })),
  };
  const base = { '%SRCROOT%': { uri: pathToFileURL(ctx.cwd.endsWith(path.sep) ? ctx.cwd : ctx.cwd + path.sep).href } };
  yield `{"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0","runs":[{"tool":${JSON.stringify({ driver })},"originalUriBaseIds":${JSON.stringify(base)},"results":[`;
  const notifications: unknown[] = [];
  let first = true;
  for (const result of results) {
    for (const m of result.messages) {
      const level = m.severity === 2 ? 'error' : 'warning';
      if (m.ruleId === null) {
        notifications.push({ level, message: { text: m.message }, locations: [location(result.filePath, m.line, m.column)] });
        continue;
      }
      const finding = {
        ruleId: m.ruleId,
        ...(ruleIndex.has(m.ruleId) ? { ruleIndex: ruleIndex.get(m.ruleId) } : {}),
        level,
        message: { text: m.message },
        locations: [location(result.filePath, m.line, m.column)],
      };
      yield `${first ? '' : ','}\n${JSON.stringify(finding)}`;
      first = false;
    }
  }
  yield `\n],"invocations":${JSON.stringify([{ executionSuccessful: true, toolExecutionNotifications: notifications }])}}]}\n`;
};

export const sarif: Formatter = (results, ctx) => [...sarifChunks(results, ctx)].join('');

/** The rule's page, when the package names its repository (SARIF wants an absolute URI). */
function helpOf(id: string): { helpUri?: string } {
  const url = ruleDocsUrl(id);
  return url ? { helpUri: url } : {};
}

/** Relative to the checkout (what code scanning expects), each segment percent-encoded; outside it, a file URI. */
function artifactOf(cwd: string, file: string): { uri: string; uriBaseId?: string } {
  const rel = path.relative(cwd, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return { uri: pathToFileURL(file).href };
  return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}
