import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IndexedPost } from '../../src/index-pages/indexed-post.js';
import { looksGenerated, renderDataFile, type Chunked } from '../../src/index-pages/data-file.js';
import { planSummaries, planTerms } from '../../src/index-pages/plan.js';
import { renderTermPage, text } from '../../src/index-pages/render.js';
import { DEFAULT_SETTINGS, readSettings, type IndexSettings } from '../../src/index-pages/settings.js';
import { assignSlugs } from '../../src/index-pages/slugs.js';
import { collectTerms, compareCodePoints, newestFirst, type Term } from '../../src/index-pages/terms.js';
import { assignTitles, findPairs } from '../../src/index-pages/titles.js';
import { parseFrontMatter, splitFrontMatter } from '../../src/post/frontmatter.js';
import { siteFromConfig } from '../../src/site/config.js';

let n = 0;
/** A post as the model gives it; the date is seconds after an arbitrary start. */
function post(categories: unknown[], tags: unknown[], at = n, path = `_posts/2022-01-01-p${String(n++).padStart(4, '0')}.md`): IndexedPost {
  return { path, url: `/${path}.html`, destination: `/${path}.html`, title: path, date: `d${at}`, epochSeconds: at, categories, tags, unreadable: false };
}
const settings = (over: Partial<IndexSettings> = {}): IndexSettings => ({ ...DEFAULT_SETTINGS, titles: {}, ...over });
const term = (name: unknown, kind: 'category' | 'tag' = 'category'): Term => collectTerms([post(kind === 'category' ? [name] : [], kind === 'tag' ? [name] : [])])[kind === 'category' ? 'categories' : 'tags'][0]!;

describe('Jekyll order of site.categories[name] and site.tags[name]', () => {
  it('newest first; between equal dates, the greater path first, by bytes', () => {
    const a = post(['c'], [], 10, '_posts/2022-01-01-a.md');
    const b = post(['c'], [], 10, '_posts/2022-01-01-b.md');
    const news = post(['c'], [], 10, 'news/_posts/2022-01-01-a.md');
    const old = post(['c'], [], 5, 'z/_posts/2022-01-01-z.md');
    expect(collectTerms([old, a, news, b]).categories[0]!.posts).toEqual([news, b, a, old]);
  });

  it('compares code points as Ruby compares UTF-8 bytes, not UTF-16 units', () => {
    // U+FF5E sorts below U+1F600 in UTF-8; in UTF-16 its unit 0xFF5E is above the surrogate 0xD83D.
    expect(compareCodePoints('\uff5e', '\u{1f600}')).toBeLessThan(0);
    expect('\uff5e' < '\u{1f600}').toBe(false);
    const x = post(['c'], [], 1, '_posts/2022-01-01-\uff5e.md');
    const y = post(['c'], [], 1, '_posts/2022-01-01-\u{1f600}.md');
    expect([x, y].sort(newestFirst)).toEqual([y, x]);
  });

  it('keeps a post tagged twice twice, and tells 2022 from "2022"', () => {
    const p = post([2022], ['t', 't']);
    const q = post(['2022'], ['t']);
    const { categories, tags } = collectTerms([p, q]);
    expect(categories.map((c) => c.name)).toEqual([2022, '2022']);
    expect(tags[0]!.posts).toEqual([q, p, p]);
  });

  it('does not depend on the order posts come in', () => {
    const posts = Array.from({ length: 30 }, (_, i) => post([`c${i % 4}`, i % 3 ? 'x' : 'y'], [`t${i % 5}`], i % 7));
    const expected = collectTerms(posts);
    fc.assert(
      fc.property(fc.shuffledSubarray(posts, { minLength: posts.length }), (shuffled) => {
        expect(collectTerms(shuffled)).toEqual(expected);
      }),
    );
  });
});

