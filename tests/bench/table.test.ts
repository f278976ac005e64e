import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** bench/table.js: the one benchmark table, its goal verdicts and the marked block of docs/benchmarks.md. Timings are not tested. */
interface Row {
  benchmark: string;
  posts: number | null;
  tool: string;
  role: 'floor' | 'finews' | 'peer';
  wallMedian: number | null;
  wallRuns: number[];
  cpu: number | null;
  peakRssMB: number | null;
  note: string;
  writesNothing?: boolean;
}
interface Machine {
  cpu: string;
  cores: number;
  ramGiB: number;
  os: string;
  node: string;
  loadBefore: number[];
  loadAfter: number[];
}
// @ts-expect-error plain JavaScript, no declarations
const table = (await import('../../bench/table.js')) as {
  TABLE_FILE: string;
  START: string;
  END: string;
  renderTable: (rows: Row[]) => string;
  verdicts: (rows: Row[]) => string[];
  renderReport: (rows: Row[], run: { command: string; date: string; sizes: number[]; machine: Machine }) => string;
  replaceMarked: (text: string, block: string) => string;
};

const row = (benchmark: string, posts: number | null, tool: string, role: Row['role'], wall: number | null, rss: number | null, extra: Partial<Row> = {}): Row => ({
  benchmark,
  posts,
  tool,
  role,
  wallMedian: wall,
  wallRuns: wall === null ? [] : [wall, wall],
  cpu: wall,
  peakRssMB: rss,
  note: '',
  ...extra,
});

const rows: Row[] = [
  row('lint', 100_000, 'floor: gray-matter loop', 'floor', 5, 700),
  row('lint', 100_000, 'finews lint', 'finews', 15, 255),
  row('lint', 100_000, 'markdownlint-cli2', 'peer', null, null, { note: 'cap 20000 posts, --markdownlint-max' }),
  row('lint', 20_000, 'markdownlint-cli2', 'peer', 80, 570),
  row('lint', 20_000, 'finews lint', 'finews', 3.8, 205, { note: '98 problems found' }),
  row('lint', 20_000, 'floor: gray-matter loop', 'floor', 2, 214),
  row('new', null, 'node -e 0', 'floor', 0.0534, 40),
  row('new', null, 'finews new --dry-run "标题"', 'finews', 0.1277, 62),
  row('index', 20_000, 'floor: gray-matter loop', 'floor', 2, 150),
  row('index', 20_000, 'finews index, first run', 'finews', 3, 174),
  row('index', 20_000, 'finews index, re-run', 'finews', 2.5, 170, { writesNothing: true }),
  row('index', 20_000, 'jekyll build + jekyll-archives', 'peer', 1373, 900),
  row('index', 100_000, 'floor: gray-matter loop', 'floor', 8, 700),
  row('index', 100_000, 'finews index, first run', 'finews', 25, 321),
  row('index', 100_000, 'finews index, re-run', 'finews', 22, 257, { writesNothing: false }),
  row('index', 100_000, 'jekyll build + jekyll-archives', 'peer', null, null, { note: 'cap 20000 posts, --jekyll-max' }),
];

describe('the benchmark table', () => {
  it('groups rows by benchmark and size, floor first, with ratios to the floor and, for peers, to finews', () => {
    const lines = table.renderTable(rows).split('\n');
    expect(lines[0]).toBe('| benchmark | posts | tool | runs | median wall | × floor | × finews | CPU | peak RSS | note |');
    expect(lines.slice(2)).toEqual([
      '| **new** | — | node -e 0 | 2 | 53.4 ms | 1.00× |  | 53.4 ms | 40 MB |  |',
      '|  | — | finews new --dry-run "标题" | 2 | 127.7 ms | 2.39× |  | 127.7 ms | 62 MB |  |',
      '| **lint** | 20 000 | floor: gray-matter loop | 2 | 2.00 s | 1.00× |  | 2.00 s | 214 MB |  |',
      '|  | 20 000 | finews lint | 2 | 3.80 s | 1.90× |  | 3.80 s | 205 MB | 98 problems found |',
      '|  | 20 000 | markdownlint-cli2 | 2 | 80.0 s | 40.0× | 21.1× | 80.0 s | 570 MB |  |',
      '|  | 100 000 | floor: gray-matter loop | 2 | 5.00 s | 1.00× |  | 5.00 s | 700 MB |  |',
      '|  | 100 000 | finews lint | 2 | 15.0 s | 3.00× |  | 15.0 s | 255 MB |  |',
      '|  | 100 000 | markdownlint-cli2 |  | not run |  |  |  |  | cap 20000 posts, --markdownlint-max |',
      '| **index** | 20 000 | floor: gray-matter loop | 2 | 2.00 s | 1.00× |  | 2.00 s | 150 MB |  |',
      '|  | 20 000 | finews index, first run | 2 | 3.00 s | 1.50× |  | 3.00 s | 174 MB |  |',
      '|  | 20 000 | finews index, re-run | 2 | 2.50 s | 1.25× |  | 2.50 s | 170 MB |  |',
      '|  | 20 000 | jekyll build + jekyll-archives | 2 | 1 373 s | 687× | 458× | 1 373 s | 900 MB |  |',
      '|  | 100 000 | floor: gray-matter loop | 2 | 8.00 s | 1.00× |  | 8.00 s | 700 MB |  |',
      '|  | 100 000 | finews index, first run | 2 | 25.0 s | 3.13× |  | 25.0 s | 321 MB |  |',
      '|  | 100 000 | finews index, re-run | 2 | 22.0 s | 2.75× |  | 22.0 s | 257 MB |  |',
      '|  | 100 000 | jekyll build + jekyll-archives |  | not run |  |  |  |  | cap 20000 posts, --jekyll-max |',
    ]);
  });

  it('escapes a | in a tool name or note', () => {
    const [, , line] = table.renderTable([row('lint', 10, 'a | b', 'floor', 1, 1, { note: 'x|y' })]).split('\n');
    expect(line).toBe('| **lint** | 10 | a \\| b | 2 | 1.00 s | 1.00× |  | 1.00 s | 1 MB | x\\|y |');
  });
});

