import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/commands/lint.js';
import { DEFAULT_CACHE_FILE, walkKey } from '../../src/lint/cache.js';
import { siteFromConfig } from '../../src/site/config.js';
import { runLint } from '../../src/lint/run.js';
import { CORPUS_SITE, noCorpus } from '../helpers/corpus.js';
import { captureIo } from '../helpers/io.js';
import { buildWithJekyll, hasJekyll } from '../helpers/jekyll.js';
import { NOW } from './rule-tester.js';

/**
 * `lint --cache` gives the report an uncached run gives, byte for byte, after
 * any edits, deletions and renames; it reads again only what changed; a cache
 * it cannot trust is rebuilt.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

function temp(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

/** Files written within the last tick are never kept (see racy() in src/lint/cache.ts): let them age. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

async function report(site: string, files: string[], cache?: Record<string, unknown>, now = NOW): Promise<{ exitCode: number; out: string }> {
  const io = captureIo(site, { now });
  const exitCode = await lint({ files, format: 'json', ...(cache ? { cache: true, ...cache } : {}) }, io);
  expect(io.err()).toBe('');
  return { exitCode, out: io.out() };
}

/** How many files a run lints (the others come from the cache). */
async function linted(site: string, files: string[] = [], strategy: 'metadata' | 'content' = 'metadata', now = NOW): Promise<number> {
  let count = 0;
  await runLint({ inputs: files, cwd: site, env: {}, now, ruleArgs: [], fix: 'off', cache: { strategy }, onLinted: (n) => (count += n) });
  return count;
}

let generated: string;
beforeAll(async () => {
  generated = temp('finews-cache-generated-');
  const generator = (await import(pathToFileURL(path.join(ROOT, 'bench/generate.js')).href)) as { generateSite: (dir: string, count: number, seed: number) => Promise<unknown> };
  // More posts than a batch (128): outcomes are kept by their place in each batch.
  await generator.generateSite(generated, 300, 7);
  await settle();
  // Posts never kept (none in the generated site now: see the build-time test below).
  const probe = temp('finews-cache-probe-');
  cpSync(generated, probe, { recursive: true });
  await settle();
  await linted(probe);
  always = await linted(probe);
}, 60_000);
let always = 0;

