import fc from 'fast-check';
import { yamlQuote } from '../../src/post/stringify.js';

/** Strings with what trips YAML and file names up: quotes, colons, #, CJK, line breaks, controls, lone surrogates, RTL, emoji. */
const NASTY = [...'"\'`:#-[]{}|>&*!%@,?\\/. \t\n\r', '\r\n', '\u0000', '\u0085', '\u2028', '\u2029', '\ufeff', '\ud800', '\udfff', '\u202e', 'שלום', '😀', '👨‍👩‍👧', '中文：标题', '「引号」', '..', '%2e%2e', 'é', 'e\u0301'];
export const nastyString = fc
  .array(fc.oneof({ weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) }, { weight: 2, arbitrary: fc.constantFrom(...NASTY) }), { maxLength: 12 })
  .map((parts) => parts.join(''));

const word = fc.oneof(fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/), fc.constantFrom('中文', '标题', '央行', 'e公司', 'Finance', 'ニュース', '뉴스'));
/** A plain scalar Psych reads as a string: words and single spaces, nothing YAML would read otherwise. */
const plainString = fc
  .array(word, { minLength: 1, maxLength: 4 })
  .map((ws) => ws.join(' '))
  .filter((s) => !/^(?:yes|no|true|false|on|off|null|y|n)$/i.test(s) && !/^[\d.+-]/.test(s));
/** Printable characters a single-quoted scalar holds on one line. */
const singleQuotable = fc.string({ unit: fc.constantFrom(...'ab 中"\'#:,[]{}&*!|>%@`\\/'), maxLength: 12 });

const digits = (n: number, min: number, max: number) => fc.integer({ min, max }).map((v) => String(v).padStart(n, '0'));
export const dateText = fc
  .tuple(digits(4, 1990, 2030), digits(2, 1, 12), digits(2, 1, 28), digits(2, 0, 23), digits(2, 0, 59), digits(2, 0, 59), fc.constantFrom('', ' +0800', ' -0500', ' +0000', 'Z', ' +05:30'), fc.constantFrom(' ', 'T'))
  .map(([y, mo, d, h, mi, s, offset, sep]) => `${y}-${mo}-${d}${sep}${h}:${mi}:${s}${offset}`);

/** The YAML source of a value that fits on its key's line: scalars in every style, flow lists and maps. */
export const scalarSource: fc.Arbitrary<string> = fc.oneof(
  nastyString.map((s) => yamlQuote(s)),
  singleQuotable.map((s) => `'${s.replace(/'/g, "''")}'`),
  plainString,
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map(String),
  dateText,
  dateText.map((d) => d.slice(0, 10)),
  dateText.map((d) => `"${d}"`),
  fc.constantFrom('yes', 'No', '~', 'null', 'true', 'y'),
  fc.array(fc.oneof(plainString, nastyString.map((s) => yamlQuote(s))), { maxLength: 4 }).map((xs) => `[${xs.join(', ')}]`),
  fc.array(fc.tuple(fc.stringMatching(/^[a-z]{1,5}$/), plainString), { maxLength: 3 }).map((kv) => `{${kv.map(([k, v]) => `${k}: ${v}`).join(', ')}}`),
);

/** A value on the lines after its key (a list, a map, a literal or folded block): its style (`|`) and lines without line ends. */
export const blockSource: fc.Arbitrary<{ style: string; lines: string[] }> = fc.oneof(
  fc.tuple(fc.constantFrom('', '  '), fc.array(scalarSource, { minLength: 1, maxLength: 3 })).map(([indent, items]) => ({ style: '', lines: items.map((i) => `${indent}- ${i}`) })),
  fc.uniqueArray(fc.tuple(fc.stringMatching(/^[a-z]{1,5}$/), scalarSource), { minLength: 1, maxLength: 3, selector: ([k]) => k }).map((kv) => ({ style: '', lines: kv.map(([k, v]) => `  ${k}: ${v}`) })),
  fc.tuple(fc.constantFrom('|', '>', '|-'), fc.array(fc.oneof(plainString, singleQuotable.map((l) => l.trim()).filter((l) => l !== '')), { minLength: 1, maxLength: 3 })).map(([style, ls]) => ({ style, lines: ls.map((l) => `  ${l}`) })),
);

