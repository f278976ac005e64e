import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { classifyPlainDate, readDate, readFilenameDate, rubyTimeParse, showDate, type DateSource } from '../../src/post/date.js';

const shown = (source: DateSource, tz = 'Asia/Shanghai') => {
  const r = readDate(source, tz);
  return r.ok ? `${showDate(r.epochSeconds, tz).text} (${r.readAs})` : `invalid: ${r.reason}`;
};

describe('dates as Jekyll reads them (observed with Jekyll 4.3.1, timezone Asia/Shanghai)', () => {
  it.each([
    // Psych timestamps: an offset is honoured, none means UTC.
    [{ kind: 'timestamp', text: '2022-01-06 20:00:00 +0000' }, '2022-01-07 04:00:00 +0800 (offset)'],
    [{ kind: 'timestamp', text: '2022-01-06 20:00:00' }, '2022-01-07 04:00:00 +0800 (utc)'],
    [{ kind: 'timestamp', text: '2022-01-06T20:00:00+08:00' }, '2022-01-06 20:00:00 +0800 (offset)'],
    [{ kind: 'timestamp', text: '2022-01-06 20:00:00.5 +8' }, '2022-01-06 20:00:00 +0800 (offset)'],
    [{ kind: 'timestamp', text: '2022-01-06 20:00:00 Z' }, '2022-01-07 04:00:00 +0800 (offset)'],
    [{ kind: 'timestamp', text: '2022-01-06 21:25:59 +0800' }, '2022-01-06 21:25:59 +0800 (offset)'],
    // A Psych date is midnight, site time.
    [{ kind: 'date', text: '2022-01-06' }, '2022-01-06 00:00:00 +0800 (local)'],
    // Strings go through Time.parse: no offset means site time.
    [{ kind: 'string', text: '2022-01-06 20:00:00' }, '2022-01-06 20:00:00 +0800 (local)'],
    [{ kind: 'string', text: '2022-01-06 20:00' }, '2022-01-06 20:00:00 +0800 (local)'],
    [{ kind: 'string', text: '2022/01/06 20:00:00' }, '2022-01-06 20:00:00 +0800 (local)'],
    [{ kind: 'string', text: '2022-01-06 20:00:00 UTC' }, '2022-01-07 04:00:00 +0800 (offset)'],
  ] as [DateSource, string][])('%o → %s', (source, expected) => {
    expect(shown(source)).toBe(expected);
  });

  it.each([['72000'], [''], ['+0800'], ['yesterday'], ['2022-13-01']])('"%s" is not a date Jekyll can read', (text) => {
    const r = rubyTimeParse(text, 'Asia/Shanghai');
    expect(r).toMatchObject({ ok: false });
    expect(r).not.toHaveProperty('unsupported');
  });

  it('reads what Time.parse reads, filling what is missing from the build time', () => {
    const now = new Date('2026-11-15T02:00:00Z');
    const at = (text: string) => {
      const r = rubyTimeParse(text, 'Asia/Shanghai', now);
      return r.ok ? showDate(r.epochSeconds, 'Asia/Shanghai').text : r.reason;
    };
    expect(at('Jan 6 2022')).toBe('2022-01-06 00:00:00 +0800');
    expect(at('2023-01-29 18:30:22 2023 -0800')).toBe('2023-01-29 18:30:22 +0800'); // the offset after the year is not read
    expect(at('20:00')).toBe('2026-11-15 20:00:00 +0800');
    expect(at('2022-01-06 10:00 CST')).toBe('2022-01-07 00:00:00 +0800'); // Ruby's CST is US Central
  });

  it('says a zone name only the system can read is unsupported, not invalid', () => {
    const r = rubyTimeParse('2022-01-06 10:00 JST', 'Asia/Tokyo');
    expect(r).toMatchObject({ ok: false, unsupported: true });
  });

  it('classifies plain scalars as Psych does', () => {
    expect(classifyPlainDate('2022-01-06 20:00:00')).toBe('timestamp');
    expect(classifyPlainDate('2022-1-6 2:00:00')).toBe('timestamp');
    expect(classifyPlainDate('2022-01-06')).toBe('date');
    expect(classifyPlainDate('2022-02-30')).toBeNull(); // not a calendar date: a string
    expect(classifyPlainDate('2022-01-06 20:00')).toBeNull(); // no seconds: a string
  });

  it('reads the file-name date at midnight in the site time zone, DST included', () => {
    const ny = readFilenameDate('2022-07-01', 'America/New_York');
    expect(ny.ok && showDate(ny.epochSeconds, 'America/New_York').text).toBe('2022-07-01 00:00:00 -0400');
    const short = readFilenameDate('22-1-6', 'UTC');
    expect(short.ok && showDate(short.epochSeconds, 'UTC').text).toBe('2022-01-06 00:00:00 +0000');
  });

  it('resolves DST gaps and overlaps as Ruby does', () => {
    const tz = 'America/New_York';
    const gap = rubyTimeParse('2022-03-13 02:30:00', tz);
    expect(gap.ok && showDate(gap.epochSeconds, tz).text).toBe('2022-03-13 03:30:00 -0400');
    const overlap = rubyTimeParse('2022-11-06 01:30:00', tz);
    expect(overlap.ok && showDate(overlap.epochSeconds, tz).text).toBe('2022-11-06 01:30:00 -0500');
  });
});

