import { instantFromWall, offsetSecondsAt, utcMs } from '../site/timezone.js';

/**
 * Ruby's `Time.parse(text, now)` (time.rb) over a port of `Date._parse`
 * (date_parse.c, Ruby 3.1), which Jekyll calls on every front-matter date
 * (Utils.parse_date on the value's to_s). Date._parse is a heuristic: it
 * takes the weekday, the time and its zone, then the first date pattern that
 * matches (day month year, month day year, ISO, slashes, dots, digit runs…),
 * each match blanked out before the next looks. Time.parse then fills what is
 * missing from `now`, reads the zone with Time.zone_offset (only a short
 * table of names and numeric offsets; anything else means local time) and
 * raises where Ruby's Time.utc/Time.local do. tests/post/time-parse.test.ts
 * checks it against Ruby on generated strings.
 */

export interface RubyParsed {
  year?: number;
  mon?: number;
  mday?: number;
  yday?: number;
  hour?: number;
  min?: number;
  sec?: number;
  secFraction?: number;
  zone?: string;
}

export type TimeParse = { ok: true; epochMs: number; zoned: boolean } | { ok: false; reason: string; unsupported?: boolean };

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MON = 'jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec';
const ERA = "c(?:e|\\.e\\.)|b(?:ce|\\.c\\.e\\.)|a(?:d|\\.d\\.)|b(?:c|\\.c\\.)";

