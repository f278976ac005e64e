import { describe, expect, it } from 'vitest';
import { displacedFrontMatter, frontMatterLanguage, parseFrontMatter, splitFrontMatter } from '../../src/post/frontmatter.js';

describe('splitFrontMatter: Jekyll\'s regex, to the byte', () => {
  it.each([
    ['---\ntitle: a\n---\nbody\n', 'body\n'],
    ['---\r\ntitle: a\r\n---\r\nbody\r\n', 'body\r\n'],
    ['--- \ntitle: a\n...\nbody', 'body'],
    ['---\n---\nbody', 'body'],
    ['---\ntitle: a\n---', ''],
    ['---\ntitle: a\n---\n\n\nbody', 'body'], // blank lines after the fence belong to it
  ])('%j → body %j', (text, body) => {
    const split = splitFrontMatter(text);
    expect(split).not.toBeNull();
    expect(split!.body).toBe(body);
    expect(split!.block + split!.body).toBe(text);
  });

  it.each([['\n---\ntitle: a\n---\nbody'], ['---js\n{}\n---\n'], ['title: a\n---\n'], ['---\ntitle: a\n']])('%j has no front matter for Jekyll', (text) => {
    expect(splitFrontMatter(text)).toBeNull();
  });

  it('finds front matter pushed down by blank lines', () => {
    expect(displacedFrontMatter('\n---\ntitle: a\n---\nx')).toBe(1);
    expect(displacedFrontMatter('---\ntitle: a\n---\nx')).toBe(-1);
    expect(displacedFrontMatter('text\n---\ntitle: a\n---\n')).toBe(-1);
  });

  it('names the language of a ---js fence and never evaluates it', () => {
    const text = '---js\n{ title: (globalThis.__finewsPwned = "yes") }\n---\nbody';
    expect(frontMatterLanguage(text)).toBe('js');
    expect(splitFrontMatter(text)).toBeNull();
    expect((globalThis as Record<string, unknown>).__finewsPwned).toBeUndefined();
  });
});

describe('parseFrontMatter', () => {
  const parse = (text: string) => {
    const split = splitFrontMatter(text)!;
    return parseFrontMatter(split.block, split.yaml);
  };

  it('reads YAML 1.1 as Psych does', () => {
    const fm = parse('---\na: yes\nb: YeS\nc: y\nd: n\ne: ~\nf: 1_000\ng: 010\nh: off\n---\n');
    expect(fm.data).toEqual({ a: true, b: true, c: 'y', d: 'n', e: null, f: 1000, g: 8, h: false });
  });

  it('keeps the last of duplicate keys, as Psych does', () => {
    expect(parse('---\ntitle: a\ntitle: b\n---\n').data).toEqual({ title: 'b' });
  });

  it('returns a YAML error as data, with its line and column in the file', () => {
    const fm = parse('---\nlayout: post\ntitle: "bad "quoted" title"\n---\nx');
    expect(fm.data).toBeNull();
    expect(fm.error).toMatchObject({ line: 3 });
    expect(fm.error!.message).not.toBe('');
  });

  it('refuses a YAML bomb instead of expanding it', () => {
    const lines = ['---', 'a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const fm = parse(`${lines.join('\n')}\n---\n`);
    expect(fm.data).toBeNull();
    expect(fm.error).not.toBeNull();
  });

  it('reports front matter that is not a mapping', () => {
    expect(parse('---\njust a string\n---\n').error!.message).toMatch(/not a mapping/);
  });
});
