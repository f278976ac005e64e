import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFrontMatter, parseFrontMatterFully } from '../../src/post/frontmatter.js';
import { RubyDate, RubyFloat, RubyTime } from '../../src/yaml/ruby.js';
import { hasRuby, rubyJson } from '../helpers/ruby.js';

/**
 * Whole front matter as Jekyll 4.3 reads it (Utils.safe_load_yaml:
 * `Psych.safe_load(yaml, permitted_classes: [Date, Time], aliases: true)`),
 * with Ruby's Psych as the oracle: documents in the shapes real Jekyll sites
 * write, and generated ones. Both of finews' paths (the flat fast path and
 * the full reader) must give what Ruby gives, value and class, and what
 * Ruby prints for it (`to_s`, which Jekyll puts in URLs and categories).
 */

type Value = null | boolean | string | Value[] | { int: string } | { float: string } | { time: number; s: string } | { date: string } | { map: [Value, Value][] } | { other: string };
type Reading = { v: Value } | { error: true };

const RUBY = `
require "json"; require "psych"; require "date"
def norm(v)
  case v
  when nil, true, false, String then v
  when Integer then { int: v.to_s }
  when Float then { float: v.to_s }
  when Time then { time: (v.to_r * 1000).floor, s: v.to_s }
  when Date then { date: v.to_s }
  when Array then v.map { |x| norm(x) }
  when Hash then { map: v.map { |k, x| [norm(k), norm(x)] } }
  else { other: v.class.to_s }
  end
end
out = JSON.parse($stdin.read).map do |yaml|
  begin
    { v: norm(Psych.safe_load(yaml, permitted_classes: [Date, Time], aliases: true)) }
  rescue StandardError, Psych::Exception
    { error: true }
  end
end
puts JSON.generate(out)
`;

function norm(v: unknown): Value {
  if (v === null || v === undefined || typeof v === 'boolean' || typeof v === 'string') return v ?? null;
  if (typeof v === 'number') return Number.isInteger(v) && !Object.is(v, -0) ? { int: String(v) } : { float: new RubyFloat(v).toString() };
  if (v instanceof RubyFloat) return { float: v.toString() };
  if (v instanceof RubyTime) return { time: v.getTime(), s: v.toString() };
  if (v instanceof RubyDate) return { date: v.toString() };
  if (Array.isArray(v)) return v.map(norm);
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) return { map: Object.entries(v).map(([k, x]) => [k, norm(x)]) };
  return { other: Object.prototype.toString.call(v) };
}

/**
 * Keys compare as Ruby's to_s of them, in sorted order: finews' data is a
 * JavaScript object, whose keys are strings and put integer-like keys first.
 */
function keysAsText(v: Value): Value {
  if (Array.isArray(v)) return v.map(keysAsText);
  if (v && typeof v === 'object' && 'map' in v) {
    const entries = new Map<string, Value>();
    for (const [k, x] of v.map) entries.set(text(k), keysAsText(x));
    return { map: [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) };
  }
  return v;
}

function text(k: Value): string {
  if (k === null) return '';
  if (typeof k === 'string' || typeof k === 'boolean') return String(k);
  if ('int' in k) return k.int;
  if ('float' in k) return k.float;
  if ('s' in k) return k.s;
  if ('date' in k) return k.date;
  return JSON.stringify(k);
}

function finews(yaml: string, tz: string, full: boolean): Reading {
  const fm = (full ? parseFrontMatterFully : parseFrontMatter)(yaml, yaml, tz);
  return fm.error ? { error: true } : { v: keysAsText(norm(fm.data)) };
}

