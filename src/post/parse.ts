import path from 'node:path';
import { collectionsOf } from '../site/collections.js';
import { defaultsFor, type Site } from '../site/config.js';
import { slugify, titleizeSlug } from '../site/slugify.js';
import { datePlaceholder, destinationOf, expandPermalink, PermalinkTypeError, permalinkOf, UnknownPlaceholderError, type Placeholders } from '../site/url.js';
import { classifyPlainDate, jekyllDate, readDate, readFilenameDate, showDate, ymd, type DateReadAs, type DateSource, type ShownDate } from './date.js';
import { displacedFrontMatter, field, fieldPosition, frontMatterLanguage, parseFrontMatter, splitFrontMatter, type FrontMatter } from './frontmatter.js';
import { readLiquid, type LiquidVerdict } from '../liquid/post.js';
import { locatePost, type PostLocation } from './location.js';
import { CategoryTypeError, mergeCategories, populateCategories, populateTags, rubyToS } from './taxonomy.js';
import { excerpt, EXCERPT_LINE } from '../excerpt.js';

/** Why Jekyll leaves a file out of `site.posts`. */
export type SkipReason =
  | 'not-in-posts'
  | 'excluded'
  | 'draft'
  | 'ignored-name'
  | 'no-filename-date'
  | 'data-file'
  | 'invalid-utf8'
  | 'unpublished'
  | 'future'
  | 'build-error'
  | 'no-front-matter'
  | 'not-output';

export const SKIP_REASONS: Readonly<Record<SkipReason, string>> = {
  'not-in-posts': 'not in a _posts folder Jekyll reads',
  excluded: 'excluded by exclude: in _config.yml',
  draft: 'a draft: built only with --drafts',
  'ignored-name': 'a name starting with . _ # ~ or ending with ~ or ., which Jekyll ignores',
  'no-filename-date': 'no YYYY-MM-DD- at the start of the file name: Jekyll skips it silently',
  'data-file': 'a .yml or .yaml file: Jekyll reads it as data, not as a post',
  'invalid-utf8': 'not valid UTF-8: Jekyll reports an error and leaves it out',
  unpublished: 'published: false',
  future: 'dated in the future: Jekyll skips it unless future: true',
  'build-error': 'Jekyll stops the whole build on this post',
  'no-front-matter': 'a file of a collection with no front matter: Jekyll copies it as it is, as a static file',
  'not-output': "a document of a collection without output: true: Jekyll reads it but writes no page",
};

/** Something wrong with a post, even when Jekyll builds it. `rule` is the lint rule id. */
export interface Problem {
  rule: string;
  message: string;
  line: number;
  column: number;
}

export interface PostJekyll {
  /** Jekyll reads this file as a post (it may still skip it: see `skip`). */
  skip: SkipReason | null;
  date: ShownDate | null;
  dateSource: 'front-matter' | 'filename' | 'build-time' | null;
  /** How the front-matter date was read: with its offset, as UTC (Psych) or as site time. */
  dateReadAs: DateReadAs | null;
  title: unknown;
  categories: unknown[];
  /** null when Jekyll could not read the front matter (it shows `tags: null`). */
  tags: unknown[] | null;
  url: string | null;
  outputExt: string;
  /** Where Jekyll writes it, relative to `_site`. */
  destination: string | null;
  /** Jekyll could not read the front matter: it builds the post from its file name and the build time. */
  readError: string | null;
  /** What stops Jekyll's whole build (an unreadable date, an unknown permalink placeholder, Liquid's error). */
  fatal: string | null;
}

