import { loadSite, type Site } from '../site/config.js';
import { findInputs, type WalkMemo } from '../site/files.js';
import { isSiteRule, type LintSettings } from './types.js';
import { RULES } from './rules/index.js';

/**
 * When files are named (a pre-commit hook passes the staged ones), the
 * cross-file rules still compare them with every post of their site: the
 * posts a whole-site run lints, less the named ones. These are read for their
 * cross-file keys only; nothing is reported on them.
 */
export async function wholeSiteFiles(
  named: readonly string[],
  roots: readonly string[],
  settings: readonly LintSettings[],
  cwd: string,
  env: Record<string, string | undefined>,
  memoFor?: (site: Site) => WalkMemo,
): Promise<string[]> {
  const seen = new Set(named);
  const out: string[] = [];
  for (const [i, root] of roots.entries()) {
    if (!RULES.some((rule) => isSiteRule(rule) && (settings[i]!.severities[rule.id] ?? 'off') !== 'off')) continue;
    const site = await loadSite(root, env);
    for (const file of (await findInputs([], cwd, site, memoFor?.(site))).files) {
      if (!seen.has(file)) {
        seen.add(file);
        out.push(file);
      }
    }
  }
  return out.sort();
}
