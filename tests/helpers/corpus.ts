import { chmodSync, cpSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The real sample site that the project's CI keeps beside the repository.
 * Tests find it only through FINEWS_CORPUS (`.ci/run` sets it); a clone with
 * nothing beside it skips those tests, and the fixtures under `fixtures/`
 * cover the same behaviour. `tests/setup/corpus-notice.ts` prints the one line
 * that says so.
 */
const root = process.env.FINEWS_CORPUS ? path.resolve(process.env.FINEWS_CORPUS) : undefined;

/** The folder holding `finews-site/` and `seed-post.md`, or undefined when FINEWS_CORPUS is not set. */
export const CORPUS_ROOT: string | undefined = root;
/** The real site (`finews-site/`); '' when absent, so paths can be built at import time. */
export const CORPUS_SITE: string = root ? path.join(root, 'finews-site') : '';
/** The post the project started from; '' when absent. */
export const SEED_POST: string = root ? path.join(root, 'seed-post.md') : '';
/** True when the tests that read the real sample must be skipped. */
export const noCorpus: boolean = root === undefined;

/**
 * Copy `source` to `dest` with owner write permission on everything, as a
 * user's own site is: the sample is kept read-only, and finews leaves
 * read-only posts alone.
 */
export function writableCopy(source: string, dest: string): void {
  cpSync(source, dest, { recursive: true });
  const walk = (p: string) => {
    const stat = statSync(p);
    chmodSync(p, stat.mode | 0o200 | (stat.isDirectory() ? 0o100 : 0));
    if (stat.isDirectory()) for (const name of readdirSync(p)) walk(path.join(p, name));
  };
  walk(dest);
}
