import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, InputError, UsageError } from '../errors.js';
import { removeStaleTemps } from '../fs/atomic.js';
import { createPostFile } from '../fs/move.js';
import { readInputFile, readInputStream } from '../fs/read-input.js';
import type { Io } from '../io.js';
import { fixLiquid } from '../liquid/post.js';
import { rubyTimeParse, showDate, ymd, type ShownDate } from '../post/date.js';
import { parsePost } from '../post/parse.js';
import { yamlQuote } from '../post/stringify.js';
import { loadSite, type Site } from '../site/config.js';
import { assertSite } from '../site/named.js';
import { makeSlug, SLUG_STYLES, type SlugStyle } from '../site/slug-style.js';
import type { PageMetadata } from '../convert/page.js';

export interface NewOptions {
  /** '' with --from: the title the page states. */
  title: string;
  categories: string[];
  tags: string[];
  /** A date as Jekyll reads it; no offset means site time. Default: now. */
  date?: string;
  slug?: string;
  slugStyle?: SlugStyle;
  layout?: string;
  draft: boolean;
  dryRun: boolean;
  force: boolean;
  open: boolean;
  /** Folder to write into, instead of the site's `_posts` (or `_drafts`). */
  dir?: string;
  /** File holding the body; `-` for standard input. */
  bodyFile?: string;
  /** An HTML article (fragment or whole page) to convert into the body; `-` for standard input. */
  from?: string;
}

/** `finews.new` in `_config.yml`: defaults for new posts. */
interface NewSettings {
  layout: string;
  categories: string[];
  tags: string[];
  slugStyle: SlugStyle;
  extension: string;
}

/** Scaffold a post, never clobbering one that exists. Prints the path written. */
export async function newPost(options: NewOptions, io: Io): Promise<number> {
  const site = await loadSite(options.dir ? path.resolve(io.cwd, options.dir) : io.cwd, io.env);
  // Outside any site a new post would land in a ./_posts nobody builds; --dir says where on purpose.
  if (!options.dir) assertSite(site, io.cwd);
  const settings = newSettings(site);
  if (options.from !== undefined && options.bodyFile !== undefined) throw new UsageError('--from and --body-file: choose one');
  // An article states its title, byline and date: they fill what the command line leaves out.
  const article = options.from !== undefined ? await articleFromHtml(options.from, io) : undefined;
  const title = options.title || article?.metadata.title || '';
  if (title.trim() === '') throw new UsageError(article ? `${options.from} states no title: give one` : 'the title is empty');
  const editor = options.open ? editorCommand(io) : null;

  const slug = options.slug !== undefined ? checkSlug(options.slug) : makeSlug(title, options.slugStyle ?? settings.slugStyle);
  if (slug === '') {
    throw new UsageError(`"${oneLine(title)}" makes an empty slug in the ${options.slugStyle ?? settings.slugStyle} style: give one with --slug`);
  }
  const date = options.draft ? null : postDate(options.date ?? statedDate(article?.metadata.published, site, io), site, io);
  const categories = unique([...settings.categories, ...options.categories]);
  const folder = options.dir ? path.resolve(io.cwd, options.dir) : postsFolder(site, options.draft ? '_drafts' : '_posts', categories[0]);
  const name = `${date ? `${ymd(date)}-` : ''}${slug}${settings.extension}`;
  const file = path.join(folder, name);

  const tags = unique([...settings.tags, ...options.tags]);
  const body = article ? article.markdown : options.bodyFile !== undefined ? liquidSafe(await readBody(options.bodyFile, io), options.bodyFile, site, file, io) : '';
  const author = options.from !== undefined ? article?.metadata.byline : undefined;
  const content = renderPost({ layout: options.layout ?? settings.layout, title, author, date, categories, tags, body });
  assertRoundTrip(content, file, site, { title, categories, tags });

  const shown = path.relative(io.cwd, file) || file;
  if (options.dryRun) {
    io.stderr.write(`would write ${shown}\n`);
    io.stdout.write(content);
    return 0;
  }
  // What a killed run left in the folder (none left by a run still going).
  await removeStaleTemps([folder]);
  await createPostFile(file, content, { force: options.force, shown });
  io.stdout.write(`${shown}\n`);
  if (editor) openInEditor(editor, file);
  return 0;
}

