#!/usr/bin/env node
// Whole pages: how much of the article finews' Markdown holds, on a public
// test set of saved pages (not in this repository: give its folder).
//
//   node bench/extract.js FOLDER [--json FILE] [--worst 5] [--verify]
//
// FOLDER is either
//   - a set laid out as Mozilla Readability's test pages: NAME/source.html
//     and NAME/expected.html (the article's HTML), or
//   - a set laid out as the article-extraction benchmarks: html/ID.html(.gz)
//     and ground-truth.json ({ ID: { articleBody } }), or
//   - a set of pages and their text by hand: LANG/html/NAME.html and
//     LANG/text/NAME.txt, or
//   - a set laid out as dragnet's (and CleanEval-style) data: HTML/NAME.html
//     and Corrected/NAME.html.corrected.txt, the article's text before the
//     line that starts its comments ("!@#$%^&*()  COMMENTS"), which are not
//     counted.
//
// For each page: the words of finews' output (the Markdown rendered by
// micromark, then its text) against the words of the article, as a
// multiset; words are runs of letters and digits, lower-cased, and each CJK
// character is a word of its own. Printed: mean precision, recall and F1,
// the lowest recall, pages under 0.95 recall, and the same for the whole
// <body> (the baseline any extraction must beat), and for the article's HTML
// as extracted, before conversion (what conversion loses is the gap); the
// words finews keeps beyond the articles and those it lacks, in all; the
// time per page of finews convert on the page, and of the extraction alone. Build first:
// npx tsc -p tsconfig.build.json. Nothing here asserts a figure.
//
// With --verify (needs ruby and kramdown, as `finews convert --verify` does):
// each conversion is also checked the way `convert --verify` checks a post,
// through kramdown against the HTML it came from: the whole page's against
// the article taken, and where the set holds the article's own HTML
// (Readability's layout) that fragment's conversion against it. Printed: how
// many verified, and each that did not with its first problems.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (file) => pathToFileURL(path.join(repo, 'dist', file)).href;
const require = createRequire(import.meta.url);

/** The line in dragnet's corrected texts after which the page's comments are written. */
const DRAGNET_COMMENTS = '!@#$%^&*()  COMMENTS';