describe('lint --cache', () => {
  it('re-reads nothing when nothing changed, only what changed, and reports what an uncached run reports', async () => {
    const site = temp('finews-cache-basic-');
    cpSync(generated, site, { recursive: true });
    await settle();
    const plain = await report(site, []);
    expect(await linted(site)).toBe(300);
    expect(existsSync(path.join(site, DEFAULT_CACHE_FILE))).toBe(true);
    expect(always).toBeLessThan(5);
    expect(await linted(site)).toBe(always);
    expect((await report(site, [], {})).out).toBe(plain.out);
    const post = path.join(site, '_posts', readdirSync(path.join(site, '_posts'))[3]!);
    writeFileSync(post, `${readFileSync(post, 'utf8')}\nMore.\n`);
    expect(await linted(site)).toBe(always + 1);
    // One changed post is not worth rewriting the cache: it is read again until more have changed.
    await settle();
    expect(await linted(site)).toBe(always + 1);
    expect(await linted(site)).toBe(always + 1);
    expect((await report(site, [], {})).out).toBe((await report(site, [])).out);
    // A named post: the others cost a stat each, the posts never kept and the one changed are read.
    expect(await linted(site, [path.relative(site, post)])).toBe(always + 1);
    // Twenty changed posts are: they are kept, and read no more.
    const names = readdirSync(path.join(site, '_posts')).sort().slice(10, 30);
    for (const name of names) writeFileSync(path.join(site, '_posts', name), `${readFileSync(path.join(site, '_posts', name), 'utf8')}\nMore.\n`);
    await settle();
    expect(await linted(site)).toBe(always + 21);
    expect(await linted(site)).toBe(always);
    expect((await report(site, [], {})).out).toBe((await report(site, [])).out);
  });

  it('a cached run sees a template start showing excerpts: the CRLF post that moves its excerpt is reported again', async () => {
    const site = temp('finews-cache-excerpts-');
    mkdirSync(path.join(site, '_posts'));
    writeFileSync(path.join(site, '_config.yml'), 'title: t\n');
    writeFileSync(path.join(site, '_posts', '2026-11-02-crlf.md'), '---\r\ntitle: "CRLF"\r\n---\r\nFirst paragraph.\r\n\r\nSecond paragraph.\r\n');
    await settle();
    const quiet = await report(site, [], {});
    expect(quiet.out).not.toContain('line-endings');
    expect((await report(site, [], {})).out).toBe(quiet.out);
    writeFileSync(path.join(site, 'index.html'), '---\n---\n{% for post in site.posts %}{{ post.excerpt }}{% endfor %}\n');
    await settle();
    const shown = await report(site, [], {});
    expect(shown.out).toContain('line-endings');
    expect(shown.out).toBe((await report(site, [])).out);
  });

  it('a corrupt, truncated or foreign cache is ignored and rebuilt', async () => {
    const site = temp('finews-cache-corrupt-');
    cpSync(generated, site, { recursive: true });
    await settle();
    const plain = await report(site, []);
    const file = path.join(site, DEFAULT_CACHE_FILE);
    await linted(site);
    const good = readFileSync(file);
    for (const bad of [Buffer.from('garbage'), good.subarray(0, good.length >> 1), Buffer.from(JSON.stringify({ magic: 'finews-lint-cache' })), Buffer.alloc(0)]) {
      writeFileSync(file, bad);
      expect((await report(site, [], {})).out).toBe(plain.out);
      expect(await linted(site)).toBe(always);
    }
    // A cache made for other settings is not used: a rule's severity is part of the key.
    const io = captureIo(site, { now: NOW });
    await lint({ files: [], format: 'json', cache: true, rule: ['date-no-offset:off'] }, io);
    expect(JSON.parse(io.out()).flatMap((r: { messages: { ruleId: string }[] }) => r.messages).some((m: { ruleId: string }) => m.ruleId === 'date-no-offset')).toBe(false);
    expect((await report(site, [], {})).out).toBe(plain.out);
  });

  it('a folder listing is reused only under the settings it was made with: a changed exclude: is walked again', async () => {
    const site = temp('finews-cache-exclude-');
    cpSync(generated, site, { recursive: true });
    mkdirSync(path.join(site, '_posts/archive'));
    const names = readdirSync(path.join(site, '_posts')).filter((n) => n.endsWith('.md')).sort();
    for (const name of names.slice(0, 5)) renameSync(path.join(site, '_posts', name), path.join(site, '_posts/archive', name));
    await settle();
    await report(site, [], {});
    const config = path.join(site, '_config.yml');
    writeFileSync(config, `${readFileSync(config, 'utf8')}\nexclude: [_posts/archive]\n`);
    const excluded = await report(site, [], {});
    expect(excluded.out).toBe((await report(site, [])).out);
    expect(excluded.out).not.toContain('archive');
    writeFileSync(config, readFileSync(config, 'utf8').replace('exclude: [_posts/archive]', ''));
    const again = await report(site, [], {});
    expect(again.out).toContain('archive');
    expect(again.out).toBe((await report(site, [])).out);
  });

  it("keys the folder listings on finews' version and the walk's settings", () => {
    const site = siteFromConfig('/site', null, '');
    expect(walkKey('1.0.0', site)).toBe(walkKey('1.0.0', siteFromConfig('/site', null, '')));
    expect(walkKey('1.0.1', site)).not.toBe(walkKey('1.0.0', site));
    expect(walkKey('1.0.0', siteFromConfig('/site', '/site/_config.yml', 'exclude: [drafts]\n'))).not.toBe(walkKey('1.0.0', site));
    expect(walkKey('1.0.0', siteFromConfig('/site', '/site/_config.yml', 'include: [_x]\n'))).not.toBe(walkKey('1.0.0', site));
  });

  it('a new post in a sub-folder of _posts is found (its folder changed, not _posts)', async () => {
    const site = temp('finews-cache-subfolder-');
    cpSync(generated, site, { recursive: true });
    mkdirSync(path.join(site, '_posts/2022'));
    writeFileSync(path.join(site, '_posts/2022/2022-01-01-first.md'), '---\ntitle: First\n---\nx\n');
    await settle();
    await report(site, [], {});
    await report(site, [], {});
    writeFileSync(path.join(site, '_posts/2022/2022-01-02-second.md'), '---\ntitle: Second\n---\nx\n');
    const cached = await report(site, [], {});
    expect(cached.out).toContain('2022-01-02-second.md');
    expect(cached.out).toBe((await report(site, [])).out);
  });

  it.skipIf(process.platform === 'win32')('a FIFO named like a post gets its diagnostic under either strategy, and does not block the content hash', async () => {
    const site = temp('finews-cache-fifo-');
    cpSync(generated, site, { recursive: true });
    expect(spawnSync('mkfifo', [path.join(site, '_posts/2022-01-09-fifo.md')]).status).toBe(0);
    const plain = await report(site, []);
    expect(plain.out).toContain('2022-01-09-fifo.md');
    for (const cacheStrategy of ['content', 'metadata', 'content']) expect((await report(site, [], { cacheStrategy })).out).toBe(plain.out);
  });

  it('a post dated at build time is kept until the day ends in the site time zone, and never when its URL names the hour', async () => {
    const site = temp('finews-cache-build-time-');
    mkdirSync(path.join(site, '_posts'), { recursive: true });
    writeFileSync(path.join(site, '_config.yml'), 'timezone: Asia/Shanghai\n');
    writeFileSync(path.join(site, '_posts/2022-01-06-good.md'), '---\ntitle: Good\n---\nGood.\n');
    // Unreadable YAML: Jekyll dates the post at build time, and its URL is the build's day.
    writeFileSync(path.join(site, '_posts/2022-01-07-bad.md'), '---\ntitle: "A "quoted" word"\n---\nBad.\n');
    await settle();
    expect(await linted(site)).toBe(2);
    expect(await linted(site)).toBe(0);
    // NOW is 08:00 in Shanghai; the day there ends at 16:00 UTC.
    expect(await linted(site, [], 'metadata', new Date('2026-11-25T15:59:59Z'))).toBe(0);
    const nextDay = new Date('2026-11-25T16:00:00Z');
    expect(await linted(site, [], 'metadata', nextDay)).toBe(1);
    const plain = (await report(site, [], undefined, nextDay)).out;
    expect(plain).toContain('2022-01-07-bad.md');
    expect((await report(site, [], {}, nextDay)).out).toBe(plain);
    // A permalink naming the hour changes within the day: such a post is read on every run.
    writeFileSync(path.join(site, '_config.yml'), 'timezone: Asia/Shanghai\npermalink: /:year/:month/:day/:hour/:title:output_ext\n');
    await settle();
    expect(await linted(site)).toBe(2);
    expect(await linted(site)).toBe(1);
  });

  it('a post dated at build time: the day ends where the zone says, on the night clocks spring forward at midnight', async () => {
    const site = temp('finews-cache-build-time-dst-');
    mkdirSync(path.join(site, '_posts'), { recursive: true });
    // Chile springs forward at midnight: 2026-09-06 begins at 01:00 -03, 04:00 UTC.
    writeFileSync(path.join(site, '_config.yml'), 'timezone: America/Santiago\n');
    writeFileSync(path.join(site, '_posts/2022-01-07-bad.md'), '---\ntitle: "A "quoted" word"\n---\nBad.\n');
    await settle();
    const evening = new Date('2026-09-05T23:00:00Z');
    expect(await linted(site, [], 'metadata', evening)).toBe(1);
    expect(await linted(site, [], 'metadata', new Date('2026-09-06T03:59:59Z'))).toBe(0);
    expect(await linted(site, [], 'metadata', new Date('2026-09-06T04:00:00Z'))).toBe(1);
  });

  it('a post dated after now is read again once its date has come', async () => {
    const site = temp('finews-cache-future-');
    cpSync(generated, site, { recursive: true });
    writeFileSync(path.join(site, '_posts/2026-11-25-soon.md'), '---\nlayout: post\ntitle: "Soon"\ndate: 2026-11-25 12:00:00 +0800\n---\nSoon.\n');
    await settle();
    await report(site, [], {});
    // Later the same day in the site's time zone (Asia/Shanghai): only the post whose date has come is read again.
    const later = new Date('2026-11-25T10:00:00Z');
    expect(await linted(site, [], 'metadata', later)).toBe(always + 1);
    expect((await report(site, [], {}, later)).out).toBe((await report(site, [], undefined, later)).out);
  });

  it('--cache-location (a file or a folder) and --cache-strategy content', async () => {
    const site = temp('finews-cache-where-');
    cpSync(generated, site, { recursive: true });
    const plain = await report(site, []);
    const folder = temp('finews-cache-folder-');
    expect((await report(site, [], { cacheLocation: `${folder}/`, cacheStrategy: 'content' })).out).toBe(plain.out);
    expect(existsSync(path.join(folder, 'finews-lint'))).toBe(true);
    expect((await report(site, [], { cacheLocation: path.join(folder, 'mine.cache') })).out).toBe(plain.out);
    expect(existsSync(path.join(folder, 'mine.cache'))).toBe(true);
    // Content: a fresh checkout (new mtimes) re-reads nothing.
    const checkout = temp('finews-cache-checkout-');
    cpSync(site, checkout, { recursive: true });
    let count = 0;
    await runLint({ inputs: [], cwd: checkout, env: {}, now: NOW, ruleArgs: [], fix: 'off', cache: { strategy: 'content', location: `${folder}/` }, onLinted: (n) => (count += n) });
    expect(count).toBe(always);
    // Its metadata says nothing: a metadata cache in the same place reads every file again.
    count = 0;
    await runLint({ inputs: [], cwd: checkout, env: {}, now: NOW, ruleArgs: [], fix: 'off', cache: { strategy: 'metadata', location: `${folder}/` }, onLinted: (n) => (count += n) });
    expect(count).toBe(300);
    await expect(lint({ files: [], cache: true, cacheStrategy: 'mtime' }, captureIo(site))).rejects.toThrow(/--cache-strategy mtime: expected one of metadata, content/);
  });

  it.skipIf(!hasJekyll)('Jekyll leaves the cache out of the built site', async () => {
    const site = temp('finews-cache-jekyll-');
    cpSync(generated, site, { recursive: true });
    writeFileSync(path.join(site, '_config.yml'), 'timezone: Asia/Shanghai\n');
    rmSync(path.join(site, '_posts'), { recursive: true });
    mkdirSync(path.join(site, '_posts'));
    writeFileSync(path.join(site, '_posts/2022-01-06-a.md'), '---\ntitle: a\n---\na\n');
    writeFileSync(path.join(site, 'index.md'), '---\ntitle: x\n---\nx\n');
    await report(site, [], {});
    expect(existsSync(path.join(site, DEFAULT_CACHE_FILE))).toBe(true);
    expect(buildWithJekyll(site).status).toBe(0);
    const built = spawnSync('find', [path.join(site, '_site')], { encoding: 'utf8' }).stdout;
    expect(built).not.toContain('finews-lint');
    expect(built).toContain('index.html');
  });
});

