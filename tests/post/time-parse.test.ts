import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rubyDateParse, rubyTimeParseAt } from '../../src/post/time-parse.js';
import { hasRuby, rubyJson } from '../helpers/ruby.js';

/**
 * Dates as Jekyll reads them: Utils.parse_date is `Time.parse(text)` with TZ
 * set to the site's `timezone`; where it raises, Jekyll stops the build.
 * Ruby is the oracle: each string's instant, or an error.
 */

type Reading = { ms: number } | { error: true };

const RUBY = `
require "json"; require "time"
input = JSON.parse($stdin.read)
now = Time.at(input["now"] / 1000r)
out = input["texts"].map do |s|
  begin
    { ms: (Time.parse(s, now).to_r * 1000).floor }
  rescue ArgumentError, RangeError
    { error: true }
  end
end
puts JSON.generate(out)
`;

/** A fixed build time, so that `Jan 6` and `10:00` mean the same in Ruby and here. */
const NOW = new Date('2026-11-15T02:13:20.250Z');

function compare(texts: string[], tz: string): { wrong: string[]; unsupported: string[] } {
  const ruby = rubyJson<Reading[]>(RUBY, { now: NOW.getTime(), texts }, tz);
  const wrong: string[] = [];
  const unsupported: string[] = [];
  texts.forEach((text, i) => {
    const r = rubyTimeParseAt(text, tz, NOW);
    if (!r.ok && r.unsupported) return void unsupported.push(text);
    const mine: Reading = r.ok ? { ms: Math.floor(r.epochMs) } : { error: true };
    const theirs = ruby[i]!;
    // Ruby keeps fractions of a second; Jekyll shows whole seconds, as finews does.
    const same = 'ms' in mine && 'ms' in theirs ? Math.floor(mine.ms / 1000) === Math.floor(theirs.ms / 1000) : JSON.stringify(mine) === JSON.stringify(theirs);
    if (!same) wrong.push(`${JSON.stringify(text)} in ${tz}: finews ${JSON.stringify(mine)} ${'ms' in mine ? new Date(mine.ms).toISOString() : ''}, Ruby ${JSON.stringify(theirs)} ${'ms' in theirs ? new Date(theirs.ms).toISOString() : ''}`);
  });
  return { wrong, unsupported };
}

/** The formats real sites write in `date:` (our own strings, in those shapes). */
const WRITTEN = [
  '2023-01-29 18:30:22 2023 -0800', '2022-01-06 09:05:00 +0800', '2022-01-06 09:05:00 +08:00', '2022-01-06 09:05:00 -05', '2022-01-06 09:05',
  '2022-01-06T09:05:00Z', '2022-01-06T09:05:00.123Z', '2022-01-06T09:05:00.5+08:00', '2022-01-06 09:05:00 UTC', '2022-01-06 09:05:00 GMT',
  '2022-01-06 09:05:00 CST', '2022-01-06 09:05:00 EST', '2022-01-06 09:05:00 PDT', '2022-01-06 09:05:00 Z', '2022-01-06 09:05:00 +8',
  'Jan 6 2022', 'January 6, 2022', 'Jan 6, 2022 9:05 PM', '6 Jan 2022 10:00', '6 January 2022', '06-Jan-2022', 'Jan-06-2022',
  '2022/1/6 9:05', '2022/01/06', '1/6/2022', '6/1/2022', '1/6', '2022.01.06', '06.01.2022', '20220106', '20220106T090500', '220106',
  'Thu, 06 Jan 2022 09:05:00 +0800', 'Thu, 06 Jan 2022 09:05:00 GMT', 'Thursday, January 6, 2022', 'Thu Jan  6 09:05:00 UTC 2022',
  '2022-01-06 9am', '2022-01-06 9:05 p.m.', '2022-01-06 12:00 am', '22-01-06', "Jan 6 '22", '6th Jan 2022', 'Jan 6th, 2022',
  'Jan 6', '10:00', '2022', '72000', '2.0', 'yesterday', '', '2022-13-01', '2022-02-30', '2022-01-32', '2022-01-06 24:00:00', '2022-01-06 24:30',
  '2022-01-06 23:60', '2022-01-06 23:59:60', '2022年1月6日', '2022-01-06 09:05:00 +0800 CST', '1969-12-31 23:59:59',
];

