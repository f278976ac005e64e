import { formatOffset, offsetSecondsAt, pad } from '../site/timezone.js';

/**
 * The Ruby values Psych gives that JavaScript has no exact twin for, so that
 * finews prints them as Jekyll does (`to_s` in URLs and categories, `jsonify`
 * in `show --json`): a Date, a Time with its UTC offset, a Float such as 2.0.
 */

/** A Ruby Date (`date: 2022-01-06`): midnight UTC of the day; prints as `2022-01-06`. */
export class RubyDate extends Date {
  override toString(): string {
    return `${year(this.getUTCFullYear())}-${pad(this.getUTCMonth() + 1)}-${pad(this.getUTCDate())}`;
  }

  override toJSON(): string {
    return this.toString();
  }
}

/**
 * A Ruby Time: the instant, and the offset Ruby shows it in. Psych makes a
 * `Z` time UTC (`2022-01-06 09:05:00 UTC`), keeps a written offset (`+0800`)
 * and shows a time with no zone in local time, which Jekyll sets to the
 * site's `timezone`.
 */
export class RubyTime extends Date {
  /** Seconds east of UTC, or 'UTC' for a UTC time. */
  readonly utcOffset: number | 'UTC';

  constructor(ms: number, utcOffset: number | 'UTC') {
    super(ms);
    this.utcOffset = utcOffset;
  }

  /** The time with no zone written, shown in `timeZone` as Ruby's Time.at does. */
  static local(ms: number, timeZone: string): RubyTime {
    return new RubyTime(ms, offsetSecondsAt(ms, timeZone));
  }

  /** Ruby's Time#to_s: `2022-01-06 09:05:00 +0800`, or `… UTC`. */
  override toString(): string {
    const offset = this.utcOffset === 'UTC' ? 0 : this.utcOffset;
    const at = new Date(Math.floor(this.getTime() / 1000) * 1000 + offset * 1000);
    const day = `${year(at.getUTCFullYear())}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}`;
    const time = `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())}`;
    return `${day} ${time} ${this.utcOffset === 'UTC' ? 'UTC' : formatOffset(Math.trunc(offset / 60))}`;
  }

  override toJSON(): string {
    return this.toString();
  }
}

function year(y: number): string {
  return y < 0 ? `-${pad(-y, 4)}` : pad(y, 4);
}

/**
 * A Ruby Float that JavaScript would print otherwise: `2.0` (JavaScript: 2),
 * `1.0e+20`. Other floats (1.5) stay JavaScript numbers. Compares and
 * serialises as its number.
 */
export class RubyFloat {
  constructor(readonly value: number) {}

  /** A JavaScript number for a Psych float: a RubyFloat when Ruby prints it otherwise. */
  static of(value: number): number | RubyFloat {
    return rubyFloatToS(value) === String(value) ? value : new RubyFloat(value);
  }

  valueOf(): number {
    return this.value;
  }

  toString(): string {
    return rubyFloatToS(this.value);
  }

  toJSON(): number {
    return this.value;
  }
}

/** Ruby's Float#to_s: the shortest digits, fixed from 1e-4 to 1e16, `.0` on whole numbers. */
function rubyFloatToS(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
  const [mantissa, exponent] = Math.abs(n).toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const decpt = Number(exponent) + 1;
  const sign = n < 0 ? '-' : '';
  if (decpt > 16 || decpt < -3) {
    const e = decpt - 1;
    return `${sign}${digits[0]}.${digits.slice(1) || '0'}e${e < 0 ? '-' : '+'}${pad(Math.abs(e))}`;
  }
  if (decpt <= 0) return `${sign}0.${'0'.repeat(-decpt)}${digits}`;
  if (digits.length <= decpt) return `${sign}${digits}${'0'.repeat(decpt - digits.length)}.0`;
  return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
}
