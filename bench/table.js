// The one benchmark table: rows from the bench scripts (their --json) to
// markdown, each issue's goals judged from the figures, and the marked block
// of docs/benchmarks.md replaced. Pure: no clock, no files, no processes.
//
// A row: { benchmark, posts (null for start-up), tool, role: 'floor' |
// 'finews' | 'peer', wallMedian (s; null when not run), wallRuns[], cpu (s),
// peakRssMB, note, writesNothing? (index re-runs) }.

/** The file that holds the table, relative to the repository root. */
export const TABLE_FILE = 'docs/benchmarks.md';
export const START = '<!-- bench:start -->';
export const END = '<!-- bench:end -->';

const BENCHMARKS = ['new', 'lint', 'lint-duplicates', 'lint-cache', 'lint-cache-content', 'convert', 'index', 'index-tags'];

/**
 * What each issue asks, as checks on the figures. `at`: the size the issue
 * names (without one, the largest size run). Kinds: `floor` (finews ÷ floor
 * at most `max`), `peer` (peer ÷ finews at least `min`), `rss` (every finews
 * row under `max` MB), `rerun` (the re-runs wrote nothing, at every size),
 * `flat` (finews' peak RSS at the largest size at most `max` times that at
 * the smallest), `wall` (the median wall of the finews row `tool` at most
 * `max` seconds). `tool` on a `floor` goal picks that finews row, not the first.
 */
const GOALS = {
  new: { issue: 2, asks: 'start-up measured next to `node -e 0`; it names no bound', goals: [{ kind: 'floor', label: '`finews new` start-up' }] },
  lint: {
    issue: 3,
    goals: [
      { kind: 'floor', label: 'within 2× of the floor', max: 2, at: 20_000 },
      { kind: 'peer', label: 'at least 20× faster than markdownlint-cli2', tool: 'markdownlint-cli2', min: 20, at: 20_000 },
      { kind: 'rss', label: 'under 300 MB peak', max: 300, at: 100_000 },
    ],
  },
  'lint-duplicates': {
    issue: 14,
    asks: 'a duplicate-heavy site (one footer autolink on every post, source links ~230 posts share)',
    goals: [{ kind: 'floor', label: 'within 2× of the floor', max: 2, at: 20_000 }],
  },
  'lint-cache': {
    issue: 14,
    asks: 're-runs with --cache (metadata); the floor lists and stats every post, as any check of each file\'s metadata must',
    goals: [
      { kind: 'wall', label: 'nothing changed (metadata) within 0.5 s', tool: 'finews lint --cache, nothing changed', max: 0.5, at: 100_000 },
      { kind: 'wall', label: 'one named post (metadata) within 0.5 s', tool: 'finews lint --cache, one named post', max: 0.5, at: 100_000 },
    ],
  },
  'lint-cache-content': {
    issue: 14,
    asks: 're-runs with --cache --cache-strategy content; the floor reads every post',
    goals: [{ kind: 'floor', label: 'content strategy within 1.5× of reading every post', tool: 'finews lint --cache --cache-strategy content, nothing changed', max: 1.5, at: 100_000 }],
  },
  convert: {
    issue: 4,
    goals: [
      { kind: 'floor', label: 'within 1.5× of the turndown floor', max: 1.5 },
      { kind: 'peer', label: 'at least 20× faster than pandoc per file', tool: 'pandoc', min: 20 },
      { kind: 'flat', label: 'memory flat in the number of posts (peak RSS at the largest size at most 1.5× that at the smallest)', max: 1.5 },
    ],
  },
  index: {
    issue: 5,
    goals: [
      { kind: 'floor', label: 'within 2× of the floor (first run, writing every page)', max: 2, at: 20_000 },
      { kind: 'peer', label: 'at least 100× faster than jekyll build with jekyll-archives', tool: 'jekyll', min: 100, at: 20_000 },
      { kind: 'rerun', label: 'a re-run with nothing changed writes nothing' },
      { kind: 'rss', label: 'under 300 MB peak', max: 300, at: 100_000 },
    ],
  },
  'index-tags': {
    issue: 12,
    goals: [
      { kind: 'floor', label: 'thousands of Zipf-like tags: first run within 3× of the floor that reads and parses every post and copies the same pages into place', max: 3, at: 20_000 },
      { kind: 'rerun', label: 'a re-run with nothing changed writes nothing' },
    ],
  },
};

const posts = (n) => (n === null ? '—' : String(n).replace(/\B(?=(\d{3})+$)/g, ' '));