export interface Post {
  /** Relative to the site root, `/` separators: Jekyll's `page.path`. */
  path: string;
  /** The file's text, a leading BOM removed (Jekyll removes it too). */
  text: string;
  bom: boolean;
  validUtf8: boolean;
  eol: 'lf' | 'crlf' | 'mixed' | 'none';
  location: PostLocation;
  frontMatter: FrontMatter | null;
  /** `---js` and the like: a fence naming a language; never evaluated. */
  frontMatterLanguage: string | null;
  /** Offset of front matter that stands after blank lines, where Jekyll cannot see it; -1 if none. */
  displacedFrontMatter: number;
  /** The front matter's own data ({} when there is none or it is invalid). */
  data: Record<string, unknown>;
  body: string;
  /** 1-based line of the file on which the body starts. */
  bodyLine: number;
  jekyll: PostJekyll;
  problems: Problem[];
  /** Liquid's verdict on the body; null when Jekyll does not run it through Liquid (no `{{`/`{%`, render_with_liquid: false). */
  liquid: LiquidVerdict | null;
}

export interface ParseOptions {
  /** Jekyll's build time: what "future" means and the date of unreadable posts. */
  now?: Date;
}

// ignoreBOM: keep a leading BOM in the text, so that it is seen and reported (TextDecoder drops it by default).
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenientDecoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** Read a post as Jekyll would. Pure: no file system, never throws on content. */
export function parsePost(input: string | Uint8Array, filePath: string, site: Site, options: ParseOptions = {}): Post {
  const now = options.now ?? new Date();
  let text: string;
  let validUtf8 = true;
  if (typeof input === 'string') {
    text = input;
  } else {
    try {
      text = decoder.decode(input);
    } catch {
      validUtf8 = false;
      text = lenientDecoder.decode(input);
    }
  }
  const bom = text.charCodeAt(0) === 0xfeff;
  if (bom) text = text.slice(1);

  const relative = path.isAbsolute(filePath) ? path.relative(site.root, filePath) : filePath;
  const location = locatePost(relative, site);
  const problems: Problem[] = [];
  const split = splitFrontMatter(text);
  const frontMatter = split ? parseFrontMatter(split.block, split.yaml, site.timezone) : null;
  const body = split ? split.body : text;
  const bodyLine = split ? countLines(split.block) + 1 : 1;
  const post: Post = {
    path: location.path,
    text,
    bom,
    validUtf8,
    eol: lineEndings(text),
    location,
    frontMatter,
    frontMatterLanguage: split ? null : frontMatterLanguage(text),
    displacedFrontMatter: split ? -1 : displacedFrontMatter(text),
    data: frontMatter?.data ?? {},
    body,
    bodyLine,
    jekyll: readAsJekyll(location, frontMatter, site, now, problems, !bom && /^---\s*\r?\n/.test(text)),
    problems,
    liquid: null,
  };
  if (!validUtf8) post.jekyll.skip ??= 'invalid-utf8';
  addFileProblems(post, site, now);
  readLiquid(post, site);
  return post;
}

