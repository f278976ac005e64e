/**
 * A file or folder changed so recently that another change within the same
 * clock tick would leave its mtime and ctime as they are (git's "racily
 * clean" files): what was read of it must not be kept as still true. File
 * systems that keep whole seconds get a wider window.
 */
export function racy(mtimeMs: number, ctimeMs: number, now = Date.now()): boolean {
  const coarse = mtimeMs % 1000 === 0 && ctimeMs % 1000 === 0;
  return now - Math.max(mtimeMs, ctimeMs) < (coarse ? 2000 : 100);
}
