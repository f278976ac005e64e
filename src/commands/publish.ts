import path from 'node:path';
import { InputError, UsageError } from '../errors.js';
import { removeStaleTemps } from '../fs/atomic.js';
import { movePost } from '../fs/move.js';
import type { Io } from '../io.js';
import { ymd } from '../post/date.js';
import type { Post } from '../post/parse.js';
import { readPostSync } from '../post/read.js';
import { withFrontMatterValue } from '../post/stringify.js';
import { loadSite, type Site } from '../site/config.js';
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
  return moveBetweenFolders(
    { file: options.draft, from: '_drafts', to: '_posts', force: options.force, dryRun: options.dryRun, refusal: 'not a draft (publish takes a file in a _drafts folder)' },
    io,
    (name, site) => {
      const date = postDate(options.date, site, io);
      return { name: `${ymd(date)}-${name}`, edit: (post) => withFrontMatterValue(post, 'date', date.text) };
    },
  );
}

export interface Move {
  /** The file as the user named it. */
  file: string;
  /** The folder it must be in, and the one beside it that it goes to. */
  from: '_drafts' | '_posts';
  to: '_drafts' | '_posts';
  force: boolean;
  dryRun: boolean;
  /** Why a file elsewhere (or misnamed) is refused. */
  refusal: string;
}

/** The new name of a moved post and its new text (null where its front matter cannot be edited). */
export type Rename = (name: string, site: Site) => { name: string; edit: (post: Post) => string | null } | null;

/**
 * Move a post between `_drafts` and `_posts` (the folder beside it, keeping
 * any subfolder), named and edited as `rename` says; a null from `rename`
 * refuses the file.
 */
export async function moveBetweenFolders(move: Move, io: Io, rename: Rename): Promise<number> {
  const from = path.resolve(io.cwd, move.file);
  const parts = from.split(path.sep);
  const at = parts.lastIndexOf(move.from);
  if (at < 0) throw new UsageError(`${move.file}: ${move.refusal}`);
  const site = await loadSite(from, io.env);
  const renamed = rename(path.basename(from), site);
  if (renamed === null) throw new UsageError(`${move.file}: ${move.refusal}`);
  const read = readPostSync(from, site, { now: io.now() });
  if (read.error !== null) throw new InputError(read.error, move.file);
  const text = renamed.edit(read.post);
  if (text === null) throw new InputError('has no front matter finews can edit (or it is invalid); fix it first', move.file);

  const to = path.join(parts.slice(0, at).join(path.sep) || path.sep, move.to, ...parts.slice(at + 1, -1), renamed.name);
  const shown = { from: path.relative(io.cwd, from) || from, to: path.relative(io.cwd, to) || to };
  if (move.dryRun) {
    io.stderr.write(`would move ${shown.from} → ${shown.to}\n`);
    io.stdout.write(text);
    return 0;
  }
  await removeStaleTemps([path.dirname(to)]);
  await movePost(from, to, text, read.version, { force: move.force, shown });
  io.stdout.write(`${shown.from} → ${shown.to}\n`);
  return 0;
}
