import { formatOffset, instantFromWall, pad, utcMs, zonedTime, type ZonedTime } from '../site/timezone.js';
import { PSYCH_DATE, PSYCH_TIME, psychDate } from '../yaml/psych.js';

/**
 * How Jekyll reads a date. Psych (YAML 1.1) turns an unquoted
 * `2022-01-06 20:00:00` into a Time (no offset → UTC) and `2022-01-06` into a
 * Date; anything else reaches Ruby's Time.parse as a string, which reads a
 * missing offset as the site's local time (Jekyll sets TZ to `timezone`).
 * Jekyll then shows every date in the site time zone.
 */
export type DateSource =
  | { kind: 'timestamp'; text: string } // unquoted, matches Psych's timestamp rule
  | { kind: 'date'; text: string } // unquoted YYYY-MM-DD
  | { kind: 'string'; text: string } // quoted, or plain text Psych keeps as a string
  | { kind: 'other'; text: string }; // a number, boolean, null… (Jekyll calls to_s on it)

export type DateReadAs = 'offset' | 'utc' | 'local';

export type DateReading =
  | { ok: true; epochSeconds: number; readAs: DateReadAs }
  | { ok: false; reason: string; unsupported?: boolean };

/** Classify an unquoted YAML scalar the way Psych does for dates. */
export function classifyPlainDate(text: string): 'timestamp' | 'date' | null {
  if (PSYCH_DATE.test(text)) return psychDate(text) ? 'date' : null;
  if (PSYCH_TIME.test(text)) return 'timestamp';
  return null;
}

export function readDate(source: DateSource, timeZone: string): DateReading {
  switch (source.kind) {
    case 'timestamp':
      return readPsychTimestamp(source.text);
    case 'date': {
      const [year, month, day] = source.text.split('-').map(Number) as [number, number, number];
      return { ok: true, epochSeconds: instantFromWall({ year, month, day }, timeZone) / 1000, readAs: 'local' };
    }
    case 'string':
    case 'other':
      return rubyTimeParse(source.text, timeZone);
  }
}

/** Psych's parse_time: fields as UTC unless an offset is given. */
function readPsychTimestamp(text: string): DateReading {
  const m = /^(-?\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt]|\s+)(\d{1,2}):(\d\d):(\d\d)(?:\.\d*)?\s*(Z|[-+]\d{1,2}:?(?:\d\d)?)?$/.exec(text);
  if (!m) return { ok: false, reason: `"${text}" is not a timestamp` };
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const zone = m[7];
  const wall = utcMs(y, mo, d, h, mi, s);
  if (!zone) return { ok: true, epochSeconds: wall / 1000, readAs: 'utc' };
  return { ok: true, epochSeconds: (wall - zoneOffset(zone) * 60_000) / 1000, readAs: 'offset' };
}

/** `Z`, `UTC`, `+8`, `+0800`, `+08:00` → minutes east of UTC. */
function zoneOffset(zone: string): number {
  if (/^(Z|UTC|GMT)$/i.test(zone)) return 0;
  const m = /^([-+])(\d{1,2}):?(\d{2})?$/.exec(zone);
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -minutes : minutes;
}

const RUBY_ISO =
  /^\s*(-?\d{4})([-/])(\d{1,2})\2(\d{1,2})(?:(?:[Tt]|\s+)(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,]\d+)?)?)?\s*(Z|UTC|GMT|[-+]\d{1,2}(?::?\d{2})?)?\s*$/i;
const RUBY_COMPACT = /^\s*(\d{4})(\d{2})(\d{2})\s*$/;

/**
 * The part of Ruby's Time.parse that news sites use: ISO-like dates with `-` or
 * `/`, an optional time and offset, and YYYYMMDD. Ruby accepts more (month
 * names, other orders); such text is reported as unsupported rather than as
 * invalid, since Jekyll may read it.
 */
export function rubyTimeParse(text: string, timeZone: string): DateReading {
  if (text.trim() === '') return { ok: false, reason: 'the date is empty' };
  const iso = RUBY_ISO.exec(text);
  const compact = iso ? null : RUBY_COMPACT.exec(text);
  if (!iso && !compact) {
    if (!/\d/.test(text)) return { ok: false, reason: `"${text}" has no date in it` };
    if (/^\s*[-+]?\d+(\.\d+)?\s*$/.test(text) || /^\s*[-+]\d{1,2}:?\d{2}\s*$/.test(text)) {
      return { ok: false, reason: `"${text}" is not a date` };
    }
    return { ok: false, reason: `finews does not understand the date "${text}"`, unsupported: true };
  }
  const f = iso
    ? { year: +iso[1]!, month: +iso[3]!, day: +iso[4]!, hour: +(iso[5] ?? 0), minute: +(iso[6] ?? 0), second: +(iso[7] ?? 0), zone: iso[8] }
    : { year: +compact![1]!, month: +compact![2]!, day: +compact![3]!, hour: 0, minute: 0, second: 0, zone: undefined };
  // Ruby's Time range checks; days up to 31 roll over into the next month.
  if (f.month < 1 || f.month > 12 || f.day < 1 || f.day > 31 || f.hour > 24 || f.minute > 59 || f.second > 60) {
    return { ok: false, reason: `"${text}" is out of range` };
  }
  if (f.zone) {
    const wall = utcMs(f.year, f.month, f.day, f.hour, f.minute, f.second);
    return { ok: true, epochSeconds: (wall - zoneOffset(f.zone) * 60_000) / 1000, readAs: 'offset' };
  }
  return { ok: true, epochSeconds: instantFromWall(f, timeZone) / 1000, readAs: 'local' };
}

/** The filename date (`2022-1-6`, `22-01-06`) read as Jekyll does: midnight, site time. */
export function readFilenameDate(text: string, timeZone: string): DateReading {
  const m = /^(\d{2,4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (!m) return { ok: false, reason: `"${text}" is not a date` };
  let year = Number(m[1]);
  // Ruby completes two-digit years: 69-99 → 19xx, 00-68 → 20xx.
  if (m[1]!.length === 2) year += year >= 69 ? 1900 : 2000;
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return { ok: false, reason: `"${text}" is out of range` };
  return { ok: true, epochSeconds: instantFromWall({ year, month, day }, timeZone) / 1000, readAs: 'local' };
}

/** A date as Jekyll shows it: `YYYY-MM-DD HH:MM:SS +hhmm` in the site time zone. */
export interface ShownDate extends ZonedTime {
  epochSeconds: number;
  text: string;
}

export function showDate(epochSeconds: number, timeZone: string): ShownDate {
  const z = zonedTime(epochSeconds * 1000, timeZone);
  const year = z.year < 0 ? `-${pad(-z.year, 4)}` : pad(z.year, 4);
  const text = `${year}-${pad(z.month)}-${pad(z.day)} ${pad(z.hour)}:${pad(z.minute)}:${pad(z.second)} ${formatOffset(z.offset)}`;
  return { year: z.year, month: z.month, day: z.day, hour: z.hour, minute: z.minute, second: z.second, offset: z.offset, epochSeconds, text };
}

/** `YYYY-MM-DD` of a shown date, as in file names. */
export function ymd(d: Pick<ZonedTime, 'year' | 'month' | 'day'>): string {
  return `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
}
