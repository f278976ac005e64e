import path from 'node:path';
import { ConfigError, UsageError } from '../errors.js';
import type { Site } from '../site/config.js';
import { unknownName } from '../settings/suggest.js';
import { RULES, RULES_BY_ID } from './rules/index.js';
import { compileSchemas, SchemaSettingError, type ScopedSchema } from './schema.js';
import type { LintSettings, Severity } from './types.js';

export const SEVERITIES: readonly Severity[] = ['error', 'warn', 'off'];
/** Nothing: Jekyll builds a post from its file name alone (docs/rules/required-fields.md says why). */
export const DEFAULT_REQUIRED: readonly string[] = [];

/**
 * Rule severities and options: each rule's default, then `finews.lint` in
 * `_config.yml`, then `--rule id:severity` from the command line.
 */
export function lintSettings(site: Site, ruleArgs: readonly string[] = [], cwd = process.cwd()): LintSettings {
  const shown = site.configFile ? path.relative(cwd, site.configFile) || site.configFile : '_config.yml';
  const fail = (message: string): never => {
    const key = /^finews\.(lint[\w.-]*)/.exec(message)?.[1];
    throw new ConfigError(message, shown, key ? (site.settingLines[key] ?? site.settingLines.lint) : site.settingLines.lint);
  };
  const raw = site.finews.lint ?? {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail('finews.lint must be a mapping (rules, required, ignore)');
  const lint = raw as Record<string, unknown>;

  const severities: Record<string, Severity> = Object.fromEntries(RULES.map((r) => [r.id, r.severity]));
  const rules = lint.rules ?? {};
  if (typeof rules !== 'object' || rules === null || Array.isArray(rules)) fail('finews.lint.rules must map rule ids to error, warn or off');
  for (const [id, value] of Object.entries(rules as Record<string, unknown>)) {
    const severity = severityOf(value);
    const problem = ruleProblem(id) ?? (severity ? null : severityProblem(value));
    if (problem) fail(`finews.lint.rules.${id}: ${problem}`);
    severities[id] = severity!;
  }

  let required: readonly string[] = DEFAULT_REQUIRED;
  if (lint.required !== undefined && lint.required !== null) {
    if (!Array.isArray(lint.required) || !lint.required.every((f) => typeof f === 'string' && f !== '')) {
      fail('finews.lint.required must be a list of front-matter keys, e.g. [layout, title, date]');
    }
    required = lint.required as string[];
  }

  let ignore: string[] = [];
  if (lint.ignore !== undefined && lint.ignore !== null) {
    if (!Array.isArray(lint.ignore) || !lint.ignore.every((g) => typeof g === 'string' && g !== '')) {
      fail('finews.lint.ignore must be a list of globs relative to the site, e.g. ["_posts/archive/**"]');
    }
    ignore = lint.ignore as string[];
  }

  let schemas: ScopedSchema[];
  try {
    schemas = compileSchemas(lint.schema, site);
  } catch (error) {
    if (!(error instanceof SchemaSettingError)) throw error;
    fail(error.message.startsWith('finews.') ? error.message : `finews.lint.schema: ${error.message}`);
  }

  for (const arg of ruleArgs) {
    const at = arg.lastIndexOf(':');
    const id = arg.slice(0, at).trim();
    const value = arg.slice(at + 1).trim();
    const severity = severityOf(value);
    const problem = at < 0 ? 'expected id:severity, e.g. date-no-offset:error' : (ruleProblem(id) ?? (severity ? null : severityProblem(value)));
    if (problem) throw new UsageError(`--rule ${arg}: ${problem}`);
    severities[id] = severity!;
  }
  return { severities, required, ignore, schemas: schemas! };
}

function ruleProblem(id: string): string | null {
  return RULES_BY_ID.has(id) ? null : unknownName('rule', id, RULES_BY_ID.keys());
}

/**
 * error, warn, off; ESLint's 2, 1, 0; and false, which is what YAML 1.1 (and
 * so Jekyll) makes of an unquoted `off`.
 */
function severityOf(value: unknown): Severity | null {
  if (SEVERITIES.includes(value as Severity)) return value as Severity;
  if (value === false || value === 0 || value === '0') return 'off';
  if (value === 1 || value === '1') return 'warn';
  if (value === 2 || value === '2') return 'error';
  return null;
}

function severityProblem(value: unknown): string {
  return `severity must be error, warn or off, not ${JSON.stringify(value)}`;
}