describe('display names', () => {
  it('pairs a pinyin category with the Chinese tag on all its posts, and nothing else', () => {
    const posts = [
      post(['egongsi'], ['e公司新闻']),
      post(['egongsi'], ['e公司新闻', '茅台']),
      post(['emnews'], ['东财滚动新闻']),
      post(['emnews'], ['东财滚动新闻']),
      post(['mixed'], ['甲']),
      post(['mixed'], ['乙']),
      post(['财经'], ['财经新闻']),
    ];
    const { categories, tags } = collectTerms(posts);
    const titles = assignTitles(categories, tags, {});
    const title = (name: string) => titles.byKey.get(categories.find((c) => c.name === name)!.key);
    expect(title('egongsi')).toBe('e公司新闻');
    expect(title('emnews')).toBe('东财滚动新闻');
    expect(title('mixed')).toBe('mixed'); // a tie between 甲 and 乙: no guess
    expect(title('财经')).toBe('财经'); // not a pinyin name
    expect(titles.pairs.map((p) => [p.category.text, p.tag.text])).toEqual([
      ['egongsi', 'e公司新闻'],
      ['emnews', '东财滚动新闻'],
    ]);
  });

  it('takes a tag on most of a category, but not one that is also elsewhere', () => {
    const posts = [post(['a'], ['甲']), post(['a'], ['甲']), post(['a'], []), post(['b', 'c'], ['乙']), post(['b', 'c'], ['乙']), post(['d'], ['丙']), post(['d', 'e'], ['丙'])];
    const { categories, tags } = collectTerms(posts);
    const pairs = findPairs(categories, tags).map((p) => [p.category.text, p.tag.text]);
    expect(pairs).toContainEqual(['a', '甲']); // 2 of 3 posts
    // 乙 is all of b and all of c: a tie, so it names neither.
    expect(pairs.filter(([, t]) => t === '乙')).toEqual([]);
    // 丙 is all of d, but only some of e's posts are in d... e holds one of its two posts: d it is.
    expect(pairs).toContainEqual(['d', '丙']);
    expect(pairs).toHaveLength(2);
  });

  it('one tag names at most one category, the one it fits best', () => {
    const posts = [post(['news', 'egongsi'], ['e公司新闻']), post(['news', 'egongsi'], ['e公司新闻']), post(['news'], ['快讯'])];
    const { categories, tags } = collectTerms(posts);
    const pairs = findPairs(categories, tags).map((p) => [p.category.text, p.tag.text]);
    expect(pairs).toEqual([['egongsi', 'e公司新闻']]);
  });

  it('never gives a category the name or title of another category', () => {
    const posts = [post(['21caijing'], ['湖南日报新闻']), post(['湖南日报新闻'], ['x']), post(['other'], ['央行']), post(['third'], ['y'])];
    const { categories, tags } = collectTerms(posts);
    const titles = assignTitles(categories, tags, { third: '央行' });
    const title = (name: string) => titles.byKey.get(categories.find((c) => c.name === name)!.key);
    expect(title('21caijing')).toBe('21caijing');
    expect(title('other')).toBe('other');
    expect(title('third')).toBe('央行');
    expect(titles.duplicates).toEqual([]);
  });

  it('finews.index.titles wins, for categories and tags', () => {
    const posts = [post(['egongsi'], ['e公司新闻'])];
    const { categories, tags } = collectTerms(posts);
    const titles = assignTitles(categories, tags, { egongsi: 'e公司', e公司新闻: 'e公司 · 新闻' });
    expect([...titles.byKey.values()]).toEqual(['e公司 · 新闻', 'e公司']);
    expect(titles.pairs).toEqual([]);
  });
});

