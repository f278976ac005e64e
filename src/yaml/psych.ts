import { Composer, isScalar, isCollection, Parser, visit, YAMLParseError, type Document, type LineCounter, type Node, type ScalarTag, type Tags } from 'yaml';
import { libyamlTokens, psychLexer } from './libyaml.js';
import { utcMs } from '../site/timezone.js';
import { RubyDate, RubyFloat, RubyTime } from './ruby.js';

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
 * What Psych makes of a plain scalar: null, a boolean, a number (a RubyFloat
 * where Ruby prints it otherwise), a RubyDate, a RubyTime or the string itself. `refuse` is called for
 * what safe_load refuses to load (a Symbol). A time with no zone is shown in
 * `timeZone`, Ruby's local time (Jekyll sets TZ to the site's `timezone`).
 */
export function psychScalar(s: string, refuse: (message: string) => void, timeZone = 'UTC'): unknown {
  if (s === '') return null;
  if (STRINGISH.test(s) || s.includes('\n')) {
    if (s === '~' || /^null$/i.test(s)) return null;
    if (/^(?:yes|true|on)$/i.test(s)) return true;
    if (/^(?:no|false|off)$/i.test(s)) return false;
    return s;
  }
  if (PSYCH_TIME.test(s)) return psychTime(s, timeZone) ?? s;
  if (PSYCH_DATE.test(s)) return psychDate(s) ?? s;
  if (/^\+?\.inf$/i.test(s)) return Infinity;
  if (/^-\.inf$/i.test(s)) return -Infinity;
  if (/^\.nan$/i.test(s)) return NaN;
  if (/^:./.test(s)) {
    refuse('Tried to load unspecified class: Symbol');
    return s;
  }
  if (SEXAGESIMAL_INT.test(s)) return base60(s, (n) => rubyToI(n));
  if (SEXAGESIMAL_FLOAT.test(s)) return RubyFloat.of(base60(s, (n) => Number.parseFloat(n.replace(/_/g, '')) || 0));
  if (FLOAT.test(s)) return /^[-+]?\.$/.test(s) ? s : RubyFloat.of(Number(s.replace(/[,_]|\.(?=[Ee]|$)/g, '')));
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

/** Psych's parse_time, or null where Ruby's Time.utc raises (month 13, minute 60…). */
function psychTime(s: string, timeZone: string): RubyTime | null {
  const m = /^(-?\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt]|[ \t\r\n\f\v]+)(\d{1,2}):(\d\d):(\d\d)(\.\d*)?[ \t\r\n\f\v]*(Z|[-+]\d{1,2}:?(?:\d\d)?)?$/.exec(s);
  if (!m) return null;
  const [y, mo, d, h, mi, sec] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || sec > 60) return null;
  // Set field by field: years 0-99 are taken literally, and day 31 or hour 24 roll over as in Ruby.
  const at = new Date(0);
  at.setUTCFullYear(y, mo - 1, d);
  at.setUTCHours(h, mi, sec, Math.floor(Number(`0${m[7] ?? ''}`) * 1000));
  const zone = m[8];
  if (zone === 'Z') return new RubyTime(at.getTime(), 'UTC');
  if (!zone) return RubyTime.local(at.getTime(), timeZone);
  const z = /^([-+])(\d{1,2}):?(\d{2})?$/.exec(zone)!;
  const minutes = (Number(z[2]) * 60 + Number(z[3] ?? 0)) * (z[1] === '-' ? -1 : 1);
  return new RubyTime(at.getTime() - minutes * 60_000, minutes * 60);
}

/** Date.strptime(s, '%Y-%m-%d') of a PSYCH_DATE text, or null for a day the month does not have. */
export function psychDate(s: string): RubyDate | null {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const at = new RubyDate(utcMs(y, m, d));
  return at.getUTCMonth() === m - 1 && at.getUTCDate() === d ? at : null;
}

/** Tags whose meaning the yaml package gives otherwise than Psych: `fixTags` reads them. */
const PSYCH_READS = ['binary', 'omap', 'pairs', 'set'];

