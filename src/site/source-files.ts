import { readdirSync } from 'node:fs';
import path from 'node:path';

/** Folders that hold no template of the site's own: posts and drafts, the build, caches, installed packages. */
const NOT_SOURCE = new Set(['_posts', '_drafts', '_site', 'node_modules', 'vendor', '.git', '.jekyll-cache', '.sass-cache']);

/**
 * Visit each regular file below a site's root that is the site's own source
 * (its layouts, includes, pages, style sheets, scripts), skipping the folders
 * above and hidden ones. `visit` returns false to stop the walk.
 */
export function eachSourceFile(root: string, visit: (file: string, name: string) => boolean | void): void {
  const pending = [root];
  for (let dir = pending.pop(); dir !== undefined; dir = pending.pop()) {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!NOT_SOURCE.has(entry.name) && !entry.name.startsWith('.')) pending.push(file);
      } else if (entry.isFile() && visit(file, entry.name) === false) return;
    }
  }
}