describe('slugs', () => {
  const slugsOf = (names: unknown[], style: IndexSettings['slug_style'] = 'jekyll') => {
    const terms = names.map((name) => term(name));
    const slugs = assignSlugs(terms, style);
    return terms.map((t) => slugs.get(t.key)!);
  };

  it('keeps CJK as Jekyll does; spaces, brackets, slashes and case become file-safe', () => {
    expect(slugsOf(['东财滚动新闻', '21shijijingjibaodao  nancailicaitong', 'anxinguojizhengquan(xianggang)', 'A/B', 'Career In touxingPEVC'])).toEqual([
      '东财滚动新闻',
      '21shijijingjibaodao-nancailicaitong',
      'anxinguojizhengquan-xianggang',
      'a-b',
      'career-in-touxingpevc',
    ]);
    expect(slugsOf(['东财滚动新闻', 'e公司新闻'], 'pinyin-joined')).toEqual(['dongcaigundongxinwen', 'egongsixinwen']);
    expect(slugsOf(['东财滚动新闻', 'e公司新闻'], 'pinyin')).toEqual(['dong-cai-gundong-xinwen', 'e-gongsi-xinwen']);
  });

  it('names that slug alike get distinct slugs, the same whatever the order', () => {
    const names = ['Finance News', 'finance-news', 'FINANCE NEWS', 'finance news', 2022, '2022', 'index', '!!!', '???'];
    const expected = new Map(names.map((name, i) => [name, slugsOf(names)[i]]));
    expect(new Set(expected.values()).size).toBe(names.length);
    expect(expected.get('finance-news')).toBe('finance-news'); // the name that is its own slug keeps it
    expect(expected.get('index')).not.toBe('index'); // the page of all categories is index.html
    for (const slug of expected.values()) expect(slug).toMatch(/^[\p{L}\p{M}\p{Nd}]+(-[\p{L}\p{M}\p{Nd}]+)*$/u);
    fc.assert(fc.property(fc.shuffledSubarray(names, { minLength: names.length }), (shuffled) => {
      const got = slugsOf(shuffled);
      shuffled.forEach((name, i) => expect(got[i]).toBe(expected.get(name)));
    }));
  });

  it('a hashed slug that meets a real one still gets a slug of its own', () => {
    const first = slugsOf(['Finance News', 'finance-news']);
    const taken = first[0]!; // finance-news-<hash>
    const slugs = slugsOf(['Finance News', 'finance-news', taken]);
    expect(new Set(slugs).size).toBe(3);
    expect(slugs[2]).toBe(taken);
  });
});