/** `yamlHeader`: Utils.has_yaml_header?, which makes a file of a collection a document rather than a static file. */
function readAsJekyll(location: PostLocation, fm: FrontMatter | null, site: Site, now: Date, problems: Problem[], yamlHeader: boolean): PostJekyll {
  const collection = location.collection === null ? null : (collectionsOf(site).find((c) => c.label === location.collection) ?? null);
  const result: PostJekyll = {
    skip: location.skip,
    date: null,
    dateSource: null,
    dateReadAs: null,
    title: null,
    categories: [],
    tags: [],
    url: null,
    outputExt: outputExtOf(location.ext, site),
    destination: null,
    readError: null,
    fatal: null,
  };
  // Jekyll's Document: folder categories first, then defaults, then the front matter.
  const data: Record<string, unknown> = { categories: [...location.folderCategories] };
  const merge = (other: Record<string, unknown>) => {
    const categories = mergeCategories(data.categories as unknown[] | null, other.categories);
    // Utils.deep_merge_hashes!: a key set to nil keeps the value it had (`categories:` keeps the folder's).
    for (const [key, value] of Object.entries(other)) if (value != null || !Object.hasOwn(data, key)) data[key] = value;
    if (Object.hasOwn(other, 'categories') && other.categories != null) data.categories = categories;
  };
  let dateFromFrontMatter = false;
  try {
    merge(defaultsFor(site, location.path, collection?.label));
    if (fm?.error) throw new FrontMatterReadError(`YAML Exception: ${fm.error.message}`);
    if (fm?.data) {
      merge(fm.data);
      if (Object.hasOwn(fm.data, 'date')) dateFromFrontMatter = true;
    }
  } catch (error) {
    if (!(error instanceof FrontMatterReadError || error instanceof CategoryTypeError)) throw error;
    result.readError = error.message;
  }

  const tz = site.timezone;
  if (result.readError) {
    // Jekyll gives up on the front matter: build time, whole file name in the URL.
    result.date = showDate(Math.floor(now.getTime() / 1000), tz);
    result.dateSource = 'build-time';
    result.categories = [...location.folderCategories];
    result.tags = null;
    delete data.slug;
  } else {
    if (dateFromFrontMatter) {
      const source = dateSource(fm!);
      const reading = readDate(source, tz, now);
      result.dateSource = 'front-matter';
      if (reading.ok) {
        result.date = showDate(jekyllDate(reading.epochSeconds, tz, reading.readAs), tz);
        result.dateReadAs = reading.readAs;
      } else {
        result.fatal = `invalid date: ${reading.reason}`;
        const pos = fieldPosition(fm!, 'date');
        problems.push({
          rule: 'date-invalid',
          message: reading.unsupported
            ? `${excerpt(reading.reason, EXCERPT_LINE)}; Jekyll may read it, but check: an unreadable date stops Jekyll's whole build`
            : `Jekyll cannot read the date ${excerpt(writtenDate(fm!))}${source.kind === 'string' ? ` (${excerpt(reading.reason, EXCERPT_LINE)})` : ''}${location.skip ? ': were the file read, it would stop the whole build' : ': it stops the whole build'}`,
          ...pos,
        });
      }
    } else if (location.filenameDate) {
      const reading = readFilenameDate(location.filenameDate, tz);
      result.dateSource = 'filename';
      if (reading.ok) result.date = showDate(jekyllDate(reading.epochSeconds, tz, null), tz);
      else {
        result.fatal = `invalid date in the file name: ${reading.reason}`;
        problems.push({ rule: 'date-invalid', message: `the file name's date ${excerpt(reading.reason, EXCERPT_LINE)}: Jekyll stops the whole build`, line: 1, column: 1 });
      }
    } else if (collection) {
      // Document#date: a document dated neither way is dated when the site is built.
      result.date = showDate(Math.floor(now.getTime() / 1000), tz);
      result.dateSource = 'build-time';
    }
    // populate_title: Ruby's `||=`, so nil and false are replaced.
    if (data.title === null || data.title === undefined || data.title === false) data.title = titleizeSlug(location.slug);
    if (data.slug === null || data.slug === undefined || data.slug === false) data.slug = location.slug;
    result.title = data.title ?? null;
    result.categories = populateCategories(data);
    result.tags = populateTags(data);
  }

  if (result.date && !result.fatal) {
    try {
      result.url = urlOf(location, { ...data, categories: result.categories }, result, collection?.permalink ?? site.permalink);
      result.destination = destinationOf(result.url, result.outputExt);
    } catch (error) {
      if (error instanceof PermalinkTypeError) result.fatal = `the permalink ${excerpt(rubyToS(data.permalink))} is not text: Jekyll's build stops ("undefined method 'gsub'")`;
      else if (error instanceof UnknownPlaceholderError) result.fatal = `the permalink uses :${error.placeholder}, which Jekyll does not know`;
      else throw error;
    }
  }
  if (result.fatal && !result.skip) result.skip = 'build-error';
  if (collection && !result.skip && !yamlHeader) result.skip = 'no-front-matter';
  if (!result.skip) {
    const published = Object.hasOwn(data, 'published') ? data.published : true;
    if ((published === false || published === null) && !site.unpublished) result.skip = 'unpublished';
    else if (!site.future && result.date && result.date.epochSeconds > Math.floor(now.getTime() / 1000)) result.skip = 'future';
    else if (collection && !collection.output) result.skip = 'not-output';
  }
  return result;
}

