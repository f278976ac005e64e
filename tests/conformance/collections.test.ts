import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { show, type ShowEntry } from '../../src/commands/show.js';
import { captureIo } from '../helpers/io.js';
import { buildWithJekyll, hasJekyll } from '../helpers/jekyll.js';
import { makeSite } from '../helpers/site.js';

/**
 * Documents of other collections, against real Jekyll: `finews show` on a
 * collection's folder must give each document's URL, date, categories, tags
 * and title as Jekyll does, and say which ones Jekyll writes no page for.
 */
const CONFIG = `timezone: Asia/Shanghai
permalink: pretty
collections:
  articles:
    output: true
    permalink: /news/:year/:month/:day/:title:output_ext
  reports:
    output: true
  notes:
    sort_by: title
defaults:
  - scope: { path: "", type: articles }
    values: { category: 抓取 }
`;

const FILES: Record<string, string> = {
  '_config.yml': CONFIG,
  '_articles/2024-03-05-央行-降准.md': '---\ntitle: 央行：降准\ndate: 2024-03-05 22:30:00 +0800\ncategories: [财经]\ntags: [货币政策]\n---\n正文\n',
  '_articles/2024-03-06-from-the-name.md': '---\ntitle: From the name\n---\nText.\n',
  '_articles/sub/2024-03-07-Mixed Case.md': '---\ntitle: Mixed\ndate: "2024-03-07 08:00"\n---\nText.\n',
  '_articles/2099-01-01-later.md': '---\ntitle: Later\n---\nText.\n',
  '_articles/2024-03-08-held.md': '---\ntitle: Held\npublished: false\n---\nText.\n',
  '_articles/plain.txt': 'no front matter: a static file\n',
  '_reports/weekly/week-1.md': '---\ntitle: Week 1\ncategory: weekly\n---\nText.\n',
  '_reports/summary.markdown': '---\npermalink: /custom/:name/\n---\nText.\n',
  '_notes/idea.md': '---\ntitle: Idea\ndate: 2024-01-02 03:04:05 +0000\n---\nText.\n',
};

/** Every document of every collection but posts, and whether Jekyll wrote it. */
const TRUTH = `---
layout: null
---
[{% for c in site.collections %}{% if c.label != "posts" %}{% for d in c.docs %}{"path": {{ d.path | jsonify }}, "url": {{ d.url | jsonify }}, "date": {{ d.date | date: "%Y-%m-%d %H:%M:%S %z" | jsonify }}, "categories": {{ d.categories | jsonify }}, "tags": {{ d.tags | jsonify }}, "title": {{ d.title | jsonify }}},{% endfor %}{% endif %}{% endfor %}null]
`;

const epoch = (shown: string) => Date.parse(shown.replace(' ', 'T').replace(/ ([-+]\d\d)(\d\d)$/, '$1:$2'));

interface Truth {
  path: string;
  url: string;
  date: string;
  categories: unknown[];
  tags: unknown[];
  title: unknown;
}

describe.skipIf(!hasJekyll)('finews show on documents of other collections agrees with Jekyll', { timeout: 120_000 }, () => {
  it('gives the URL, date, categories, tags and title Jekyll gives, and what it leaves unwritten', async () => {
    const dir = makeSite(FILES);
    writeFileSync(path.join(dir, 'collections-truth.json'), TRUTH);
    const built = buildWithJekyll(dir);
    expect(built.status, built.output).toBe(0);
    const truth = (JSON.parse(readFileSync(path.join(dir, '_site', 'collections-truth.json'), 'utf8')) as (Truth | null)[]).filter((t): t is Truth => t !== null);
    const now = new Date();
    const io = captureIo(dir, { now });
    expect(await show({ files: ['_articles', '_reports', '_notes'], json: true }, io)).toBe(0);
    const entries = new Map((JSON.parse(io.out()) as ShowEntry[]).map((e) => [e.path, e]));
    // Jekyll's documents are finews' entries that are not left out of the collection.
    const inCollection = [...entries.values()].filter((e) => e.skip === null || e.skip === 'future' || e.skip === 'not-output');
    expect(new Set(inCollection.map((e) => e.path))).toEqual(new Set(truth.map((t) => t.path)));
    for (const t of truth) {
      const e = entries.get(t.path)!;
      // A document dated neither way is dated when Jekyll builds: within the seconds between the build and finews' run.
      if (e.dateSource === 'build-time') {
        expect(Math.abs(epoch(e.date!) - epoch(t.date)), t.path).toBeLessThan(300_000);
        t.date = e.date!;
      }
      expect({ url: e.url, date: e.date, categories: e.categories, tags: e.tags, title: e.title }, t.path).toEqual({ url: t.url, date: t.date, categories: t.categories, tags: t.tags, title: t.title });
      // A page is written exactly for what finews says Jekyll builds.
      expect(existsSync(path.join(dir, '_site', e.destination!)), t.path).toBe(e.skip === null);
    }
    expect(entries.get('_articles/2024-03-08-held.md')!.skip).toBe('unpublished');
    expect(entries.get('_articles/plain.txt')!.skip).toBe('no-front-matter');
    expect(entries.get('_notes/idea.md')).toMatchObject({ collection: 'notes', skip: 'not-output' });
    expect(entries.get('_articles/2099-01-01-later.md')!.skip).toBe('future');
    expect(entries.get('_reports/weekly/week-1.md')!.dateSource).toBe('build-time');
  });
});
