import type { Formatter } from '../lint/types.js';

/** ESLint's JSON: one array of results, as `eslint -f json` prints it. */
export const json: Formatter = (results) =>
  `${JSON.stringify(results.map((r) => ({ ...r, suppressedMessages: [], usedDeprecatedRules: [] })))}\n`;
