import { describe, expect, it } from 'vitest';
import { excerpt, EXCERPT_CHARS, excerptList } from '../../src/excerpt.js';
import { runLint } from '../../src/lint/run.js';
import { makeSite } from '../helpers/site.js';
import { NOW } from './rule-tester.js';

describe('excerpt', () => {
  it('keeps a short value, cuts a long one (never inside a surrogate pair) and says its length', () => {
    expect(excerpt('short')).toBe('short');
    const long = 'x'.repeat(1000);
    expect(excerpt(long)).toBe(`${'x'.repeat(EXCERPT_CHARS - 1)}… (1000 characters)`);
    const emoji = `${'x'.repeat(EXCERPT_CHARS - 2)}😀😀😀`;
    expect(excerpt(emoji)).not.toMatch(/[\ud800-\udbff]…/);
    expect(excerptList(['a', 'b', 'c', 'd', 'e', 'f', 'g'], (s) => `"${s}"`)).toBe('"a", "b", "c", "d", "e" and 2 more');
  });
});

describe('every lint message quotes only excerpts', () => {
  it('a post with 50 000 tags, a huge title, layout, permalink, date and link text gets short messages', async () => {
    const tags = Array.from({ length: 50_000 }, (_, i) => `Tag${i}`).join(' ');
    const huge = 'y'.repeat(100_000);
    const post = [
      '---',
      `layout: ${huge}`,
      `title: "${huge}"`,
      `tags: ${tags} tag0`,
      `categories: [${huge}, ${huge.toUpperCase()}]`,
      `permalink: /same/${huge}/`,
      `date: 2022-01-06 10:00:00`,
      '---',
      `[${huge}]()`,
      '',
      `<https://example.com/${huge}>`,
      '',
    ].join('\n');
    const site = makeSite({
      // Not UTC: there a date read as UTC is what the author meant, and date-no-offset is silent.
      '_config.yml': 'timezone: Asia/Shanghai\n',
      '_layouts/post.html': '{{ content }}\n',
      '_posts/2022-01-06-a.md': post,
      '_posts/2022-01-06-b.md': post,
      [`_posts/${huge.slice(0, 200)}.md`]: `---\ndate: ${huge}\n---\n`,
      '_posts/2022-01-07-bad.md': `---\ntitle: "x\n${huge}: [\n---\n`,
    });
    const { results } = await runLint({ inputs: [], cwd: site, env: {}, now: NOW, ruleArgs: ['required-fields:warn'], fix: 'off' });
    const messages = results.flatMap((r) => r.messages);
    const rules = new Set(messages.map((m) => m.ruleId));
    for (const rule of ['taxonomy-format', 'layout-missing', 'link-empty', 'permalink-conflict', 'duplicate-post', 'date-no-offset', 'filename-no-date', 'front-matter-invalid']) expect(rules).toContain(rule);
    for (const m of messages) expect(m.message.length, `${m.ruleId}: ${m.message.slice(0, 300)}`).toBeLessThan(500);
  });
});
