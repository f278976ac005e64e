import type { KeyFact } from './check.js';
import type { FileOutcome } from './lint-file.js';
import { RULES } from './rules/index.js';
import type { Directive } from './directives.js';
import type { LintMessage } from './types.js';
import type { UrlMove } from './url-keep.js';

/**
 * A batch's outcomes packed for the trip between threads: two strings and a
 * number array instead of an object per finding and per key. Over 100 000
 * posts that keeps the main thread's garbage, and so its heap, small; and
 * JSON copies every string, so nothing sliced from a post keeps the post alive.
 */
export interface PackedBatch {
  indices: number[];
  /** JSON of each file's messages, 0 for none. */
  messages: string;
  /** Five numbers per key: file index, rule index (in RULES), the two hashes, line. */
  keys: Float64Array;
  /** The keys' labels, joined by NUL, in key order. */
  labels: string;
  /** JSON of each file's diff, 0 for none; null when the batch has no diff. */
  diffs: string | null;
  /** JSON of each file's URL move under a fix, 0 for none; null when the batch has none. */
  moves?: string | null;
  /** JSON of each file's inline disables, 0 for none; null when the batch has none. */
  directives?: string | null;
  /** Each file's FileOutcome.until (for --cache). */
  until?: number[];
}

const RULE_INDEX = new Map(RULES.map((r, i) => [r.id, i]));
const KEY_WIDTH = 5;

export function packBatch(indices: number[], outcomes: FileOutcome[]): PackedBatch {
  const count = outcomes.reduce((n, o) => n + o.keys.length, 0);
  const keys = new Float64Array(count * KEY_WIDTH);
  const labels: string[] = [];
  let at = 0;
  outcomes.forEach((o, k) => {
    for (const fact of o.keys) {
      keys.set([indices[k]!, RULE_INDEX.get(fact.ruleId)!, fact.key[0], fact.key[1], fact.line], at);
      at += KEY_WIDTH;
      labels.push(fact.label);
    }
  });
  const anyDiff = outcomes.some((o) => o.diff);
  return {
    indices,
    messages: JSON.stringify(outcomes.map((o) => (o.messages.length ? o.messages : 0))),
    keys,
    labels: labels.join('\u0000'),
    diffs: anyDiff ? JSON.stringify(outcomes.map((o) => o.diff ?? 0)) : null,
    moves: outcomes.some((o) => o.move) ? JSON.stringify(outcomes.map((o) => o.move ?? 0)) : null,
    directives: outcomes.some((o) => o.directives) ? JSON.stringify(outcomes.map((o) => o.directives ?? 0)) : null,
    until: outcomes.map((o) => o.until ?? 0),
  };
}

/** The keys of a packed batch, each with its label read only when asked for (a fresh copy). */
export function* batchKeys(batch: PackedBatch): Generator<{ file: number; fact: Omit<KeyFact, 'label'>; label: () => string }> {
  let labels: string[] | null = null;
  for (let k = 0; k * KEY_WIDTH < batch.keys.length; k++) {
    const at = k * KEY_WIDTH;
    const n = k;
    yield {
      file: batch.keys[at]!,
      fact: { ruleId: RULES[batch.keys[at + 1]!]!.id, key: [batch.keys[at + 2]!, batch.keys[at + 3]!], line: batch.keys[at + 4]! },
      // JSON round trip: a copy that does not hold on to the batch's whole label string.
      label: () => JSON.parse(JSON.stringify((labels ??= batch.labels.split('\u0000'))[n]!)) as string,
    };
  }
}

/** Each file's messages, diff and URL move, for the files that have any. */
export function* batchFindings(
  batch: Pick<PackedBatch, 'indices' | 'messages' | 'diffs' | 'moves' | 'directives'>,
): Generator<{ file: number; messages: LintMessage[] | null; diff: string | null; move: UrlMove | null; directives: Directive[] | null }> {
  const messages = JSON.parse(batch.messages) as (LintMessage[] | 0)[];
  const diffs = batch.diffs ? (JSON.parse(batch.diffs) as (string | 0)[]) : null;
  const moves = batch.moves ? (JSON.parse(batch.moves) as (UrlMove | 0)[]) : null;
  const directives = batch.directives ? (JSON.parse(batch.directives) as (Directive[] | 0)[]) : null;
  for (let k = 0; k < batch.indices.length; k++) {
    const m = messages[k];
    const d = diffs?.[k];
    const u = moves?.[k];
    const x = directives?.[k];
    if (m || d || u || x) yield { file: batch.indices[k]!, messages: m || null, diff: d || null, move: u || null, directives: x || null };
  }
}
