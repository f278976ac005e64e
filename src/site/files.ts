import { promises as fs } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { InputError } from '../errors.js';
import type { Site } from './config.js';

/** Folders no site keeps posts in; Jekyll excludes them by default. */
const IGNORE = ['**/node_modules/**', '**/.git/**', '**/_site/**', '**/vendor/**', '**/.jekyll-cache/**', '**/.sass-cache/**'];

/** Every file under the site's `_posts` and `_drafts` folders, at any depth. */
export const DEFAULT_POST_GLOBS = ['**/_posts/**/*', '**/_drafts/**/*'];

/**
 * Expand the paths and globs a user typed into absolute file paths, sorted and
 * unique. A folder means the posts below it (every file, inside `_posts`); a name that matches nothing is
 * kept, so the caller reports it as missing rather than silently skipping it.
 * With no inputs: the site's posts and drafts.
 */
export async function expandInputs(inputs: readonly string[], cwd: string, site: Site): Promise<string[]> {
  if (inputs.length === 0) return glob(DEFAULT_POST_GLOBS, site.root);
  const out = new Set<string>();
  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    const stat = await fs.stat(abs).catch(() => null);
    if (stat?.isDirectory()) {
      // Inside a _posts or _drafts folder every file counts; above one, only what is in them.
      const inPosts = abs.split(path.sep).some((part) => part === '_posts' || part === '_drafts');
      for (const f of await glob(inPosts ? ['**/*'] : DEFAULT_POST_GLOBS, abs)) out.add(f);
    } else if (stat || !fg.isDynamicPattern(input)) {
      out.add(abs);
    } else {
      const matches = await glob([input.split(path.sep).join('/')], cwd);
      if (matches.length === 0) throw new InputError('matches no files', input);
      for (const f of matches) out.add(f);
    }
  }
  return [...out].sort();
}

async function glob(patterns: string[], cwd: string): Promise<string[]> {
  const files = await fg(patterns, {
    cwd,
    absolute: true,
    dot: false,
    onlyFiles: true,
    followSymbolicLinks: false,
    ignore: IGNORE,
    suppressErrors: true,
  });
  return files.map((f) => path.normalize(f)).sort();
}
