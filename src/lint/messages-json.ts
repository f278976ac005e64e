import type { LintMessage } from './types.js';

/**
 * The JSON text a cached post's messages were read from, as the cache keeps
 * it (what `asciiJson(JSON.stringify(messages))` writes): the JSON report
 * writes it as it is rather than write the list again. A list the run changes
 * (a cross-file finding added, a disabled one dropped, --quiet) is a new
 * array, and has no text here.
 */
export const MESSAGES_JSON = new WeakMap<readonly LintMessage[], string>();
