import type { Post } from '../post/parse.js';
import type { Rule, RuleContext, Severity } from './types.js';

interface ModelRuleSpec {
  id: string;
  description: string;
  severity: Severity;
  /** The fixed text of the whole file, or null when this post cannot be fixed. */
  fix?: (post: Post, ctx: RuleContext) => string | null;
  /** Whether `fix` can fix this post; "potentially fixable" must not promise what it cannot do. */
  canFix?: (post: Post) => boolean;
  /** Leave out a problem the model found (e.g. one the site's settings make harmless). */
  applies?: (post: Post, ctx: RuleContext) => boolean;
}

/**
 * A rule that reports what the post model already found under this rule id:
 * the model reads the post as Jekyll does, so the rule does not read it again.
 */
export function modelRule(spec: ModelRuleSpec): Rule {
  return {
    id: spec.id,
    description: spec.description,
    severity: spec.severity,
    fixable: spec.fix !== undefined,
    check(post, ctx, report) {
      if (spec.applies && !spec.applies(post, ctx)) return;
      const fix = spec.fix && (spec.canFix?.(post) ?? true) ? spec.fix : undefined;
      for (const problem of post.problems) {
        if (problem.rule !== spec.id) continue;
        report({
          message: problem.message,
          line: problem.line,
          column: problem.column,
          ...(fix ? { fix: () => fix(post, ctx) } : {}),
        });
      }
    },
  };
}
