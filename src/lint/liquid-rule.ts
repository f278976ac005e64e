import { wrapInRaw } from '../liquid/post.js';
import { withBody } from '../post/stringify.js';
import type { Rule, Severity } from './types.js';

/**
 * A rule that reports the Liquid stage's findings under its id (the post model
 * found them: see src/liquid/post.ts). The fix wraps the span in
 * `{% raw %}…{% endraw %}`, so the reader sees it as written.
 */
export function liquidRule(id: 'liquid-syntax' | 'liquid-output', description: string, severity: Severity): Rule {
  return {
    id,
    description,
    severity,
    fixable: true,
    check(post, _ctx, report) {
      if (!post.liquid) return;
      const findings = post.liquid.findings.filter((f) => f.rule === id);
      const problems = post.problems.filter((p) => p.rule === id);
      findings.forEach((finding, i) => {
        const problem = problems[i]!;
        report({
          message: problem.message,
          line: problem.line,
          column: problem.column,
          ...(finding.fixable ? { fix: () => withBody(post, wrapInRaw(post.body, [finding])) } : {}),
        });
      });
    },
  };
}