describe('goal verdicts', () => {
  it('judges each goal at the size its issue names, from the figures', () => {
    expect(table.verdicts(rows)).toEqual([
      '- **new** (issue 2: start-up measured next to `node -e 0`; it names no bound): `finews new` start-up: 2.39× the floor.',
      '- **lint** (issue 3): within 2× of the floor at 20 000: met (1.90× the floor); at least 20× faster than markdownlint-cli2 at 20 000: met (21.1× faster); under 300 MB peak at 100 000: met (255 MB).',
      '- **index** (issue 5): within 2× of the floor (first run, writing every page) at 20 000: met (1.50× the floor); at least 100× faster than jekyll build with jekyll-archives at 20 000: met (458× faster); a re-run with nothing changed writes nothing: **not met** (files rewritten at 100 000); under 300 MB peak at 100 000: **not met** (321 MB).',
    ]);
  });

  it('says when a peer was not run, and judges at the size run when the goal size was not', () => {
    const small = [
      row('lint', 2000, 'floor: gray-matter loop', 'floor', 1, 100),
      row('lint', 2000, 'finews lint', 'finews', 3, 120),
      row('lint', 2000, 'markdownlint-cli2', 'peer', null, null, { note: 'cap 0 posts, --markdownlint-max' }),
    ];
    expect(table.verdicts(small)).toEqual([
      '- **lint** (issue 3): within 2× of the floor at 20 000: not measured there; at 2 000: **not met** (3.00× the floor); at least 20× faster than markdownlint-cli2 at 20 000: not measured there; at 2 000: not measured (markdownlint-cli2 not run: cap 0 posts, --markdownlint-max); under 300 MB peak at 100 000: not measured there; at 2 000: met (120 MB).',
    ]);
  });

  it('index-tags (issue 12): within 3× of the floor that also copies the pages, and a re-run that writes nothing', () => {
    const tags = [
      row('index-tags', 20_000, 'floor: gray-matter loop + copying the same pages', 'floor', 2, 150),
      row('index-tags', 20_000, 'finews index, first run (3 433 distinct tags)', 'finews', 6.4, 180),
      row('index-tags', 20_000, 'finews index, re-run', 'finews', 3, 170, { writesNothing: true }),
      row('index-tags', 1, 'finews index, one post with 50000 distinct tags, first run', 'finews', 4, 200),
    ];
    expect(table.verdicts(tags)).toEqual([
      '- **index-tags** (issue 12): thousands of Zipf-like tags: first run within 3× of the floor that reads and parses every post and copies the same pages into place at 20 000: **not met** (3.20× the floor); a re-run with nothing changed writes nothing: met (wrote nothing at 20 000).',
    ]);
    expect(table.verdicts(tags.map((r) => (r.role === 'finews' && r.posts === 20_000 && !r.writesNothing ? { ...r, wallMedian: 5.8 } : r)))[0]).toContain('met (2.90× the floor)');
  });

  it('convert: memory flat across sizes, pandoc and the floor at the largest size', () => {
    const convert = [
      row('convert', 2000, 'floor: turndown loop', 'floor', 1.25, 129),
      row('convert', 2000, 'finews convert --write', 'finews', 1.79, 199),
      row('convert', 2000, 'pandoc per file', 'peer', 41.9, 58),
      row('convert', 20_000, 'floor: turndown loop', 'floor', 9.68, 134),
      row('convert', 20_000, 'finews convert --write', 'finews', 9.25, 262),
      row('convert', 20_000, 'pandoc per file', 'peer', 421.6, 58),
    ];
    expect(table.verdicts(convert)).toEqual([
      '- **convert** (issue 4): within 1.5× of the turndown floor at 20 000: met (0.96× the floor); at least 20× faster than pandoc per file at 20 000: met (45.6× faster); memory flat in the number of posts (peak RSS at the largest size at most 1.5× that at the smallest): met (199 MB at 2 000, 262 MB at 20 000: 1.32×).',
    ]);
  });
});

