import path from 'node:path';
import { InputError, UsageError } from '../errors.js';
import { removeStaleTemps } from '../fs/atomic.js';
import { movePost } from '../fs/move.js';
import type { Io } from '../io.js';
import { ymd } from '../post/date.js';
import { parsePost } from '../post/parse.js';
import { readPostBytes } from '../post/read.js';
import { withFrontMatterValue } from '../post/stringify.js';
import { loadSite } from '../site/config.js';
import { postDate } from './new.js';

export interface PublishOptions {
  /** A draft: a file in a `_drafts` folder. */
  draft: string;
  /** The date, as `finews new --date` takes it; default: now, in site time. */
  date?: string;
  force: boolean;
  dryRun: boolean;
}

/**
 * jekyll-compose's `publish`: move a draft into the `_posts` folder beside its
 * `_drafts`, named `YYYY-MM-DD-<slug>.<ext>` for its date in the site's time
 * zone, with that date (and offset) in its front matter. Only the date's bytes
 * change; an existing post is never replaced without --force.
 */
export async function publish(options: PublishOptions, io: Io): Promise<number> {
  const from = path.resolve(io.cwd, options.draft);
  const parts = from.split(path.sep);
  const at = parts.lastIndexOf('_drafts');
  if (at < 0) throw new UsageError(`${options.draft}: not a draft (publish takes a file in a _drafts folder)`);
  const site = await loadSite(from, io.env);
  const { bytes, version } = readDraft(from, options.draft);
  const post = parsePost(bytes, path.relative(site.root, from), site, { now: io.now() });
  const date = postDate(options.date, site, io);
  const dated = withFrontMatterValue(post, 'date', date.text);
  if (dated === null) throw new InputError('has no front matter finews can edit (or it is invalid); fix it first', options.draft);

  const to = path.join(parts.slice(0, at).join(path.sep) || path.sep, '_posts', ...parts.slice(at + 1, -1), `${ymd(date)}-${path.basename(from)}`);
  const shown = { from: path.relative(io.cwd, from) || from, to: path.relative(io.cwd, to) || to };
  if (options.dryRun) {
    io.stderr.write(`would move ${shown.from} → ${shown.to}\n`);
    io.stdout.write(dated);
    return 0;
  }
  await removeStaleTemps([path.dirname(to)]);
  await movePost(from, to, dated, version, { force: options.force, shown });
  io.stdout.write(`${shown.from} → ${shown.to}\n`);
  return 0;
}

/** A post's bytes and version, its read errors named as the user gave the file. */
export function readDraft(abs: string, shown: string): ReturnType<typeof readPostBytes> {
  try {
    return readPostBytes(abs);
  } catch (error) {
    if (error instanceof InputError) throw new InputError(error.reason, shown, { cause: error });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError('no such file', shown, { cause: error });
    if (code === 'EACCES' || code === 'EPERM') throw new InputError('cannot be read: permission denied', shown, { cause: error });
    throw error;
  }
}