describe('lint --cache, property: the same report as an uncached run after random edits, deletions and renames', () => {
  type Step = { kind: 'edit' | 'delete' | 'rename' | 'copy' | 'future' | 'title' | 'disable'; at: number; strategy: 'metadata' | 'content'; staged: boolean };
  const step = fc.record({
    kind: fc.constantFrom('edit', 'delete', 'rename', 'copy', 'future', 'title', 'disable'),
    at: fc.nat(),
    strategy: fc.constantFrom('metadata', 'content'),
    staged: fc.boolean(),
  }) as fc.Arbitrary<Step>;

  function apply(site: string, s: Step): string | null {
    const dir = path.join(site, '_posts');
    const names = readdirSync(dir).sort();
    if (names.length < 3) return null;
    const name = names[s.at % names.length]!;
    const other = names[(s.at + 1) % names.length]!;
    const file = path.join(dir, name);
    const text = readFileSync(file, 'utf8');
    switch (s.kind) {
      case 'edit':
        writeFileSync(file, text.replace(/\n$/, '\nedited\n'));
        return name;
      case 'delete':
        rmSync(file);
        return other;
      case 'rename': {
        const to = name.replace(/\.md$/, '-moved.md');
        renameSync(file, path.join(dir, to));
        return to;
      }
      case 'copy':
        writeFileSync(path.join(dir, `${other.replace(/\.md$/, '')}-copy.md`), readFileSync(path.join(dir, other)));
        return name;
      case 'future':
        writeFileSync(file, text.replace(/^date: .*$/m, 'date: 2026-12-01 10:00:00 +0800'));
        return name;
      case 'disable':
        // Inline disables: the cross-file findings they cover go, unused ones are reported.
        writeFileSync(file, text.replace('\n---\n', '\n---\n<!-- finews-disable duplicate-post, link-empty -->\n'));
        return name;
      case 'title':
        writeFileSync(file, text.replace(/^title: .*$/m, readFileSync(path.join(dir, other), 'utf8').match(/^title: .*$/m)?.[0] ?? 'title: x'));
        return name;
    }
  }

  it('holds over sequences of changes, for whole-site and staged runs, with both strategies', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 4 }), async (steps) => {
        const site = temp('finews-cache-prop-');
        cpSync(generated, site, { recursive: true });
        await settle();
        await report(site, [], {});
        for (const s of steps) {
          const touched = apply(site, s);
          if (!touched) continue;
          const files = s.staged ? [path.join('_posts', touched)] : [];
          const cached = await report(site, files, { cacheStrategy: s.strategy });
          const plain = await report(site, files);
          expect(cached.out).toBe(plain.out);
          expect(cached.exitCode).toBe(plain.exitCode);
          // A run right after, from the cache alone.
          expect((await report(site, files, { cacheStrategy: s.strategy })).out).toBe(plain.out);
        }
        rmSync(site, { recursive: true, force: true });
      }),
      { numRuns: 6 },
    );
  }, 240_000);
});

