import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The repository stands on its own: a fresh clone with nothing beside it has
 * every file its tests, scripts and documents name, and the README keeps its
 * promises to a newcomer.
 */
const root = path.resolve(import.meta.dirname, '..');
const SKIP = new Set(['.git', 'node_modules', 'dist', 'coverage', '.scratch']);

/** Every file of the repository (what a clone holds, less what npm and the build make), relative. */
function files(dir = ''): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = dir ? `${dir}/${e.name}` : e.name;
    if (SKIP.has(e.name) || (e.name.startsWith('finews-') && e.name.endsWith('.tgz'))) return [];
    return e.isDirectory() ? files(rel) : e.isFile() ? [rel] : [];
  });
}
const all = files();
const text = (f: string) => readFileSync(path.join(root, f), 'utf8');
const sources = all.filter((f) => /\.(ts|js|json|md|ya?ml|sh)$|^\.ci\/run$/.test(f) && !f.startsWith('fixtures/') && f !== 'package-lock.json');

describe('the repository stands on its own', () => {
  it('no test, script or document names a path outside it (only .ci/run finds the real sample for CI)', () => {
    const outside = /\.\.\/shared\b|(?<![\w.])\/(?:work|root|home\/\w+)\//;
    const named = sources.filter((f) => f !== '.ci/run' && outside.test(text(f)));
    expect(named).toEqual([]);
    expect(sources.length).toBeGreaterThan(100);
  });

  it("every relative link of the README, CONTRIBUTING.md and docs/ leads to a file of the repository", () => {
    const broken: string[] = [];
    for (const doc of all.filter((f) => /^(README|CONTRIBUTING|CHANGELOG)\.md$|^docs\/.*\.md$/.test(f))) {
      // Code spans and fenced blocks show Markdown as examples: their brackets link nowhere.
      const prose = text(doc).replace(/^(`{3,}|~{3,})[^]*?^\1/gm, '').replace(/(`+)[^`][^]*?\1/g, '');
      for (const m of prose.matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)) {
        const target = m[1]!;
        if (/^[a-z]+:|^\/\//.test(target)) continue;
        const resolved = path.normalize(path.join(path.dirname(doc), target));
        if (resolved.startsWith('..') || !existsSync(path.join(root, resolved))) broken.push(`${doc}: ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("the README's quick start is the two commands, word for word, and CONTRIBUTING.md sets up and tests with two", () => {
    expect(text('README.md')).toContain('## Quick start\n\n```sh\nnpm install && npx finews lint fixtures/site\nnpm test\n```\n');
    expect(text('CONTRIBUTING.md')).toContain('```sh\nnpm install\nnpm test\n```\n');
  });

  it('each test that reads the real sample also runs on fixtures of the project (fixtures/news-site)', () => {
    const corpusTests = all.filter((f) => /^tests\/.*\.test\.ts$/.test(f) && /\bnoCorpus\b/.test(text(f)));
    expect(corpusTests.length).toBeGreaterThan(5);
    for (const f of corpusTests) expect(text(f), f).toMatch(/fixtures\/news-site|'news-site'|fixtures'\)/);
    expect(statSync(path.join(root, 'fixtures/news-site/_posts')).isDirectory()).toBe(true);
  });
});
