import path from 'node:path';

/**
 * fast-glob, loaded only when a named input may be a pattern: most runs name
 * none (a whole site) or plain paths (a pre-commit hook's), and the library
 * with its dependencies costs more to load than such a run takes to start.
 */
const fastGlob = () => import('fast-glob').then((m) => m.default);

/** What fast-glob's isDynamicPattern needs to see in a pattern before it can be one: none of these, no pattern. */
const GLOB_CHARACTER = /[\\*?![({]/;

/** Whether fast-glob reads `input` as a pattern. */
export async function isGlob(input: string): Promise<boolean> {
  return GLOB_CHARACTER.test(input) && (await fastGlob()).isDynamicPattern(input);
}

/** Regular files matching `patterns` (`/` separated) under `cwd`, not following links, as normalized absolute paths. */
export async function glob(patterns: string[], cwd: string, ignore: string[]): Promise<string[]> {
  const files = await (await fastGlob())(patterns, {
    cwd,
    absolute: true,
    dot: false,
    onlyFiles: true,
    followSymbolicLinks: false,
    ignore,
    suppressErrors: true,
  });
  return files.map((f) => path.normalize(f));
}
