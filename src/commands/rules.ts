import kleur from 'kleur';
import { useColor, type Io } from '../io.js';
import { ruleDocsUrl, ruleScope } from '../lint/rule-docs.js';
import { RULES } from '../lint/rules/index.js';

export interface RulesOptions {
  json: boolean;
}

/** What `finews rules --json` prints for each rule. */
export interface RuleEntry {
  id: string;
  /** The default severity: error, warn or off. */
  severity: string;
  fixable: boolean;
  /** `one post`, or `the whole site` for rules that compare posts. */
  scope: string;
  description: string;
  /** The rule's page: `docs/rules/<id>.md` in the repository. */
  docs: string;
}

/** List every lint rule with its default severity, whether --fix fixes it, and one line. Exit 0. */
export function rules(options: RulesOptions, io: Io): number {
  const entries: RuleEntry[] = RULES.map((rule) => ({
    id: rule.id,
    severity: rule.severity,
    fixable: rule.fixable,
    scope: ruleScope(rule),
    description: rule.description,
    docs: ruleDocsUrl(rule.id) ?? `docs/rules/${rule.id}.md`,
  }));
  if (options.json) {
    io.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
    return 0;
  }
  const c = kleur as unknown as typeof kleur & { enabled: boolean };
  c.enabled = useColor(io);
  const idWidth = Math.max(...entries.map((e) => e.id.length));
  const paint = { error: c.red, warn: c.yellow, off: c.dim } as Record<string, (s: string) => string>;
  const lines = entries.map((e) => `${e.id.padEnd(idWidth)}  ${paint[e.severity]!(e.severity.padEnd(5))}  ${e.fixable ? 'fix' : '   '}  ${e.description}`);
  lines.push('', c.dim(`Each rule's page: docs/rules/<id>.md. Severities: finews.lint.rules in _config.yml or --rule <id>:<severity>.`));
  io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