/** The real corpus, and fixtures/news-site (the project's own, in its shapes) on every clone. */
const corpusSites = [
  { label: 'the real corpus', source: CORPUS_SITE, skip: noCorpus, staged: ['_posts/2022-05-30-NW202205302396506117.md', '_posts/2021-12-01-init.md'] },
  { label: "fixtures/news-site, in the corpus's shapes", source: path.resolve(import.meta.dirname, '../../fixtures/news-site'), skip: false, staged: ['_posts/2022-05-30-NW202205301200000109.md', '_posts/2021-12-01-kaizhan.md'] },
];
for (const { label, source, skip, staged } of corpusSites) describe.skipIf(skip)(`lint --cache on ${label}`, () => {
  it('gives the uncached report, byte for byte, first and second time, whole and staged', async () => {
    const site = temp('finews-cache-corpus-');
    cpSync(source, site, { recursive: true });
    spawnSync('chmod', ['-R', 'u+w', site]);
    const plain = await report(site, []);
    expect(plain.exitCode).toBe(1);
    expect((await report(site, [], {})).out).toBe(plain.out);
    expect((await report(site, [], {})).out).toBe(plain.out);
    for (const name of staged) {
      expect((await report(site, [name], {})).out).toBe((await report(site, [name])).out);
    }
    expect((await report(site, [], { cacheStrategy: 'content' })).out).toBe(plain.out);
    expect((await report(site, [], { cacheStrategy: 'content' })).out).toBe(plain.out);
  });
});
