import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/commands/lint.js';
import { captureIo } from '../helpers/io.js';
import { buildWithJekyll, hasJekyll } from '../helpers/jekyll.js';

/**
 * `link-empty` against real Jekyll: a post is reported exactly when kramdown
 * makes a link to nothing (`href=""`) of it. Code (a Swift or Kotlin array
 * like `[String]()` in a fence, a code span, <pre>) shows as written.
 */
const POSTS: Record<string, string> = {
  'prose.md': '见 [返回首页]() 这里\n',
  'fenced.md': '代码：\n\n```swift\nprivate var stack = [Op]()\nvar names = [String: Int]()\n```\n',
  'tilde-fence.md': '~~~\nval list = [Item]()\n~~~\n',
  'code-span.md': '写作 `var a = [String]()` 即可\n',
  'pre.md': '<pre><code>var views = [UIView]()\n</code></pre>\n',
  'after-a-fence.md': '```\nlet a = [Int]()\n```\n\n然后 [原文]() 链接\n',
};

const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

describe.skipIf(!hasJekyll)('link-empty agrees with the links Jekyll makes', { timeout: 120_000 }, () => {
  it('reports a post exactly when its page has a link to nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'finews-link-empty-'));
    temps.push(dir);
    mkdirSync(path.join(dir, '_posts'));
    writeFileSync(path.join(dir, '_config.yml'), 'timezone: UTC\n');
    for (const [name, body] of Object.entries(POSTS)) writeFileSync(path.join(dir, '_posts', `2022-01-06-${name}`), `---\ntitle: ${name}\n---\n${body}`);
    const built = buildWithJekyll(dir);
    expect(built.status, built.output).toBe(0);
    const io = captureIo(dir);
    await lint({ files: [], format: 'json' }, io);
    const results = JSON.parse(io.out()) as { filePath: string; messages: { ruleId: string }[] }[];
    const reported = new Set(results.filter((r) => r.messages.some((m) => m.ruleId === 'link-empty')).map((r) => path.basename(r.filePath)));
    for (const name of Object.keys(POSTS)) {
      const html = readFileSync(path.join(dir, '_site', '2022', '01', '06', name.replace(/\.md$/, '.html')), 'utf8');
      expect(reported.has(`2022-01-06-${name}`), `${name}: ${html}`).toBe(html.includes('href=""'));
    }
    expect(reported.size).toBe(2);
  });
});
