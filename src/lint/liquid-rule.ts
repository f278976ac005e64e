import { wrapInRaw } from '../liquid/post.js';
import { splitFrontMatter } from '../post/frontmatter.js';
import type { Post } from '../post/parse.js';
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
      const yamlEnd = displacedYamlEnd(post);
      findings.forEach((finding, i) => {
        const problem = problems[i]!;
        report({
          message: problem.message,
          line: problem.line,
          column: problem.column,
          ...(finding.fixable && finding.start >= yamlEnd ? { fix: () => withBody(post, wrapInRaw(post.body, [finding])) } : {}),
        });
      });
    },
  };
}

/**
 * Where displaced front matter ends (0 when there is none): Jekyll reads it as
 * body, and so as Liquid, but `front-matter-missing`'s fix makes it front
 * matter again, where `{% raw %}` would be text in a value: what stands there is
 * not wrapped, and is read again once the front matter is in place.
 */
function displacedYamlEnd(post: Post): number {
  if (post.displacedFrontMatter <= 0) return 0;
  return post.displacedFrontMatter + (splitFrontMatter(post.text.slice(post.displacedFrontMatter))?.block.length ?? 0);
}
