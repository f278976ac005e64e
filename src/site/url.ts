import { pad, utcMs, type ZonedTime } from './timezone.js';

/** Built-in permalink styles (Jekyll's Configuration::STYLE_TO_PERMALINK). */
export const PERMALINK_STYLES: Readonly<Record<string, string>> = {
  none: '/:categories/:title:output_ext',
  date: '/:categories/:year/:month/:day/:title:output_ext',
  ordinal: '/:categories/:year/:y_day/:title:output_ext',
  pretty: '/:categories/:year/:month/:day/:title/',
  weekdate: '/:categories/:year/W:week/:short_day/:title:output_ext',
};

export function permalinkTemplate(style: string): string {
  return PERMALINK_STYLES[style] ?? style;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** A placeholder's value by name, or undefined for a name the permalink may not use. */
export type Placeholders = (name: string) => string | undefined;

/** The date placeholders of Jekyll's UrlDrop, from the date in the site time zone. */
export function datePlaceholder(d: ZonedTime, name: string): string | undefined {
  switch (name) {
    case 'year':
      return pad(d.year, 4);
    case 'month':
      return pad(d.month);
    case 'day':
      return pad(d.day);
    case 'hour':
      return pad(d.hour);
    case 'minute':
      return pad(d.minute);
    case 'second':
      return pad(d.second);
    case 'i_day':
      return String(d.day);
    case 'i_month':
      return String(d.month);
    case 'short_month':
      return MONTHS[d.month - 1]!.slice(0, 3);
    case 'long_month':
      return MONTHS[d.month - 1]!;
    case 'short_year':
      return pad(((d.year % 100) + 100) % 100);
    case 'w_year':
      return String(isoWeek(civilDay(d)).year);
    case 'week':
      return pad(isoWeek(civilDay(d)).week);
    case 'w_day':
      return String(civilDay(d).getUTCDay() || 7);
    case 'short_day':
      return DAYS[civilDay(d).getUTCDay()]!.slice(0, 3);
    case 'long_day':
      return DAYS[civilDay(d).getUTCDay()]!;
    case 'y_day':
      return pad(Math.round((civilDay(d).getTime() - utcMs(d.year, 1, 1)) / 86_400_000) + 1, 3);
    default:
      return undefined;
  }
}

/** Midnight UTC of the date's calendar day (years 0-99 taken literally). */
function civilDay(d: ZonedTime): Date {
  return new Date(utcMs(d.year, d.month, d.day));
}

function isoWeek(civil: Date): { year: number; week: number } {
  const d = new Date(civil.getTime());
  const dayNum = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - dayNum); // the Thursday of this ISO week
  const year = d.getUTCFullYear();
  return { year, week: Math.ceil(((d.getTime() - utcMs(year, 1, 1)) / 86_400_000 + 1) / 7) };
}

export class UnknownPlaceholderError extends Error {
  constructor(readonly placeholder: string) {
    super(`the permalink has no :${placeholder} placeholder`);
  }
}

/** A permalink Ruby holds true that is not text (a number, a list, a date): Jekyll's build stops on it. */
export class PermalinkTypeError extends Error {}

/**
 * Document#permalink as URL#to_s uses it: any value Ruby holds true is the
 * template, the empty string included (it gives "/"); nil and false leave the
 * site's permalink. A value that is not a string has no #gsub, and the build
 * stops with NoMethodError.
 */
export function permalinkOf(value: unknown, sitePermalink: string): string {
  if (value === null || value === undefined || value === false) return sitePermalink;
  if (typeof value === 'string') return value;
  throw new PermalinkTypeError();
}

/**
 * Jekyll's URL#generate_url_from_drop and #sanitize_url: each `:name` replaced
 * by its escaped value (`:name_` may stand for `:name`), `..` and `./` removed,
 * slashes squeezed. Throws UnknownPlaceholderError as Jekyll's build fails.
 */
export function expandPermalink(template: string, placeholders: Placeholders): string {
  const parts = templateParts(template);
  let expanded = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i]!;
    let winner = name;
    let value = placeholders(name);
    if (value === undefined && name.endsWith('_')) value = placeholders((winner = name.slice(0, -1)));
    if (value === undefined) throw new UnknownPlaceholderError(name);
    // `:name_` standing for `:name` keeps its `_`; a `$` in the value is text (Ruby's sub! reads no `$&`).
    expanded += escapePath(value) + (winner === name ? '' : '_') + parts[i + 1]!;
  }
  return `/${expanded}`.replaceAll('..', '/').replaceAll('./', '').replace(/\/{2,}/g, '/');
}

/** Templates split once: text, placeholder name, text, … (a site has one or a few; posts' own are not kept past a bound). */
const PARTS = new Map<string, string[]>();

function templateParts(template: string): string[] {
  let parts = PARTS.get(template);
  if (!parts) {
    if (PARTS.size >= 256) PARTS.clear();
    parts = template.split(/:([a-z_]+)/);
    PARTS.set(template, parts);
  }
  return parts;
}

/** Characters encodeURIComponent escapes but Addressable's PATH class keeps. */
const KEPT = /%(?:24|26|2B|2C|3B|3D|3A|40|2F)/g;

/** Addressable::URI.encode_component(path, PATH), as Jekyll's URL.escape_path. */
export function escapePath(value: string): string {
  if (value === '' || /^[a-zA-Z0-9./-]+$/.test(value)) return value;
  try {
    return encodeURIComponent(value).replace(KEPT, (m) => decodeURIComponent(m));
  } catch {
    // A lone surrogate: encode its UTF-8 replacement bytes one by one, as Ruby would the invalid string.
    let out = '';
    for (const ch of value) {
      if (/[A-Za-z0-9\-._~!$&'()*+,;=:@/]/.test(ch)) out += ch;
      else for (const byte of Buffer.from(ch, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
    return out;
  }
}

/**
 * The file Jekyll writes for a URL (Document#destination): unescaped, `index`
 * added to a folder URL, the output extension added when missing, so `/a`
 * and `/a.html` are one destination.
 */
export function destinationOf(url: string, outputExt: string): string {
  let dest = decodeURIComponentSafe(url);
  if (dest.endsWith('/')) dest += 'index';
  if (!dest.endsWith(outputExt)) dest += outputExt;
  return dest;
}

function decodeURIComponentSafe(s: string): string {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
