import { MESSAGES_JSON } from '../lint/messages-json.js';
import { ruleMeta } from '../lint/rule-docs.js';
import type { Formatter, FormatterChunks, LintResult } from '../lint/types.js';

/**
 * ESLint's JSON: one array of results, as `eslint -f json` prints it. Non-ASCII
 * is written as \\u escapes: the same JSON to any reader, and each piece stays
 * a one-byte string (half the memory of a UTF-16 one).
 */
export const jsonChunks: FormatterChunks = function* (results) {
  yield '[';
  for (let i = 0; i < results.length; i++) yield (i ? ',' : '') + resultJson(results[i]!);
  yield ']\n';
};

/**
 * ESLint's `json-with-metadata`: `{ results, metadata: { cwd, rulesMeta } }`,
 * each rule's meta with its description, fixability and page (`docs.url`).
 */
export const jsonWithMetadataChunks: FormatterChunks = function* (results, ctx) {
  yield '{"results":';
  yield* jsonChunks(results, ctx);
  const rulesMeta = Object.fromEntries(ctx.rules.map((rule) => [rule.id, ruleMeta(rule)]));
  yield `,"metadata":${JSON.stringify({ cwd: ctx.cwd, rulesMeta })}}\n`;
};

export const json: Formatter = (results, ctx) => [...jsonChunks(results, ctx)].join('');

function resultJson(r: LintResult): string {
  // Most posts of a site are clean: their JSON is the same but for the path (the key order is LintResult's, as JSON.stringify writes it).
  if (r.messages.length === 0 && r.errorCount + r.warningCount + r.fixableErrorCount + r.fixableWarningCount === 0) return asciiJson(`{"filePath":${JSON.stringify(r.filePath)}${CLEAN}`);
  const cached = MESSAGES_JSON.get(r.messages);
  if (cached !== undefined) {
    const counts = `"errorCount":${r.errorCount},"warningCount":${r.warningCount},"fixableErrorCount":${r.fixableErrorCount},"fixableWarningCount":${r.fixableWarningCount}`;
    return `${asciiJson(`{"filePath":${JSON.stringify(r.filePath)}`)},"messages":${cached},${counts},"suppressedMessages":[],"usedDeprecatedRules":[]}`;
  }
  const body = JSON.stringify(r);
  // ESLint's last two keys, which readers of its JSON may expect.
  const text = `${body.slice(0, -1)},"suppressedMessages":[],"usedDeprecatedRules":[]}`;
  return asciiJson(text);
}

const CLEAN = ',"messages":[],"errorCount":0,"warningCount":0,"fixableErrorCount":0,"fixableWarningCount":0,"suppressedMessages":[],"usedDeprecatedRules":[]}';

/** JSON text with every non-ASCII character as a \u escape: the same JSON to any reader, one byte a character in memory. */
export function asciiJson(text: string): string {
  return /[^\x00-\x7f]/.test(text) ? text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : text;
}
