import path from 'node:path';
import { InputError, UsageError } from '../errors.js';
import { removeStaleTemps } from '../fs/atomic.js';
import { movePost } from '../fs/move.js';
import type { Io } from '../io.js';
import { parsePost } from '../post/parse.js';
import { withoutFrontMatterKey } from '../post/stringify.js';
import { loadSite } from '../site/config.js';
import { readDraft } from './publish.js';

export interface UnpublishOptions {
  /** A post: a file in a `_posts` folder, named `YYYY-MM-DD-<slug>.<ext>`. */
  post: string;
  force: boolean;
  dryRun: boolean;
}

/**
 * jekyll-compose's `unpublish`: move a post back to the `_drafts` folder
 * beside its `_posts`, named `<slug>.<ext>`, without its `date` (a draft has
 * none until it is published again). Nothing else changes.
 */
export async function unpublish(options: UnpublishOptions, io: Io): Promise<number> {
  const from = path.resolve(io.cwd, options.post);
  const parts = from.split(path.sep);
  const at = parts.lastIndexOf('_posts');
  const name = path.basename(from);
  const dated = /^\d{4}-\d{2}-\d{2}-(.+)$/.exec(name);
  if (at < 0 || !dated) throw new UsageError(`${options.post}: not a post (unpublish takes a YYYY-MM-DD-slug file in a _posts folder)`);
  const site = await loadSite(from, io.env);
  const { bytes, version } = readDraft(from, options.post);
  const post = parsePost(bytes, path.relative(site.root, from), site, { now: io.now() });
  const undated = withoutFrontMatterKey(post, 'date');
  if (undated === null) throw new InputError('has no front matter finews can edit (or it is invalid); fix it first', options.post);

  const to = path.join(parts.slice(0, at).join(path.sep) || path.sep, '_drafts', ...parts.slice(at + 1, -1), dated[1]!);
  const shown = { from: path.relative(io.cwd, from) || from, to: path.relative(io.cwd, to) || to };
  if (options.dryRun) {
    io.stderr.write(`would move ${shown.from} → ${shown.to}\n`);
    io.stdout.write(undated);
    return 0;
  }
  await removeStaleTemps([path.dirname(to)]);
  await movePost(from, to, undated, version, { force: options.force, shown });
  io.stdout.write(`${shown.from} → ${shown.to}\n`);
  return 0;
}