describe('issue 14: duplicate-heavy sites and --cache re-runs', () => {
  it('judges the duplicate shape against its floor, each cached re-run against its bound, content against reading every post', () => {
    const figures = [
      row('lint-duplicates', 20_000, 'floor: gray-matter loop', 'floor', 2, 214),
      row('lint-duplicates', 20_000, 'finews lint', 'finews', 3.2, 190),
      row('lint-cache', 100_000, 'floor: stat every post', 'floor', 0.3, 60),
      row('lint-cache', 100_000, 'finews lint --cache, nothing changed', 'finews', 0.42, 120),
      row('lint-cache', 100_000, 'finews lint --cache, one named post', 'finews', 0.61, 120),
      row('lint-cache-content', 100_000, 'floor: read every post', 'floor', 1, 60),
      row('lint-cache-content', 100_000, 'finews lint --cache --cache-strategy content, nothing changed', 'finews', 1.4, 130),
    ];
    expect(table.verdicts(figures)).toEqual([
      '- **lint-duplicates** (issue 14: a duplicate-heavy site (one footer autolink on every post, source links ~230 posts share)): within 2× of the floor at 20 000: met (1.60× the floor).',
      "- **lint-cache** (issue 14: re-runs with --cache (metadata); the floor lists and stats every post, as any check of each file's metadata must): nothing changed (metadata) within 0.5 s at 100 000: met (420.0 ms); one named post (metadata) within 0.5 s at 100 000: **not met** (610.0 ms).",
      '- **lint-cache-content** (issue 14: re-runs with --cache --cache-strategy content; the floor reads every post): content strategy within 1.5× of reading every post at 100 000: met (1.40× the floor).',
    ]);
    expect(table.renderTable(figures)).toContain('| **lint-cache** | 100 000 | floor: stat every post | 2 | 300.0 ms | 1.00× |');
    expect(table.renderTable(figures)).toContain('|  | 100 000 | finews lint --cache, nothing changed | 2 | 420.0 ms | 1.40× |');
    expect(table.renderTable(figures)).toContain('| **lint-cache-content** | 100 000 | floor: read every post | 2 | 1.00 s | 1.00× |');
  });
});

describe('the marked block', () => {
  const machine: Machine = { cpu: 'Xeon', cores: 2, ramGiB: 23.5, os: 'Debian 12', node: 'v20.20.2', loadBefore: [0.1, 0.5, 1.25], loadAfter: [2, 1, 1] };

  it('says how, when and where it ran, and labels a quick pass by its sizes', () => {
    const report = table.renderReport(rows.slice(6, 8), { command: 'npm run bench -- --sizes 2000', date: '2026-11-25T03:29:20.123Z', sizes: [2000], machine });
    const lines = report.split('\n');
    expect(lines[0]).toBe('Generated by `npm run bench -- --sizes 2000` on 2026-11-25 03:29 UTC, at 2 000 posts (a quick pass, not the 20 000 and 100 000 the issues name).');
    expect(lines[2]).toBe('Machine: Xeon, 2 cores, 23.5 GiB RAM, Debian 12, Node v20.20.2; load average (1, 5, 15 min) 0.10 0.50 1.25 before, 2.00 1.00 1.00 after.');
    expect(report).toContain(table.renderTable(rows.slice(6, 8)));
    expect(report).toContain(table.verdicts(rows.slice(6, 8))[0]);
    expect(table.renderReport([], { command: 'npm run bench', date: '2026-11-25T03:29:20Z', sizes: [20_000, 100_000], machine })).toMatch(/^Generated by `npm run bench` on 2026-11-25 03:29 UTC, at 20 000 and 100 000 posts\.\n\nMachine: /);
  });

  it('replaces only what lies between the markers', () => {
    const readme = `# finews\n\n## Benchmarks\n\nProse.\n\n${table.START}\nold table\n${table.END}\n\n## Development\n`;
    const once = table.replaceMarked(readme, 'new table');
    expect(once).toBe(`# finews\n\n## Benchmarks\n\nProse.\n\n${table.START}\nnew table\n${table.END}\n\n## Development\n`);
    expect(table.replaceMarked(once, 'new table')).toBe(once);
  });

  it('lives in docs/benchmarks.md, the only file with the markers, and not in the README', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    expect(table.TABLE_FILE).toBe('docs/benchmarks.md');
    const docs = readFileSync(path.join(root, table.TABLE_FILE), 'utf8');
    expect(table.replaceMarked(docs, 'x')).toContain(`${table.START}\nx\n${table.END}`);
    expect(readFileSync(path.join(root, 'README.md'), 'utf8')).not.toContain(table.START);
  });

  it('fails clearly when a marker is missing, doubled or out of order', () => {
    expect(() => table.replaceMarked('# finews\n', 'x')).toThrow(`docs/benchmarks.md benchmark markers: missing ${table.START} and ${table.END}`);
    expect(() => table.replaceMarked(`${table.START}\n`, 'x')).toThrow(`missing ${table.END};`);
    expect(() => table.replaceMarked(`${table.START}\n${table.END}\n${table.END}\n`, 'x')).toThrow('a marker appears twice');
    expect(() => table.replaceMarked(`${table.END}\n${table.START}\n`, 'x')).toThrow(`${table.END} comes before ${table.START}`);
  });
});
