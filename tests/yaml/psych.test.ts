import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../src/post/frontmatter.js';
import { RubyFloat } from '../../src/yaml/ruby.js';
import { hasRuby, rubyJson } from '../helpers/ruby.js';

type Reading = { t: 'null' } | { t: 'bool'; v: boolean } | { t: 'num'; v: number | string } | { t: 'str'; v: string } | { t: 'instant'; v: number } | { t: 'error' };

/** What Jekyll 4.3's Utils.safe_load_yaml makes of `x: <scalar>`, for each scalar. */
const RUBY = `
require "json"; require "psych"; require "date"
def num(v) = v.is_a?(Float) && (v.nan? || v.infinite?) ? v.to_s : v
out = JSON.parse($stdin.read).map do |s|
  begin
    v = Psych.safe_load("x: #{s}\\n", permitted_classes: [Date, Time], aliases: true)["x"]
    case v
    when nil then { t: "null" }
    when true, false then { t: "bool", v: v }
    when Integer, Float then { t: "num", v: num(v) }
    when String then { t: "str", v: v }
    when Time then { t: "instant", v: (v.to_r * 1000).floor }
    when Date then { t: "instant", v: (Time.utc(v.year, v.month, v.day).to_r * 1000).floor }
    else { t: "error" }
    end
  rescue StandardError, Psych::Exception
    { t: "error" }
  end
end
puts JSON.generate(out)
`;

function psych(scalars: string[]): Reading[] {
  return rubyJson<Reading[]>(RUBY, scalars);
}

function finews(scalar: string): Reading {
  const yaml = `---\nx: ${scalar}\n`;
  const fm = parseFrontMatter(yaml, yaml);
  if (fm.error) return { t: 'error' };
  const v = fm.data?.x;
  if (v === null || v === undefined) return { t: 'null' };
  if (typeof v === 'boolean') return { t: 'bool', v };
  if (typeof v === 'number' || v instanceof RubyFloat) return { t: 'num', v: Number.isFinite(Number(v)) ? Number(v) : String(v) };
  if (typeof v === 'string') return { t: 'str', v };
  if (v instanceof Date) return { t: 'instant', v: v.getTime() };
  return { t: 'error' };
}

/** JavaScript prints NaN and Infinity as Ruby does; numbers compare by value (Ruby's 1.0 is JavaScript's 1). */
const same = (a: Reading, b: Reading) => JSON.stringify(a) === JSON.stringify(b);

const FIXED = [
  'e0', 'E5', '-e3', '1e5', '1e-7', '1.5e3', '1.5e+3', '1.5E-3', '1:30', '20:00', '1:2:3', '-1:30', '+1:30', '1_0:30', '1:30.5', '190:20:30',
  '1_000', '1,000', '0x1F', '-0x1F', '0b101', '0b1_01', '017', '-017', '08', '0o17', '0', '-0', '+1', '12', '.5', '-.5', '+.5', '1.', '-1.', '1,5.0', '1_0.5',
  '..5', '1.2.3', '.', '-.', '+.inf', '.inf', '-.Inf', '.NaN', '.nan', '.NAN', 'inf', 'nan', ':sym', ':)', ':"a"', '~', 'null', 'Null', 'NuLL', 'nil',
  'yes', 'Yes', 'YES', 'y', 'n', 'ON', 'Off', 'true', 'FALSE', 'yes!', 'Yesterday', '2021-12-08', '2021-2-3', '2021-02-30', '2020-02-29',
  '2021-12-08 10:18:31', '2021-12-08 10:18:31 +0800', '2021-12-08 10:18:31 +08:00', '2021-12-08T10:18:31Z', '2021-12-08 10:18:31.25 -05',
  '2021-13-01 10:00:00', '2021-02-31 10:00:00', '2021-12-08 24:00:00', '2021-12-08 10:60:00', '2021-1-1 1:00:00', ' +0800', '+0800', '12:30:45 +0800',
  'emnews', '东财滚动新闻', 'Finance News', 'C#', 'a, b', '_x', '@x', 'x~', '0x', '0b', '0xg', '1_', '_1', '1__0', '1a', 'a1', '12e', 'ab:cd',
];

describe.skipIf(!hasRuby)('plain scalars as Psych reads them (Ruby is the oracle)', () => {
  it('agrees with Psych.safe_load on numbers, booleans, nulls, dates and the strings in between', () => {
    const expected = psych(FIXED);
    const wrong = FIXED.filter((s, i) => !same(finews(s), expected[i]!)).map((s) => `${s}: finews ${JSON.stringify(finews(s))}, Psych ${JSON.stringify(expected[FIXED.indexOf(s)])}`);
    expect(wrong).toEqual([]);
  });

  it('agrees with Psych.safe_load on generated scalars', () => {
    const first = fc.constantFrom(...'0123456789+._~aeEyYnNoOtTfFx');
    const rest = fc.constantFrom(...'0123456789+-._:,~eExbZT ');
    const scalars = fc.sample(
      fc.tuple(first, fc.array(rest, { maxLength: 10 })).map(([a, b]) => (a + b.join('')).trimEnd()).filter((s) => !/: |:$| #/.test(s)),
      { numRuns: 2000, seed: 20261125 },
    );
    const expected = psych(scalars);
    const wrong = scalars.filter((s, i) => !same(finews(s), expected[i]!)).map((s) => `${JSON.stringify(s)}: finews ${JSON.stringify(finews(s))}, Psych ${JSON.stringify(expected[scalars.indexOf(s)])}`);
    expect(wrong.slice(0, 20)).toEqual([]);
  });
});
