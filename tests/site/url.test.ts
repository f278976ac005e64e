import { describe, expect, it } from 'vitest';
import { slugify, titleizeSlug } from '../../src/site/slugify.js';
import { makeSlug } from '../../src/site/slug-style.js';
import { destinationOf, escapePath, expandPermalink } from '../../src/site/url.js';

const lookup = (values: Record<string, string>) => (name: string) => (Object.hasOwn(values, name) ? values[name] : undefined);

describe('Jekyll slugify', () => {
  it.each([
    ['2022微信公开课：主题是“入微”，没有新产品发布', 'default', false, '2022微信公开课-主题是-入微-没有新产品发布'],
    ['Hello, World! 你好', 'pretty', true, 'Hello,-World!-你好'],
    ['Hello, World!', 'default', false, 'hello-world'],
    ['Café au lait', 'ascii', false, 'caf-au-lait'],
    ['Café au lait', 'latin', false, 'cafe-au-lait'],
    ['  spaced   out ', 'raw', false, 'spaced-out'],
    ['-already-', 'default', false, 'already'],
  ] as const)('%s (%s)', (input, mode, cased, expected) => {
    expect(slugify(input, mode, cased)).toBe(expected);
  });

  it('titleizes a slug as Ruby capitalize does', () => {
    expect(titleizeSlug('my-first-post')).toBe('My First Post');
    expect(titleizeSlug('iPhone-NEWS')).toBe('Iphone News');
    expect(titleizeSlug('202112082206928461')).toBe('202112082206928461');
  });
});

describe('slug styles', () => {
  it('makes safe file names from hostile titles', () => {
    for (const title of ['../../etc/passwd', 'a/b\\c', '"quoted": #hash \'single\'', 'line\nbreak', 'x'.repeat(500), '中'.repeat(300)]) {
      for (const style of ['jekyll', 'pinyin', 'pinyin-joined', 'ascii'] as const) {
        const slug = makeSlug(title, style);
        expect(slug).not.toMatch(/[/\\\0\n]|^\.|\.\./);
        expect(Buffer.byteLength(slug)).toBeLessThanOrEqual(200);
      }
    }
  });

  it('pinyin-joined writes pinyin as the real site names its categories', () => {
    expect(makeSlug('e公司', 'pinyin-joined')).toBe('egongsi');
    expect(makeSlug('21世纪经济报道  南财理财通', 'pinyin-joined')).toBe('21shijijingjibaodao-nancailicaitong');
  });

  it('pinyin reads words, not characters, and separates them as URL slugs do', () => {
    // 行 is hang in 央行 and 银行, xing alone: a reading by character gives yangxing.
    expect(makeSlug('央行：加大金融支持消费力度', 'pinyin')).toBe('yanghang-jia-da-jinrong-zhichi-xiaofei-lidu');
    expect(makeSlug('中国人民银行', 'pinyin')).toMatch(/yinhang$/);
    expect(makeSlug('e公司', 'pinyin')).toBe('e-gongsi');
    expect(makeSlug('Apple发布iPhone 17', 'pinyin')).toBe('apple-fabu-iphone-17');
    expect(makeSlug('央行', 'pinyin-joined')).toBe('yanghang');
  });
});

describe('permalinks', () => {
  it('escapes as Addressable does for a path', () => {
    expect(escapePath('finance news')).toBe('finance%20news');
    expect(escapePath('news/egongsi/财经')).toBe('news/egongsi/%E8%B4%A2%E7%BB%8F');
    expect(escapePath("a&b(x)!$'*+,;=:@~")).toBe("a&b(x)!$'*+,;=:@~");
    expect(escapePath('100%?#[]')).toBe('100%25%3F%23%5B%5D');
  });

  it('sanitizes as Jekyll\'s URL does', () => {
    expect(expandPermalink('/../a/./b/:title.html', lookup({ title: 'x' }))).toBe('/a/b/x.html');
    expect(expandPermalink('/:categories/:title/', lookup({ categories: '', title: 'x' }))).toBe('/x/');
    // Jekyll looks up :title for :title_ but replaces only ":title" (Ruby's chomp! quirk): the underscore stays.
    expect(expandPermalink('/:title_', lookup({ title: 'x' }))).toBe('/x_');
    expect(() => expandPermalink('/:nope/', lookup({}))).toThrow(/:nope/);
    // A `$` the slug keeps is text, as with Ruby's sub! (Jekyll 4.3.1 builds /a$$b-$&-c/).
    expect(expandPermalink('/:title/', lookup({ title: 'a$$b-$&-c' }))).toBe('/a$$b-$&-c/');
    expect(expandPermalink('/:title_/', lookup({ title: "$'" }))).toBe("/$'_/");
  });

  it('names the file Jekyll writes', () => {
    expect(destinationOf('/a/b/', '.html')).toBe('/a/b/index.html');
    expect(destinationOf('/a', '.html')).toBe('/a.html');
    expect(destinationOf('/finance%20news/x.html', '.html')).toBe('/finance news/x.html');
  });
});

describe('escapePath against its definition', () => {
  it('percent-encodes exactly the bytes outside Addressable\'s PATH class', async () => {
    const fc = (await import('fast-check')).default;
    const reference = (value: string) =>
      [...value].map((ch) => (/[A-Za-z0-9\-._~!$&'()*+,;=:@/]/.test(ch) ? ch : [...Buffer.from(ch, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''))).join('');
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => {
      expect(escapePath(s)).toBe(reference(s));
    }));
  });
});