/** Every plain scalar (but the merge key `<<`) is read by psychScalar. */
function psychTags(timeZone: string): (tags: Tags) => Tags {
  const psychPlain: ScalarTag = {
    tag: 'tag:finews,2026:psych-plain',
    default: true,
    test: /^(?!<<$)/,
    resolve: (value, onError) => psychScalar(value, onError, timeZone),
  };
  return (tags) => [psychPlain, ...tags.filter((t) => !PSYCH_READS.includes(typeof t === 'string' ? t : t.tag.replace('tag:yaml.org,2002:', '')))];
}

/** Parse YAML text as Psych would; errors are in `document.errors`, never thrown. */
export function parsePsych(text: string, lineCounter: LineCounter, timeZone = 'UTC'): Document.Parsed {
  const parser = new Parser(lineCounter.addNewLine);
  (parser as unknown as { lexer: unknown }).lexer = psychLexer();
  const composer = new Composer({
    version: '1.1',
    customTags: psychTags(timeZone),
    uniqueKeys: false, // Psych keeps the last of duplicate keys
    merge: true,
  });
  const syntax: YAMLParseError[] = [];
  // Psych.safe_load reads the first document of the stream and stops there.
  for (const document of composer.compose(libyamlTokens(parser.parse(text), text, syntax), true, text.length)) {
    // Only the first document's errors: Psych reads no further.
    document.errors.unshift(...syntax.filter((e) => e.pos[0] < document.range[2]));
    // libyaml takes a comment right after a token (`'x'#c`, `[a]#c`) as a comment.
    document.errors = document.errors.filter((e) => !e.message.startsWith('Comments must be separated from other tokens by white space'));
    document.warnings = document.warnings.filter((w) => w.code !== 'TAG_RESOLVE_FAILED');
    if (text.includes('!')) fixTags(document, timeZone); // a tag starts with !
    return document;
  }
  throw new Error('the yaml package composed no document'); // compose(…, true) always yields one
}

/**
 * Explicit tags as Psych's ToRuby reads them: `!!str` keeps the text,
 * `!!float` is Kernel#Float of the value, `!!binary` is Base64, `!ruby/…`
 * and `!!set` are classes safe_load refuses; any other tag (`!x`, `!!int`,
 * `!!timestamp`…) reads the text, quoted or not, as if it were plain.
 */
function fixTags(document: Document.Parsed, timeZone: string): void {
  const refuse = (node: Node, message: string) => document.errors.push(new YAMLParseError([node.range![0], node.range![1]], 'TAG_RESOLVE_FAILED', message));
  visit(document, (_key, node) => {
    if (!isScalar(node) && !isCollection(node)) return;
    const tag = node.tag;
    if (!tag || tag === 'tag:yaml.org,2002:str') return;
    if (/^(?:!ruby\/|tag:ruby\.yaml\.org,2002:)/.test(tag) || tag === 'tag:yaml.org,2002:set') return refuse(node, `Tried to load unspecified class: ${tag}`);
    if (!isScalar(node)) return;
    const text = node.source ?? String(node.value ?? '');
    if (tag === 'tag:yaml.org,2002:binary') node.value = Buffer.from(text, 'base64').toString('utf8');
    else if (tag === 'tag:yaml.org,2002:float') {
      const value = rubyFloat(psychScalar(text, (m) => refuse(node, m), timeZone));
      if (value === null) refuse(node, `invalid value for Float(): ${JSON.stringify(text)}`);
      else node.value = value;
    } else node.value = psychScalar(text, (m) => refuse(node, m), timeZone);
  });
}

/** Kernel#Float of what Psych's tokenizer gave: numbers, and strings Ruby reads as numbers; null where Ruby raises. */
function rubyFloat(value: unknown): number | RubyFloat | null {
  if (typeof value === 'number') return RubyFloat.of(value);
  if (value instanceof RubyFloat) return value;
  if (typeof value !== 'string') return null;
  const s = value.trim();
  if (/^[-+]?0x[0-9a-f]+(?:_[0-9a-f]+)*$/i.test(s)) return RubyFloat.of(Number.parseInt(s.replace(/_/g, ''), 16) * (s.startsWith('-') ? -1 : 1));
  if (!/^[-+]?\d+(?:_\d+)*(?:\.\d+(?:_\d+)*)?(?:e[-+]?\d+(?:_\d+)*)?$/i.test(s)) return null;
  return RubyFloat.of(Number(s.replace(/_/g, '')));
}

/** Aliases beyond this many expansions are refused (YAML bombs). */
export const MAX_ALIAS_COUNT = 100;
