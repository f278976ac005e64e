import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CORPUS_ROOT, noCorpus, writableCopy } from './helpers/corpus.js';
import { main } from '../src/cli.js';
import type { ShowEntry } from '../src/commands/show.js';
import { captureIo } from './helpers/io.js';
import { buildWithJekyll, hasJekyll } from './helpers/jekyll.js';

/**
 * What a site's owner runs, end to end, on a copy of the real site plus the
 * seed post, and on fixtures/news-site (the project's own site in the real
 * one's shapes): convert, lint --fix, index, then a real Jekyll build.
 */
const shared = CORPUS_ROOT ?? '';
const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

/** The steps and what must hold after them; `dateless` is the post no tool can mend, `handWritten` a category page of the site's own. */
async function workflow(site: string, expected: { dateless: string; handWritten: string; builtAtLeast: number }): Promise<void> {
  const finews = async (...argv: string[]) => {
    const io = captureIo(site, { now: new Date() });
    const code = await main(argv, io);
    return { code, out: io.out(), err: io.err() };
  };

  function snapshot(): Map<string, string> {
    const out = new Map<string, string>();
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) {
          if (e.name !== '_site' && e.name !== '.jekyll-cache') walk(p);
        } else out.set(path.relative(site, p), createHash('sha256').update(readFileSync(p)).digest('hex'));
      }
    };
    walk(site);
    return out;
  }

  const converted = await finews('convert', '--write', '_posts');
  expect(converted.code, converted.err).toBe(0);
  expect(converted.err).toMatch(/converted \d+, unchanged \d+, failed 0/);

  const fixed = await finews('lint', '_posts', '--fix');
  expect(fixed.code).toBe(1);

  const after = await finews('lint', '_posts', '--format', 'json');
  const errors = (JSON.parse(after.out) as { filePath: string; messages: { ruleId: string; severity: number }[] }[]).flatMap((f) =>
    f.messages.filter((m) => m.severity === 2).map((m) => `${path.basename(f.filePath)} ${m.ruleId}`),
  );
  // The one post no tool can mend: no date in its name, and the scraper lost its title and date.
  expect(errors.sort()).toEqual(['date-invalid', 'filename-no-date', 'title-empty'].map((rule) => `${expected.dateless} ${rule}`));

  const indexed = await finews('index');
  expect(indexed.out + indexed.err).toContain(`category/${expected.handWritten}.html`); // the site's own page: reported, left alone
  expect(existsSync(path.join(site, '_data/finews.json'))).toBe(true);

  const before = snapshot();
  const jekyll = buildWithJekyll(site);
  expect(jekyll.status, jekyll.output).toBe(0);
  const shown = JSON.parse((await finews('show', '--json')).out) as ShowEntry[];
  const built = shown.filter((e) => e.skip === null);
  expect(built.length).toBeGreaterThanOrEqual(expected.builtAtLeast);
  for (const e of built) expect(existsSync(path.join(site, '_site', e.destination!)), e.path).toBe(true);
  const data = JSON.parse(readFileSync(path.join(site, '_data/finews.json'), 'utf8')) as { categories: { name: string; url: string }[] };
  expect(data.categories.map((c) => c.name)).toContain('egongsi');

  // A second pass changes nothing.
  rmSync(path.join(site, 'finews-truth.json'));
  expect((await finews('convert', '--write', '_posts')).code).toBe(0);
  await finews('lint', '_posts', '--fix');
  await finews('index');
  const again = snapshot();
  again.delete('finews-truth.json');
  before.delete('finews-truth.json');
  expect(again).toEqual(before);
}

describe.skipIf(!hasJekyll)('the whole workflow: convert --write, lint --fix, index; only unfixable errors are left, and Jekyll builds the site', { timeout: 300_000 }, () => {
  it.skipIf(noCorpus)('on the real site and the seed post', async () => {
    const site = mkdtempSync(path.join(tmpdir(), 'finews-workflow-'));
    temps.push(site);
    writableCopy(path.join(shared, 'finews-site'), site);
    writableCopy(path.join(shared, 'seed-post.md'), path.join(site, '_posts/2022-01-06-seed.md'));
    // The theme and its plugins (jekyll-theme-minimal, jekyll-seo-tag) are not Debian's: build without them.
    writeFileSync(path.join(site, '_config.yml'), 'title: 金融消息\ntimezone: Asia/Shanghai\n');
    rmSync(path.join(site, '_layouts'), { recursive: true });
    await workflow(site, { dateless: '-202205262391921712.md', handWritten: 'egongsi', builtAtLeast: 46 });
  });

  it('on fixtures/news-site, in the real site\'s shapes', async () => {
    const site = mkdtempSync(path.join(tmpdir(), 'finews-workflow-'));
    temps.push(site);
    cpSync(path.join(import.meta.dirname, '../fixtures/news-site'), site, { recursive: true });
    await workflow(site, { dateless: '-202205261200000107.md', handWritten: 'emnews', builtAtLeast: 13 });
  });
});
