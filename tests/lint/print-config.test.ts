import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { RULES } from '../../src/lint/rules/index.js';
import { captureIo } from '../helpers/io.js';

const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

function site(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'finews-print-config-'));
  temps.push(dir);
  writeFileSync(
    path.join(dir, '_config.yml'),
    'timezone: Asia/Shanghai\nplugins: [jekyll-redirect-from]\nfinews:\n  lint:\n    rules:\n      body-html: warn\n      date-future: off\n    required: [title]\n    ignore: ["_posts/archive/**"]\n',
  );
  mkdirSync(path.join(dir, '_posts', 'archive'), { recursive: true });
  writeFileSync(path.join(dir, '_posts', '2022-01-06-a.md'), '---\ntitle: A\nfinews-disable: [duplicate-post]\n---\nText.\n\n<!-- finews-disable-next-line link-empty -->\n[a]()\n');
  writeFileSync(path.join(dir, '_posts', 'archive', '2020-01-01-old.md'), 'old\n');
  writeFileSync(path.join(dir, '_posts', 'photo.jpg'), Buffer.from([0xff, 0xd8, 0x00]));
  return dir;
}

async function printConfig(dir: string, file: string, extra: string[] = []) {
  const io = captureIo(dir);
  const code = await main(['lint', '--print-config', file, ...extra], io);
  return { code, config: JSON.parse(io.out()) as Record<string, unknown> & { rules: Record<string, string>; site: Record<string, unknown> } };
}

describe('finews lint --print-config <file>', () => {
  it('prints the site settings, every rule\'s effective severity and the file\'s own disables', async () => {
    const dir = site();
    const { code, config } = await printConfig(dir, '_posts/2022-01-06-a.md', ['--rule', 'line-endings:error']);
    expect(code).toBe(0);
    expect(config.file).toBe(path.join('_posts', '2022-01-06-a.md'));
    expect(config.site).toMatchObject({ root: dir, timezone: 'Asia/Shanghai', redirectFrom: true, permalink: '/:categories/:year/:month/:day/:title:output_ext' });
    expect(Object.keys(config.rules)).toEqual(RULES.map((r) => r.id));
    expect(config.rules).toMatchObject({ 'body-html': 'warn', 'date-future': 'off', 'line-endings': 'error', 'title-empty': 'error' });
    expect(config).toMatchObject({ linted: true, required: ['title'], ignore: ['_posts/archive/**'] });
    expect(config.disabled).toEqual([
      { rule: 'duplicate-post', by: 'finews-disable', line: 3, lines: 'all' },
      { rule: 'link-empty', by: 'finews-disable-next-line', line: 7, lines: '8-8' },
    ]);
  });

  it('says when lint leaves the file alone, and why', async () => {
    const dir = site();
    expect((await printConfig(dir, '_posts/archive/2020-01-01-old.md')).config).toMatchObject({ linted: false, reason: 'matches finews.lint.ignore' });
    expect((await printConfig(dir, '_posts/photo.jpg')).config).toMatchObject({ linted: false, reason: 'no post: Jekyll passes over it' });
  });
});