const DAY = /\b(sun|mon|tue|wed|thu|fri|sat)[^-/\d\s]*/i;
const TIME = new RegExp(
  '((?:\\d+\\s*:\\s*\\d+(?:\\s*:\\s*\\d+(?:[,.]\\d*)?)?|\\d+\\s*h(?:\\s*\\d+m?(?:\\s*\\d+s?)?)?)(?:\\s*[ap](?:m\\b|\\.m\\.))?|\\d+\\s*[ap](?:m\\b|\\.m\\.))' +
    '(?:\\s*((?:gmt|utc?)?[-+]\\d+(?:[,.:]\\d+(?::\\d+)?)?|[A-Za-z.\\s]+(?:standard|daylight)\\stime\\b|[A-Za-z]+(?:\\sdst)?\\b))?',
  'i',
);
const TIME_PARTS = /^(\d+)h?(?:\s*:?\s*(\d+)m?(?:\s*:?\s*(\d+)(?:[,.](\d+))?s?)?)?(?:\s*([ap])(?:m\b|\.m\.))?/i;
const EU = new RegExp(`'?\\b(\\d+)[^-\\d\\s']*\\s*(${MON})[^-\\d\\s']*(?:\\s*(?:\\s*,\\s*)?(${ERA})?\\s*('?-?\\d+(?:(?:st|nd|rd|th)\\b)?))?`, 'i');
const US = new RegExp(`\\b(${MON})[^-\\d\\s']*\\s*('?\\d+)[^-\\d\\s']*(?:\\s*,?\\s*(${ERA})?\\s*('?-?\\d+))?`, 'i');
const ISO = /('?[-+]?\d+)-(\d+)-('?-?\d+)/;
const JIS = /\b([mtshr])(\d+)\.(\d+)\.(\d+)/i;
const VMS1 = new RegExp(`('?-?\\d+)-(${MON})[^-/.]*-('?-?\\d+)`, 'i');
const VMS2 = new RegExp(`\\b(${MON})[^-/.]*-('?-?\\d+)(?:-('?-?\\d+))?`, 'i');
const SLA = /('?-?\d+)\/\s*('?\d+)(?:\D\s*('?-?\d+))?/;
const DOT = /('?-?\d+)\.\s*('?\d+)\.\s*('?-?\d+)/;
/** ISO 8601 week and ordinal dates (parse_iso2): rare on news sites; finews does not read them. */
const ISO2 = [/\b(\d{2}|\d{4})?-?w(\d{2})(?:-?(\d))?\b/i, /-w-(\d)\b/i, /--(\d{2})?-(\d{2})\b/, /--(\d{2})(\d{2})?\b/, /\b(\d{2}|\d{4})-(\d{3})\b/, /\b-(\d{3})\b/];
const YEAR = /'(\d+)\b/;
const MONTH = new RegExp(`\\b(${MON})\\S*`, 'i');
const MDAY = /(\d+)(st|nd|rd|th)\b/i;
const DDD = /([-+]?)(\d{2,14})(?:\s*t?\s*(\d{2,6})?(?:[,.](\d*))?)?(?:\s*(z\b|[-+]\d{1,4}\b|\[[-+]?\d[^\]]*\]))?/i;
const BC = /\b(bc\b|bce\b|b\.c\.|b\.c\.e\.)/i;
const FRAG = /^\s*(\d{1,2})\s*$/;

class Unsupported extends Error {}

/** Date._parse(text, true): the fields Ruby finds, or throws Unsupported where finews does not follow it. */
export function rubyDateParse(input: string): RubyParsed {
  let str = input.replace(/[^-+',./:@\p{L}\p{N}[\]]+/gu, ' ');
  const h: RubyParsed & { comp?: boolean; bc?: boolean } = { comp: true };
  const has = { alpha: /\p{L}/u.test(str), digit: /\d/.test(str), dash: str.includes('-'), dot: str.includes('.'), slash: str.includes('/') };
  /** Match, blank the match out (Ruby replaces it with one space), run the callback. */
  const sub = (re: RegExp, cb: (m: RegExpExecArray) => boolean | void): boolean => {
    const m = re.exec(str);
    if (!m) return false;
    if (cb(m) === false) return false;
    str = `${str.slice(0, m.index)} ${str.slice(m.index + m[0].length)}`;
    return true;
  };
  if (has.alpha) sub(DAY, () => {});
  if (has.digit) {
    sub(TIME, (m) => {
      if (m[2] !== undefined) h.zone = m[2];
      const t = TIME_PARTS.exec(m[1]!)!;
      let hour = Number(t[1]);
      if (t[5]) hour = (hour % 12) + (t[5].toLowerCase() === 'p' ? 12 : 0);
      h.hour = hour;
      if (t[2] !== undefined) h.min = Number(t[2]);
      if (t[3] !== undefined) h.sec = Number(t[3]);
      if (t[4] !== undefined) h.secFraction = Number(t[4]) / 10 ** t[4].length;
    });
  }
  const era = (b: string | undefined) => !!b && /^b/i.test(b);
  const month = (name: string) => String(MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1);
  const found =
    (has.alpha && has.digit && (sub(EU, (m) => s3e(h, m[4], month(m[2]!), m[1], era(m[3]))) || sub(US, (m) => s3e(h, m[4], month(m[1]!), m[2], era(m[3]))))) ||
    (has.digit && has.dash && sub(ISO, (m) => s3e(h, m[1], m[2], m[3], false))) ||
    (has.digit && has.dot && sub(JIS, (m) => jis(h, m))) ||
    (has.alpha && has.digit && has.dash && (sub(VMS1, (m) => s3e(h, m[3], month(m[2]!), m[1], false)) || sub(VMS2, (m) => s3e(h, m[3], month(m[1]!), m[2], false)))) ||
    (has.digit && has.slash && sub(SLA, (m) => s3e(h, m[1], m[2], m[3], false))) ||
    (has.digit && has.dot && sub(DOT, (m) => s3e(h, m[1], m[2], m[3], false))) ||
    (has.digit && ISO2.some((re) => re.test(str)) && unsupported()) ||
    (has.digit && sub(YEAR, (m) => void (h.year = Number(m[1])))) ||
    (has.alpha && sub(MONTH, (m) => void (h.mon = Number(month(m[1]!))))) ||
    (has.digit && sub(MDAY, (m) => void (h.mday = Number(m[1])))) ||
    (has.digit && sub(DDD, (m) => ddd(h, m)));
  void found;
  if (has.alpha && BC.test(str)) h.bc = true;
  if (has.digit) {
    const frag = FRAG.exec(str);
    const n = frag ? Number(frag[1]) : NaN;
    if (h.hour !== undefined && h.mday === undefined && n >= 1 && n <= 31) h.mday = n;
    else if (h.mday !== undefined && h.hour === undefined && n >= 0 && n <= 24) h.hour = n;
  }
  if (h.bc && h.year !== undefined) h.year = -h.year + 1;
  if (h.comp && h.year !== undefined && h.year >= 0 && h.year <= 99) h.year += h.year >= 69 ? 1900 : 2000;
  delete h.comp;
  delete h.bc;
  return h;
}

function unsupported(): never {
  throw new Unsupported();
}

/** date_parse.c's s3e: which of three numbers is the year, the month and the day. */
function s3e(h: RubyParsed & { comp?: boolean; bc?: boolean }, y0: string | undefined, m0: string | undefined, d0: string | undefined, bc: boolean): void {
  let y = y0;
  let m = m0;
  let d = d0;
  if (y !== undefined && m !== undefined && d === undefined) [y, m, d] = [d, y, m];
  if (y === undefined) {
    if (d !== undefined && (d.length > 2 || d.startsWith("'"))) [y, d] = [d, undefined];
  }
  if (y !== undefined) {
    const s = /[-+\d]/.exec(y);
    if (s) {
      const digits = /^[-+]?\d*/.exec(y.slice(s.index))![0];
      // Something after the digits (`6th`): that was the day.
      if (s.index + digits.length < y.length) [y, d] = [d, y.slice(s.index)];
    }
  }
  if (m !== undefined && (m.startsWith("'") || m.length > 2)) [y, m, d] = [m, d, y];
  if (d !== undefined && (d.startsWith("'") || d.length > 2)) [y, d] = [d, y];
  if (y !== undefined) {
    const s = /[-+\d]/.exec(y);
    if (s) {
      const rest = y.slice(s.index);
      const sign = /^[-+]/.test(rest);
      const digits = /^\d*/.exec(rest.slice(sign ? 1 : 0))![0];
      if (sign || digits.length > 2) h.comp = false;
      h.year = Number(rest.slice(0, (sign ? 1 : 0) + digits.length)) || 0;
    }
  }
  if (bc) h.bc = true;
  if (m !== undefined) {
    const digits = /\d+/.exec(m);
    if (digits) h.mon = Number(digits[0]);
  }
  if (d !== undefined) {
    const digits = /\d+/.exec(d);
    if (digits) h.mday = Number(digits[0]);
  }
}

/** Japanese era dates (`H31.01.06`). */
function jis(h: RubyParsed & { comp?: boolean }, m: RegExpExecArray): void {
  const base = { m: 1867, t: 1911, s: 1925, h: 1988, r: 2018 }[m[1]!.toLowerCase() as 'm']!;
  h.year = Number(m[2]) + base;
  h.mon = Number(m[3]);
  h.mday = Number(m[4]);
  h.comp = false;
}

/** parse_ddd: a run of digits (`20220106`, `220106`, `0106`, `06`), an optional time run and zone. */
function ddd(h: RubyParsed & { comp?: boolean }, m: RegExpExecArray): void {
  const [, sign, s2, s3, s4, s5] = m as unknown as [string, string, string, string | undefined, string | undefined, string | undefined];
  const n = (s: string, from: number, len: number) => Number(s.slice(from, from + len));
  const timeFirst = s3 === undefined && s4 !== undefined;
  switch (s2.length) {
    case 2:
      if (timeFirst) h.sec = n(s2, 0, 2);
      else h.mday = n(s2, 0, 2);
      break;
    case 4:
      if (timeFirst) [h.sec, h.min] = [n(s2, 2, 2), n(s2, 0, 2)];
      else [h.mon, h.mday] = [n(s2, 0, 2), n(s2, 2, 2)];
      break;
    case 6:
      if (timeFirst) [h.sec, h.min, h.hour] = [n(s2, 4, 2), n(s2, 2, 2), n(s2, 0, 2)];
      else [h.year, h.mon, h.mday] = [Number(sign + s2.slice(0, 2)), n(s2, 2, 2), n(s2, 4, 2)];
      break;
    case 8:
    case 10:
    case 12:
    case 14:
      if (timeFirst) {
        [h.sec, h.min, h.hour, h.mday] = [n(s2, s2.length - 2, 2), n(s2, s2.length - 4, 2), n(s2, s2.length - 6, 2), n(s2, s2.length - 8, 2)];
        if (s2.length >= 10) h.mon = n(s2, s2.length - 10, 2);
        if (s2.length === 12) h.year = Number(sign + s2.slice(0, 2));
        if (s2.length === 14) {
          h.year = Number(sign + s2.slice(0, 4));
          h.comp = false;
        }
      } else {
        [h.year, h.mon, h.mday] = [Number(sign + s2.slice(0, 4)), n(s2, 4, 2), n(s2, 6, 2)];
        if (s2.length >= 10) h.hour = n(s2, 8, 2);
        if (s2.length >= 12) h.min = n(s2, 10, 2);
        if (s2.length >= 14) h.sec = n(s2, 12, 2);
        h.comp = false;
      }
      break;
    case 3:
    case 5:
    case 7:
      // An ordinal day, after a 2- or 4-digit year.
      if (timeFirst) unsupported();
      if (s2.length > 3) h.year = Number(sign + s2.slice(0, s2.length - 3));
      if (s2.length === 7) h.comp = false;
      h.yday = n(s2, s2.length - 3, 3);
      break;
    default:
      unsupported();
  }
  if (s3 !== undefined) {
    if (s3.length % 2 === 1) unsupported();
    h.hour = n(s3, 0, 2);
    if (s3.length >= 4) h.min = n(s3, 2, 2);
    if (s3.length >= 6) h.sec = n(s3, 4, 2);
  }
  if (s4 !== undefined && s4 !== '') h.secFraction = Number(s4) / 10 ** s4.length;
  if (s5 !== undefined) {
    if (s5.startsWith('[')) unsupported();
    h.zone = s5;
  }
}

/** Time::ZoneOffset: the only zone names Time.parse knows (hours east of UTC). */
const ZONE_OFFSET: Record<string, number> = {
  UTC: 0, Z: 0, UT: 0, GMT: 0, EST: -5, EDT: -4, CST: -6, CDT: -5, MST: -7, MDT: -6, PST: -8, PDT: -7,
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8, I: 9, K: 10, L: 11, M: 12,
  N: -1, O: -2, P: -3, Q: -4, R: -5, S: -6, T: -7, U: -8, V: -9, W: -10, X: -11, Y: -12,
};

/**
 * Time.zone_offset in seconds, or null (Ruby then reads the time as local).
 * Throws Unsupported for a name that may be the site zone's abbreviation,
 * which Ruby takes from the system's time zone data.
 */
function zoneOffset(zone: string, year: number, timeZone: string): number | null {
  const z = zone.toUpperCase();
  let m = /^([+-])(\d\d)(:?)(\d\d)(?:\3(\d\d))?$/.exec(z);
  if (m) return (m[1] === '-' ? -1 : 1) * ((Number(m[2]) * 60 + Number(m[4])) * 60 + Number(m[5] ?? 0));
  if ((m = /^[+-]\d\d$/.exec(z))) return Number(z) * 3600;
  if (Object.hasOwn(ZONE_OFFSET, z)) return ZONE_OFFSET[z]! * 3600;
  if (!/^[A-Z]{3,5}$/.test(z)) return null;
  for (const month of [1, 7]) {
    const at = instantFromWall({ year, month, day: 1 }, timeZone);
    const names = ['en-US', 'en-GB'].map((locale) => new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? '');
    if (names.some((n) => n.toUpperCase() === z)) return offsetSecondsAt(at, timeZone);
    // Intl knows no abbreviation there ("GMT+8"): the system's may be this one.
    if (names.every((n) => /^(GMT|UTC)[-+]/.test(n))) throw new Unsupported();
  }
  return null;
}

/** Ruby's month lengths, for Time's day check (day 31 of a 30-day month rolls over; 32 raises). */
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** `Time.parse(text, now)` with TZ set to `timeZone`: the instant, or why Ruby raises. */
export function rubyTimeParseAt(text: string, timeZone: string, now: Date): TimeParse {
  let d: RubyParsed;
  try {
    d = rubyDateParse(text);
  } catch (error) {
    if (error instanceof Unsupported) return { ok: false, reason: `finews does not understand the date "${text}"`, unsupported: true };
    throw error;
  }
  let { year, mon, mday: day, hour, min, sec } = d;
  const { yday, secFraction, zone } = d;
  if ([year, yday, mon, day, hour, min, sec, secFraction].every((v) => v === undefined)) return { ok: false, reason: `no time information in "${text}"` };
  let off: number | null = null;
  try {
    if (zone !== undefined) off = zoneOffset(zone, year ?? yearIn(now, null, timeZone), timeZone);
  } catch (error) {
    if (error instanceof Unsupported) return { ok: false, reason: `finews does not know the time zone "${zone}" in "${text}"`, unsupported: true };
    throw error;
  }
  // Missing fields come from now (in the zone given, else local), down to the first one given.
  const wall = nowFields(now, off, timeZone);
  let usec: number | undefined = secFraction !== undefined ? secFraction * 1e6 : undefined;
  fill: {
    if (year !== undefined) break fill;
    year = wall.year;
    if (mon !== undefined || yday !== undefined) break fill;
    mon = wall.month;
    if (day !== undefined) break fill;
    day = wall.day;
    if (hour !== undefined) break fill;
    hour = wall.hour;
    if (min !== undefined) break fill;
    min = wall.minute;
    if (sec !== undefined) break fill;
    sec = wall.second;
    if (usec !== undefined) break fill;
    usec = (now.getTime() % 1000) * 1000;
  }
  if (yday !== undefined) {
    const days = isLeap(year) ? 366 : 365;
    if (yday < 1 || yday > days) return { ok: false, reason: `yday ${yday} out of range in "${text}"` };
    const at = new Date(utcMs(year, 1, 1) + (yday - 1) * 86_400_000);
    [mon, day] = [at.getUTCMonth() + 1, at.getUTCDate()];
  }
  mon ??= 1;
  day ??= 1;
  hour ??= 0;
  min ??= 0;
  sec ??= 0;
  if (zone !== undefined && d.year === undefined && year !== wall.year) off = zoneOffset(zone, year, timeZone);
  let fields = { year, month: mon, day, hour, minute: min, second: sec };
  if (off !== null) fields = applyOffset(fields, off);
  // Time.utc / Time.local range checks (a day past the month's end rolls over).
  const f = fields;
  if (f.month < 1 || f.month > 12 || f.day < 1 || f.day > 31 || f.hour < 0 || f.hour > 24 || (f.hour === 24 && (f.minute > 0 || f.second > 0)) || f.minute < 0 || f.minute > 59 || f.second < 0 || f.second > 60) {
    return { ok: false, reason: `argument out of range in "${text}"` };
  }
  if (off !== null) return { ok: true, epochMs: utcMs(f.year, f.month, f.day, f.hour, f.minute, f.second), zoned: true };
  return { ok: true, epochMs: instantFromWall(f, timeZone), zoned: false };
}

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** Time.month_days, with Ruby's array indexing: month 0 reads December's length, month 13 nothing. */
function monthDays(year: number, month: number): number | undefined {
  const days = [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  const i = month - 1;
  return i < 0 ? days[12 + i] : days[i];
}

const divmod = (a: number, b: number): [number, number] => [Math.floor(a / b), ((a % b) + b) % b];

/** time.rb's apply_offset: the wall fields moved to UTC, carrying as Ruby does (a day past the month's end becomes the 1st). */
function applyOffset(wall: Fields, offset: number): Fields {
  let { year, month, day, hour, minute, second } = wall;
  let off = Math.abs(offset);
  let o: number;
  const sign = offset < 0 ? 1 : -1; // moving west adds, east subtracts
  [off, o] = divmod(off, 60);
  if (o !== 0) [o, second] = divmod(second + sign * o, 60), (off += sign * o);
  [off, o] = divmod(off, 60);
  if (o !== 0) [o, minute] = divmod(minute + sign * o, 60), (off += sign * o);
  [off, o] = divmod(off, 24);
  if (o !== 0) [o, hour] = divmod(hour + sign * o, 24), (off += sign * o);
  if (off !== 0) {
    if (offset < 0) {
      day += off;
      const days = monthDays(year, month);
      if (days !== undefined && days < day) {
        month += 1;
        if (month > 12) [month, year] = [1, year + 1];
        day = 1;
      }
    } else {
      day -= off;
      if (day < 1) {
        month -= 1;
        if (month < 1) [year, month] = [year - 1, 12];
        day = monthDays(year, month)!;
      }
    }
  }
  return { year, month, day, hour, minute, second };
}

function yearIn(now: Date, off: number | null, timeZone: string): number {
  return nowFields(now, off, timeZone).year;
}

function nowFields(now: Date, off: number | null, timeZone: string) {
  const offsetMs = (off !== null ? off : offsetSecondsAt(now.getTime(), timeZone)) * 1000;
  const at = new Date(now.getTime() + offsetMs);
  return { year: at.getUTCFullYear(), month: at.getUTCMonth() + 1, day: at.getUTCDate(), hour: at.getUTCHours(), minute: at.getUTCMinutes(), second: at.getUTCSeconds() };
}