function seconds(s) {
  if (s === null) return '—';
  if (s < 1) return `${(s * 1000).toFixed(1)} ms`;
  if (s < 10) return `${s.toFixed(2)} s`;
  if (s < 100) return `${s.toFixed(1)} s`;
  return `${posts(Math.round(s))} s`;
}

function times(ratio) {
  if (ratio < 10) return `${ratio.toFixed(2)}×`;
  if (ratio < 100) return `${ratio.toFixed(1)}×`;
  return `${posts(Math.round(ratio))}×`;
}

const megabytes = (mb) => (mb === null ? '—' : `${Math.round(mb)} MB`);
const cell = (text) => String(text).replaceAll('|', '\\|').replaceAll('\n', ' ');

/** Rows of one benchmark grouped by size, smallest first: { posts, rows, floor, finews (the first finews row) }. */
function groups(rows, benchmark) {
  const mine = rows.filter((r) => r.benchmark === benchmark);
  const sizes = [...new Set(mine.map((r) => r.posts))].sort((a, b) => a - b);
  return sizes.map((size) => {
    const at = mine.filter((r) => r.posts === size);
    const ordered = ['floor', 'finews', 'peer'].flatMap((role) => at.filter((r) => r.role === role));
    return { posts: size, rows: ordered, floor: at.find((r) => r.role === 'floor' && r.wallMedian !== null), finews: at.find((r) => r.role === 'finews' && r.wallMedian !== null) };
  });
}

/** The markdown table of every row, grouped by benchmark and size. */
export function renderTable(rows) {
  const lines = ['| benchmark | posts | tool | runs | median wall | × floor | × finews | CPU | peak RSS | note |', '|---|---:|---|---:|---:|---:|---:|---:|---:|---|'];
  for (const benchmark of BENCHMARKS) {
    let first = true;
    for (const group of groups(rows, benchmark)) {
      for (const r of group.rows) {
        const ran = r.wallMedian !== null;
        const overFloor = ran && group.floor ? times(r.wallMedian / group.floor.wallMedian) : '';
        const overFinews = ran && r.role === 'peer' && group.finews ? times(r.wallMedian / group.finews.wallMedian) : '';
        const figures = ran ? [r.wallRuns.length, seconds(r.wallMedian), overFloor, overFinews, seconds(r.cpu), megabytes(r.peakRssMB)] : ['', 'not run', '', '', '', ''];
        lines.push(`| ${first ? `**${benchmark}**` : ''} | ${posts(r.posts)} | ${cell(r.tool)} | ${figures.join(' | ')} | ${cell(r.note ?? '')} |`);
        first = false;
      }
    }
  }
  return lines.join('\n');
}

/** What a goal finds in one size's group (`all`: every size, for goals across sizes): { shown, met } or { missing: why }. */
function measureGoal(goal, group, all) {
  const ours = goal.tool && goal.kind !== 'peer' ? group.rows.find((r) => r.role === 'finews' && r.tool === goal.tool && r.wallMedian !== null) : group.finews;
  if (!ours) return { missing: 'finews not run' };
  if (goal.kind === 'floor') {
    if (!group.floor) return { missing: 'no floor row' };
    const ratio = ours.wallMedian / group.floor.wallMedian;
    return { shown: `${times(ratio)} the floor`, met: goal.max === undefined ? undefined : ratio <= goal.max };
  }
  if (goal.kind === 'wall') return { shown: seconds(ours.wallMedian), met: ours.wallMedian <= goal.max };
  if (goal.kind === 'peer') {
    const peer = group.rows.find((r) => r.role === 'peer' && r.tool.startsWith(goal.tool));
    if (!peer) return { missing: `${goal.tool} has no row` };
    if (peer.wallMedian === null) return { missing: `${peer.tool} not run: ${peer.note}` };
    const ratio = peer.wallMedian / ours.wallMedian;
    return { shown: `${times(ratio)} faster`, met: ratio >= goal.min };
  }
  if (goal.kind === 'rss') {
    const peaks = group.rows.filter((r) => r.role === 'finews' && r.peakRssMB !== null).map((r) => r.peakRssMB);
    if (!peaks.length) return { missing: 'no peak RSS (/usr/bin/time missing?)' };
    const peak = Math.max(...peaks);
    return { shown: megabytes(peak), met: peak < goal.max };
  }
  if (goal.kind === 'rerun') {
    const reruns = all.flatMap((g) => g.rows.filter((r) => typeof r.writesNothing === 'boolean'));
    if (!reruns.length) return { missing: 'no re-run row' };
    const rewrote = reruns.filter((r) => !r.writesNothing).map((r) => posts(r.posts));
    return { shown: rewrote.length ? `files rewritten at ${rewrote.join(' and ')}` : `wrote nothing at ${reruns.map((r) => posts(r.posts)).join(' and ')}`, met: !rewrote.length };
  }
  if (goal.kind === 'flat') {
    if (all.length < 2) return { missing: 'one size only' };
    const [smallest, largest] = [all[0], all.at(-1)];
    if (smallest.finews?.peakRssMB == null || largest.finews?.peakRssMB == null) return { missing: 'no peak RSS' };
    const growth = largest.finews.peakRssMB / smallest.finews.peakRssMB;
    return { shown: `${megabytes(smallest.finews.peakRssMB)} at ${posts(smallest.posts)}, ${megabytes(largest.finews.peakRssMB)} at ${posts(largest.posts)}: ${times(growth)}`, met: growth <= goal.max };
  }
  throw new Error(`unknown goal kind ${goal.kind}`);
}

