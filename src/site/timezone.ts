import { ConfigError } from '../errors.js';

/** Calendar fields of an instant as seen in a time zone. */
export interface ZonedTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Offset from UTC in minutes, east positive (+0800 → 480), as `%z` prints it (a local mean time's seconds dropped). */
  offset: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Formats an instant as `6/1/1890, GMT+08:05:43`: the zone's offset, to the second. */
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Throws ConfigError unless `timeZone` is an IANA name this Node knows. */
export function assertTimeZone(timeZone: string, file?: string, line?: number): void {
  try {
    formatter(timeZone);
  } catch {
    throw new ConfigError(`unknown timezone "${timeZone}" (expected an IANA name such as Asia/Shanghai)`, file, line);
  }
}

/** `GMT`, `GMT+08:00`, `GMT-04:56:02` (a local mean time, to the second). */
const LONG_OFFSET = /GMT(?:([+-])(\d\d):(\d\d)(?::(\d\d))?)?$/;

/**
 * The offset of `timeZone` at `epochMs` in seconds, asking Intl: to the second,
 * as a local mean time (before a zone took standard time) has it and Ruby
 * reads it. One format() call costs a third of formatToParts' fields.
 */
function intlOffset(epochMs: number, timeZone: string): number {
  const shown = formatter(timeZone).format(new Date(epochMs));
  const m = LONG_OFFSET.exec(shown);
  if (!m) throw new Error(`no UTC offset in Intl's ${JSON.stringify(shown)}`);
  if (!m[1]) return 0;
  const seconds = Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4] ?? 0);
  return m[1] === '-' ? -seconds : seconds;
}

/**
 * Offsets by 15-minute bucket. A bucket whose two ends have one offset has it
 * throughout (zones change offset at most once in such a span), so most calls
 * are a map lookup and UTC arithmetic instead of a call to Intl.
 */
const BUCKET_MS = 15 * 60_000;
const MAX_CACHED_BUCKETS = 500_000;
const offsetCache = new Map<string, Map<number, number | null>>();

/** The offset of `timeZone` at `epochMs` in seconds, east positive. */
export function offsetSecondsAt(epochMs: number, timeZone: string): number {
  let zone = offsetCache.get(timeZone);
  if (!zone) offsetCache.set(timeZone, (zone = new Map()));
  const bucket = Math.floor(epochMs / BUCKET_MS);
  let cached = zone.get(bucket);
  if (cached === undefined) {
    if (zone.size >= MAX_CACHED_BUCKETS) zone.clear();
    const first = intlOffset(bucket * BUCKET_MS, timeZone);
    const last = intlOffset((bucket + 1) * BUCKET_MS - 1000, timeZone);
    cached = first === last ? first : null;
    zone.set(bucket, cached);
  }
  return cached ?? intlOffset(epochMs, timeZone);
}

/**
 * The offset Ruby's `%z` and Time#to_s print, in minutes: a local mean time's
 * seconds are dropped (-07:52:58 → -0752).
 */
export function shownOffset(offsetSeconds: number): number {
  return Math.trunc(offsetSeconds / 60);
}

/** The wall-clock fields of `epochMs` in `timeZone` (to the second), and the offset `%z` prints. */
export function zonedTime(epochMs: number, timeZone: string): ZonedTime {
  const seconds = offsetSecondsAt(epochMs, timeZone);
  return utcFields(new Date(Math.floor(epochMs / 1000) * 1000 + seconds * 1000), shownOffset(seconds));
}

/** The calendar fields of a Date read in UTC, labelled with `offset`. */
export function utcFields(d: Date, offset = 0): ZonedTime {
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), offset };
}

/**
 * The instant at which the clocks of `timeZone` show this wall time, as Ruby's
 * Time.local (glibc mktime) decides it: in a gap (spring forward) the time is
 * read with the offset before the change, so 02:30 becomes 03:30; in an overlap
 * (fall back) the later instant, on standard time, wins (checked against Jekyll).
 */
export function instantFromWall(
  wall: { year: number; month: number; day: number; hour?: number; minute?: number; second?: number },
  timeZone: string,
): number {
  const wallMs = utcMs(wall.year, wall.month, wall.day, wall.hour ?? 0, wall.minute ?? 0, wall.second ?? 0);
  // The offsets in force a day either side, read at UTC midnights so that
  // posts of one day share the cached lookups.
  const day = 86_400_000;
  const midnight = wallMs - (((wallMs % day) + day) % day);
  const before = offsetSecondsAt(midnight - day, timeZone);
  const after = offsetSecondsAt(midnight + 2 * day, timeZone);
  // Of the instants that show this wall time, the later; none (a gap): the offset before.
  let instant = Number.NaN;
  for (const offset of before === after ? [before] : [before, after]) {
    const candidate = wallMs - offset * 1000;
    if (offsetSecondsAt(candidate, timeZone) === offset && !(candidate <= instant)) instant = candidate;
  }
  return Number.isNaN(instant) ? wallMs - before * 1000 : instant;
}

/** Date.UTC that takes years 0-99 literally; days and hours past the end roll over (Feb 30 is Mar 2 in 2022). */
export function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  return d.getTime();
}

/** `+0800` style, as Ruby's %z prints it. */
export function formatOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}

export function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}
