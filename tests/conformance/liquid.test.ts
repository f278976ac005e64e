import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/commands/lint.js';
import { convertText } from '../../src/convert/convert.js';
import { Verifier } from '../../src/convert/verify.js';
import { show, type ShowEntry } from '../../src/commands/show.js';
import { captureIo } from '../helpers/io.js';
import { buildWithJekyll, hasJekyll } from '../helpers/jekyll.js';

/**
 * The Liquid stage against real Jekyll: each case is a post body. A case that
 * stops the build is built in a site of its own (Jekyll stops at the first
 * error); the others share one site. finews must say the same:
 * build stops ⇔ skip build-error + liquid-syntax; text dropped ⇒ liquid-output;
 * intended Liquid ⇒ nothing. Then `lint --fix` must give posts Jekyll builds,
 * showing the text as written.
 */
interface Case {
  name: string;
  body: string;
  /** latent: Jekyll does not render the post now (unpublished), so the build goes on; lint still reports it. */
  expect: 'stops' | 'drops' | 'fine' | 'latent';
  /** Front matter lines besides title and date. */
  fm?: string;
  /** Lines added to _config.yml. */
  config?: string;
  /** Folder under _posts. */
  dir?: string;
  /** Text the reader must see once `lint --fix` ran (fixable cases). */
  shows?: string;
  /** Text Jekyll's page must not show (what Liquid dropped). */
  dropped?: string;
  /** Text Jekyll's page must show. */
  renders?: string;
}

const CASES: Case[] = [
  { name: 'unknown tag', body: '股价 {% foo %} 上涨\n', expect: 'stops', shows: '股价 {% foo %} 上涨' },
  { name: 'raw never closed', body: '{% raw %} 未闭合\n', expect: 'stops', shows: '{% raw %} 未闭合' },
  { name: 'shell braces', body: '数组 {{1..3},{7..9}} 示例\n', expect: 'stops', shows: '数组 {{1..3},{7..9}} 示例' },
  { name: 'lone braces', body: '区间 {% 与 {{ 符号\n', expect: 'stops', shows: '区间 {% 与 {{ 符号' },
  { name: 'wrong end', body: '{% if a %}条件{% endfor %}\n', expect: 'stops', shows: '{% if a %}条件{% endfor %}' },
  { name: 'stray endif', body: '结束 {% endif %}\n', expect: 'stops', shows: '结束 {% endif %}' },
  { name: 'for in prose', body: '句子 {% for example %} 与 {% endfor %}\n', expect: 'stops', shows: '句子 {% for example %} 与 {% endfor %}' },
  { name: 'unclosed brace in code', body: '```\nlet a = {{ x };\n```\n', expect: 'stops', shows: 'let a = {{ x };' },
  { name: 'post_url to no post', body: '见 {% post_url 2022-01-05-missing %}\n', expect: 'stops' },
  { name: 'post_url name unreadable', body: '见 {% post_url missing %}\n', expect: 'stops' },
  { name: 'include of no file', body: '{% include nothing-here.html %}\n', expect: 'stops' },
  { name: 'include_relative of no file', body: '{% include_relative nothing-here.md %}\n', expect: 'stops' },
  { name: 'link to nothing', body: '{% link nothing-here.md %}\n', expect: 'stops' },
  { name: 'Liquid cut by the excerpt, on a site whose feed shows it', body: '价格 {{\n\n}} 结束\n', config: 'plugins: [jekyll-feed]\n', expect: 'stops', shows: '价格 {{' },
  { name: 'Liquid the excerpt would cut, in a post with an excerpt of its own, on a site whose feed shows it', body: '{% assign rate\n\n= 5 %}利率 {{ rate }}\n', fm: 'excerpt: 利率摘要\n', config: 'plugins: [jekyll-feed]\n', expect: 'fine', renders: '利率 5' },
  { name: 'highlight with no language', body: '{% highlight %}\ncode\n{% endhighlight %}\n', expect: 'stops' },
  { name: 'undefined variable', body: 'rate {{ rate }} pct\n', expect: 'drops', dropped: '{{ rate }}', shows: 'rate {{ rate }} pct' },
  { name: 'non-ASCII name', body: '涨幅 {{ 涨幅 }} 百分之五\n', expect: 'drops', dropped: '{{ 涨幅 }}', shows: '涨幅 {{ 涨幅 }} 百分之五' },
  { name: 'Liquid in a code fence', body: '```\n{{ x }} in code\n```\n', expect: 'drops', dropped: '{{ x }}', shows: '{{ x }} in code' },
  { name: 'Liquid in inline code', body: '用 `{{ y }}` 表示\n', expect: 'drops', dropped: '{{ y }}', shows: '{{ y }}' },
  { name: 'intended Liquid', body: '{% raw %}{{ x }}{% endraw %} {{ page.title }} {% comment %}备注{% endcomment %}\n', expect: 'fine' },
  { name: 'assigned variable', body: '{% assign rate = 5 %}rate {{ rate }} pct\n', expect: 'fine' },
  { name: 'render_with_liquid false', body: '股价 {% foo %} 上涨\n', fm: 'render_with_liquid: false\n', expect: 'fine' },
  { name: 'render_with_liquid false from defaults', body: '股价 {% foo %} 上涨\n', dir: 'norender', expect: 'fine' },
  { name: 'post_url to a post', body: '见 {% post_url 2022-01-05-exists %}\n', expect: 'fine' },
  { name: 'include of a file', body: '{% include exists.html %}\n', expect: 'fine' },
  { name: 'link to a page', body: '{% link about.md %}\n', expect: 'fine' },
  { name: 'link to a document of a collection', body: '{% link _docs/history.md %}\n', expect: 'fine' },
  { name: 'variables an include assigns, and the include it runs', body: '{% include sets-rate.html %}利率 {{ included_rate }} 与 {{ inner_label }}\n', expect: 'fine', renders: '利率 5 与 内层' },
  { name: 'a variable include_relative assigns', body: '{% include_relative parts/sets-name.liquid %}名 {{ relative_name }}\n', expect: 'fine', renders: '名 相对' },
  { name: 'a variable no include assigns, after an include', body: '{% include sets-rate.html %}利率 {{ other_rate }}\n', expect: 'drops', dropped: '{{ other_rate }}' },
  { name: 'include only when the data says', body: '{% if site.nothing %}{% include nothing-here.html %}{% endif %}\n', expect: 'fine' },
  { name: 'unpublished post is not rendered', body: '股价 {% foo %} 上涨\n', fm: 'published: false\n', expect: 'latent' },
];

