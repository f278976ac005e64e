import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import type { LintResult } from '../../src/lint/types.js';
import { captureIo } from '../helpers/io.js';
import { buildWithJekyll, hasJekyll } from '../helpers/jekyll.js';

const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

const HEAD = '---\nlayout: post\ntitle: T\ndate: 2022-01-06 10:00:00 +0800\n---\n';

function site(posts: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'finews-directives-'));
  temps.push(dir);
  writeFileSync(path.join(dir, '_config.yml'), 'timezone: Asia/Shanghai\n');
  mkdirSync(path.join(dir, '_layouts'));
  writeFileSync(path.join(dir, '_layouts', 'post.html'), '{{ content }}');
  mkdirSync(path.join(dir, '_posts'));
  for (const [name, text] of Object.entries(posts)) writeFileSync(path.join(dir, '_posts', name), text);
  return dir;
}

/** `line rule: message` of each finding of one post. */
async function findings(text: string, args: string[] = []): Promise<string[]> {
  const dir = site({ '2022-01-06-p.md': text });
  const io = captureIo(dir);
  await main(['lint', '--format', 'json', ...args], io);
  const [result] = JSON.parse(io.out()) as LintResult[];
  return result!.messages.map((m) => `${m.line} ${m.ruleId}: ${m.message}`);
}

describe('inline disables', () => {
  it('finews-disable-next-line silences that rule on the next line only', async () => {
    const text = `${HEAD}<!-- finews-disable-next-line link-empty -->\n[a]()\n[b]()\n`;
    expect(await findings(text)).toEqual(['8 link-empty: [b]() links to nothing']);
  });

  it('finews-disable-line silences its own line; several rules are separated by commas or spaces', async () => {
    const text = `${HEAD}[a]() <!-- finews-disable-line link-empty, body-html -->\n`;
    expect(await findings(text)).toEqual(['6 null: unused finews-disable-line directive (no problem was reported by body-html where it applies)']);
  });

  it('finews-disable … finews-enable silences a block; without ids, every rule', async () => {
    const text = `${HEAD}<!-- finews-disable link-empty -->\n[a]()\n[b]()\n<!-- finews-enable link-empty -->\n[c]()\n<!-- finews-disable -->\n[d]()\n`;
    expect(await findings(text)).toEqual(['10 link-empty: [c]() links to nothing']);
  });

  it('a front-matter key silences rules for the whole file, and --fix leaves what it silences alone', async () => {
    const text = '---\nlayout: post\ntitle: T\ndate: 2022-01-06 10:00:00\nfinews-disable: [date-no-offset]\n---\nText.\n';
    expect(await findings(text)).toEqual([]);
    const dir = site({ '2022-01-06-p.md': text });
    await main(['lint', '--fix'], captureIo(dir));
    expect(readFileSync(path.join(dir, '_posts', '2022-01-06-p.md'), 'utf8')).toBe(text);
  });

  it('reports an unused directive, and one naming no rule, as ESLint does (ruleId null, a warning)', async () => {
    const text = `${HEAD}<!-- finews-disable-next-line link-empty -->\nFine text.\n<!-- finews-disable-line link-emtpy -->\n`;
    const dir = site({ '2022-01-06-p.md': text });
    const io = captureIo(dir);
    expect(await main(['lint', '--format', 'json'], io)).toBe(0);
    const [result] = JSON.parse(io.out()) as LintResult[];
    expect(result!.messages).toEqual([
      { ruleId: null, severity: 1, message: 'unused finews-disable-next-line directive (no problem was reported by link-empty where it applies)', line: 6, column: 1 },
      { ruleId: null, severity: 1, message: 'finews-disable-line names "link-emtpy", which is no finews rule (finews rules lists them)', line: 8, column: 1 },
    ]);
  });

  it('--report-unused-disable-directives-severity makes an unused one an error, or says nothing of it', async () => {
    const text = `${HEAD}<!-- finews-disable-next-line link-empty -->\nFine text.\n`;
    const dir = site({ '2022-01-06-p.md': text });
    const asError = captureIo(dir);
    expect(await main(['lint', '--format', 'json', '--report-unused-disable-directives-severity', 'error'], asError)).toBe(1);
    expect((JSON.parse(asError.out()) as LintResult[])[0]!.messages.map((m) => m.severity)).toEqual([2]);
    const off = captureIo(dir);
    expect(await main(['lint', '--format', 'json', '--report-unused-disable-directives-severity', 'off'], off)).toBe(0);
    expect((JSON.parse(off.out()) as LintResult[])[0]!.messages).toEqual([]);
  });

  it('a comment inside a code block is shown as text, so it is no directive', async () => {
    const text = `${HEAD}~~~\n<!-- finews-disable-next-line link-empty -->\n~~~\n[a]()\n`;
    expect(await findings(text)).toEqual(['9 link-empty: [a]() links to nothing']);
  });

  it('silences cross-file rules in the post that carries it; unused when the other post is gone', async () => {
    const twin = (extra: string) => `---\nlayout: post\ntitle: Same\ndate: 2022-01-06 10:00:00 +0800\n${extra}---\nText.\n\n<https://example.com/news/1.html>\n`;
    const dir = site({ '2022-01-06-a.md': twin('finews-disable: duplicate-post\n'), '2022-01-06-b.md': twin('') });
    const io = captureIo(dir);
    await main(['lint', '--format', 'json'], io);
    const by = Object.fromEntries((JSON.parse(io.out()) as LintResult[]).map((r) => [path.basename(r.filePath), r.messages.map((m) => m.ruleId)]));
    expect(by['2022-01-06-a.md']).toEqual([]);
    expect(by['2022-01-06-b.md']).toContain('duplicate-post');
    rmSync(path.join(dir, '_posts', '2022-01-06-b.md'));
    const alone = captureIo(dir);
    await main(['lint', '--format', 'json'], alone);
    expect((JSON.parse(alone.out()) as LintResult[])[0]!.messages.map((m) => m.message)).toEqual(['unused finews-disable directive (no problem was reported by duplicate-post)']);
  });

  it.skipIf(!hasJekyll)('the comment is not shown on the page Jekyll builds', () => {
    const dir = site({ '2022-01-06-p.md': `${HEAD}Before.\n\n<!-- finews-disable-next-line link-empty -->\n[a]()\n` });
    expect(buildWithJekyll(dir).status).toBe(0);
    const html = readFileSync(path.join(dir, '_site', '2022', '01', '06', 'p.html'), 'utf8');
    expect(html.replace(/<!--[^]*?-->/g, '')).not.toContain('finews-disable');
  });
});
