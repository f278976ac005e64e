import path from 'node:path';
import picomatch from 'picomatch';

/**
 * `finews.lint.ignore`: globs, relative to the site root, of files lint leaves
 * alone on top of what Jekyll itself never reads (`exclude:`, names starting
 * with `.` or `_`). `_posts/archive/**` ignores a folder, `**\/README.md` a
 * name anywhere. Matched as gitignore-style globs by picomatch, dot files included.
 */
export function ignoreMatcher(root: string, globs: readonly string[]): (file: string) => boolean {
  if (globs.length === 0) return () => false;
  const match = picomatch(globs.map((g) => g.replace(/^\.?\/+/, '')), { dot: true });
  return (file) => {
    const rel = path.relative(root, file).split(path.sep).join('/');
    return !rel.startsWith('../') && match(rel);
  };
}

/** The files whose site's `finews.lint.ignore` does not match them, with the index of their site. */
export function dropIgnored(files: string[], rootOf: number[], roots: readonly string[], ignores: readonly (readonly string[])[]): { files: string[]; rootOf: number[] } {
  if (ignores.every((globs) => globs.length === 0)) return { files, rootOf };
  const matchers = roots.map((root, i) => ignoreMatcher(root, ignores[i]!));
  const kept = files.flatMap((file, k) => (matchers[rootOf[k]!]!(file) ? [] : [k]));
  return { files: kept.map((k) => files[k]!), rootOf: kept.map((k) => rootOf[k]!) };
}