describe.skipIf(!hasRuby)("dates as Ruby's Time.parse reads them (Ruby is the oracle)", { timeout: 120_000 }, () => {
  for (const tz of ['UTC', 'Asia/Shanghai', 'America/New_York']) {
    it(`agrees on the formats real sites write, in ${tz}`, () => {
      const { wrong, unsupported } = compare(WRITTEN, tz);
      expect(wrong).toEqual([]);
      expect(unsupported).toEqual([]);
    });
  }

  it('agrees on generated date strings', () => {
    const year = fc.constantFrom('2022', '1999', '22', '99', "'22", '2000');
    const month = fc.constantFrom('1', '01', '12', '13', '0');
    const day = fc.constantFrom('6', '06', '31', '30', '29', '0', '32');
    const name = fc.constantFrom('Jan', 'January', 'feb', 'Feb.', 'Sept', 'DEC', 'Mar');
    const date = fc.oneof(
      fc.tuple(year, month, day, fc.constantFrom('-', '/', '.')).map(([y, m, d, s]) => [y, m, d].join(s)),
      fc.tuple(month, day, year, fc.constantFrom('/', '.', '-')).map(([m, d, y, s]) => [m, d, y].join(s)),
      fc.tuple(day, name, year).map(([d, n, y]) => `${d} ${n} ${y}`),
      fc.tuple(name, day, year, fc.constantFrom(' ', ', ')).map(([n, d, y, s]) => `${n} ${d}${s}${y}`),
      fc.tuple(name, day).map(([n, d]) => `${n} ${d}`),
      fc.tuple(fc.constantFrom('Thu, ', 'Mon ', 'Sunday, ', ''), day, name, year).map(([w, d, n, y]) => `${w}${d} ${n} ${y}`),
      fc.constantFrom('20220106', '220106', '0106', '2022-01-06', '2022'),
    );
    const time = fc.oneof(
      fc.constant(''),
      fc.tuple(fc.constantFrom('0', '9', '09', '12', '23', '24'), fc.constantFrom('00', '05', '59', '60'), fc.constantFrom('', ':00', ':59', ':60', ':05.5', ',25')).map(([h, m, s]) => `${h}:${m}${s}`),
      fc.constantFrom('9am', '9 PM', '12:30 a.m.', '9h', '9h05'),
    );
    const zone = fc.constantFrom('', ' Z', 'Z', ' UTC', ' GMT', ' gmt+8', ' CST', ' EST', ' edt', ' +0800', '+08:00', ' -05', ' -0500', ' +8', ' +5:30', ' JST', ' A', ' 2023');
    const sep = fc.constantFrom(' ', 'T', '  ', ' at ');
    const texts = fc.sample(
      fc.tuple(date, sep, time, zone).map(([d, s, t, z]) => (t ? `${d}${s}${t}${z}` : `${d}${z}`)),
      { numRuns: 1500, seed: 20261201 },
    );
    for (const tz of ['Asia/Shanghai', 'America/New_York']) {
      const { wrong, unsupported } = compare(texts, tz);
      expect(wrong.slice(0, 15)).toEqual([]);
      // finews says "unsupported" (a warning, not a verdict) only where the system's zone names decide.
      expect(unsupported.filter((t) => !/JST/.test(t))).toEqual([]);
    }
  });
});

describe('Date._parse, ported', () => {
  it('takes the time first, then the first date pattern, each blanked out before the next looks', () => {
    expect(rubyDateParse('2023-01-29 18:30:22 2023 -0800')).toEqual({ year: 2023, mon: 1, mday: 29, hour: 18, min: 30, sec: 22 });
    expect(rubyDateParse('Thu, 06 Jan 2022 09:05:00 +0800')).toEqual({ year: 2022, mon: 1, mday: 6, hour: 9, min: 5, sec: 0, zone: '+0800' });
    expect(rubyDateParse('1/6')).toEqual({ mon: 1, mday: 6 });
  });
});
