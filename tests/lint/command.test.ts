import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { lint, type LintOptions } from '../../src/commands/lint.js';
import { ConfigError, UsageError } from '../../src/errors.js';
import { RULES } from '../../src/lint/rules/index.js';
import type { LintResult } from '../../src/lint/types.js';
import { captureIo } from '../helpers/io.js';
import { copyToTemp } from '../helpers/jekyll.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/lint/', import.meta.url));
const fixture = (name: string) => path.join(FIXTURES, name);

async function run(cwd: string, options: Partial<LintOptions> = {}, io = captureIo(cwd)) {
  const exitCode = await lint({ files: [], ...options }, io);
  return { exitCode, stdout: io.out(), stderr: io.err() };
}

/** The (file, rule) pairs of a JSON report, sorted. */
function pairs(results: LintResult[], cwd: string): string[] {
  return results.flatMap((r) => r.messages.map((m) => `${path.relative(cwd, r.filePath)} ${m.ruleId}`)).sort();
}

describe('finews lint on fixture sites', () => {
  it('is silent and exits 0 on a clean site', async () => {
    expect(await run(fixture('clean'))).toEqual({ exitCode: 0, stdout: '', stderr: '' });
  });

  it('prints the stylish report grouped by file, with a summary, and exits 1 on errors', async () => {
    const { exitCode, stdout, stderr } = await run(fixture('mixed'));
    expect(exitCode).toBe(1);
    expect(stderr).toBe('');
    expect(stdout).not.toMatch(/\u001b\[/);
    const lines = stdout.split('\n');
    expect(lines).toContain('_posts/2021-12-08-no-offset.md');
    expect(lines).toContain('  4:7  warning  2021-12-08 10:59:28 has no UTC offset and is read as UTC: Jekyll shows 2021-12-08 18:59:28 +0800  date-no-offset');
    expect(lines).toContain('_posts/nodate.md');
    expect(stdout).toMatch(/^ {2}1:1 {2}error {2}"nodate\.md" has no YYYY-MM-DD- date prefix: Jekyll skips it silently {2}filename-no-date$/m);
    // Columns line up within a file: each rule id starts where the others do.
    const block = stdout.split('\n\n').find((b) => b.startsWith('_posts/2022-01-06-empty-title.md'))!;
    const ids = block.split('\n').slice(1).map((l) => l.search(/(layout-missing|title-empty|taxonomy-format)$/));
    expect(new Set(ids.map((at, i) => at + displayExtra(block.split('\n')[i + 1]!))).size).toBe(1);
    expect(stdout).toContain('\u2716 7 problems (4 errors, 3 warnings)\n  0 errors and 1 warning potentially fixable with the `--fix` option.\n');
  });

  it('colours the stylish report on a TTY, never under NO_COLOR', async () => {
    const tty = await run(fixture('mixed'), {}, captureIo(fixture('mixed'), { tty: true }));
    expect(tty.stdout).toMatch(/\u001b\[31merror/);
    const noColor = await run(fixture('mixed'), {}, captureIo(fixture('mixed'), { tty: true, env: { NO_COLOR: '1' } }));
    expect(noColor.stdout).not.toMatch(/\u001b\[/);
    expect(noColor.stdout.length).toBeGreaterThan(0);
  });

  it('prints ESLint-shaped JSON: every file, messages, counts', async () => {
    const cwd = fixture('mixed');
    const { exitCode, stdout } = await run(cwd, { format: 'json' });
    expect(exitCode).toBe(1);
    const results = JSON.parse(stdout) as LintResult[];
    expect(results.map((r) => path.relative(cwd, r.filePath))).toEqual([
      '_posts/2021-12-08-no-offset.md',
      '_posts/2022-01-06-bad-yaml.md',
      '_posts/2022-01-06-empty-title.md',
      '_posts/2099-01-01-future.md',
      '_posts/nodate.md',
    ]);
    expect(results.every((r) => path.isAbsolute(r.filePath))).toBe(true);
    expect(pairs(results, cwd)).toEqual([
      '_posts/2021-12-08-no-offset.md date-no-offset',
      '_posts/2022-01-06-bad-yaml.md front-matter-invalid',
      '_posts/2022-01-06-empty-title.md layout-missing',
      '_posts/2022-01-06-empty-title.md taxonomy-format',
      '_posts/2022-01-06-empty-title.md title-empty',
      '_posts/2099-01-01-future.md date-future',
      '_posts/nodate.md filename-no-date',
    ]);
    for (const r of results) {
      expect(r.errorCount).toBe(r.messages.filter((m) => m.severity === 2).length);
      expect(r.warningCount).toBe(r.messages.filter((m) => m.severity === 1).length);
      expect(r).toHaveProperty('suppressedMessages', []);
      for (const m of r.messages) expect(Object.keys(m)).toEqual(expect.arrayContaining(['ruleId', 'severity', 'message', 'line', 'column']));
    }
    expect(results[0]!.messages[0]).toMatchObject({ ruleId: 'date-no-offset', severity: 1, line: 4, column: 7, fixable: true });
  });

  it('prints GitHub workflow commands, escaped', async () => {
    const { stdout } = await run(fixture('mixed'), { format: 'github' });
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(7);
    expect(lines).toContain('::warning file=_posts/2021-12-08-no-offset.md,line=4,col=7,title=date-no-offset::2021-12-08 10:59:28 has no UTC offset and is read as UTC: Jekyll shows 2021-12-08 18:59:28 +0800');
    expect(lines).toContain('::error file=_posts/nodate.md,line=1,col=1,title=filename-no-date::"nodate.md" has no YYYY-MM-DD- date prefix: Jekyll skips it silently');
    for (const line of lines) expect(line).toMatch(/^::(error|warning) file=[^,]+,line=\d+,col=\d+,title=[a-z-]+::[^\r\n]+$/);
  });

  it('prints SARIF 2.1.0 with the rule table and relative locations', async () => {
    const { stdout } = await run(fixture('mixed'), { format: 'sarif' });
    const log = JSON.parse(stdout);
    expect(log.version).toBe('2.1.0');
    const [sarifRun] = log.runs;
    expect(sarifRun.tool.driver.name).toBe('finews');
    expect(sarifRun.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(RULES.map((r) => r.id));
    expect(sarifRun.results).toHaveLength(7);
    for (const result of sarifRun.results) {
      expect(sarifRun.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
      expect(result.locations[0].physicalLocation.artifactLocation.uriBaseId).toBe('%SRCROOT%');
    }
    const future = sarifRun.results.find((r: { ruleId: string }) => r.ruleId === 'date-future');
    expect(future).toMatchObject({ level: 'warning', locations: [{ physicalLocation: { artifactLocation: { uri: '_posts/2099-01-01-future.md' }, region: { startLine: 4, startColumn: 7 } } }] });
  });

  it('writes the report to --output-file and nothing to standard output', async () => {
    const dir = copyToTemp(fixture('mixed'), 'finews-lint-out-');
    const { exitCode, stdout } = await run(dir, { format: 'json', outputFile: 'reports/lint.json' });
    expect(exitCode).toBe(1);
    expect(stdout).toBe('');
    expect(JSON.parse(readFileSync(path.join(dir, 'reports/lint.json'), 'utf8'))).toHaveLength(5);
  });

  it('--quiet shows errors only; warnings still count for --max-warnings', async () => {
    const quiet = await run(fixture('mixed'), { quiet: true, format: 'json' });
    const results = JSON.parse(quiet.stdout) as LintResult[];
    expect(results.flatMap((r) => r.messages.map((m) => m.severity))).toEqual([2, 2, 2, 2]);
    // Only warnings left: date-no-offset and body-html in the configured site.
    const cwd = fixture('configured');
    const rules = ['date-no-offset:warn', 'required-fields:off'];
    expect((await run(cwd, { rule: rules })).exitCode).toBe(0);
    expect(await run(cwd, { rule: rules, quiet: true, maxWarnings: 1 })).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'finews lint: 2 warnings, more than --max-warnings 1\n',
    });
    expect((await run(cwd, { rule: rules, maxWarnings: 2 })).exitCode).toBe(0);
  });

  it('reads finews.lint from _config.yml: severities (off as YAML false) and required fields', async () => {
    const cwd = fixture('configured');
    const { exitCode, stdout } = await run(cwd, { format: 'json' });
    expect(exitCode).toBe(1);
    const [result] = JSON.parse(stdout) as LintResult[];
    expect(result!.messages.map((m) => [m.ruleId, m.severity])).toEqual([
      ['required-fields', 2],
      ['date-no-offset', 2],
      ['body-html', 1],
    ]);
    expect(result!.messages[0]!.message).toBe('the front matter has no "source_url", and no default in _config.yml gives one');
  });

  it('--rule overrides the configuration', async () => {
    const { stdout } = await run(fixture('configured'), { format: 'json', rule: ['body-html:off', 'line-endings:error', 'date-no-offset:warn'] });
    const [result] = JSON.parse(stdout) as LintResult[];
    expect(result!.messages.map((m) => [m.ruleId, m.severity])).toEqual([
      ['required-fields', 2],
      ['line-endings', 2],
      ['date-no-offset', 1],
    ]);
  });

  it('refuses bad settings and arguments with one line and exit 2', async () => {
    await expect(run(fixture('bad-config'))).rejects.toThrow(new ConfigError('finews.lint.rules.date-no-offest: unknown rule (did you mean date-no-offset?)', '_config.yml', 5));
    await expect(run(fixture('clean'), { rule: ['date-no-offset:fatal'] })).rejects.toThrow(UsageError);
    await expect(run(fixture('clean'), { rule: ['no-such-rule:off'] })).rejects.toThrow('--rule no-such-rule:off: unknown rule');
    await expect(run(fixture('clean'), { format: 'xml' })).rejects.toThrow(UsageError);
    await expect(run(fixture('clean'), { fix: true, fixDryRun: true })).rejects.toThrow('--fix and --fix-dry-run: choose one');
    const io = captureIo(fixture('bad-config'));
    expect(await main(['lint'], io)).toBe(2);
    expect(io.err()).toBe('finews: _config.yml:5: finews.lint.rules.date-no-offest: unknown rule (did you mean date-no-offset?)\n');
    expect(io.out()).toBe('');
  });

  it.each([
    ['finews: { lint: [] }', 'finews.lint must be a mapping'],
    ['finews: { lint: { rules: { body-empty: warning } } }', 'finews.lint.rules.body-empty: severity must be error, warn or off, not "warning"'],
    ['finews: { lint: { required: title } }', 'finews.lint.required must be a list'],
    ['finews: { lint: { rule: {} } }', 'finews.lint.rule: unknown setting'],
  ])('refuses %s', async (config, message) => {
    const dir = copyToTemp(fixture('clean'), 'finews-lint-config-');
    writeFileSync(path.join(dir, '_config.yml'), `timezone: Asia/Shanghai\n${config}\n`);
    await expect(run(dir)).rejects.toThrow(ConfigError);
    await expect(run(dir)).rejects.toThrow(message);
  });
});

describe('finews lint --fix', () => {
  const expected: Record<string, string> = {
    '2021-12-08-displaced.md':
      '---\nlayout: post\ntitle: "FF：有充足的现金支持到FF 91完成投产"\ndate: 2021-12-08 10:18:31 +0800\ncategories: emnews\ntags: 东财滚动新闻\n---\n\nFaraday Future (FF)于今日举办的线上投资者沟通交流会上，首次披露公司IPO后的财务状况。\n\n<http://stock.eastmoney.com/news/1611,202112082206703990.html>',
    '2021-12-08-crlf.md': '---\nlayout: post\ntitle: "海伦司(09869.HK)涨超10%"\ndate: 2021-12-08 10:41:52 +0800\ncategories: emnews\ntags: 东财滚动新闻\n---\n\n海伦司(09869.HK)涨超10%，现报17.96港元。\n\n（文章来源：财联社）\n',
    '2021-12-08-evening.md': '---\nlayout: post\ntitle: "晚间新闻"\ndate: 2021-12-08 20:15:34 +0800\ncategories: emnews\ntags: 东财滚动新闻\n---\n\n晚间的消息。\n',
  };

  it('rewrites only the bytes of each problem, atomically, and reports what remains', async () => {
    const dir = copyToTemp(fixture('fixable'), 'finews-lint-fix-');
    const posts = path.join(dir, '_posts');
    const untitled = readFileSync(path.join(posts, '2021-12-08-untitled.md'));
    // The bytes of the fixes alone (tests/lint/url-keep.test.ts: what keeps the URLs they move).
    const { exitCode, stdout, stderr } = await run(dir, { fix: true, format: 'json', fixPermalink: 'move' });
    expect(stderr.split('\n').filter(Boolean).map((l) => l.replace(/: URL moved .*under --fix-permalink move.*/, ''))).toEqual(['finews: _posts/2021-12-08-displaced.md', 'finews: _posts/2021-12-08-evening.md']);
    expect(exitCode).toBe(1);
    for (const [name, text] of Object.entries(expected)) expect(readFileSync(path.join(posts, name), 'utf8')).toBe(text);
    expect(readFileSync(path.join(posts, '2021-12-08-untitled.md'))).toEqual(untitled);
    expect(pairs(JSON.parse(stdout), dir)).toEqual(['_posts/2021-12-08-untitled.md title-empty']);
    expect(readdirSync(posts).filter((f) => f.startsWith('.finews-tmp'))).toEqual([]);
  });

  it('is idempotent: a second --fix changes nothing', async () => {
    const dir = copyToTemp(fixture('fixable'), 'finews-lint-fix2-');
    await run(dir, { fix: true });
    const posts = path.join(dir, '_posts');
    const before = Object.fromEntries(readdirSync(posts).map((f) => [f, [readFileSync(path.join(posts, f), 'utf8'), statSync(path.join(posts, f)).mtimeMs]]));
    const second = await run(dir, { fix: true, format: 'json' });
    expect(second.exitCode).toBe(1);
    const after = Object.fromEntries(readdirSync(posts).map((f) => [f, [readFileSync(path.join(posts, f), 'utf8'), statSync(path.join(posts, f)).mtimeMs]]));
    expect(after).toEqual(before);
  });

  it('--fix-dry-run prints the diff, writes nothing, and reports as if fixed', async () => {
    const dir = copyToTemp(fixture('fixable'), 'finews-lint-dry-');
    const posts = path.join(dir, '_posts');
    const before = readdirSync(posts).map((f) => readFileSync(path.join(posts, f), 'utf8'));
    const { exitCode, stdout } = await run(dir, { fixDryRun: true, fixPermalink: 'move' });
    expect(readdirSync(posts).map((f) => readFileSync(path.join(posts, f), 'utf8'))).toEqual(before);
    expect(exitCode).toBe(1);
    expect(stdout).toContain(
      [
        '--- a/_posts/2021-12-08-displaced.md',
        '+++ b/_posts/2021-12-08-displaced.md',
        '@@ -1,8 +1,7 @@',
        '-',
        ' ---',
        ' layout: post',
        ' title: "FF：有充足的现金支持到FF 91完成投产"',
        '-date: 2021-12-08 10:18:31',
        '+date: 2021-12-08 10:18:31 +0800',
        ' categories: emnews',
        ' tags: 东财滚动新闻',
        ' ---',
      ].join('\n'),
    );
    // Every line of the CRLF post loses its CR: the whole post is one hunk, CRs kept so patch can apply it.
    expect(stdout).toContain('@@ -1,11 +1,11 @@\n----\r\n-layout: post\r\n');
    expect(stdout).toContain('-date: 2021-12-08 10:41:52\r\n');
    expect(stdout).toContain('+date: 2021-12-08 10:41:52 +0800\n');
    expect(stdout).toMatch(/_posts\/2021-12-08-untitled\.md\n {2}3:8 {2}error {2}the title is empty {2}title-empty\n\n\u2716 1 problem \(1 error, 0 warnings\)\n$/);
  });

  it('--fix-dry-run keeps standard output parseable for JSON: the diff goes to standard error', async () => {
    const { stdout, stderr } = await run(copyToTemp(fixture('fixable'), 'finews-lint-dryjson-'), { fixDryRun: true, format: 'json' });
    expect(JSON.parse(stdout)).toHaveLength(4);
    expect(stderr).toContain('+++ b/_posts/2021-12-08-evening.md');
  });
});

/** Columns a line's wide (CJK) characters add before a position: they take two. */
function displayExtra(line: string): number {
  return [...line].filter((ch) => /[\u2e80-\ua4cf\uff00-\uff60]/.test(ch)).length;
}

describe('large reports', () => {
  it('are written in pieces that never split a character, and wait for a full stream', async () => {
    const dir = copyToTemp(fixture('clean'), 'finews-lint-large-');
    // Links to nothing whose text is outside the BMP, past a megabyte of report (messages quote short excerpts only).
    const link = `[${'𠀀'.repeat(25)}]()`;
    for (let i = 0; i < 300; i++) {
      writeFileSync(path.join(dir, `_posts/2022-01-06-${i}.md`), `---\nlayout: post\ntitle: "${i}"\ndate: 2022-01-06 09:00:00 +0800\n---\n${`${link}\n\n`.repeat(60)}`);
    }
    const chunks: Buffer[] = [];
    let waits = 0;
    const listeners: (() => void)[] = [];
    const stream = {
      write: (s: string) => {
        chunks.push(Buffer.from(s));
        setImmediate(() => listeners.splice(0).forEach((l) => l()));
        return false;
      },
      once: (_event: string, listener: () => void) => {
        waits++;
        listeners.push(listener);
      },
    };
    const io = { ...captureIo(dir), stdout: stream };
    expect(await lint({ files: [] }, io)).toBe(0);
    expect(chunks.length).toBeGreaterThan(1);
    expect(waits).toBe(chunks.length);
    const text = Buffer.concat(chunks).toString('utf8');
    expect(text).not.toContain('\ufffd');
    expect(text).toContain(`${link} links to nothing`);
  });
});
