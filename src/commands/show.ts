import path from 'node:path';
import kleur from 'kleur';
import { useColor, type Io } from '../io.js';
import { fixPost } from '../lint/fix.js';
import { loadRuleContext } from '../lint/lint-file.js';
import { RULES_BY_ID } from '../lint/rules/index.js';
import type { RuleContext } from '../lint/types.js';
import { parsePost, SKIP_REASONS, type Post, type Problem, type SkipReason } from '../post/parse.js';
import { readPost } from '../post/read.js';
import { findSiteRoot, loadSite, type Site } from '../site/config.js';
import { expandInputs } from '../site/files.js';
import { assertSite, otherCollections, otherCollectionsNote } from '../site/named.js';
import { documentFiles } from '../site/collections.js';

export interface ShowOptions {
  files: string[];
  json: boolean;
}

/** What `finews show --json` prints for each file. The keys are part of the interface. */
export interface ShowEntry {
  /** Relative to the site root, as Jekyll's `page.path`. */
  path: string;
  /** The other collection (not posts) whose document this is, or null for a post. */
  collection: string | null;
  url: string | null;
  /**
   * The URL after `finews lint --fix --fix-permalink move` (the fixes can move
   * a post: a date given its offset, front matter that starts to count); equal
   * to `url` when they do not. By default --fix keeps `url` working instead.
   */
  fixedUrl: string | null;
  /** `YYYY-MM-DD HH:MM:SS +hhmm` in the site time zone. */
  date: string | null;
  categories: unknown[];
  tags: unknown[] | null;
  title: unknown;
  /** Why Jekyll leaves the post out, or null. */
  skip: SkipReason | 'unreadable' | null;
  problems: Problem[];
  /** Where the date comes from: front-matter, filename, build-time. */
  dateSource: string | null;
  /** The file Jekyll writes, relative to `_site`. */
  destination: string | null;
  layout: unknown;
  /** The site root the post was read against. */
  site: string;
}

/** Print what Jekyll will do with each post. Exit 0, or 2 when a named file cannot be read. */
export async function show(options: ShowOptions, io: Io): Promise<number> {
  const sites = new Map<string, Site>();
  const siteFor = async (file: string): Promise<Site> => {
    const root = findSiteRoot(file) ?? '';
    let site = sites.get(root);
    if (!site) {
      site = await loadSite(file, io.env);
      sites.set(root, site);
    }
    return site;
  };
  const first = await siteFor(options.files[0] ? path.resolve(io.cwd, options.files[0]) : io.cwd);
  if (options.files.length === 0) assertSite(first, io.cwd);
  // A folder of another collection means its documents; any other input, the posts it holds.
  const named = await Promise.all(options.files.map(async (input) => ({ input, documents: await documentFiles(first, path.resolve(io.cwd, input)) })));
  const postInputs = named.filter((n) => n.documents === null).map((n) => n.input);
  const files = [
    // No input at all: the site's posts; only folders of documents: none.
    ...(options.files.length === 0 || postInputs.length > 0 ? await expandInputs(postInputs, io.cwd, first) : []),
    ...named.flatMap((n) => n.documents ?? []),
  ];
  const now = io.now();
  const contexts = new Map<string, Promise<RuleContext>>();
  // Where the fixes alone would put the post: what `lint --fix` keeps the old URL from.
  const fixedUrlOf = async (post: Post, site: Site): Promise<string | null> => {
    let ctx = contexts.get(site.root);
    if (!ctx) contexts.set(site.root, (ctx = loadRuleContext(site.root, io.env, [], io.cwd).then(fixableOnly)));
    const fixed = fixPost(post, await ctx, (text) => parsePost(text, post.path, site, { now }));
    return fixed.post.jekyll.url;
  };
  const entries: ShowEntry[] = [];
  const unreadable: { file: string; error: string }[] = [];
  for (const file of files) {
    const site = await siteFor(file);
    const result = await readPost(file, site, { now });
    if (!result.post) {
      unreadable.push({ file, error: result.error });
      entries.push({
        path: result.path,
        collection: null,
        url: null,
        fixedUrl: null,
        date: null,
        categories: [],
        tags: [],
        title: null,
        skip: 'unreadable',
        problems: [{ rule: 'unreadable', message: `${result.path} ${result.error}`, line: 1, column: 1 }],
        dateSource: null,
        destination: null,
        layout: null,
        site: site.root,
      });
      continue;
    }
    const { jekyll, data, location } = result.post;
    entries.push({
      path: result.post.path,
      collection: location.collection,
      url: jekyll.url,
      // The fixes are for posts: a document keeps its URL.
      fixedUrl: location.collection === null ? await fixedUrlOf(result.post, site) : jekyll.url,
      date: jekyll.date?.text ?? null,
      categories: jekyll.categories,
      tags: jekyll.tags,
      title: jekyll.title,
      skip: jekyll.skip,
      problems: result.post.problems,
      dateSource: jekyll.dateSource,
      destination: jekyll.destination,
      layout: data.layout ?? null,
      site: site.root,
    });
  }
  io.stdout.write(options.json ? `${JSON.stringify(entries, null, 2)}\n` : formatShow(entries, useColor(io)));
  if (entries.length === 0) io.stderr.write(`finews: no posts found (in _posts or _drafts folders)${otherCollectionsNote(first, `and finews shows their documents when named (finews show ${otherCollections(first)[0]})`)}\n`);
  // Exit 2 is an I/O error: one line on stderr for each file that could not be read.
  for (const { file, error } of unreadable) io.stderr.write(`finews: ${path.relative(io.cwd, file) || file}: ${error}\n`);
  return unreadable.length > 0 ? 2 : 0;
}