function pages(folder) {
  if (existsSync(path.join(folder, 'ground-truth.json'))) {
    const truth = JSON.parse(readFileSync(path.join(folder, 'ground-truth.json'), 'utf8'));
    return Object.entries(truth).flatMap(([id, { articleBody }]) => {
      const file = ['.html.gz', '.html'].map((ext) => path.join(folder, 'html', `${id}${ext}`)).find(existsSync);
      if (!file) return [];
      const bytes = readFileSync(file);
      return [{ name: id, html: (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8'), article: articleBody }];
    });
  }
  if (existsSync(path.join(folder, 'HTML')) && existsSync(path.join(folder, 'Corrected'))) {
    return readdirSync(path.join(folder, 'HTML')).flatMap((file) => {
      const corrected = [`${file}.corrected.txt`, file.replace(/\.html?$/, '.corrected.txt')].map((name) => path.join(folder, 'Corrected', name)).find(existsSync);
      if (!corrected) return [];
      const text = readFileSync(corrected, 'utf8');
      const comments = text.indexOf(DRAGNET_COMMENTS);
      return [{ name: file, html: readFileSync(path.join(folder, 'HTML', file), 'utf8'), article: comments < 0 ? text : text.slice(0, comments) }];
    });
  }
  const texts = readdirSync(folder).filter((lang) => existsSync(path.join(folder, lang, 'text')) && existsSync(path.join(folder, lang, 'html')));
  if (texts.length > 0) {
    return texts.flatMap((lang) =>
      readdirSync(path.join(folder, lang, 'html'))
        .filter((file) => file.endsWith('.html') && existsSync(path.join(folder, lang, 'text', file.replace(/\.html$/, '.txt'))))
        .map((file) => ({
          name: `${lang}/${file}`,
          html: readFileSync(path.join(folder, lang, 'html', file), 'utf8'),
          article: readFileSync(path.join(folder, lang, 'text', file.replace(/\.html$/, '.txt')), 'utf8'),
        })),
    );
  }
  return readdirSync(folder)
    .filter((name) => existsSync(path.join(folder, name, 'source.html')) && existsSync(path.join(folder, name, 'expected.html')))
    .map((name) => ({ name, html: readFileSync(path.join(folder, name, 'source.html'), 'utf8'), article: { html: readFileSync(path.join(folder, name, 'expected.html'), 'utf8') } }));
}

const WORD = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|[\p{L}\p{N}\p{M}]+/gu;

function words(text) {
  const counts = new Map();
  for (const [w] of text.toLowerCase().matchAll(WORD)) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}

function score(got, want) {
  let overlap = 0;
  let gotTotal = 0;
  let wantTotal = 0;
  for (const n of got.values()) gotTotal += n;
  for (const [w, n] of want) {
    wantTotal += n;
    overlap += Math.min(n, got.get(w) ?? 0);
  }
  const precision = gotTotal ? overlap / gotTotal : 0;
  const recall = wantTotal ? overlap / wantTotal : 1;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, extra: gotTotal - overlap, missing: wantTotal - overlap };
}

async function main() {
  const [folder, ...rest] = process.argv.slice(2);
  if (!folder || folder.startsWith('--')) throw new Error('usage: node bench/extract.js FOLDER [--json FILE] [--worst N] [--verify]');
  const option = (name, fallback) => (rest.includes(name) ? rest[rest.indexOf(name) + 1] : fallback);
  const { convertText } = await import(dist('convert/convert.js'));
  const { extractArticle } = await import(dist('convert/page.js'));
  const { parseDocument, parseFragment } = await import(dist('convert/dom.js'));
  const { micromark } = await import(pathToFileURL(require.resolve('micromark')).href);
  /** The text a reader sees of some HTML: no scripts, styles or templates. */
  const textOf = (root) => {
    for (const tag of ['script', 'style', 'template', 'noscript']) for (const el of Array.from(root.getElementsByTagName(tag))) el.parentNode.removeChild(el);
    return root.textContent ?? '';
  };
  const set = pages(path.resolve(folder));
  if (set.length === 0) throw new Error(`${folder}: no pages in any of the layouts`);
  const { Verifier } = await import(dist('convert/verify.js'));
  const verifier = rest.includes('--verify') ? await Verifier.start() : null;
  const verified = { pages: 0, fragments: 0, fragmentsTried: 0, failures: [] };
  const rows = [];
  let convertMs = 0;
  let extractMs = 0;
  for (const page of set) {
    const want = words(typeof page.article === 'string' ? page.article : textOf(parseFragment(page.article.html)));
    let started = performance.now();
    const converted = convertText(page.html, { input: 'html' });
    const markdown = converted.markdown;
    convertMs += performance.now() - started;
    if (verifier) {
      const checks = [['page', page.html, converted]];
      if (typeof page.article !== 'string') checks.push(['fragment', page.article.html, convertText(page.article.html, { input: 'html' })]);
      for (const [kind, html, result] of checks) {
        const verdict = await verifier.verify(html, result);
        if (kind === 'fragment') verified.fragmentsTried++;
        if (verdict.ok) verified[kind === 'page' ? 'pages' : 'fragments']++;
        else verified.failures.push(`  not verified: ${page.name} (${kind}): ${verdict.problems.slice(0, 2).join(' | ').slice(0, 300)}`);
      }
    }
    started = performance.now();
    const extracted = extractArticle(page.html);
    extractMs += performance.now() - started;
    const article = score(words(textOf(parseFragment(extracted.html))), want);
    const finews = score(words(textOf(parseFragment(micromark(markdown, { allowDangerousHtml: true })))), want);
    const body = parseDocument(page.html).body;
    const baseline = score(words(body ? textOf(body) : ''), want);
    rows.push({ name: page.name, finews, article, baseline });
  }
  const mean = (key, which) => rows.reduce((sum, r) => sum + r[which][key], 0) / rows.length;
  const min = (key, which) => Math.min(...rows.map((r) => r[which][key]));
  const below = (which) => rows.filter((r) => r[which].recall < 0.95).length;
  console.log(`${set.length} pages from ${folder}; node ${process.version}`);
  console.log('| output | mean precision | mean recall | mean F1 | min recall | pages with recall < 0.95 |\n|---|---:|---:|---:|---:|---:|');
  for (const [label, which] of [['finews convert', 'finews'], ['the extracted article, as HTML', 'article'], ['whole <body> (baseline)', 'baseline']]) {
    console.log(`| ${label} | ${mean('precision', which).toFixed(3)} | ${mean('recall', which).toFixed(3)} | ${mean('f1', which).toFixed(3)} | ${min('recall', which).toFixed(3)} | ${below(which)} |`);
  }
  const sum = (key) => rows.reduce((total, r) => total + r.finews[key], 0);
  console.log(`words of finews' output beyond the articles' (extra): ${sum('extra')}; words of the articles it lacks (missing): ${sum('missing')}`);
  console.log(`time per page: finews convert ${(convertMs / set.length).toFixed(1)} ms, of which extraction (linkedom + Readability) about ${(extractMs / set.length).toFixed(1)} ms`);
  const worst = Number(option('--worst', '5'));
  for (const r of [...rows].sort((a, b) => a.finews.f1 - b.finews.f1).slice(0, worst)) {
    console.log(`  low: ${r.name} F1 ${r.finews.f1.toFixed(3)} precision ${r.finews.precision.toFixed(3)} recall ${r.finews.recall.toFixed(3)}`);
  }
  if (verifier) {
    await verifier.close();
    console.log(`--verify: whole pages ${verified.pages}/${set.length} verified${verified.fragmentsTried ? `; the articles' own HTML ${verified.fragments}/${verified.fragmentsTried}` : ''}`);
    for (const line of verified.failures) console.log(line);
  }
  const json = option('--json');
  if (json) writeFileSync(json, `${JSON.stringify(rows, null, 2)}\n`);
}

await main();
