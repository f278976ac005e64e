import path from 'node:path';
import { InputError } from '../errors.js';
import { writeFileAtomic } from '../fs/atomic.js';
import { parsePost } from '../post/parse.js';
import { readPostSync } from '../post/read.js';
import { stringifyPost } from '../post/stringify.js';
import { loadSite } from '../site/config.js';
import { readLayouts } from '../site/layouts.js';
import { validUntil } from './cache.js';
import { byPosition, checkPost, type KeyFact } from './check.js';
import { unifiedDiff } from './diff.js';
import { fixPost } from './fix.js';
import type { Directive } from './directives.js';
import { isNonPostFile } from './non-post.js';
import { lintSettings } from './settings.js';
import { keepUrl, type UrlMove, type UrlPolicy } from './url-keep.js';
import type { LintMessage, RuleContext } from './types.js';

export type FixMode = 'off' | 'write' | 'dry-run';

export interface FileOptions {
  now: Date;
  fix: FixMode;
  cwd: string;
  /** When the fixes would change a post's URL: keep the old one working (default) or move it. */
  urls?: UrlPolicy;
}

export interface FileOutcome {
  messages: LintMessage[];
  keys: KeyFact[];
  /** Under --fix-dry-run: what --fix would change. */
  diff: string | null;
  /** The post's URL, when the fixes change it. */
  move?: UrlMove | null;
  /** The post's inline disables, when it has any: cross-file findings and unused ones are settled after all posts. */
  directives?: Directive[];
  /** Until when this outcome holds, for --cache (see validUntil); 0: never kept. */
  until?: number;
}

/** What the rules need to know of one site, loaded once per site and per worker; with a theme, any layout may be the theme's. */
export async function loadRuleContext(root: string, env: Record<string, string | undefined>, ruleArgs: readonly string[], cwd: string): Promise<RuleContext> {
  const site = await loadSite(root, env);
  return { site, settings: lintSettings(site, ruleArgs, cwd), layouts: site.theme ? null : await readLayouts(site) };
}

/** Lint one file; whatever the file is, the answer is an outcome, never an exception. */
export async function lintFile(file: string, ctx: RuleContext, options: FileOptions): Promise<FileOutcome> {
  const read = readPostSync(file, ctx.site, { now: options.now });
  if (!read.post) return { messages: [fatal(read.error)], keys: [], diff: null };
  if (isNonPostFile(read.post)) return { messages: [], keys: [], diff: null };
  if (options.fix === 'off') {
    const { messages, keys, directives } = checkPost(read.post, ctx);
    return { messages: messages.sort(byPosition), keys, diff: null, ...(directives.length ? { directives } : {}), until: validUntil(read.post, options.now.getTime(), ctx.site) };
  }
  const reparse = (text: string) => parsePost(text, file, ctx.site, { now: options.now });
  const before = read.post;
  const fixed = fixPost(before, ctx, reparse);
  const { text, post, move } = keepUrl(before, fixed, ctx.site, options.urls ?? 'keep', reparse);
  // Keeping the URL changed the post again (or left it as it was): its findings are read from what is written.
  const check = move && move.kept !== 'moved' ? checkPost(post, ctx) : fixed.check;
  const original = stringifyPost(before);
  const messages = check.messages;
  let diff: string | null = null;
  if (text !== original) {
    if (options.fix === 'dry-run') diff = unifiedDiff(original, text, path.relative(options.cwd, file).split(path.sep).join('/'));
    else {
      try {
        // The file as read: an edit made after it is never overwritten by the fixes.
        await writeFileAtomic(file, text, { expect: read.version });
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        messages.push(fatal(`${UNWRITTEN}${error.reason}`));
      }
    }
  }
  // A file the fixes change is read again next time.
  return {
    messages: messages.sort(byPosition),
    keys: check.keys,
    diff,
    move,
    ...(check.directives.length ? { directives: check.directives } : {}),
    until: text === original ? validUntil(before, options.now.getTime(), ctx.site) : 0,
  };
}

const UNWRITTEN = 'the fixes could not be written: ';

/** The message of a file whose fixes could not be written (a full disk, a read-only folder, a newer edit). */
export function isUnwritten(message: LintMessage): boolean {
  return message.fatal === true && message.ruleId === null && message.message.startsWith(UNWRITTEN);
}

function fatal(message: string): LintMessage {
  return { ruleId: null, severity: 2, message, line: 1, column: 1, fatal: true };
}
