import { createRequire } from 'node:module';
import { isSiteRule, type AnyRule } from './types.js';

type Repository = string | { type?: string; url?: string; directory?: string } | undefined;

/**
 * The web address of a folder of this repository, from package.json's
 * `repository` (`github:o/r`, `o/r`, `https://…`, `git+https://….git`), or null
 * while it names none.
 */
export function repositoryFileUrl(repository: Repository, file: string): string | null {
  const spec = typeof repository === 'string' ? repository : repository?.url;
  if (!spec) return null;
  const dir = typeof repository === 'object' && repository.directory ? `${repository.directory.replace(/\/+$/, '')}/` : '';
  let base: string;
  const short = /^(?:(github|gitlab|bitbucket):)?([\w.-]+\/[\w.-]+)$/.exec(spec);
  if (short) base = `https://${short[1] ?? 'github'}.${short[1] === 'bitbucket' ? 'org' : 'com'}/${short[2]}`;
  else {
    const url = /^(?:git\+)?(https?:\/\/[^\s#]+?)(?:\.git)?\/?$/.exec(spec) ?? /^git@([^:]+):([^\s#]+?)(?:\.git)?$/.exec(spec);
    if (!url) return null;
    base = url.length === 3 ? `https://${url[1]}/${url[2]}` : url[1]!;
  }
  // GitLab's file pages live under /-/blob/; HEAD is the default branch on every host.
  const blob = base.includes('gitlab') ? '/-/blob/HEAD/' : base.includes('bitbucket') ? '/src/HEAD/' : '/blob/HEAD/';
  return `${base}${blob}${dir}${file}`;
}

const pkg = createRequire(import.meta.url)('../../package.json') as { repository?: Repository };

/** Where a rule's page (`docs/rules/<id>.md`) is read on the web, or null when the package names no repository. */
export function ruleDocsUrl(id: string): string | null {
  return repositoryFileUrl(pkg.repository, `docs/rules/${id}.md`);
}

/** ESLint's `rulesMeta` entry for a rule (what `--format json-with-metadata` carries). */
export function ruleMeta(rule: Pick<AnyRule, 'id' | 'description' | 'fixable'>) {
  const url = ruleDocsUrl(rule.id);
  return {
    type: 'problem' as const,
    docs: { description: rule.description, ...(url ? { url } : {}) },
    ...(rule.fixable ? { fixable: 'code' as const } : {}),
  };
}

/** `one post`, or `the whole site` for a rule that compares posts with each other. */
export function ruleScope(rule: AnyRule): string {
  return isSiteRule(rule) ? 'the whole site' : 'one post';
}