const verdict = (m) => (m.missing ? `not measured (${m.missing})` : m.met === undefined ? m.shown : `${m.met ? 'met' : '**not met**'} (${m.shown})`);

/** One line per benchmark that has rows: each goal of its issue, met or not, from the figures. */
export function verdicts(rows) {
  const lines = [];
  for (const benchmark of BENCHMARKS) {
    const all = groups(rows, benchmark);
    if (!all.length) continue;
    const { issue, asks, goals } = GOALS[benchmark];
    const parts = goals.map((goal) => {
      const exact = goal.at === undefined ? all.at(-1) : all.find((g) => g.posts === goal.at);
      const where = goal.kind === 'flat' || goal.kind === 'rerun' || all[0].posts === null ? '' : ` at ${posts(goal.at ?? all.at(-1).posts)}`;
      if (exact) return `${goal.label}${where}: ${verdict(measureGoal(goal, exact, all))}`;
      const largest = all.at(-1);
      return `${goal.label}${where}: not measured there; at ${posts(largest.posts)}: ${verdict(measureGoal(goal, largest, all))}`;
    });
    lines.push(`- **${benchmark}** (issue ${issue}${asks ? `: ${asks}` : ''}): ${parts.join('; ')}.`);
  }
  return lines;
}

const load = (l) => l.map((x) => x.toFixed(2)).join(' ');

/**
 * The marked block: how it was made and where, the table, the goals.
 * `run`: { command, date (ISO), sizes, machine: { cpu, cores, ramGiB, os, node, loadBefore, loadAfter } }.
 */
export function renderReport(rows, run) {
  const { machine: m } = run;
  const full = [20_000, 100_000].every((n) => run.sizes.includes(n));
  const sizes = `${run.sizes.map(posts).join(' and ')} posts${full ? '' : ' (a quick pass, not the 20 000 and 100 000 the issues name)'}`;
  return [
    `Generated by \`${run.command}\` on ${run.date.slice(0, 16).replace('T', ' ')} UTC, at ${sizes}.`,
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.ramGiB.toFixed(1)} GiB RAM, ${m.os}, Node ${m.node}; load average (1, 5, 15 min) ${load(m.loadBefore)} before, ${load(m.loadAfter)} after.`,
    '',
    renderTable(rows),
    '',
    '× floor: median wall ÷ the floor’s at the same size. × finews: a peer’s median wall ÷ finews’ (its first row at that size): how many times slower the peer is. CPU: user + system seconds (median); peak RSS: the highest of the runs (/usr/bin/time).',
    '',
    'Goals of each issue, judged from these figures:',
    '',
    ...verdicts(rows),
  ].join('\n');
}

/** `text` with what lies between the markers replaced by `block`; an error naming what is wrong when the markers are not there once each, in order. */
export function replaceMarked(text, block) {
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  const problem =
    start < 0 || end < 0
      ? `missing ${[start < 0 ? START : '', end < 0 ? END : ''].filter(Boolean).join(' and ')}`
      : text.indexOf(START, start + 1) >= 0 || text.indexOf(END, end + 1) >= 0
        ? 'a marker appears twice'
        : end < start
          ? `${END} comes before ${START}`
          : null;
  if (problem) throw new Error(`${TABLE_FILE} benchmark markers: ${problem}; put ${START} and ${END} on their own lines in it`);
  return `${text.slice(0, start + START.length)}\n${block}\n${text.slice(end)}`;
}
