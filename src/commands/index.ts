import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { InputError, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { Progress } from '../progress.js';
import { SKIP_REASONS } from '../post/parse.js';
import { assertSite } from '../site/named.js';
import { loadSite, type Site } from '../site/config.js';
import { layoutsDir, readLayouts } from '../site/layouts.js';
import { SLUG_STYLES, type SlugStyle } from '../site/slug-style.js';
import { removeStaleTemps } from '../fs/atomic.js';
import { dataFileOwnership, decide, pageOwnership, removeFiles, scanFolders, staleFiles, writeChanges, type Decision, type Folders, type Outcome } from '../index-pages/apply.js';
import { collectPosts, type Collected } from '../index-pages/collect.js';
import { acquireLock } from '../index-pages/lock.js';
import { planSummaries, planTerms, type Plan } from '../index-pages/plan.js';
import { readSettings, type IndexSettings } from '../index-pages/settings.js';

/** Lists written at once. */
const IN_FLIGHT = 16;

export interface IndexOptions {
  /** A folder inside the site (default: the current folder). */
  site?: string;
  /** Write each page's posts as a static list (overrides finews.index.list). */
  list?: boolean;
  /** Posts a page of a list (overrides finews.index.per_page). */
  perPage?: number;
  /** overrides finews.index.slug_style */
  slugStyle?: SlugStyle;
  /** Print what would change; write nothing. */
  dryRun?: boolean;
  /** Write nothing; exit 1 when any page is out of date. */
  check?: boolean;
  /** Print only problems. */
  quiet?: boolean;
  /** Also print how display names were found (the categories titled from paired tags). */
  verbose?: boolean;
  /** Take over pages another tool plainly generated where finews would write (each one is named). */
  adopt?: boolean;
}

/**
 * Write a page per category and per tag, the pages of all categories and all
 * tags, and `_data/finews.json`, from the posts as Jekyll reads them.
 * Exit 0 when done (or up to date), 1 when a page is out of date under
 * --check or could not be written because someone else's file is there, 2
 * when a file could not be written or removed (a full disk, a read-only
 * folder, an edit made during the run): each is named, the others written.
 */
export async function index(options: IndexOptions, io: Io): Promise<number> {
  if (options.slugStyle !== undefined && !SLUG_STYLES.includes(options.slugStyle)) {
    throw new UsageError(`--slug-style must be one of ${SLUG_STYLES.join(', ')}`);
  }
  if (options.perPage !== undefined && (!Number.isInteger(options.perPage) || options.perPage < 1)) {
    throw new UsageError('--per-page must be a whole number, 1 or more');
  }
  if (options.dryRun && options.check) throw new UsageError('--dry-run and --check cannot be used together');
  const folder = path.resolve(io.cwd, options.site ?? '.');
  if (!existsSync(folder)) throw new InputError('no such folder', options.site ?? folder);
  if (!statSync(folder).isDirectory()) throw new InputError('is not a folder', options.site ?? folder);
  const site = await loadSite(folder, io.env);
  assertSite(site, folder);
  const layouts = { dir: layoutsDir(site), names: new Set((await readLayouts(site))?.keys()) };
  const settings = readSettings(site, { list: options.list, perPage: options.perPage, slugStyle: options.slugStyle, layouts: layouts.names });
  const readOnly = Boolean(options.dryRun || options.check);
  const release = await acquireLock(site.root, { timeoutMs: settings.lock_timeout * 1000, readOnly });
  try {
    return await run(site, settings, options, io, readOnly, (plan) => layoutWarnings(site, settings, layouts, plan));
  } finally {
    await release();
  }
}

async function run(site: Site, settings: IndexSettings, options: IndexOptions, io: Io, readOnly: boolean, warnings: (plan: Plan) => string[]): Promise<number> {
  const progress = new Progress(io.stderr, 0, 'reading posts', { env: io.env, delayMs: options.quiet ? Infinity : 1000 });
  const collected = await collectPosts(site, io.now()).finally(() => progress.done());
  const dataDir = typeof site.config.data_dir === 'string' ? site.config.data_dir.replace(/^\/+|\/+$/g, '') : '_data';
  const plan = planTerms(collected.posts, settings, dataDir);

  // The archive folder is scanned even with archives off: the pages of an earlier run go.
  const dirs = [settings.category_dir, settings.tag_dir, settings.archive_dir];
  // The temporary files a killed run left: in the scanned folders, the data folder and the root (the lock's).
  const existing = await scanFolders(site, dirs, { removeStaleTemps: !readOnly });
  if (!readOnly) await removeStaleTemps([site.root, path.join(site.root, dataDir)]);
  const taken = new Map<string, string>();
  for (const post of collected.posts) taken.set(post.destination, post.path);
  for (const [rel, f] of existing) if (!f.generated && f.destination) taken.set(f.destination, rel);
  const isPage = pageOwnership(site);

  // Page by page, each rendered, decided and written before the next: one page is ever in memory.
  const decided: Outcome[] = [];
  const folders: Folders = new Map();
  const carryOut = async (decisions: Decision[]) => (readOnly ? decisions.map((d) => ({ path: d.file.path, action: d.action, reason: d.reason })) : await writeChanges(site, decisions, folders));
  const withoutPage = new Set<string>();
  const adopt = { adopt: Boolean(options.adopt) };
  const lists = [...plan.categories.map((t) => ({ key: t.term.key, pages: t.pages })), ...plan.tags.map((t) => ({ key: t.term.key, pages: t.pages })), ...plan.archives.map((a) => ({ key: a.name, pages: a.pages }))];
  // Lists side by side, each page by page: a few pages in memory, and the file
  // system's latency (a dozen calls a page) overlapped rather than summed.
  const outcomesOf: Outcome[][] = new Array(lists.length);
  let next = 0;
  const lane = async () => {
    while (next < lists.length) {
      const i = next++;
      const list = lists[i]!;
      const outcomes: Outcome[] = (outcomesOf[i] = []);
      let first = true;
      for (const file of list.pages()) {
        const decision = (await decide(site, [file], existing, taken, isPage, adopt))[0]!;
        const [outcome] = await carryOut([decision]);
        outcomes.push(outcome!);
        if (!first) continue;
        first = false;
        // Listed without a link when its page is not there: someone else's file, or one that could not be written.
        if (outcome!.action === 'clash' || outcome!.action === 'failed') withoutPage.add(list.key);
        // No page 1, so no list page at all: its other pages would be orphans.
        if (decision.action === 'clash') break;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, lists.length) }, lane));
  decided.push(...outcomesOf.flat());
  const summaries = planSummaries(plan, settings, withoutPage);
  const pages = summaries.filter((f) => f.path !== plan.dataPath);
  decided.push(...(await carryOut(await decide(site, pages, existing, taken, isPage, adopt))));
  const data = summaries.find((f) => f.path === plan.dataPath);
  if (data) decided.push(...(await carryOut(await decide(site, [data], new Map(), new Map(), dataFileOwnership))));
  const wanted = new Set(decided.map((d) => d.path));
  const remove = staleFiles(existing, wanted);
  const oldData = await staleDataFile(site, dataDir, plan);
  if (oldData) remove.push(oldData);
  const unremoved = readOnly ? [] : await removeFiles(site, remove, dirs, existing);
  decided.push(...unremoved);
  const unremovedPaths = new Set(unremoved.map((u) => u.path));
  const removed = remove.filter((rel) => !unremovedPaths.has(rel));
  report(io, { options, collected, plan, decisions: decided, remove: removed, layoutWarnings: warnings(plan) });
  if (decided.some((d) => d.action === 'failed')) return 2;
  const clashes = decided.filter((d) => d.action === 'clash').length;
  const changes = decided.filter((d) => d.action === 'create' || d.action === 'update' || d.action === 'adopt').length + removed.length;
  return clashes > 0 || (options.check && changes > 0) ? 1 : 0;
}