const CONFIG = 'timezone: Asia/Shanghai\ncollections:\n  docs:\n    output: true\ndefaults:\n  - scope: { path: _posts/norender }\n    values: { render_with_liquid: false }\n';
const NOW = new Date('2026-11-25T00:00:00Z');
const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

const fileOf = (i: number, c: Case) => `_posts/${c.dir ? `${c.dir}/` : ''}2022-01-06-case-${i}.md`;
const textOf = (i: number, c: Case) => `---\ntitle: case ${i}\ndate: 2022-01-06 10:00:00 +0800\n${c.fm ?? ''}---\n${c.body}`;

function site(cases: [number, Case][]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'finews-liquid-'));
  temps.push(dir);
  const write = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  };
  write('_config.yml', CONFIG + cases.map(([, c]) => c.config ?? '').join(''));
  write('_includes/exists.html', '<b>included</b>\n');
  write('_includes/sets-rate.html', '{% assign included_rate = 5 %}{% include sets-inner.html %}');
  write('_includes/sets-inner.html', '{% capture inner_label %}内层{% endcapture %}');
  write('_posts/parts/sets-name.liquid', '{% assign relative_name = "相对" %}');
  write('about.md', '---\ntitle: About\n---\nabout\n');
  write('_docs/history.md', '---\ntitle: History\n---\nhistory\n');
  write('_posts/2022-01-05-exists.md', '---\ntitle: exists\n---\ntarget\n');
  for (const [i, c] of cases) write(fileOf(i, c), textOf(i, c));
  return dir;
}

async function finews(dir: string): Promise<{ show: Map<string, ShowEntry>; lint: Map<string, string[]> }> {
  const io = captureIo(dir, { now: NOW });
  expect(await show({ files: [], json: true }, io)).toBe(0);
  const entries = JSON.parse(io.out()) as ShowEntry[];
  const lio = captureIo(dir, { now: NOW });
  await lint({ files: [], format: 'json' }, lio);
  const results = JSON.parse(lio.out()) as { filePath: string; messages: { ruleId: string }[] }[];
  return {
    show: new Map(entries.map((e) => [e.path, e])),
    lint: new Map(results.map((r) => [path.relative(dir, r.filePath), r.messages.map((m) => m.ruleId).filter((id) => id.startsWith('liquid-'))])),
  };
}

function htmlOf(dir: string, i: number): string {
  return readFileSync(path.join(dir, '_site', '2022', '01', '06', `case-${i}.html`), 'utf8');
}

/** The HTML kramdown makes of text with braces: the text itself, as no brace is escaped. */
const visible = (s: string) => s;

