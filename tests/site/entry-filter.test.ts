import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { siteFromConfig } from '../../src/site/config.js';
import { EntryFilter, fnmatchRegex, rubyJoin } from '../../src/site/entry-filter.js';
import { locatePost } from '../../src/post/location.js';

const hasRuby = spawnSync('ruby', ['-e', '1'], { encoding: 'utf8' }).status === 0;
if (!hasRuby && process.env.CI) throw new Error('ruby is not installed: .ci/run installs it with jekyll');

/** Patterns as sites write them in exclude:, joined to a source, against paths below it. */
const PATTERNS = ['*.txt', 'de/news/_posts/2020-01-0*', 'fr', 'vendor/bundle/', '**/*.md', '_posts/?020-*', '[a-c]*', '[!a-c]*', '[^x]x', 'a\\*b', '[z-a]', '[abc', 'x[]]y', '*/_drafts/*', 'node_modules', '.*'];
const PATHS = ['a.txt', 'en/notes.txt', 'de/news/_posts/2020-01-01-x.md', 'de/news/_posts/2020-01-11-x.md', 'fr', 'french/x', 'vendor/bundle', 'vendor/bundle/x', 'x.md', 'a/b/c.md', '_posts/2020-x', 'b', 'd', 'xx', 'a*b', 'axb', 'z', 'x]y', 'en/_drafts/d.md', '.git', 'a/.hidden', 'node_modules/x'];

describe.skipIf(!hasRuby)("exclude: patterns match as Ruby's File.fnmatch? without flags", () => {
  it('agrees with Ruby on every pattern and path', () => {
    const source = '/site';
    const cases = PATTERNS.flatMap((p) => PATHS.map((f) => [rubyJoin(source, p), rubyJoin(source, f)] as const));
    const ruby = spawnSync('ruby', ['-rjson', '-e', 'puts JSON.generate(JSON.parse(STDIN.read).map { |p, f| File.fnmatch?(p, f) })'], {
      input: JSON.stringify(cases),
      encoding: 'utf8',
    });
    expect(ruby.status, ruby.stderr).toBe(0);
    const expected = JSON.parse(ruby.stdout) as boolean[];
    const mine = cases.map(([p, f]) => fnmatchRegex(p).test(f));
    const differ = cases.filter((_, i) => mine[i] !== expected[i]);
    expect(differ).toEqual([]);
    // The table is not trivial: both answers occur.
    expect(new Set(expected).size).toBe(2);
  });
});

describe('EntryFilter and locatePost: what the reader passes over', () => {
  const site = siteFromConfig('/site', '/site/_config.yml', 'exclude: [en/old, "*.txt"]\ninclude: [_archive]\n');
  const filter = new EntryFilter(site);

  it('excludes by string prefix and by a glob whose * crosses folders', () => {
    expect(filter.excluded('old', '/en')).toBe(true);
    expect(filter.excluded('older', '/en')).toBe(true);
    expect(filter.excluded('2020-01-01-a.txt', '/en/news/_posts')).toBe(true);
    expect(filter.excluded('new', '/en')).toBe(false);
  });

  it("applies Jekyll's default excludes at the top only", () => {
    expect(filter.rejects('node_modules', '')).toBe(true);
    expect(filter.rejects('node_modules', '/en')).toBe(false);
    expect(locatePost('vendor/bundle/_posts/2020-01-01-a.md', site).skip).toBe('excluded');
    expect(locatePost('en/vendor/bundle/_posts/2020-01-01-a.md', site).skip).toBeNull();
  });

  it('passes over special names unless included', () => {
    expect(locatePost('_other/_posts/2020-01-01-a.md', site).skip).toBe('not-in-posts');
    expect(locatePost('_archive/_posts/2020-01-01-a.md', site).skip).toBeNull();
    expect(locatePost('x./_posts/2020-01-01-a.md', site).skip).toBe('not-in-posts');
    expect(locatePost('_posts/2020-01-01-a.', site).skip).toBe('ignored-name');
    expect(locatePost('_posts/a./2020-01-01-a.md', site).skip).toBeNull();
    expect(locatePost('_posts/2020-01-01-a.yml', site).skip).toBe('data-file');
    expect(locatePost('_posts/2020-01-01-a..md', site).slug).toBe('a');
  });

  it('reads posts only below collections_dir, with paths relative to it', () => {
    const news = siteFromConfig('/site', '/site/_config.yml', 'collections_dir: news\n');
    expect(locatePost('_posts/2020-01-01-a.md', news).skip).toBe('not-in-posts');
    const inside = locatePost('news/en/_posts/2020-01-01-a.md', news);
    expect([inside.skip, inside.path, inside.folderCategories]).toEqual([null, 'en/_posts/2020-01-01-a.md', ['en']]);
  });

  it('refuses include: or exclude: that is not a list, as Jekyll does', () => {
    expect(() => siteFromConfig('/site', '/site/_config.yml', 'exclude: vendor\n')).toThrow(/exclude: must be a list/);
  });
});