/** With `data: false`, a data file finews wrote before is its own stale file. */
async function staleDataFile(site: Site, dataDir: string, plan: Plan): Promise<string | null> {
  if (plan.dataPath) return null;
  const rel = `${dataDir}/finews.json`;
  const abs = path.join(site.root, rel);
  if (!existsSync(abs)) return null;
  return (await dataFileOwnership(abs)) ? rel : null;
}

interface Report {
  options: IndexOptions;
  collected: Collected;
  plan: Plan;
  decisions: Outcome[];
  remove: string[];
  layoutWarnings: string[];
}

function report(io: Io, r: Report): void {
  const { collected, plan, decisions, remove, options } = r;
  const out: string[] = [];
  const err: string[] = [];
  const mode = options.check ? 'check' : options.dryRun ? 'dry-run' : 'write';
  const verb = (action: 'create' | 'update' | 'remove') => (mode === 'write' ? `${action}d` : `would ${action}`);
  const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  // Quiet: problems only (files left alone or failed, warnings, and under --check what is out of date).
  const chatty = !options.quiet;

  const skipped = Object.entries(collected.skipped).filter(([reason]) => reason !== 'draft');
  const leftOut = skipped.reduce((n, [, count]) => n + count!, 0);
  if (chatty) {
    out.push(
      `finews index: ${plural(plan.categories.length, 'category', 'categories')} and ${plural(plan.tags.length, 'tag')} from ${plural(collected.posts.length, 'post')}` +
        (leftOut ? `; left out as Jekyll does: ${skipped.map(([reason, n]) => `${n} ${reason}`).join(', ')}` : ''),
    );
  }
  if (options.verbose && plan.pairs.length > 0) {
    out.push(`titles from paired tags: ${plan.pairs.map((p) => `${p.category.text} → ${p.tag.text}`).join(', ')}`);
  }
  if (chatty) {
    for (const d of decisions) {
      if (d.action === 'create' || d.action === 'update') out.push(`${mode === 'check' ? 'out of date' : verb(d.action)}: ${d.path}${mode === 'check' ? ` (${d.action})` : ''}`);
    }
    for (const rel of remove) out.push(`${mode === 'check' ? 'out of date' : verb('remove')}: ${rel}${mode === 'check' ? ' (remove)' : ''}`);
  }
  // Taking over another tool's page is said even when quiet: it happens once, and it is the user's to know.
  for (const d of decisions) if (d.action === 'adopt') out.push(`${mode === 'write' ? 'adopted' : 'would adopt'}: ${d.path} (${d.reason})`);
  for (const d of decisions) if (d.action === 'clash' || d.action === 'failed') err.push(`finews: ${d.path}: ${d.reason}`);
  for (const e of collected.buildErrors) err.push(`finews: warning: ${e.path}: ${e.reason}; Jekyll stops the whole build on it (${SKIP_REASONS['build-error']})`);
  for (const d of plan.duplicateTitles) err.push(`finews: warning: categories ${d.names.join(', ')} share the title "${d.title}"`);
  if (collected.unreadableFrontMatter.length > 0 && chatty) {
    out.push(`${plural(collected.unreadableFrontMatter.length, 'post')} with front matter Jekyll cannot read: built, but in no category or tag of their own (${collected.unreadableFrontMatter.slice(0, 3).join(', ')}${collected.unreadableFrontMatter.length > 3 ? ', …' : ''})`);
  }
  for (const warning of r.layoutWarnings) err.push(`finews: warning: ${warning}`);

  const count = (a: Outcome['action']) => decisions.filter((d) => d.action === a).length;
  const written = count('create') + count('update') + count('adopt');
  const clashes = count('clash');
  const failed = count('failed');
  const tail = (clashes ? `; ${plural(clashes, 'file')} left alone (not finews')` : '') + (failed ? `; ${plural(failed, 'file')} failed` : '');
  if (mode === 'check') {
    if (written + remove.length > 0) out.push(`${plural(written + remove.length, 'file')} out of date: run ${rerun(options)}${tail}`);
    else if (chatty) out.push(`up to date: ${plural(count('unchanged'), 'file')}${tail}`);
  } else if (!chatty && !clashes && !failed) {
    // nothing: quiet, and nothing went wrong
  } else if (mode === 'dry-run') {
    out.push(`dry run: would write ${plural(written, 'file')}, remove ${remove.length}; ${count('unchanged')} unchanged${tail}`);
  } else {
    out.push(`wrote ${plural(written, 'file')}, removed ${remove.length}; ${count('unchanged')} unchanged${tail}`);
  }
  if (out.length) io.stdout.write(`${out.join('\n')}\n`);
  if (err.length) io.stderr.write(`${err.join('\n')}\n`);
}