/**
 * The site's posts (or drafts) folder, or its subfolder named after the post's
 * first category when the site keeps one (`_posts/opera/`): where the site
 * files such posts. A folder below `_posts` is no category to Jekyll, so the
 * URL is the same either way.
 */
function postsFolder(site: Site, base: '_posts' | '_drafts', category: string | undefined): string {
  const folder = path.join(site.root, base);
  if (category === undefined || category === '' || category === '.' || category === '..' || /[/\\\0]/.test(category)) return folder;
  const sub = path.join(folder, category);
  return isDirectory(sub) ? sub : folder;
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function newSettings(site: Site): NewSettings {
  const raw = (site.finews.new ?? {}) as Record<string, unknown>;
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);
  const style = (raw.slug_style ?? 'jekyll') as SlugStyle;
  if (!SLUG_STYLES.includes(style)) {
    throw new ConfigError(`finews.new.slug_style: must be one of ${SLUG_STYLES.join(', ')}`, site.configFile ?? '_config.yml', site.settingLines['new.slug_style']);
  }
  return {
    layout: typeof raw.layout === 'string' ? raw.layout : 'post',
    categories: list(raw.categories),
    tags: list(raw.tags),
    slugStyle: style,
    extension: typeof raw.extension === 'string' ? `.${raw.extension.replace(/^\./, '')}` : '.md',
  };
}

/** `--date`, read as Ruby's Time.parse reads it in site time; default now. */
export function postDate(text: string | undefined, site: Site, io: Io): ShownDate {
  if (text === undefined) return showDate(Math.floor(io.now().getTime() / 1000), site.timezone);
  const reading = rubyTimeParse(text, site.timezone);
  if (!reading.ok) throw new UsageError(`--date: ${reading.reason} (use YYYY-MM-DD HH:MM:SS, with an offset such as +0800 if not site time)`);
  return showDate(reading.epochSeconds, site.timezone);
}

/** A slug given by hand must stay a plain file name inside the posts folder. */
function checkSlug(slug: string): string {
  if (slug === '' || slug === '.' || slug === '..' || /[/\\\0\r\n]/.test(slug) || slug.startsWith('.')) {
    throw new UsageError(`--slug "${oneLine(slug)}" is not a plain file name`);
  }
  return slug;
}

/** A YAML scalar: plain when Psych reads it back as this very string, else double-quoted. */
function scalar(s: string): string {
  return /^[\p{L}\p{N}][\p{L}\p{N}_.-]*$/u.test(s) && !/^(?:yes|no|true|false|on|off|null|~)$/i.test(s) && !/^[-+.\d]/.test(s) ? s : yamlQuote(s);
}

function renderPost(p: { layout: string; title: string; author?: string; date: ShownDate | null; categories: string[]; tags: string[]; body: string }): string {
  const lines = ['---', `layout: ${scalar(p.layout)}`, `title: ${yamlQuote(p.title)}`];
  if (p.author) lines.push(`author: ${yamlQuote(p.author)}`);
  if (p.date) lines.push(`date: ${p.date.text}`);
  if (p.categories.length) lines.push(`categories: [${p.categories.map(scalar).join(', ')}]`);
  if (p.tags.length) lines.push(`tags: [${p.tags.map(scalar).join(', ')}]`);
  lines.push('---', '');
  const body = p.body === '' || p.body.endsWith('\n') ? p.body : `${p.body}\n`;
  return `${lines.join('\n')}${body}`;
}

/** Read the written post back with the model: what Jekyll sees must be what was asked for. */
function assertRoundTrip(content: string, file: string, site: Site, want: { title: string; categories: string[]; tags: string[] }): void {
  const post = parsePost(content, file, site);
  const data = post.data;
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (data.title !== want.title || !same(data.categories ?? [], want.categories) || !same(data.tags ?? [], want.tags)) {
    throw new Error(`finews new wrote front matter that does not read back: ${JSON.stringify(data)}`);
  }
}