/** Whether a written date starts with `day` (`YYYY-MM-DD`): `2017-5-30 0:0:0 +0800` starts with 2017-05-30. */
function sameDay(written: string, day: string): boolean {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(written);
  return m !== null && ymd({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }) === day;
}

class FrontMatterReadError extends Error {}

/** The `date` value's YAML node, classified as Psych would read it. */
function dateSource(fm: FrontMatter): DateSource {
  const node = field(fm, 'date')?.value;
  if (node?.type) {
    const text = node.source ?? rubyToS(node.value);
    if (node.type === 'PLAIN') {
      const kind = classifyPlainDate(text);
      if (kind) return { kind, text };
      // A number or boolean reaches Time.parse as Ruby's to_s of it: `20:00` is base 60, 72000.
      return typeof node.value === 'string' ? { kind: 'string', text } : { kind: 'other', text: rubyToS(node.value) };
    }
    return { kind: 'string', text: String(node.value) };
  }
  return { kind: 'other', text: rubyToS(fm.data?.date) };
}

/** The date as the author wrote it, for messages (`20:00`, where Jekyll sees 72000). */
function writtenDate(fm: FrontMatter): string {
  const node = field(fm, 'date')?.value;
  return JSON.stringify(node?.type ? (node.source ?? rubyToS(node.value)) : rubyToS(fm.data?.date));
}

function outputExtOf(ext: string, site: Site): string {
  const bare = ext.replace(/^\./, '').toLowerCase();
  return site.markdownExt.includes(bare) ? '.html' : ext;
}

/** `template`: the site's permalink for a post, the collection's for a document. */
function urlOf(location: PostLocation, data: Record<string, unknown>, jekyll: PostJekyll, template: string): string {
  const slugSource = data.slug === null || data.slug === undefined ? location.basenameWithoutExt : rubyToS(data.slug);
  const categories = Array.isArray(data.categories) ? data.categories : data.categories == null ? [] : [data.categories];
  const placeholders: Placeholders = (name) => {
    switch (name) {
      case 'title':
        return slugify(slugSource, 'pretty', true);
      case 'slug':
        return slugify(slugSource);
      case 'name':
        return slugify(location.basenameWithoutExt);
      case 'categories':
        return [...new Set(categories.map((c) => rubyToS(c).toLowerCase()))].join('/');
      case 'slugified_categories':
        return [...new Set(categories.map((c) => slugify(rubyToS(c))))].join('/');
      case 'collection':
        return location.collection ?? 'posts';
      case 'output_ext':
        return jekyll.outputExt;
      case 'path':
        return cleanedRelativePath(location);
      default:
        return datePlaceholder(jekyll.date!, name);
    }
  };
  return expandPermalink(permalinkOf(data.permalink, template), placeholders);
}

/** Document#cleaned_relative_path: no extension, the collection's folder (`_posts`, `_articles`) removed, trailing dots dropped. */
function cleanedRelativePath(location: PostLocation): string {
  return location.path
    .slice(0, location.path.length - location.ext.length)
    .replace(location.collection !== null ? `_${location.collection}` : (location.folder ?? '_posts'), '')
    .replace(/\.*$/, '');
}

function countLines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

function lineEndings(text: string): Post['eol'] {
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++;
    else lf++;
  }
  if (crlf === 0 && lf === 0) return 'none';
  if (crlf === 0) return 'lf';
  return lf === 0 ? 'crlf' : 'mixed';
}