describe('pages and the data file', () => {
  it('front matter reads back as the exact name, typed, whatever the title holds', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.integer(), fc.boolean()), fc.string(), (name, title) => {
        const page = renderTermPage({ kind: 'tag', name, title, layout: null, url: '/tag/x/', count: 1, posts: null, pager: null });
        const split = splitFrontMatter(page)!;
        const data = parseFrontMatter(split.block, split.yaml).data!;
        expect(data).toMatchObject({ tag: name, title, layout: null, permalink: '/tag/x/', generated_by: 'finews index' });
      }),
    );
  });

  it('HTML text carries no Liquid and no markup', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(text(s)).not.toMatch(/[<>{}"']/);
      }),
    );
  });

  it('writes each post of the data file as JSON.stringify would, whatever its text, in pieces of any length', () => {
    const whole = (c: Chunked) => Buffer.concat([...c.chunks()]).toString();
    // What JSON escapes (a lone surrogate too), what it leaves, and anything else.
    const unit = fc.oneof(fc.constantFrom('"', '\\', '\n', '\u0001', '\u001f', '\u007f', '\ud800', '\udfff', '\u{1f600}', '\u2028', '中'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ unit }), fc.string({ unit, maxLength: 40_000 })), { minLength: 1, maxLength: 8 }), (texts) => {
        const posts = texts.map(([title, url], i) => ({ ...post(['c'], [], i), title, url }));
        const plan = planTerms(posts, settings(), '_data');
        const json = whole(planSummaries(plan, settings()).find((f) => f.path === '_data/finews.json')!.content as Chunked);
        const expected = plan.categories[0]!.term.posts.map((p) => `{"url": ${JSON.stringify(p.url)}, "title": ${JSON.stringify(p.title)}, "date": ${JSON.stringify(p.date)}}`);
        expect(json.split('\n').filter((l) => l.startsWith('        {"url": ')).map((l) => l.trim().replace(/,$/, ''))).toEqual(expected);
        expect(JSON.parse(json).categories[0].posts.map((p: { title: string }) => p.title)).toEqual(plan.categories[0]!.term.posts.map((p) => JSON.parse(JSON.stringify(p.title))));
      }),
      { numRuns: 200 },
    );
  });

  it('the data file has exactly the keys of the issue, and only it looks generated', () => {
    const posts = [post(['c'], ['t'], 2), post(['c'], [], 1)];
    const plan = planTerms(posts, settings(), '_data');
    const whole = (c: string | Chunked) => (typeof c === 'string' ? c : Buffer.concat([...c.chunks()]).toString());
    const file = planSummaries(plan, settings()).find((f) => f.path === '_data/finews.json')!.content as Chunked;
    const json = whole(file);
    const data = JSON.parse(json) as Record<string, { posts: object[] }[]>;
    expect(Object.keys(data)).toEqual(['categories', 'tags']);
    expect(Object.keys(data.categories![0]!)).toEqual(['name', 'slug', 'title', 'count', 'url', 'posts']);
    expect(Object.keys(data.categories![0]!.posts[0]!)).toEqual(['url', 'title', 'date']);
    expect(data.categories![0]).toMatchObject({ name: 'c', count: 2, url: '/category/c/', posts: [{ date: 'd2' }, { date: 'd1' }] });
    const generated = (s: string | Buffer) => looksGenerated(Buffer.from(s).subarray(0, 64), Buffer.from(s).subarray(-64));
    expect(generated(json)).toBe(true);
    expect(JSON.parse(whole(renderDataFile([], [])))).toEqual({ categories: [], tags: [] });
    expect(generated(whole(renderDataFile([], [])))).toBe(true);
    expect(generated('{"categories": [], "tags": [], "mine": 1}')).toBe(false);
    expect(generated('{\n  "categories": [],\n  "tags": [],\n  "mine": 1\n}\n')).toBe(false);
    expect(generated('{"note": 1}')).toBe(false);
    expect(generated('')).toBe(false);
  });

  it('the same posts in any order give the same files', () => {
    const posts = Array.from({ length: 40 }, (_, i) => post([`c${i % 3}`, i % 2 ? 'Finance News' : 'finance-news'], [`标签${i % 4}`], i % 9));
    const s = settings({ list: { category: true, tag: true }, per_page: 3 });
    const files = (list: IndexedPost[]) => {
      const plan = planTerms(list, s, '_data');
      return [...plan.categories, ...plan.tags]
        .flatMap((t) => [...t.pages()])
        .concat(planSummaries(plan, s))
        .map((f) => ({ path: f.path, content: typeof f.content === 'string' ? f.content : Buffer.concat([...f.content.chunks()]).toString() }));
    };
    const expected = files(posts);
    fc.assert(
      fc.property(fc.shuffledSubarray(posts, { minLength: posts.length }), (shuffled) => {
        expect(files(shuffled)).toEqual(expected);
      }),
      { numRuns: 20 },
    );
  });
});

describe('settings', () => {
  const site = (yaml: string) => siteFromConfig('/site', '/site/_config.yml', yaml);
  it('defaults when finews.index is absent; the command line overrides', () => {
    expect(readSettings(site('timezone: UTC\n'))).toEqual(DEFAULT_SETTINGS);
    expect(readSettings(site('finews:\n  index:\n    list: false\n')), 'and the same when given').toEqual(DEFAULT_SETTINGS);
    expect(readSettings(site('finews:\n  index:\n    per_page: 10\n'), { list: true, slugStyle: 'pinyin' })).toMatchObject({ list: { category: true, tag: true }, per_page: 10, slug_style: 'pinyin' });
  });
  it('titles must be text', () => {
    expect(() => readSettings(site('finews:\n  index:\n    titles:\n      a: [x]\n'))).toThrow('finews.index.titles: the title of "a" must be text');
  });
});