/** Invisible and line-breaking characters as escapes, for messages. */
const visible = (s: string) => s.replace(/[\u0080-\u00a0\u2028\u2029\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** Each document that finews reads otherwise than Psych, with both readings. */
function disagreements(docs: string[], tz = 'UTC'): string[] {
  const ruby = rubyJson<Reading[]>(RUBY, docs, tz);
  const wrong: string[] = [];
  docs.forEach((doc, i) => {
    const expected = ruby[i]!;
    // Psych gives a hash, a scalar or nothing; finews keeps a mapping (or null) and reports the rest as an error.
    const theirs = 'v' in expected && expected.v !== null && !(typeof expected.v === 'object' && !Array.isArray(expected.v) && 'map' in expected.v) ? { error: true } : expected;
    const want = JSON.stringify('v' in theirs ? { v: keysAsText(theirs.v) } : theirs);
    for (const full of [false, true]) {
      const got = JSON.stringify(finews(doc, tz, full));
      if (got !== want) wrong.push(visible(`${JSON.stringify(doc)} (${full ? 'full' : 'fast'}): finews ${got}, Psych ${want}`));
    }
  });
  return wrong;
}

/** Front matter in the shapes real Jekyll sites write (our own text, in those shapes). */
const SHAPES = [
  // A quoted title continued on an unindented line (a translated news post).
  '---\nlayout: news_post\ntitle: "Concurso de programas 2022 - los participantes serán\njuzgados por el jurado"\nauthor: "Equipo"\ndate: 2021-08-03 00:00:00 +0000\nlang: es\n',
  "---\ntitle: 'It''s a long\ntitle'\n",
  '---\ntitle: "first line\n\tsecond line after a tab"\n',
  '---\ntitle: "a \\"quoted\\" word, \\u00e9, \\x41 and a \\\nbroken line"\n',
  // Release notes with comments, a flow list and a long quoted link broken over lines.
  '---\ntitle: Release 0.16.3\nid: ja-release-0.16.3\ndate: 2018-09-18\n\n## A comment about the list\nrelease: [0, 16, 3]\n#\n## Another comment: "with a quote\noptional_link: "magnet:?xt=urn:btih:abc&tr=udp%3A%2F%2Ftracker\nr=udp%3A%2F%2Fother"\n\n# trailing comment\n',
  // A theme's test posts: plain multi-line scalars, folded and literal blocks.
  '---\ntitle: Post: with a colon\n',
  '---\ntitle: A plain title\n  continued on an indented line\nexcerpt: >\n  Folded text\n  on two lines.\n\n  A second paragraph.\nbody: |\n  Literal text\n    indented more\n\n',
  '---\nexcerpt: >-\n  no final newline\nkeep: |+\n  kept\n\nstrip: |-\n  stripped\nexplicit: |2\n    two spaces kept\n',
  '---\ntags:\n- first\n- second tag\n-\n- 2.0\ncategories:\n  - News\n  - 财经\n',
  '---\ncategories: [ a, "b c", 2.0, 1e3, 2022-01-06 ]\ntags: {a: 1}\n',
  '---\n"title": quoted key\n\'permalink\': /a/b/\n? complex\n: value\n',
  '---\ndefaults: &d\n  layout: post\n  author: me\npost:\n  <<: *d\n  title: merged\nsame: *d\n',
  '---\ntitle: first\ntitle: second\ntags: a\ntags: [b]\n',
  '---\ntitle: !!str 2022\nyear: !!int "3"\nratio: !!float 2\nfree: !x local tag\nversion: 3.0\ncount: 1_000\n',
  '---\ntitle: 2022-01-06 09:05:00 +0800\ncategories: 2022-01-06 09:05:00\ntags: [2022-01-06T09:05:00Z, 2022-01-06]\n',
  '---\r\ntitle: Windows\r\ndate: 2022-01-06 09:05:00\r\ntags:\r\n  - a\r\n  - b\r\n',
  '---\ntitle:\tafter a tab\nlayout: post\t\n',
  '---\ntitle: C# and F#\nlink: http://example.com/a?b=1#c\nnote: a # comment\n',
  '---\npublished: false\nlayout:\nsitemap: no\nfeatured: yes\ncomments: ON\n',
  '---\ntitle: 标题：“引号”与‘单引号’\ncategories: 财经 新闻\ntags: 东财滚动新闻\n',
  '---\n--- x\ntitle: a second document\n',
  '---\n# only a comment\n',
  '---\n- a list\n',
  '---\njust a scalar\n',
  '---\ntitle: [unclosed\n',
  '---\ntitle: "unclosed\n',
  '---\ntitle: !ruby/object:Object {}\n',
  '---\ntitle: :symbol\n',
  '---\ntitle: a\n\tb: c\n',
];

describe.skipIf(!hasRuby)('front matter as Psych reads it (Ruby is the oracle)', { timeout: 120_000 }, () => {
  it('agrees on front matter in the shapes real sites write', () => {
    expect(disagreements(SHAPES)).toEqual([]);
  });

  it('agrees in another time zone (a time with no zone is shown in local time)', () => {
    expect(disagreements(SHAPES.filter((d) => d.includes('2022-01-06')), 'Asia/Shanghai')).toEqual([]);
  });

  it('agrees on generated front matter', () => {
    const key = fc.constantFrom('title', 'date', 'categories', 'tags', 'permalink', 'published', 'layout', '"title"', "'tags'", 'a b', '标题', 'yes', '1');
    const word = fc.constantFrom('News', '财经', 'a: b', 'a:b', 'C#', 'a #b', '2.0', '1e3', '08', '0x1F', '1:30', 'yes', '~', '2022-01-06', '2022-01-06 09:05:00', '2022-01-06 09:05:00 +0800', '-x', '[a, b]', '{a: 1}', '*a', '&a x', '!!str 1', '!x y', '"q"', "'q'", '%x', '@x', '"a\\tb"', "'it''s'", '"\\e\\/\\N\\_\\L\\P"', '"\\q"', '"\\x4"', '"a\\\nb"', '"#"#x', '"a"b', 'a\u00a0b', '- x', '? x', 'x:', '&a', '*b', '!', '|', '>x', '{a: [1, {b: 2}]}', '[a, [b, c], ]', '[a,\nb]', '{a\n: 1}', '"x" # c', '\'x\'#c');
    const indent = fc.constantFrom('', ' ', '  ', '    ', '\t', ' \t');
    const line = fc.oneof(
      fc.tuple(key, fc.constantFrom(': ', ':', ':  ', ':\t', ' : '), word).map(([k, s, v]) => `${k}${s}${v}`),
      // Quoted and plain scalars over several lines, the later lines at any indentation.
      fc.tuple(key, fc.constantFrom('"', "'", ''), word, indent, word).map(([k, q, a, i, b]) => `${k}: ${q}${a}\n${i}${b}${q}`),
      // Block scalars and lists under a key.
      fc.tuple(key, fc.constantFrom('|', '>', '|-', '>+', '|2', '>-'), indent, word, indent, word).map(([k, h, i, a, j, b]) => `${k}: ${h}\n${i}${a}\n\n${j}${b}`),
      fc.tuple(key, indent, fc.array(word, { minLength: 1, maxLength: 3 })).map(([k, i, items]) => `${k}:\n${items.map((w) => `${i}- ${w}`).join('\n')}`),
      fc.constantFrom('', '# comment', '  # indented comment', 'other: &a anchored', 'alias: *a', '<<: {merged: 1}', '...x', '--- x', '? key', ': value'),
      // Nested mappings, at any indentation.
      fc.tuple(key, indent, key, word, indent, key, word).map(([k, i, a, x, j, b, y]) => `${k}:\n${i}${a}: ${x}\n${j}${b}: ${y}`),
    );
    const docs = fc.sample(
      fc.tuple(fc.array(line, { minLength: 1, maxLength: 6 }), fc.boolean()).map(([lines, crlf]) => {
        const doc = `---\n${lines.join('\n')}\n`;
        return crlf ? doc.replace(/\n/g, '\r\n') : doc;
      }),
      { numRuns: 2000, seed: 20261201 },
    );
    expect(disagreements(docs).slice(0, 15)).toEqual([]);
  });
});
