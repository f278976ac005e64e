import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { strftime } from '../../src/index-pages/strftime.js';

/** Ruby is the oracle (CI installs it with Jekyll); without it, the test says so and is skipped. */
const hasRuby = spawnSync('ruby', ['--version']).status === 0;

const FORMATS = [
  '%Y年%-m月', '%Y年%-m月%-d日', '%Y-%m-%d', '%B %Y', '%b %-d, %Y', '%A %e %j', '%^B %^a %#b', '%_m/%-d/%y %C',
  '%10Y|%-10Y|%_5d|%05e', '%U %W %u %w', '%F %D %x', '%% %Q %s %H:%M:%S %p %P %I %k %l %#p', '%3B|%-e|%0e|%_y|%-j|%h',
];
const DATES: [number, number, number][] = [
  [2022, 1, 6], [2021, 12, 31], [2024, 2, 29], [1999, 7, 4], [2000, 1, 1], [2023, 1, 1], [5, 3, 9], [2026, 12, 27], [2018, 12, 31], [2012, 1, 1],
];

describe.skipIf(!hasRuby)('strftime agrees with Ruby Time#strftime, which the date filter calls', () => {
  it('on every format and date', () => {
    const input = JSON.stringify({ formats: FORMATS, dates: DATES });
    const script = 'd = JSON.parse(STDIN.read); puts JSON.generate(d["dates"].flat_map { |y, m, dd| d["formats"].map { |f| Time.utc(y, m, dd).strftime(f) } })';
    const ruby = spawnSync('ruby', ['-rdate', '-rjson', '-e', script], { input, encoding: 'utf8' });
    expect(ruby.status, ruby.stderr).toBe(0);
    const expected = JSON.parse(ruby.stdout) as string[];
    const ours = DATES.flatMap(([y, m, d]) => FORMATS.map((f) => `${f} ${y}-${m}-${d} → ${strftime(f, y, m, d)}`));
    expect(ours).toEqual(DATES.flatMap(([y, m, d]) => FORMATS.map((f) => f)).map((f, i) => `${f} ${DATES[Math.floor(i / FORMATS.length)]!.join('-')} → ${expected[i]}`));
  });
});

it('formats the titles the README shows', () => {
  expect(strftime('%Y年%-m月', 2022, 1, 1)).toBe('2022年1月');
  expect(strftime('%B %Y', 2022, 3, 1)).toBe('March 2022');
});