/** The body as Jekyll's Liquid stage shows it: what `lint --fix` wraps in {% raw %} is wrapped (and said); a body that still stops the build is refused. */
function liquidSafe(body: string, name: string, site: Site, file: string, io: Io): string {
  const safe = fixLiquid(body, site, path.relative(site.root, file).split(path.sep).join('/'));
  if (safe.fatal) throw new InputError(`Jekyll would stop the whole build on this body: ${safe.fatal}`, name);
  if (safe.wrapped.length > 0) io.stderr.write(`${name}: wrapped in {% raw %} so that Jekyll shows them as written: ${safe.wrapped.join(' ')}\n`);
  return safe.body;
}

/** The article converted to Markdown, with what the page states; what the converter removes on purpose is said on stderr. */
async function articleFromHtml(file: string, io: Io): Promise<{ markdown: string; metadata: PageMetadata }> {
  const html = await readBody(file, io);
  const { convertText } = await import('../convert/convert.js'); // only `new --from` loads the converter
  const { countRemovals, formatCounts } = await import('../convert/removal.js');
  const { markdown, removed, metadata } = convertText(html, { input: 'html' });
  if (removed.length > 0) io.stderr.write(`removed on purpose from ${file}: ${formatCounts(countRemovals(removed))}\n`);
  return { markdown, metadata: metadata ?? {} };
}

/**
 * The date a page states, as --date would give it (in the site's time zone);
 * undefined when it states none that can be read. A page's date is not front
 * matter: Ruby reads `2/3/2015` day first, but pages write it either way, so
 * a slashed date is read only when its numbers say which is the month.
 */
function statedDate(published: string | undefined, site: Site, io: Io): string | undefined {
  if (published === undefined) return undefined;
  const slashed = SLASHED_DATE.exec(published);
  if (slashed) {
    const [, first, second, year, rest] = slashed as unknown as [string, string, string, string, string];
    const [month, day] = Number(first) > 12 ? [second, first] : Number(second) > 12 ? [first, second] : [];
    if (month === undefined || day === undefined) {
      io.stderr.write(`the page's date "${oneLine(published)}" could be month/day or day/month: the post is dated now (give --date)\n`);
      return undefined;
    }
    published = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}${rest}`;
  }
  const reading = rubyTimeParse(published, site.timezone);
  if (reading.ok) return showDate(reading.epochSeconds, site.timezone).text;
  io.stderr.write(`the page's date "${oneLine(published)}" cannot be read (${reading.reason}): the post is dated now\n`);
  return undefined;
}

async function readBody(file: string, io: Io): Promise<string> {
  if (file === '-') {
    if (!io.stdin) throw new UsageError('--body-file -: no standard input');
    return (await readInputStream(io.stdin, '-')).toString('utf8');
  }
  try {
    return readInputFile(path.resolve(io.cwd, file), file).bytes.toString('utf8');
  } catch (error) {
    const reason = error instanceof InputError ? error.reason : ((error as NodeJS.ErrnoException).code ?? (error as Error).message);
    throw new InputError(`cannot read the body: ${reason}`, file, { cause: error });
  }
}

function editorCommand(io: Io): string[] {
  const editor = (io.env.VISUAL || io.env.EDITOR || '').split(/\s+/).filter(Boolean);
  if (editor.length === 0) throw new UsageError('--open needs $VISUAL or $EDITOR');
  return editor;
}

function openInEditor([command, ...args]: string[], file: string): void {
  const result = spawnSync(command!, [...args, file], { stdio: 'inherit' });
  if (result.error) throw new InputError(`cannot start the editor "${command}": ${result.error.message}`);
}

/** `2/26/2015 7:11 AM PST`: month and day in either order, a four-digit year, and what follows. */
const SLASHED_DATE = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})(?!\d)(.*)$/s;
const unique = (values: string[]) => [...new Set(values)];
const oneLine = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}...` : s).replace(/\s+/g, ' ');