describe('time zone arithmetic', () => {
  it('agrees with Intl at every hour across DST changes and zones with half-hour offsets', async () => {
    const { zonedTime } = await import('../../src/site/timezone.js');
    for (const tz of ['America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Asia/Shanghai', 'America/St_Johns']) {
      const f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
      for (let t = Date.UTC(2021, 0, 1); t < Date.UTC(2023, 0, 1); t += 3_600_000 + 7_000) {
        const z = zonedTime(t, tz);
        const p = Object.fromEntries(f.formatToParts(new Date(t)).map((x) => [x.type, Number(x.value)]));
        expect([z.year, z.month, z.day, z.hour, z.minute, z.second], `${tz} ${new Date(t).toISOString()}`).toEqual([p.year, p.month, p.day, p.hour, p.minute, p.second]);
      }
    }
  });

  it('reads a wall time as the latest instant that shows it, or with the offset before a gap', async () => {
    const { instantFromWall } = await import('../../src/site/timezone.js');
    const zones = ['America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Chatham', 'Pacific/Apia', 'America/Sao_Paulo'];
    const formats = new Map(zones.map((tz) => [tz, new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })]));
    const wallOf = (tz: string, t: number) => {
      const p = Object.fromEntries(formats.get(tz)!.formatToParts(new Date(t)).map((x) => [x.type, Number(x.value)]));
      return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
    };
    // Brute force: every offset from -14 h to +14 h in quarter hours; the latest instant that shows the wall time.
    const reference = (tz: string, wallMs: number) => {
      let found = Number.NaN;
      for (let q = -56; q <= 56; q++) {
        const t = wallMs - q * 900_000;
        if (wallOf(tz, t) === wallMs && !(t <= found)) found = t;
      }
      return Number.isNaN(found) ? wallMs - (wallOf(tz, wallMs - 86_400_000) - (wallMs - 86_400_000)) : found;
    };
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: Date.UTC(1990, 0, 1) / 900_000, max: Date.UTC(2036, 0, 1) / 900_000 }), fc.integer({ min: 0, max: 899 }), (tz, quarter, second) => {
        const wallMs = quarter * 900_000 + second * 1000;
        const d = new Date(wallMs);
        const wall = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() };
        expect(instantFromWall(wall, tz), `${tz} ${d.toISOString()}`).toBe(reference(tz, wallMs));
      }),
      { numRuns: 400 },
    );
    // The edges themselves: an hour either side of each change in 2011 in Apia (it skipped 30 December) and New York.
    for (const [tz, wall] of [['Pacific/Apia', Date.UTC(2011, 11, 30, 12)], ['Pacific/Apia', Date.UTC(2011, 11, 31, 0, 30)], ['America/New_York', Date.UTC(2011, 2, 13, 2, 30)], ['America/New_York', Date.UTC(2011, 10, 6, 1, 30)]] as const) {
      const d = new Date(wall);
      expect(instantFromWall({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() }, tz), `${tz} ${d.toISOString()}`).toBe(reference(tz, wall));
    }
  });
});