/** Only rules that fix run: the others offer no fix, so the fixed text (and URL) is the same, at a fraction of the work. */
function fixableOnly(ctx: RuleContext): RuleContext {
  const severities = Object.fromEntries(Object.entries(ctx.settings.severities).map(([id, severity]) => [id, RULES_BY_ID.get(id)?.fixable ? severity : 'off' as const]));
  return { ...ctx, settings: { ...ctx.settings, severities } };
}

function formatShow(entries: ShowEntry[], color: boolean): string {
  const c = kleur as unknown as typeof kleur & { enabled: boolean };
  c.enabled = color;
  const list = (values: unknown[] | null) => (values === null ? 'null' : values.length === 0 ? '—' : values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', '));
  const out: string[] = [];
  for (const e of entries) {
    out.push(c.bold().underline(e.path));
    const row = (label: string, value: string) => out.push(`  ${c.dim(label.padEnd(11))}${value}`);
    if (e.collection) row('collection', `${e.collection} ${c.dim('(a document, not a post)')}`);
    if (e.skip) row('skipped', c.yellow(e.skip === 'unreadable' ? 'cannot be read' : SKIP_REASONS[e.skip]));
    if (e.url) row('url', e.url);
    if (e.fixedUrl !== e.url) row('fixed url', `${e.fixedUrl ?? 'none'} ${c.dim(`(lint --fix keeps ${e.url ?? 'none'} unless --fix-permalink move)`)}`);
    if (e.date) row('date', `${e.date}${e.dateSource ? c.dim(` (from the ${e.dateSource.replace('-', ' ')})`) : ''}`);
    if (e.skip !== 'unreadable') {
      row('title', typeof e.title === 'string' ? e.title : JSON.stringify(e.title));
      row('categories', list(e.categories));
      row('tags', list(e.tags));
    }
    for (const p of e.problems) out.push(`  ${c.red(`${p.line}:${p.column}`)}  ${p.message}  ${c.dim(p.rule)}`);
    out.push('');
  }
  const skipped = entries.filter((e) => e.skip).length;
  const documents = entries.filter((e) => e.collection).length;
  const others = documents > 0 ? ` (${documents} document${documents === 1 ? '' : 's'} of other collections)` : '';
  out.push(c.bold(`${entries.length} file${entries.length === 1 ? '' : 's'}: ${entries.length - skipped} built by Jekyll, ${skipped} left out${others}`));
  return `${out.join('\n')}\n`;
}