/** The command that writes what --check checked: the same folder and options. */
function rerun(options: IndexOptions): string {
  const quote = (s: string) => (/^[\w./@%+=:,-]+$/.test(s) ? s : `'${s.replaceAll("'", "'\\''")}'`);
  const parts = ['finews index'];
  if (options.site !== undefined) parts.push(quote(options.site));
  if (options.list !== undefined) parts.push(options.list ? '--list' : '--no-list');
  if (options.perPage !== undefined) parts.push(`--per-page ${options.perPage}`);
  if (options.slugStyle !== undefined) parts.push(`--slug-style ${options.slugStyle}`);
  if (options.adopt) parts.push('--adopt');
  return parts.join(' ');
}

/**
 * A layout missing from `_layouts/` renders pages bare (unless the theme has
 * it): say what to add. Without a category or tag layout the pages carry
 * their lists themselves (`list: auto`), so they still show their posts.
 */
function layoutWarnings(site: Site, settings: IndexSettings, layouts: { dir: string; names: ReadonlySet<string> }, plan: Plan): string[] {
  const used = new Map<string, string[]>();
  const use = (name: string | null, what: string) => {
    if (name !== null) used.set(name, [...(used.get(name) ?? []), what]);
  };
  // Only layouts of pages that are written: a site with no tags needs no tag layout.
  if (settings.categories && plan.categories.length > 0) use(settings.category_layout, 'category_layout');
  if (settings.tags && plan.tags.length > 0) use(settings.tag_layout, 'tag_layout');
  if (plan.indexPaths.category || plan.indexPaths.tag || plan.archives.length > 0) use(settings.index_layout, 'index_layout');
  for (const kind of new Set(plan.archives.map((a) => a.kind))) use(Object.hasOwn(settings.archive_layouts, kind) ? settings.archive_layouts[kind]! : settings.archive_layout, `archive_layouts.${kind}`);
  const folder = `${path.relative(site.root, layouts.dir) || '.'}/`;
  return [...used]
    .filter(([name]) => !layouts.names.has(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, keys]) => {
      const theme = site.theme ? ` (fine if the theme ${site.theme} has it)` : '';
      const fallback = layouts.names.has('default') ? ' (e.g. default)' : '';
      return `layout "${name}" is not in ${folder}${theme}: Jekyll shows these pages without the site's design; add ${folder}${name}.html or set finews.index.${[...new Set(keys)].join(', ')} to a layout the site has${fallback}`;
    });
}
