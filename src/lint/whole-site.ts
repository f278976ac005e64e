import type { Site } from '../site/config.js';
import { findInputs, uniqueSorted, type WalkMemo } from '../site/files.js';
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
  load: (root: string) => Promise<Site>,
  memoFor?: (site: Site) => WalkMemo | undefined,
): Promise<string[]> {
  // Both lists are sorted: the named files are left out in one pass, with no set of every post.
  const sortedNamed = [...named].sort();
  const out: string[] = [];
  for (const [i, root] of roots.entries()) {
    if (!RULES.some((rule) => isSiteRule(rule) && (settings[i]!.severities[rule.id] ?? 'off') !== 'off')) continue;
    const site = await load(root);
    let k = 0;
    for (const file of (await findInputs([], cwd, site, memoFor?.(site))).files) {
      while (k < sortedNamed.length && sortedNamed[k]! < file) k++;
      if (sortedNamed[k] !== file) out.push(file);
    }
  }
  // A site inside another is walked by both: each file once.
  return uniqueSorted(out.sort());
}
