import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { jsonWithMetadataChunks } from '../../src/formatters/json.js';
import { sarif } from '../../src/formatters/sarif.js';
import { repositoryFileUrl, ruleDocsUrl, ruleScope } from '../../src/lint/rule-docs.js';
import { RULES } from '../../src/lint/rules/index.js';
import type { FormatContext } from '../../src/lint/types.js';
import { captureIo } from '../helpers/io.js';

const DOCS = fileURLToPath(new URL('../../docs/rules/', import.meta.url));
const SECTIONS = ['## What it reports', '## Why', '## How to fix', '## Options', '## Example'];

describe('docs/rules', () => {
  it.each(RULES.map((r) => [r.id, r] as const))('%s has a page in the format of docs/rules/README.md', (id, rule) => {
    const file = `${DOCS}${id}.md`;
    expect(existsSync(file), `docs/rules/${id}.md`).toBe(true);
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith(`# \`${id}\`\n`)).toBe(true);
    // The table under the title says what the code says.
    expect(text).toContain(`| ${rule.severity} | ${rule.fixable ? 'yes' : 'no'} | ${ruleScope(rule)} |`);
    let at = -1;
    for (const section of SECTIONS) {
      const next = text.indexOf(`\n${section}\n`);
      expect(next, `${id}: ${section}`).toBeGreaterThan(at);
      at = next;
    }
  });

  it('has no page for a rule that does not exist', () => {
    const pages = readdirSync(DOCS).filter((f) => f !== 'README.md').map((f) => f.replace(/\.md$/, ''));
    expect(pages.filter((id) => !RULES.some((r) => r.id === id))).toEqual([]);
  });
});

describe('rule page URLs', () => {
  it('derive from package.json repository in each of its spellings', () => {
    const file = 'docs/rules/x.md';
    const gh = 'https://github.com/o/finews/blob/HEAD/docs/rules/x.md';
    expect(repositoryFileUrl('o/finews', file)).toBe(gh);
    expect(repositoryFileUrl('github:o/finews', file)).toBe(gh);
    expect(repositoryFileUrl({ type: 'git', url: 'git+https://github.com/o/finews.git' }, file)).toBe(gh);
    expect(repositoryFileUrl({ type: 'git', url: 'https://github.com/o/finews' }, file)).toBe(gh);
    expect(repositoryFileUrl('git@github.com:o/finews.git', file)).toBe(gh);
    expect(repositoryFileUrl({ url: 'https://github.com/o/mono.git', directory: 'packages/finews' }, file)).toBe('https://github.com/o/mono/blob/HEAD/packages/finews/docs/rules/x.md');
    expect(repositoryFileUrl('gitlab:o/finews', file)).toBe('https://gitlab.com/o/finews/-/blob/HEAD/docs/rules/x.md');
    expect(repositoryFileUrl(undefined, file)).toBeNull();
    expect(repositoryFileUrl('not a url', file)).toBeNull();
  });
});

const ctx: FormatContext = { cwd: '/site', color: false, rules: RULES, version: '9.9.9' };

describe('report metadata', () => {
  it('json-with-metadata is ESLint\'s shape: results, and rulesMeta with each rule\'s page', () => {
    const report = JSON.parse([...jsonWithMetadataChunks([], ctx)].join('')) as {
      results: unknown[];
      metadata: { cwd: string; rulesMeta: Record<string, { type: string; docs: { description: string; url?: string }; fixable?: string }> };
    };
    expect(report.results).toEqual([]);
    expect(report.metadata.cwd).toBe('/site');
    expect(Object.keys(report.metadata.rulesMeta)).toEqual(RULES.map((r) => r.id));
    for (const rule of RULES) {
      const meta = report.metadata.rulesMeta[rule.id]!;
      expect(meta.docs.description).toBe(rule.description);
      expect(meta.fixable).toBe(rule.fixable ? 'code' : undefined);
      expect(meta.docs.url).toBe(ruleDocsUrl(rule.id) ?? undefined);
    }
  });

  it('SARIF gives each rule its page as helpUri whenever the package names its repository', () => {
    const run = (JSON.parse(sarif([], ctx)) as { runs: { tool: { driver: { rules: { id: string; helpUri?: string }[] } } }[] }).runs[0]!;
    for (const rule of run.tool.driver.rules) {
      expect(rule.helpUri).toBe(ruleDocsUrl(rule.id) ?? undefined);
      if (rule.helpUri) expect(rule.helpUri).toMatch(new RegExp(`^https://.*/docs/rules/${rule.id}\\.md$`));
    }
  });
});

describe('finews rules', () => {
  it('lists every rule with its default, fixability and one line', async () => {
    const io = captureIo('/');
    expect(await main(['rules'], io)).toBe(0);
    const lines = io.out().split('\n');
    for (const rule of RULES) {
      const line = lines.find((l) => l.startsWith(`${rule.id} `));
      expect(line, rule.id).toBeDefined();
      expect(line).toMatch(new RegExp(`^${rule.id} +${rule.severity} +${rule.fixable ? 'fix' : '   '}  `));
      expect(line!.endsWith(rule.description)).toBe(true);
    }
  });

  it('prints JSON with --json', async () => {
    const io = captureIo('/');
    expect(await main(['rules', '--json'], io)).toBe(0);
    const entries = JSON.parse(io.out()) as { id: string; severity: string; fixable: boolean; scope: string; docs: string }[];
    expect(entries.map((e) => e.id)).toEqual(RULES.map((r) => r.id));
    expect(entries.find((e) => e.id === 'duplicate-post')).toMatchObject({ severity: 'warn', fixable: false, scope: 'the whole site' });
    expect(entries.find((e) => e.id === 'date-no-offset')).toMatchObject({ fixable: true, scope: 'one post', docs: ruleDocsUrl('date-no-offset') ?? 'docs/rules/date-no-offset.md' });
  });
});
