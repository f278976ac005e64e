import { formatOffset, instantFromWall, offsetSecondsAt, pad, shownOffset, utcMs, zonedTime, type ZonedTime } from '../site/timezone.js';
import { PSYCH_DATE, PSYCH_TIME, psychDate } from '../yaml/psych.js';
import { rubyTimeParseAt } from './time-parse.js';

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

export function readDate(source: DateSource, timeZone: string, now: Date = new Date()): DateReading {
  switch (source.kind) {
    case 'timestamp':
      return readPsychTimestamp(source.text);
    case 'date': {
      const [year, month, day] = source.text.split('-').map(Number) as [number, number, number];
      return { ok: true, epochSeconds: instantFromWall({ year, month, day }, timeZone) / 1000, readAs: 'local' };
    }
    case 'string':
    case 'other':
      return rubyTimeParse(source.text, timeZone, now);
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

/**
 * Ruby's Time.parse of a string, as Jekyll calls it (TZ set to the site's
 * zone): see time-parse.ts. Missing fields come from `now` (`Jan 6` is this
 * year's). A format finews does not follow is reported as unsupported rather
 * than as invalid, since Jekyll may read it.
 */
export function rubyTimeParse(text: string, timeZone: string, now: Date = new Date()): DateReading {
  const r = rubyTimeParseAt(text, timeZone, now);
  if (!r.ok) return r;
  return { ok: true, epochSeconds: Math.floor(r.epochMs / 1000), readAs: r.zoned ? 'offset' : 'local' };
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

/**
 * The date Jekyll ends with for a post dated `epochSeconds`: merge_data!
 * parses the date from its to_s each time it merges data — the front matter,
 * then populate_categories and populate_tags — and Time#to_s prints the offset
 * in whole minutes. In a local mean time (a zone before it took standard
 * time: Shanghai +08:05:43 until 1901, New York -04:56:02 until 1883) each
 * parse of a local time moves the date by the offset's seconds. The first
 * parse is of what Psych made: a local time only for a timestamp with no zone
 * (`Time.at`), else a string, a Date or a time at its written offset.
 */
export function jekyllDate(epochSeconds: number, timeZone: string, readAs: DateReadAs | null): number {
  let t = epochSeconds;
  for (let pass = readAs === 'utc' ? 0 : 1; pass < 3; pass++) {
    const offset = offsetSecondsAt(t * 1000, timeZone);
    t += offset - shownOffset(offset) * 60;
  }
  return t;
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
