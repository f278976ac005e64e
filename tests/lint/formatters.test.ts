import { describe, expect, it } from 'vitest';
import { github } from '../../src/formatters/github.js';
import { json } from '../../src/formatters/json.js';
import { sarif } from '../../src/formatters/sarif.js';
import { displayWidth, stylish } from '../../src/formatters/stylish.js';
import { RULES } from '../../src/lint/rules/index.js';
import type { FormatContext, LintResult } from '../../src/lint/types.js';

const ctx: FormatContext = { cwd: '/site', color: false, rules: RULES, version: '9.9.9' };

const results: LintResult[] = [
  {
    filePath: '/site/_posts/2022-01-06-a,b:c.md',
    messages: [
      { ruleId: 'duplicate-post', severity: 1, message: 'title "利率 100%" and date, as in x\nand y\r', line: 3, column: 1 },
      { ruleId: null, severity: 2, message: 'is a dangling symbolic link', line: 1, column: 1, fatal: true },
    ],
    errorCount: 1,
    warningCount: 1,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
  },
  { filePath: '/site/_posts/2022-01-07-中文.md', messages: [], errorCount: 0, warningCount: 0, fixableErrorCount: 0, fixableWarningCount: 0 },
];

describe('github', () => {
  it('escapes data and properties as @actions/core does', () => {
    expect(github(results, ctx)).toBe(
      '::warning file=_posts/2022-01-06-a%2Cb%3Ac.md,line=3,col=1,title=duplicate-post::title "利率 100%25" and date, as in x%0Aand y%0D\n' +
        '::error file=_posts/2022-01-06-a%2Cb%3Ac.md,line=1,col=1,title=finews::is a dangling symbolic link\n',
    );
  });

  it('prints nothing when there is nothing to say', () => {
    expect(github([results[1]!], ctx)).toBe('');
  });
});

describe('json', () => {
  it('is the same data, every non-ASCII character escaped', () => {
    const text = json(results, ctx);
    expect(text).toMatch(/^[\x00-\x7f]*$/);
    expect(JSON.parse(text)).toEqual(results.map((r) => ({ ...r, suppressedMessages: [], usedDeprecatedRules: [] })));
  });

  it('writes a clean result as JSON.stringify writes it, whatever its path', () => {
    for (const filePath of ['/site/_posts/a "quoted" \\ name.md', '/site/_posts/中文\u2028.md', '/site/_posts/\u0001.md']) {
      const clean: LintResult = { filePath, messages: [], errorCount: 0, warningCount: 0, fixableErrorCount: 0, fixableWarningCount: 0 };
      const expected = JSON.stringify({ ...clean, suppressedMessages: [], usedDeprecatedRules: [] }).replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
      expect(json([clean], ctx)).toBe(`[${expected}]\n`);
    }
  });
});

describe('sarif', () => {
  it('puts findings under rules and unreadable files in tool notifications', () => {
    const log = JSON.parse(sarif(results, ctx));
    const run = log.runs[0];
    expect(run.tool.driver.version).toBe('9.9.9');
    expect(run.results).toHaveLength(1);
    expect(run.results[0]).toMatchObject({
      ruleId: 'duplicate-post',
      ruleIndex: RULES.findIndex((r) => r.id === 'duplicate-post'),
      level: 'warning',
      locations: [{ physicalLocation: { artifactLocation: { uri: '_posts/2022-01-06-a%2Cb%3Ac.md', uriBaseId: '%SRCROOT%' } } }],
    });
    expect(run.invocations[0].toolExecutionNotifications).toEqual([
      { level: 'error', message: { text: 'is a dangling symbolic link' }, locations: [{ physicalLocation: { artifactLocation: { uri: '_posts/2022-01-06-a%2Cb%3Ac.md', uriBaseId: '%SRCROOT%' }, region: { startLine: 1, startColumn: 1 } } }] },
    ]);
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe('file:///site/');
    const body = run.tool.driver.rules.find((r: { id: string }) => r.id === 'body-html');
    expect(body.defaultConfiguration.level).toBe('none');
  });

  it('gives files outside the base folder as file URIs', () => {
    const log = JSON.parse(sarif([{ ...results[0]!, filePath: '/elsewhere/中.md' }], ctx));
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'file:///elsewhere/%E4%B8%AD.md' });
  });
});

describe('stylish', () => {
  it('aligns columns by terminal width (CJK takes two) and puts messages on one line', () => {
    const wide: LintResult = {
      ...results[0]!,
      messages: [
        { ruleId: 'title-empty', severity: 2, message: '标题', line: 2, column: 8 },
        { ruleId: 'body-empty', severity: 1, message: 'abcd\nef', line: 10, column: 1 },
      ],
    };
    const lines = stylish([wide], ctx).split('\n');
    expect(lines.slice(1, 4)).toEqual(['_posts/2022-01-06-a,b:c.md', '   2:8  error    标题     title-empty', '  10:1  warning  abcd ef  body-empty']);
    expect(lines).toContain('\u2716 2 problems (1 error, 1 warning)');
  });

  it('counts display width', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('中文，')).toBe(6);
  });

  it('is empty when all is clean', () => {
    expect(stylish([results[1]!], ctx)).toBe('');
  });
});
