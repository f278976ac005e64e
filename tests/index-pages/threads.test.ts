import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type * as Collect from '../../src/index-pages/collect.js';
import { loadSite } from '../../src/site/config.js';

/**
 * Worker threads start compiled code, so this runs against dist/ (npm test
 * builds it first). Large sites are parsed on threads: the result must be
 * the one a single thread gives.
 */
const built = path.resolve(import.meta.dirname, '../../dist/index-pages/collect.js');
const site = mkdtempSync(path.join(tmpdir(), 'finews-index-threads-'));
afterAll(() => rmSync(site, { recursive: true, force: true }));

describe('collecting posts on threads (dist/)', () => {
  it('gives what one thread gives, and survives a thread running out of memory', async () => {
    expect(existsSync(built), 'dist/ is missing: run npm run build (npm test does)').toBe(true);
    const { collectPosts } = (await import(built)) as typeof Collect;
    // @ts-expect-error plain JavaScript, no declarations
    const { generateSite } = (await import('../../bench/generate.js')) as { generateSite: (dir: string, count: number, seed: number) => Promise<unknown> };
    await generateSite(site, 2500, 7);
    writeFileSync(path.join(site, '_posts/2022-06-01-big.md'), `---\ntitle: Big\ncategories: [big]\n---\n${'正文'.repeat(1_000_000)}\n`);
    const s = await loadSite(site, {});
    const now = new Date('2026-11-25T00:00:00Z');
    const one = await collectPosts(s, now, { threads: 1 });
    expect(one.posts.length).toBeGreaterThan(2400);
    expect(await collectPosts(s, now, { threads: 2 })).toEqual(one);
    // A heap too small for a batch: its thread dies and its files are read on the main thread.
    expect(await collectPosts(s, now, { threads: 2, threadHeapMb: 2 })).toEqual(one);
  });
});