/** Problems that come from the file as a whole and from the Jekyll reading. */
function addFileProblems(post: Post, site: Site, now: Date): void {
  const { problems, jekyll, location, frontMatter } = post;
  const add = (rule: string, message: string, line = 1, column = 1) => problems.push({ rule, message, line, column });
  if (!post.validUtf8) add('encoding', 'not valid UTF-8: Jekyll reports "invalid byte sequence in UTF-8" and leaves the post out');
  // A file that is not UTF-8 is one error to Jekyll ("could not read file"); NUL bytes say no more.
  if (post.validUtf8 && post.text.includes('\u0000')) add('encoding', 'contains NUL bytes');
  if (post.frontMatterLanguage) {
    add('front-matter-language', `front matter fenced as "---${excerpt(post.frontMatterLanguage)}": Jekyll does not read it and shows it as text; finews never evaluates it`);
  } else if (post.displacedFrontMatter >= 0) {
    const line = countLines(post.text.slice(0, post.displacedFrontMatter)) + 1;
    add('front-matter-missing', 'front matter does not start at the first byte: Jekyll renders it as text and builds the post from its file name', line);
  } else if (!frontMatter && location.folder === '_posts') {
    // A draft is unpublished: one without front matter is the author's notes until it is published.
    add('front-matter-missing', 'no front matter: Jekyll builds the post from its file name alone');
  }
  if (frontMatter?.error) {
    add('front-matter-invalid', `${excerpt(frontMatter.error.message, EXCERPT_LINE)}: Jekyll builds the post with no title or categories, dated at build time`, frontMatter.error.line, frontMatter.error.column);
  } else if (jekyll.readError) {
    const pos = fieldPosition(frontMatter, 'categories');
    add('front-matter-invalid', `Jekyll cannot read this front matter (${excerpt(jekyll.readError, EXCERPT_LINE)}): it builds the post with no title or categories, dated at build time`, pos.line, pos.column);
  }
  if (jekyll.fatal && !problems.some((p) => p.rule === 'date-invalid')) add('date-invalid', `Jekyll stops the whole build: ${excerpt(jekyll.fatal, EXCERPT_LINE)}`);
  if (location.folder === '_posts' && location.skip === 'no-filename-date') {
    add('filename-no-date', `"${excerpt(path.posix.basename(location.path))}" has no YYYY-MM-DD- date prefix: Jekyll skips it silently`);
  }
  // An empty title is wrong whatever the date: checked before the date-dependent checks.
  const title = frontMatter?.data?.title;
  if (frontMatter?.data && Object.hasOwn(frontMatter.data, 'title') && (title === null || (typeof title === 'string' && title.trim() === ''))) {
    const pos = fieldPosition(frontMatter, 'title');
    add('title-empty', 'the title is empty', pos.line, pos.column);
  }
  if (!frontMatter || frontMatter.error || !jekyll.date) return;
  // Where the date stands is looked up only for a problem.
  const addAtDate = (rule: string, message: string) => {
    const pos = fieldPosition(frontMatter, 'date');
    add(rule, message, pos.line, pos.column);
  };
  if (jekyll.dateSource === 'front-matter' && jekyll.dateReadAs === 'utc') {
    const written = dateSource(frontMatter).text;
    addAtDate('date-no-offset', `${excerpt(written)} has no UTC offset and is read as UTC: Jekyll shows ${jekyll.date.text}`);
  }
  if (jekyll.date.epochSeconds > Math.floor(now.getTime() / 1000)) {
    addAtDate('date-future', `dated ${jekyll.date.text}, after now: Jekyll skips it${site.future ? ' (unless future: true, which this site sets)' : ' unless future: true'}`);
  }
  if (location.filenameDate && jekyll.dateSource === 'front-matter') {
    const fromName = readFilenameDate(location.filenameDate, site.timezone);
    const nameDay = fromName.ok ? ymd(showDate(fromName.epochSeconds, site.timezone)) : location.filenameDate;
    if (nameDay !== ymd(jekyll.date)) {
      // Written on the file name's day at an offset of its own: only the site's time zone moves it.
      const zoneOnly = jekyll.dateReadAs === 'offset' && sameDay(dateSource(frontMatter).text.trim(), nameDay);
      const why = zoneOnly ? `: written on ${nameDay} at its own offset, it is another day in the site time zone (${site.timezone}); set timezone: in _config.yml to the zone the dates are written in` : '';
      addAtDate('filename-date-mismatch', `the file name says ${location.filenameDate} but Jekyll dates the post ${jekyll.date.text} (URL ${excerpt(jekyll.url ?? '?')})${why}`);
    }
  }
}

