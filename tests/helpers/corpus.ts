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
