import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { lint as Lint } from '../../src/commands/lint.js';
import type { runLint as RunLint } from '../../src/lint/run.js';
import type * as Signatures from '../../src/lint/signatures.js';
import type { LintResult } from '../../src/lint/types.js';
import { captureIo } from '../helpers/io.js';

/**
 * The thread pool runs only compiled code, so this builds the package into a
 * temporary folder and lints a generated site with threads and without:
 * the reports must be the same, byte for byte.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

let compiled: typeof Lint;
let compiledRun: typeof RunLint;
let compiledSignatures: typeof Signatures;
let site: string;
let mistakes: Record<string, number>;

beforeAll(async () => {
  const out = mkdtempSync(path.join(tmpdir(), 'finews-lint-build-'));
  temps.push(out);
  // Other modules may be mid-edit: only the lint command's files must come out.
  spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', path.join(out, 'dist')], { encoding: 'utf8' });
  cpSync(path.join(ROOT, 'package.json'), path.join(out, 'package.json'));
  cpSync(path.join(ROOT, 'schema'), path.join(out, 'schema'), { recursive: true });
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(out, 'node_modules'));
  const entry = path.join(out, 'dist/commands/lint.js');
  if (!existsSync(entry)) throw new Error('tsc did not emit dist/commands/lint.js');
  compiled = ((await import(pathToFileURL(entry).href)) as { lint: typeof Lint }).lint;
  compiledRun = ((await import(pathToFileURL(path.join(out, 'dist/lint/run.js')).href)) as { runLint: typeof RunLint }).runLint;
  compiledSignatures = (await import(pathToFileURL(path.join(out, 'dist/lint/signatures.js')).href)) as typeof Signatures;

  site = mkdtempSync(path.join(tmpdir(), 'finews-lint-generated-'));
  temps.push(site);
  const generator = (await import(pathToFileURL(path.join(ROOT, 'bench/generate.js')).href)) as {
    generateSite: (dir: string, count: number, seed: number) => Promise<{ mistakes: Record<string, number> }>;
  };
  ({ mistakes } = await generator.generateSite(site, 1500, 42));
}, 120_000);

async function report(jobs: number): Promise<{ exitCode: number; stdout: string; results: LintResult[] }> {
  const io = captureIo(site);
  const exitCode = await compiled({ files: [], format: 'json', jobs }, io);
  expect(io.err()).toBe('');
  return { exitCode, stdout: io.out(), results: JSON.parse(io.out()) as LintResult[] };
}

describe('lint on worker threads', () => {
  it('gives the same report on two threads as on one', async () => {
    const one = await report(1);
    const two = await report(2);
    expect(two.exitCode).toBe(one.exitCode);
    expect(two.stdout).toBe(one.stdout);
    expect(one.results).toHaveLength(readdirSync(path.join(site, '_posts')).length);
  });

  it('finds each deliberate mistake of the generator', async () => {
    const { results } = await report(2);
    const count = (rule: string) => results.filter((r) => r.messages.some((m) => m.ruleId === rule)).length;
    expect(count('filename-no-date')).toBe(mistakes.scraperFailure);
    expect(count('line-endings')).toBe(mistakes.mixedLineEndings);
    expect(count('front-matter-missing')).toBe(mistakes.displacedFrontMatter);
    expect(count('date-no-offset')).toBeGreaterThan(0.8 * mistakes.noOffset!);
    expect(count('date-no-offset')).toBeLessThanOrEqual(mistakes.noOffset!);
    expect(count('duplicate-post')).toBeGreaterThanOrEqual(mistakes.nwTwin!);
  });

  it('a thread that runs out of memory hands its files back: the report is the same', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'finews-lint-oom-'));
    temps.push(dir);
    cpSync(site, dir, { recursive: true });
    const paragraph = '<p>央行研究局课题组发布文章称，多措并举促进消费投资增长。</p>\r\n\r\n';
    // Named to sort near the head of the queue, whose first batches go to the worker (the main thread takes the next).
    writeFileSync(path.join(dir, '_posts/2000-01-01-huge.md'), `---\r\nlayout: post\r\ntitle: 大\r\ndate: 2000-01-01 09:00:00\r\n---\r\n${paragraph.repeat(150_000)}`);
    const options = { inputs: [], cwd: dir, env: {}, now: new Date('2026-11-25T00:00:00Z'), ruleArgs: [], fix: 'off' as const };
    const here = await compiledRun({ ...options, jobs: 1 });
    // 8 MB of heap cannot hold a 14 MB post: the worker dies, its batches are linted on the main thread.
    const starved = await compiledRun({ ...options, jobs: 2, workerHeapMb: 8 });
    expect(starved).toEqual(here);
    expect(here.results.find((r) => r.filePath.endsWith('huge.md'))!.messages.map((m) => m.ruleId)).toEqual(['line-endings', 'date-no-offset']);
  });

  it('the generator is seeded: same seed, same bytes', async () => {
    const again = mkdtempSync(path.join(tmpdir(), 'finews-lint-generated-'));
    temps.push(again);
    const generator = (await import(pathToFileURL(path.join(ROOT, 'bench/generate.js')).href)) as { generateSite: (dir: string, count: number, seed: number) => Promise<unknown> };
    await generator.generateSite(again, 1500, 42);
    const names = readdirSync(path.join(site, '_posts'));
    expect(readdirSync(path.join(again, '_posts'))).toEqual(names);
    expect(names.filter((name) => !readFileSync(path.join(again, '_posts', name)).equals(readFileSync(path.join(site, '_posts', name))))).toEqual([]);
  });

  it.skipIf(process.platform === 'win32')('lint --cache signs many files on a thread of its own: every file, in order, as this thread signs them', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'finews-signatures-'));
    temps.push(dir);
    const files: string[] = [];
    for (let i = 0; i < 9000; i++) {
      const file = path.join(dir, `${String(i).padStart(5, '0')}.md`);
      writeFileSync(file, `post ${i}\n`.repeat(i % 7));
      files.push(file);
    }
    // Not regular files, or no file at all: no signature.
    rmSync(files[100]!);
    expect(spawnSync('mkfifo', [files[100]!]).status).toBe(0);
    files.splice(200, 0, path.join(dir, 'missing.md'), dir);
    for (const strategy of ['metadata', 'content'] as const) {
      const chunks: [number, Float64Array][] = [];
      const signing = compiledSignatures.startSigning(files, strategy);
      // Chunks made before the run asks for them wait for it (here all of them, or most).
      if (strategy === 'metadata') await new Promise((resolve) => setTimeout(resolve, 2000));
      await signing.each((from, sigs) => chunks.push([from, sigs]));
      expect(chunks.length).toBeGreaterThan(1);
      let next = 0;
      for (const [from, sigs] of chunks) {
        expect(from).toBe(next);
        expect([...sigs]).toEqual([...compiledSignatures.signChunk(files, from, sigs.length / 3, strategy)]);
        next += sigs.length / 3;
      }
      expect(next).toBe(files.length);
      const at = (i: number) => compiledSignatures.signatureAt(chunks[0]![1], i);
      expect(at(100)).toBeNull();
      expect(at(200)).toBeNull();
      expect(at(201)).toBeNull();
      expect(at(0)).not.toBeNull();
    }
  });
});
