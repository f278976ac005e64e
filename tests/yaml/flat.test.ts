import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CORPUS_ROOT, noCorpus } from '../helpers/corpus.js';
import { parseFrontMatterFully, splitFrontMatter, type FrontMatter } from '../../src/post/frontmatter.js';
import { readFlatMapping } from '../../src/yaml/flat.js';

/** The fast path must read exactly what the full parser reads, or hand over. */
function expectSameReading(yaml: string): boolean {
  const flat = readFlatMapping(yaml);
  if (!flat) return false;
  const full = parseFrontMatterFully(yaml, yaml);
  expect(full.error, yaml).toBeNull();
  expect(flat.data, yaml).toEqual(full.data);
  expect(Object.keys(flat.data ?? {}), yaml).toEqual(Object.keys(full.data ?? {}));
  expect(Object.fromEntries(flat.fields), yaml).toEqual(Object.fromEntries(fieldsOf(full)));
  return true;
}

function fieldsOf(fm: FrontMatter) {
  return new Map([...fm.fields!].map(([key, f]) => [key, { keyStart: f.keyStart, keyEnd: f.keyEnd, value: f.value }]));
}

const KEYS = ['title', 'date', 'categories', 'tags', 'layout', '_x', 'a-b', 'yes', 'No', 'on', 'y', 'n', 'null', 'Null', '~', 'true', '__proto__', '1a', '0x1', 'a b', '标题', '<<', 'key:', 'k#', 'x'];
const SEPARATORS = [': ', ':', ':  ', ':\t', ' : ', ': \t'];
const VALUES = [
  '2021-12-08 10:18:31 +0800', '2021-12-08 10:18:31', '2021-12-08', '2021-12-8 1:2:3', '2021-12-08T10:18:31Z', '2021-12-08 10:18:31 +08:00',
  '2021-12-08 10:18:31.5 -05', ' +0800', '+0800', '20:00', '1:20', '190:20:30', '1:20.5', '0x1F', '0o17', '017', '08', '0b101', '1_000', '-0', '+12',
  '.inf', '-.Inf', '.nan', '.NaN', '1e3', '1.5e-3', '1.5', '.5', '1.', '1_0.5', 'yes', 'No', 'ON', 'off', 'y', 'N', 'true', 'FALSE', '~', 'null', 'NULL', 'nil',
  'emnews', '东财滚动新闻', 'Finance News', 'post', '招商银行："贵州茅台"', 'a, b [c] {d}', 'C#', 'a #b', 'a: b', 'a:b', 'http://x.com/a?b=1#c', 'end:',
  '-x', '- x', '?x', ':x', '[a, b]', '{a: 1}', '#c', '&a x', '*a', '!!str 1', '|', '>', "'q'", '"q"', '%x', '@x', '`x`', '"a\\"b"', '"a\\nb"', "'it''s'",
  '"unclosed', "'unclosed", '"a" b', '"中文 # x"', "'a: b'", '""', "''", 'a\tb', 'a\u0085b', 'a\ufeffb', 'a\u0000b', '😀', 'a\ud800b', 'x  ', '',
];

/** One-line flow lists, as news posts write their tags: the fast path reads those of plain scalars. */
const LIST_ITEMS = ['a', '东财滚动新闻', 'Finance News', '2022', '1.5', 'true', 'no', '~', 'null', '2021-12-08', '0x1F', ' a ', '', 'a: b', 'a:b', '"q"', "'q'", '#c', 'a #b', '[b]', '{b}', '-x', '- x', '?x', '&a', '*a', '!t x', '%x', '@x', 'x  ', '😀'];
const flowList = fc.array(fc.constantFrom(...LIST_ITEMS), { maxLength: 5 }).chain((items) =>
  fc.constantFrom(`[${items.join(', ')}]`, `[${items.join(',')}]`, `[ ${items.join(' , ')} ]`, `[${items.join(', ')},]`, `[${items.join(', ')}`, `[${items.join(', ')}] x`),
);

const line = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...KEYS), fc.constantFrom(...SEPARATORS), flowList).map(([k, s, v]) => k + s + v) },
  { weight: 12, arbitrary: fc.tuple(fc.constantFrom(...KEYS), fc.constantFrom(...SEPARATORS), fc.constantFrom(...VALUES)).map(([k, s, v]) => k + s + v) },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES), fc.constantFrom(...VALUES)).map(([k, a, b]) => `${k}: ${a}${b}`) },
  fc.constantFrom('', '# comment', '  indented: x', '- item', '  - item', 'title: a\r', '...', '---', '? key', 'a:'),
);

describe('the flat front-matter fast path', () => {
  it('reads what the yaml package reads, whenever it takes the text', () => {
    let taken = 0;
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), (lines) => {
        if (expectSameReading(`---\n${lines.map((l) => `${l}\n`).join('')}`)) taken++;
      }),
      { numRuns: 3000 },
    );
    // The generator must exercise the fast path, not only the hand-over.
    expect(taken).toBeGreaterThan(300);
  });

  it.each([
    ['---\ntitle: a\n  b\n'], // a continued plain scalar
    ['---\ntags:\n- a\n'], // a list under the key
    ['---\ntitle: a # note\n'],
    ['---\r\ntitle: a\r\n'],
    ['---\ntitle: "a\\"b"\n'],
    ['---\n__proto__: x\n'],
    ['---\nyes: x\n'], // the key is the boolean true
    ['--- \ntitle: a\n'],
  ])('hands %j over to the full parser', (yaml) => {
    expect(readFlatMapping(yaml)).toBeNull();
  });

  it('takes a one-line list of tags and agrees on it', () => {
    expect(expectSameReading('---\ntitle: x\ntags: [东财滚动新闻, 贵州茅台, 2022, true, ~]\ncategories: []\n')).toBe(true);
    expect(readFlatMapping('---\ntags: [a, "b, c"]\n')).toBeNull();
  });

  it('takes the usual news post and agrees on it', () => {
    expect(expectSameReading('---\nlayout: post\ntitle: "招商银行：白酒股维持15.65%"\ndate: 2021-12-01 16:31:48\ncategories: emnews\ntags: 东财滚动新闻\n')).toBe(true);
    expect(expectSameReading('---\nlayout: post\ntitle: ""\ndate:  +0800\ncategories:\ntags: 20:00\n')).toBe(true);
  });

  /** How many files under `root` have front matter the fast path reads (it must read it as the full parser does). */
  function flatFiles(root: string): number {
    let files = 0;
    for (const name of readdirSync(root, { recursive: true }) as string[]) {
      const file = path.join(root, name);
      if (!/\.(md|markdown|html)$/.test(name) || !statSync(file).isFile()) continue;
      const split = splitFrontMatter(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
      if (split && expectSameReading(split.yaml)) files++;
    }
    return files;
  }

  it.skipIf(noCorpus)('agrees with the full parser on every file of the real corpus', () => {
    expect(flatFiles(CORPUS_ROOT ?? '')).toBeGreaterThan(40);
  });

  it('agrees with the full parser on every file of the fixtures', () => {
    expect(flatFiles(path.resolve(import.meta.dirname, '../../fixtures'))).toBeGreaterThan(100);
  });
});
