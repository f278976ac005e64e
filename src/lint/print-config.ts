import path from 'node:path';
import { readPostSync } from '../post/read.js';
import { loadSite } from '../site/config.js';
import { DISABLE_KEY, directivesOf, END } from './directives.js';
import { ignoreMatcher } from './ignore.js';
import { isNonPostFile } from './non-post.js';
import { RULES } from './rules/index.js';
import { lintSettings } from './settings.js';
import { usesRedirectFrom } from './url-keep.js';

/**
 * ESLint's --print-config: what lint would apply to one file. The site it
 * belongs to and the settings read from it, each rule's effective severity
 * (`finews.lint.rules` and `--rule` applied), whether the file is linted at
 * all, and the rules its own inline disables turn off.
 */
export async function effectiveConfig(file: string, options: { cwd: string; env: Record<string, string | undefined>; ruleArgs: readonly string[]; now: Date }) {
  const abs = path.resolve(options.cwd, file);
  const site = await loadSite(abs, options.env);
  const settings = lintSettings(site, options.ruleArgs, options.cwd);
  const read = readPostSync(abs, site, { now: options.now });
  const ignored = ignoreMatcher(site.root, settings.ignore ?? [])(abs);
  const notAPost = read.post !== null && isNonPostFile(read.post);
  const disables = read.post ? directivesOf(read.post) : [];
  return {
    file: path.relative(options.cwd, abs) || abs,
    site: {
      root: site.root,
      configFile: site.configFile,
      timezone: site.timezone,
      permalink: site.permalink,
      future: site.future,
      unpublished: site.unpublished,
      markdownExt: site.markdownExt,
      theme: site.theme,
      redirectFrom: usesRedirectFrom(site),
    },
    linted: !ignored && !notAPost,
    ...(ignored ? { reason: 'matches finews.lint.ignore' } : notAPost ? { reason: 'no post: Jekyll passes over it' } : {}),
    rules: Object.fromEntries(RULES.map((r) => [r.id, settings.severities[r.id] ?? 'off'])),
    required: settings.required,
    ignore: settings.ignore ?? [],
    /** Inline disables in this file: each rule (or `*` for all) with the lines it covers. */
    disabled: disables.map((d) => ({ rule: d.rule ?? '*', by: d.kind, line: d.line, lines: d.kind === DISABLE_KEY ? 'all' : `${d.from}-${d.to === END ? 'end' : d.to}` })),
  };
}
