import type { Io } from '../io.js';
import { withoutFrontMatterKey } from '../post/stringify.js';
import { moveBetweenFolders } from './publish.js';

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
  return moveBetweenFolders(
    { file: options.post, from: '_posts', to: '_drafts', force: options.force, dryRun: options.dryRun, refusal: 'not a post (unpublish takes a YYYY-MM-DD-slug file in a _posts folder)' },
    io,
    (name) => {
      const slug = /^\d{4}-\d{2}-\d{2}-(.+)$/.exec(name)?.[1];
      return slug === undefined ? null : { name: slug, edit: (post) => withoutFrontMatterKey(post, 'date') };
    },
  );
}
