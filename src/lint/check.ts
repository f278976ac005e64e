import type { Post } from '../post/parse.js';
import { directivesOf, isDisabled, type Directive } from './directives.js';
import { keyHash } from './key-hash.js';
import { RULES } from './rules/index.js';
import { isSiteRule, type LintMessage, type Report, type RuleContext } from './types.js';

/** A cross-file rule's key for one post, sent from the worker to the engine. */
export interface KeyFact {
  ruleId: string;
  /** keyHash of the rule's key. */
  key: [number, number];
  line: number;
  label: string;
}

export interface PostCheck {
  messages: LintMessage[];
  keys: KeyFact[];
  /** The fixed texts rules offer, in rule order. */
  fixes: (() => string | null)[];
  /** The post's inline disables (most posts have none); those used here are marked. */
  directives: Directive[];
}

/** Run every rule that is not off on one post. */
export function checkPost(post: Post, ctx: RuleContext): PostCheck {
  const messages: LintMessage[] = [];
  const keys: KeyFact[] = [];
  const fixes: (() => string | null)[] = [];
  const directives = directivesOf(post);
  // The rule being run: one report function serves them all.
  let ruleId = '';
  let level: 1 | 2 = 1;
  const report = (found: Report) => {
    // A disabled problem is neither reported nor fixed.
    if (directives.length > 0 && isDisabled(directives, ruleId, found.line ?? 1)) return;
    const fixable = found.fix !== undefined;
    if (fixable) fixes.push(found.fix!);
    messages.push({
      ruleId,
      severity: level,
      message: found.message,
      line: found.line ?? 1,
      column: found.column ?? 1,
      ...(fixable ? { fixable: true as const } : {}),
    });
  };
  // Jekyll does not read a file that is not UTF-8 ("invalid byte sequence"): anything but `encoding`
  // would be read off replacement characters, and writing them back would lose the file's bytes.
  for (const rule of RULES) {
    const severity = ctx.settings.severities[rule.id];
    if (severity === 'off' || severity === undefined) continue;
    if (!post.validUtf8 && rule.id !== 'encoding') continue;
    try {
      if (isSiteRule(rule)) {
        for (const k of rule.keys(post, ctx)) keys.push({ ruleId: rule.id, key: keyHash(k.key), line: k.line, label: k.label });
        continue;
      }
      ruleId = rule.id;
      level = severity === 'error' ? 2 : 1;
      rule.check(post, ctx, report);
    } catch (error) {
      // A rule that throws is a bug in finews: say where, keep the stack.
      throw new Error(`rule ${rule.id} failed on ${post.path}: ${(error as Error).message}`, { cause: error });
    }
  }
  return { messages, keys, fixes, directives };
}

/** Messages in file order, as ESLint sorts them. */
export function byPosition(a: LintMessage, b: LintMessage): number {
  return a.line - b.line || a.column - b.column || (a.ruleId ?? '').localeCompare(b.ruleId ?? '');
}