/** A key YAML reads as that string (not `yes`, not `e5`, which src/yaml/psych.ts reads as a float). */
export const keyName = fc
  .oneof(fc.stringMatching(/^[a-z][a-z_0-9]{0,9}$/), fc.constantFrom('标题', 'カテゴリ', 'title', 'date', 'categories', 'tags', 'layout'))
  .filter((k) => !/^(?:yes|no|true|false|on|off|null|y|n)$/i.test(k) && !/^e\d/.test(k));

export interface Entry {
  key: string;
  /** Scalar or flow value on the key's line; '' for `key:` with no value. */
  inline: string;
  /** Lines of a block value (after a `key:` or `key: |`). */
  block: string[] | null;
  blockStyle: string;
  comment: string;
}

const comment = fc.oneof({ weight: 3, arbitrary: fc.constant('') }, fc.constantFrom(' # 注释', ' #', ' # a: b "c"'));

export const entry: fc.Arbitrary<Omit<Entry, 'key'>> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(scalarSource, comment).map(([v, c]) => ({ inline: v, block: null, blockStyle: '', comment: c })) },
  fc.constant({ inline: '', block: null, blockStyle: '', comment: '' }),
  fc.tuple(blockSource, comment).map(([b, c]) => ({ inline: '', block: b.lines, blockStyle: b.style, comment: c })),
);

export type Eol = '\n' | '\r\n' | 'mixed';

export interface Generated {
  text: string;
  entries: Entry[];
  /** For each entry, the offset of its inline value (or of the end of `key:`) in `text`, and the offsets its lines span. */
  spans: { valueStart: number; valueEnd: number; lineStart: number; lineEnd: number }[];
  bodyStart: number;
}

/** A whole post: front matter from `entries`, comment and blank lines between, a body, chosen line endings. */
export const frontMatterPost: fc.Arbitrary<Generated> = fc
  .record({
    entries: fc.uniqueArray(fc.tuple(keyName, entry), { minLength: 1, maxLength: 6, selector: ([k]) => k }),
    extras: fc.array(fc.constantFrom('', '# a comment: with "quotes"', '#', '  # 中文注释'), { maxLength: 6 }),
    eols: fc.array(fc.constantFrom('\n', '\r\n'), { minLength: 40, maxLength: 40 }),
    eolMode: fc.constantFrom<Eol>('\n', '\r\n', 'mixed'),
    closing: fc.constantFrom('---', '...', '--- '),
    body: fc.oneof(fc.constant(''), nastyString, fc.constant('Body\n\n正文 --- not a fence\n')),
    finalNewline: fc.boolean(),
  })
  .map(({ entries, extras, eols, eolMode, closing, body, finalNewline }) => {
    let i = 0;
    const eol = () => (eolMode === 'mixed' ? eols[i++ % eols.length]! : eolMode);
    let text = `---${eol()}`;
    const spans: Generated['spans'] = [];
    const list: Entry[] = [];
    entries.forEach(([key, e], n) => {
      const extra = extras[n];
      if (extra !== undefined) text += `${extra}${eol()}`;
      const lineStart = text.length;
      const head = e.block && e.blockStyle ? `${key}: ${e.blockStyle}` : `${key}:`;
      text += head;
      const valueStart = text.length + (e.inline ? 1 : 0);
      if (e.inline) text += ` ${e.inline}`;
      const valueEnd = text.length;
      text += `${e.comment}${eol()}`;
      for (const line of e.block ?? []) text += `${line}${eol()}`;
      spans.push({ valueStart, valueEnd, lineStart, lineEnd: text.length });
      list.push({ key, ...e });
    });
    text += closing;
    if (body !== '' || finalNewline) text += eol();
    const bodyStart = text.length;
    text += body;
    return { text, entries: list, spans, bodyStart };
  });
