import path from 'node:path';

/** path.relative from `cwd`, or the path itself when that is empty; a plain path under `cwd` (most are) is cut, not resolved. */
export function relativeTo(cwd: string): (file: string) => string {
  const prefix = cwd.endsWith('/') ? cwd : `${cwd}/`;
  const simple = path.sep === '/' && path.isAbsolute(cwd) && path.normalize(prefix) === prefix;
  return (file) => {
    if (simple && file.startsWith(prefix)) {
      const rest = file.slice(prefix.length);
      if (rest !== '' && !DOT_OR_EMPTY_SEGMENT.test(rest)) return rest;
    }
    return path.relative(cwd, file) || file;
  };
}

/** A segment that path.relative would resolve away: `.`, `..` or an empty one. */
const DOT_OR_EMPTY_SEGMENT = /(?:^|\/)\.{0,2}(?:\/|$)/;
