import type { Post } from '../post/parse.js';
import type { Site } from '../site/config.js';
import type { Layout } from '../site/layouts.js';
import type { ScopedSchema } from './schema.js';

export type Severity = 'error' | 'warn' | 'off';

/** What a rule hands to `report`; line and column are 1-based positions in the file. */
export interface Report {
  message: string;
  line?: number;
  column?: number;
  /**
   * The whole file's new text (BOM included when the post has one), computed
   * only under --fix. Must change nothing but the bytes of this one problem.
   */
  fix?: () => string | null;
}

export interface RuleContext {
  site: Site;
  settings: LintSettings;
  /** The layouts the site's `_layouts` holds, by name, or null when layouts may come from a theme. */
  layouts: ReadonlyMap<string, Layout> | null;
}

/** A rule that looks at one post. */
export interface Rule {
  id: string;
  description: string;
  severity: Severity;
  fixable: boolean;
  check(post: Post, ctx: RuleContext, report: (r: Report) => void): void;
}

/** Where a post stands for a cross-file rule: the key it shares with others and where to point. */
export interface SiteKey {
  key: string;
  line: number;
  /** Words that name the key in a message (`source link http://…`). */
  label: string;
}

/**
 * A rule over all posts: `keys` runs per file (in a worker), the engine groups
 * equal keys, `message` words the finding for each file of a group.
 */
export interface SiteRule {
  id: string;
  description: string;
  severity: Severity;
  fixable: false;
  keys(post: Post, ctx: RuleContext): SiteKey[];
  message(label: string, others: readonly string[]): string;
}

export type AnyRule = Rule | SiteRule;

export function isSiteRule(rule: AnyRule): rule is SiteRule {
  return 'keys' in rule;
}

/** `finews.lint` in `_config.yml`, with the command line's `--rule` applied. */
export interface LintSettings {
  /** Effective severity of every rule, by id. */
  severities: Readonly<Record<string, Severity>>;
  /** Front-matter keys `required-fields` asks for. */
  required: readonly string[];
  /** `finews.lint.ignore`: globs of files, relative to the site root, that lint leaves alone. */
  ignore?: readonly string[];
  /** `finews.lint.schema`, compiled (none when absent). */
  schemas?: readonly ScopedSchema[];
}

/** One finding, ESLint's message shape: severity 2 is an error, 1 a warning. */
export interface LintMessage {
  /** null for a file that could not be read at all (ESLint's fatal message). */
  ruleId: string | null;
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  fatal?: true;
  /** A fix exists for this message (ESLint's `fix`, without the edit itself). */
  fixable?: true;
}

/** ESLint's result shape, so tools that read ESLint JSON read finews'. */
export interface LintResult {
  /** Absolute path. */
  filePath: string;
  messages: LintMessage[];
  errorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
}

export interface FormatContext {
  cwd: string;
  color: boolean;
  /** Every rule, for SARIF's rule table. */
  rules: readonly Pick<AnyRule, 'id' | 'description' | 'severity' | 'fixable'>[];
  version: string;
}

export type Formatter = (results: readonly LintResult[], ctx: FormatContext) => string;

/** The same report in pieces, for reports of 100 000 files that should not be held whole. */
export type FormatterChunks = (results: readonly LintResult[], ctx: FormatContext) => Iterable<string>;
