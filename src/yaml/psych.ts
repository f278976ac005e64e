import { parseDocument, type Document, type LineCounter, type ScalarTag, type Tags } from 'yaml';
import { utcMs } from '../site/timezone.js';

/**
 * YAML as Jekyll reads it: `Psych.safe_load(yaml, permitted_classes: [Date,
 * Time], aliases: true)`, Ruby's Psych 4 (Jekyll 4.3's Utils.safe_load_yaml).
 * The `yaml` package parses the structure; what a plain (unquoted) scalar
 * means is decided by `psychScalar`, a port of Psych's ScalarScanner#tokenize,
 * which differs from YAML 1.1 as the package reads it: `1e5` and `e0` are
 * strings, `1:30` is 5400 (Psych's base 60 counts from hours), `08` is a
 * string, `1,000` is 1000, `:name` is a Symbol, which safe_load refuses.
 * tests/yaml/psych.test.ts checks it against Ruby's Psych when Ruby is there.
 */

/** Psych's timestamp rule (ScalarScanner::TIME); `\s` is Ruby's, ASCII only. */
export const PSYCH_TIME =
  /^-?\d{4}-\d{1,2}-\d{1,2}(?:[Tt]|[ \t\r\n\f\v]+)\d{1,2}:\d\d:\d\d(?:\.\d*)?(?:[ \t\r\n\f\v]*(?:Z|[-+]\d{1,2}:?(?:\d\d)?))?$/;
/** Psych's date rule. */
export const PSYCH_DATE = /^\d{4}-(?:1[012]|0\d|\d)-(?:[12]\d|3[01]|0\d|\d)$/;

/** Text Psych keeps as a string (or reads as a boolean or null) without looking further. */
const STRINGISH = /^[^\d.:-]?[\p{Alphabetic}_ \t\r\n\f\v!@#$%^&*(){}<>|/\\~;=]+/u;
const SEXAGESIMAL_INT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9]){1,2}$/;
const SEXAGESIMAL_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9]){1,2}\.[0-9_]*$/;
const FLOAT = /^[-+]?(?:[0-9][0-9_,]*)?\.[0-9]*(?:[eE][-+][0-9]+)?$/;
const INTEGER = /^(?:[-+]?0b[0-1_,]+|[-+]?0[0-7_,]+|[-+]?(?:0|[1-9](?:[0-9]|,[0-9]|_[0-9])*)|[-+]?0x[0-9a-fA-F_,]+)$/;

/**
 * What Psych makes of a plain scalar: null, a boolean, a number, a Date (for
 * Ruby's Date and Time alike) or the string itself. `refuse` is called for
 * what safe_load refuses to load (a Symbol).
 */
export function psychScalar(s: string, refuse: (message: string) => void): unknown {
  if (s === '') return null;
  if (STRINGISH.test(s) || s.includes('\n')) {
    if (s === '~' || /^null$/i.test(s)) return null;
    if (/^(?:yes|true|on)$/i.test(s)) return true;
    if (/^(?:no|false|off)$/i.test(s)) return false;
    return s;
  }
  if (PSYCH_TIME.test(s)) return psychTime(s) ?? s;
  if (PSYCH_DATE.test(s)) return psychDate(s) ?? s;
  if (/^\+?\.inf$/i.test(s)) return Infinity;
  if (/^-\.inf$/i.test(s)) return -Infinity;
  if (/^\.nan$/i.test(s)) return NaN;
  if (/^:./.test(s)) {
    refuse('Tried to load unspecified class: Symbol');
    return s;
  }
  if (SEXAGESIMAL_INT.test(s)) return base60(s, (n) => rubyToI(n));
  if (SEXAGESIMAL_FLOAT.test(s)) return base60(s, (n) => Number.parseFloat(n.replace(/_/g, '')) || 0);
  if (FLOAT.test(s)) return /^[-+]?\.$/.test(s) ? s : Number(s.replace(/[,_]|\.(?=[Ee]|$)/g, ''));
  if (INTEGER.test(s)) return psychInteger(s.replace(/[,_]/g, ''));
  return s;
}

/** Psych's base 60: each part times 60 to the power |index − 2|, so `1:30` is 1 h 30 min in seconds. */
function base60(s: string, value: (part: string) => number): number {
  return s.split(':').reduce((sum, part, e) => sum + value(part) * 60 ** Math.abs(e - 2), 0);
}

/** Ruby's String#to_i for a part of a base-60 number (sign, digits, single underscores). */
function rubyToI(part: string): number {
  const m = /^([-+]?)(\d+(?:_\d+)*)/.exec(part);
  return m ? Number(m[1] + m[2]!.replace(/_/g, '')) : 0;
}

/** Ruby's Integer(): 0b binary, 0x hex, a leading 0 octal. */
function psychInteger(s: string): number {
  const sign = s.startsWith('-') ? -1 : 1;
  const digits = s.replace(/^[-+]/, '');
  if (/^0b/i.test(digits)) return sign * Number.parseInt(digits.slice(2), 2);
  if (/^0x/i.test(digits)) return sign * Number.parseInt(digits.slice(2), 16);
  if (/^0\d/.test(digits)) return sign * Number.parseInt(digits.slice(1), 8);
  return sign * Number(digits);
}

/** Psych's parse_time as an instant, or null where Ruby's Time.utc raises (month 13, minute 60…). */
function psychTime(s: string): Date | null {
  const m = /^(-?\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt]|[ \t\r\n\f\v]+)(\d{1,2}):(\d\d):(\d\d)(\.\d*)?[ \t\r\n\f\v]*(Z|[-+]\d{1,2}:?(?:\d\d)?)?$/.exec(s);
  if (!m) return null;
  const [y, mo, d, h, mi, sec] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || sec > 60) return null;
  // Set field by field: years 0-99 are taken literally, and day 31 or hour 24 roll over as in Ruby.
  const at = new Date(0);
  at.setUTCFullYear(y, mo - 1, d);
  at.setUTCHours(h, mi, sec, Math.floor(Number(`0${m[7] ?? ''}`) * 1000));
  const zone = m[8];
  if (!zone || zone === 'Z') return at;
  const z = /^([-+])(\d{1,2}):?(\d{2})?$/.exec(zone)!;
  const minutes = (Number(z[2]) * 60 + Number(z[3] ?? 0)) * (z[1] === '-' ? -1 : 1);
  return new Date(at.getTime() - minutes * 60_000);
}

/** Date.strptime(s, '%Y-%m-%d') of a PSYCH_DATE text, or null for a day the month does not have. */
export function psychDate(s: string): Date | null {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const at = new Date(utcMs(y, m, d));
  return at.getUTCMonth() === m - 1 && at.getUTCDate() === d ? at : null;
}

/** Every plain scalar (but the merge key `<<`) is read by psychScalar. */
const psychPlain: ScalarTag = {
  tag: 'tag:finews,2026:psych-plain',
  default: true,
  test: /^(?!<<$)/,
  resolve: (value, onError) => psychScalar(value, onError),
};

function psychTags(tags: Tags): Tags {
  return [psychPlain, ...tags];
}

/** Parse YAML text as Psych would; errors are in `document.errors`, never thrown. */
export function parsePsych(text: string, lineCounter: LineCounter): Document.Parsed {
  return parseDocument(text, {
    version: '1.1',
    customTags: psychTags,
    uniqueKeys: false, // Psych keeps the last of duplicate keys
    merge: true,
    prettyErrors: false,
    lineCounter,
  });
}

/** Aliases beyond this many expansions are refused (YAML bombs). */
export const MAX_ALIAS_COUNT = 100;
