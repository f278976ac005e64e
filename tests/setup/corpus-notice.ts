/**
 * vitest globalSetup: one visible line when the real sample site is absent,
 * so a skipped corpus test is never mistaken for a pass.
 */
export default function setup(): void {
  if (!process.env.FINEWS_CORPUS) {
    process.stderr.write(
      'finews tests: FINEWS_CORPUS is not set, so the tests that read the real sample site are skipped (the fixtures under fixtures/ cover the same behaviour; .ci/run sets it).\n',
    );
  }
}