describe.skipIf(!hasJekyll)('the Liquid stage agrees with a real Jekyll build', { timeout: 300_000 }, () => {
  const indexed = CASES.map((c, i) => [i, c] as [number, Case]);

  it.each(indexed.filter(([, c]) => c.expect === 'stops'))('case %i stops the build, and finews says so', async (i, c) => {
    const dir = site([[i, c]]);
    const built = buildWithJekyll(dir);
    expect(built.status, `${c.name}: Jekyll built it\n${built.output}`).not.toBe(0);
    const { show: shown, lint: linted } = await finews(dir);
    const entry = shown.get(fileOf(i, c))!;
    expect(entry.skip, c.name).toBe('build-error');
    expect(linted.get(fileOf(i, c)), c.name).toContain('liquid-syntax');
    // Jekyll's reason is the one finews gives.
    const reason = entry.problems.find((p) => p.rule === 'liquid-syntax')!.message;
    const quoted = /\("(.*)"\)$/.exec(reason)![1]!;
    expect(built.output.replace(/\s+/g, ' '), c.name).toContain(quoted.replace(/\s+/g, ' ').split(/[.(]/)[0]);
  });

  it('the posts that build: dropped text is reported, intended Liquid is not', async () => {
    const cases = indexed.filter(([, c]) => c.expect !== 'stops');
    const dir = site(cases);
    const built = buildWithJekyll(dir);
    expect(built.status, built.output).toBe(0);
    const { show: shown, lint: linted } = await finews(dir);
    for (const [i, c] of cases) {
      expect(shown.get(fileOf(i, c))!.skip === 'build-error', c.name).toBe(false);
      expect(linted.get(fileOf(i, c)) ?? [], c.name).toEqual(c.expect === 'drops' ? ['liquid-output'] : c.expect === 'latent' ? ['liquid-syntax'] : []);
      if (c.dropped) expect(htmlOf(dir, i), c.name).not.toContain(c.dropped);
      if (c.renders) expect(htmlOf(dir, i), c.name).toContain(c.renders);
    }
  });

  it('lint --fix gives posts Jekyll builds, showing the text as written', async () => {
    const cases = indexed.filter(([, c]) => c.shows !== undefined);
    const dir = site(cases);
    const io = captureIo(dir, { now: NOW });
    await lint({ files: [], fix: true, format: 'json' }, io);
    const built = buildWithJekyll(dir);
    expect(built.status, built.output).toBe(0);
    const { lint: linted } = await finews(dir);
    for (const [i, c] of cases) {
      expect(linted.get(fileOf(i, c)) ?? [], c.name).toEqual([]);
      expect(htmlOf(dir, i), c.name).toContain(visible(c.shows!));
    }
    // Fixing twice changes nothing.
    const before = cases.map(([i, c]) => readFileSync(path.join(dir, fileOf(i, c)), 'utf8'));
    await lint({ files: [], fix: true, format: 'json' }, captureIo(dir, { now: NOW }));
    expect(cases.map(([i, c]) => readFileSync(path.join(dir, fileOf(i, c)), 'utf8'))).toEqual(before);
  });

  it('convert of HTML with literal braces in text, code and attributes gives a post Jekyll builds showing every brace', async () => {
    const html = [
      '<article><h1>标题</h1>',
      '<p>数组 {{1..3},{7..9}} 与 {% foo %} 和 {{ rate }} 以及 50%} 和 {% 结尾</p>',
      '<p><a href="https://example.com/?q={{x}}" title="{% raw %}">链接</a> {% endraw %} 后</p>',
      '<pre><code>let a = {{ b }};\n{%- if -%} }}\n</code></pre>',
      '<p>行内 <code>{{ page.title }}</code> 代码</p>',
      '</article>',
    ].join('\n');
    const converted = convertText(html, { input: 'html' });
    const verifier = await Verifier.start();
    try {
      expect((await verifier.verify(html, converted)).problems).toEqual([]);
    } finally {
      await verifier.close();
    }
    const i = 99;
    const c: Case = { name: 'converted', body: converted.markdown, expect: 'fine' };
    const dir = site([[i, c]]);
    const built = buildWithJekyll(dir);
    expect(built.status, built.output).toBe(0);
    const page = htmlOf(dir, i);
    for (const shown of [
      '数组 {{1..3},{7..9}} 与 {% foo %} 和 {{ rate }} 以及 50%} 和 {% 结尾',
      'href="https://example.com/?q={{x}}"',
      'title="{% raw %}"',
      '{% endraw %} 后',
      'let a = {{ b }};\n{%- if -%} }}',
      '>{{ page.title }}</code> 代码',
    ]) {
      expect(page).toContain(shown);
    }
    expect((await finews(dir)).lint.get(fileOf(i, c)) ?? []).toEqual([]);
  });
});
