import type { Post } from '../post/parse.js';
import { stringifyPost, withFrontMatterValue, yamlQuote } from '../post/stringify.js';
import type { Site } from '../site/config.js';

/** What --fix does when its fixes would change a post's URL: keep the published URL working, or move it. */
export type UrlPolicy = 'keep' | 'move';

export const URL_POLICIES: readonly UrlPolicy[] = ['keep', 'move'];

/** A post whose URL the fixes change. */
export interface UrlMove {
  from: string;
  to: string;
  /**
   * How the old URL stays: `permalink` (the post keeps it), `redirect_from`
   * (jekyll-redirect-from sends it to the new one), `moved` (--fix-permalink
   * move), or `unfixed` (it could not be kept, so the fixes were not applied).
   */
  kept: 'permalink' | 'redirect_from' | 'moved' | 'unfixed';
}

export interface Fixed {
  post: Post;
  text: string;
}

/**
 * After the fixes: when they change the URL of a post Jekyll publishes, keep
 * the old URL by `policy`. With jekyll-redirect-from in the site's plugins
 * the post takes its new URL and the old one redirects (`redirect_from`);
 * otherwise `permalink:` pins the old URL. Each is checked by reading the
 * post again; a URL that cannot be written literally (`:name` would be a
 * placeholder) leaves the post as it was.
 */
export function keepUrl(before: Post, fixed: Fixed, site: Site, policy: UrlPolicy, reparse: (text: string) => Post): Fixed & { move: UrlMove | null } {
  const from = before.jekyll.skip ? null : before.jekyll.url;
  const to = fixed.post.jekyll.url;
  if (!from || from === to) return { ...fixed, move: null };
  const move = (kept: UrlMove['kept']): UrlMove => ({ from, to: to ?? '(none)', kept });
  if (policy === 'move') return { ...fixed, move: move('moved') };
  // `:name` in a permalink or redirect_from is a placeholder to Jekyll: such a URL cannot be written as it is.
  const literal = !/:[a-z_]/.test(from);
  const redirects = literal && to && usesRedirectFrom(site) ? redirectList(fixed.post.data.redirect_from, from) : null;
  if (redirects) {
    const text = withFrontMatterValue(fixed.post, 'redirect_from', redirects);
    const post = text === null ? null : reparse(text);
    if (post && post.jekyll.url === to) return { post, text: text!, move: move('redirect_from') };
  }
  if (literal) {
    const text = withFrontMatterValue(fixed.post, 'permalink', scalar(from));
    const post = text === null ? null : reparse(text);
    if (post && post.jekyll.url === from) return { post, text: text!, move: move('permalink') };
  }
  return { post: before, text: stringifyPost(before), move: move('unfixed') };
}

/** `plugins:` (or the older `gems:`) lists jekyll-redirect-from, as GitHub Pages requires. */
export function usesRedirectFrom(site: Site): boolean {
  return ['plugins', 'gems'].some((key) => {
    const list = site.config[key];
    return Array.isArray(list) && list.includes('jekyll-redirect-from');
  });
}

/** The old URL added to what redirect_from holds, as a flow list; null when it holds something else than URLs. */
function redirectList(existing: unknown, url: string): string | null {
  const urls = existing === undefined || existing === null ? [] : typeof existing === 'string' ? [existing] : Array.isArray(existing) ? [...existing] : null;
  if (!urls || !urls.every((u) => typeof u === 'string')) return null;
  if (!urls.includes(url)) urls.push(url);
  return `[${(urls as string[]).map(scalar).join(', ')}]`;
}

/** A URL as YAML: plain when that reads back as the same string, else double-quoted. */
function scalar(url: string): string {
  return /^\/[A-Za-z0-9/._~%+-]*$/.test(url) ? url : yamlQuote(url);
}

/** One line on what the fixes do (or would do, under --fix-dry-run) to a post's URL. */
export function describeMove(move: UrlMove, dryRun: boolean): string {
  const w = (done: string, would: string) => (dryRun ? would : done);
  const path = `${move.from} → ${move.to}`;
  switch (move.kept) {
    case 'permalink':
      return `the fixes ${w('would have moved', 'would move')} its URL (${path}): ${w('kept', 'would keep')} ${move.from} with permalink: (--fix-permalink move to move it)`;
    case 'redirect_from':
      return `URL ${w('moved', 'would move')} (${path}); ${move.from} ${w('redirects', 'would redirect')} to it (redirect_from, jekyll-redirect-from)`;
    case 'moved':
      return `URL ${w('moved', 'would move')} (${path}) under --fix-permalink move: links to ${move.from} ${w('are', 'would be')} broken`;
    case 'unfixed':
      return `${w('not fixed', 'would not be fixed')}: the fixes would move its URL (${path}), which permalink: cannot keep (":" followed by a name is a placeholder to Jekyll); --fix-permalink move applies them`;
  }
}
