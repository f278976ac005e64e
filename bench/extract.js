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
//   - a set of pages and their text: LANG/html/NAME.html and
//     LANG/text/NAME.txt (or LANG/txt/NAME.txt), or
//   - a set laid out as dragnet's (and CleanEval-style) data: HTML/NAME.html
//     and Corrected/NAME.html.corrected.txt, the article's text before the
//     line that starts its comments ("!@#$%^&*()  COMMENTS"), which are not
//     counted, or
//   - a set of snippets each page must and must not hold, laid out as
//     trafilatura's evaluation: evaldata.json ({ URL: { file, with: [...],
//     without: [...] } }) and the pages in cache/FILE or eval/FILE.
//
// For each page: the words of finews' output (the Markdown rendered by
// micromark, less kramdown's attribute lists, then its text) against the words of the article, as a
// multiset; words are runs of letters and digits, lower-cased, and each CJK
// character is a word of its own. Printed: mean precision, recall and F1,
// the lowest recall, pages under 0.95 recall, and the same for the whole
// <body> (the baseline any extraction must beat), and for the article's HTML
// as extracted, before conversion (what conversion loses is the gap); the
// words finews keeps beyond the articles and those it lacks, in all; the
// time per page of finews convert on the page, and of the extraction alone.
//
// A set of snippets has no article text to score words against: a snippet
// counts as kept when its words (as above) follow each other in the output's
// words, whatever punctuation, white space and markup lie between (its first
// and last words may be the ends of longer ones: annotators cut inside words). Printed
// instead of precision, recall and F1: how many of the snippets a page must
// hold are kept, how many it must not hold are left out, and the pages that
// lose one. Pages not in UTF-8 are read in the charset their <meta> declares.
//
// Build first:
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

/** Each layout: whether the folder is in it, and its pages as { name, html, article } or { name, html, snippets }. */
const LAYOUTS = [
  { name: 'article-extraction benchmark', is: (folder) => existsSync(path.join(folder, 'ground-truth.json')), read: benchmarkPages },
  { name: 'snippets (trafilatura)', is: (folder) => existsSync(path.join(folder, 'evaldata.json')), read: snippetPages },
  { name: 'dragnet', is: (folder) => existsSync(path.join(folder, 'HTML')) && existsSync(path.join(folder, 'Corrected')), read: dragnetPages },
  { name: 'pages and their text', is: (folder) => textFolders(folder).length > 0, read: textPages },
  { name: "Readability's test pages", is: () => true, read: readabilityPages },
];

function pages(folder) {
  return LAYOUTS.find((layout) => layout.is(folder)).read(folder);
}

function benchmarkPages(folder) {
  const truth = JSON.parse(readFileSync(path.join(folder, 'ground-truth.json'), 'utf8'));
  return Object.entries(truth).flatMap(([id, { articleBody }]) => {
    const file = ['.html.gz', '.html'].map((ext) => path.join(folder, 'html', `${id}${ext}`)).find(existsSync);
    if (!file) return [];
    const bytes = readFileSync(file);
    return [{ name: id, html: (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8'), article: articleBody }];
  });
}

function snippetPages(folder) {
  const annotations = JSON.parse(readFileSync(path.join(folder, 'evaldata.json'), 'utf8'));
  return Object.values(annotations).flatMap(({ file, with: wanted, without: unwanted }) => {
    const found = ['cache', 'eval'].map((sub) => path.join(folder, sub, file)).find(existsSync);
    return found ? [{ name: file, html: decode(readFileSync(found)), snippets: { wanted, unwanted } }] : [];
  });
}

function dragnetPages(folder) {
  return readdirSync(path.join(folder, 'HTML')).flatMap((file) => {
    const corrected = [`${file}.corrected.txt`, file.replace(/\.html?$/, '.corrected.txt')].map((name) => path.join(folder, 'Corrected', name)).find(existsSync);
    if (!corrected) return [];
    const text = readFileSync(corrected, 'utf8');
    const comments = text.indexOf(DRAGNET_COMMENTS);
    return [{ name: file, html: readFileSync(path.join(folder, 'HTML', file), 'utf8'), article: comments < 0 ? text : text.slice(0, comments) }];
  });
}

/** LANG/html and LANG/text (or LANG/txt) under the folder, as [LANG, its text folder]. */
function textFolders(folder) {
  return readdirSync(folder).flatMap((lang) => {
    const text = ['text', 'txt'].map((name) => path.join(folder, lang, name)).find(existsSync);
    return text && existsSync(path.join(folder, lang, 'html')) ? [[lang, text]] : [];
  });
}

function textPages(folder) {
  return textFolders(folder).flatMap(([lang, text]) =>
    readdirSync(path.join(folder, lang, 'html'))
      .filter((file) => file.endsWith('.html') && existsSync(path.join(text, file.replace(/\.html$/, '.txt'))))
      .map((file) => ({
        name: `${lang}/${file}`,
        html: readFileSync(path.join(folder, lang, 'html', file), 'utf8'),
        article: readFileSync(path.join(text, file.replace(/\.html$/, '.txt')), 'utf8'),
      })),
  );
}

function readabilityPages(folder) {
  return readdirSync(folder)
    .filter((name) => existsSync(path.join(folder, name, 'source.html')) && existsSync(path.join(folder, name, 'expected.html')))
    .map((name) => ({ name, html: readFileSync(path.join(folder, name, 'source.html'), 'utf8'), article: { html: readFileSync(path.join(folder, name, 'expected.html'), 'utf8') } }));
}

/** A page's bytes as text: UTF-8, else the charset its <meta> declares (windows-1252 when it declares none). */
function decode(bytes) {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const declared = /<meta[^>]+charset=["']?([\w-]+)/i.exec(bytes.subarray(0, 4096).toString('latin1'))?.[1];
    try {
      return new TextDecoder(declared ?? 'windows-1252').decode(bytes);
    } catch {
      return new TextDecoder('windows-1252').decode(bytes);
    }
  }
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

/** The words of some text in order, joined by single spaces and framed by them, for finding runs of words. */
function wordRun(text) {
  return ` ${Array.from(text.toLowerCase().matchAll(WORD), ([w]) => w).join(' ')} `;
}

/** Which snippets the text holds: those it must (kept, lost) and those it must not (leftOut, held). */
function snippetScore(text, { wanted, unwanted }) {
  const run = wordRun(text);
  // Unframed: a snippet may start or end inside a word, as the annotators cut it.
  const holds = (snippet) => run.includes(wordRun(snippet).trim());
  const lost = wanted.filter((snippet) => !holds(snippet));
  const held = unwanted.filter(holds);
  return { kept: wanted.length - lost.length, wanted: wanted.length, leftOut: unwanted.length - held.length, unwanted: unwanted.length, lost, held };
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
    const want = page.snippets ? undefined : words(typeof page.article === 'string' ? page.article : textOf(parseFragment(page.article.html)));
    const measure = (text) => (page.snippets ? snippetScore(text, page.snippets) : score(words(text), want));
    let started = performance.now();
    const converted = convertText(page.html, { input: 'html' });
    const markdown = converted.markdown;
    convertMs += performance.now() - started;
    if (verifier) {
      const checks = [['page', page.html, converted]];
      if (page.article && typeof page.article !== 'string') checks.push(['fragment', page.article.html, convertText(page.article.html, { input: 'html' })]);
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
    const article = measure(textOf(parseFragment(extracted.html)));
    const finews = measure(textOf(parseFragment(micromark(withoutAttributeLists(markdown), { allowDangerousHtml: true }))));
    const body = parseDocument(page.html).body;
    const baseline = measure(body ? textOf(body) : '');
    rows.push({ name: page.name, finews, article, baseline });
  }
  const outputs = [['finews convert', 'finews'], ['the extracted article, as HTML', 'article'], ['whole <body> (baseline)', 'baseline']];
  console.log(`${set.length} pages from ${folder}; node ${process.version}`);
  const worst = Number(option('--worst', '5'));
  if (set[0].snippets) printSnippets(rows, outputs, worst);
  else printWords(rows, outputs, worst);
  console.log(`time per page: finews convert ${(convertMs / set.length).toFixed(1)} ms, of which extraction (linkedom + Readability) about ${(extractMs / set.length).toFixed(1)} ms`);
  if (verifier) {
    await verifier.close();
    console.log(`--verify: whole pages ${verified.pages}/${set.length} verified${verified.fragmentsTried ? `; the articles' own HTML ${verified.fragments}/${verified.fragmentsTried}` : ''}`);
    for (const line of verified.failures) console.log(line);
  }
  const json = option('--json');
  if (json) writeFileSync(json, `${JSON.stringify(rows, null, 2)}\n`);
}

/**
 * The Markdown without kramdown's attribute lists (`![a](b){: width="10"}`,
 * a line `{: .note}`), which kramdown reads as attributes and micromark,
 * which knows none, would show as words.
 */
function withoutAttributeLists(markdown) {
  return markdown.replace(/(?<!\\)\{:(?:[^}"']|"[^"]*"|'[^']*')*\}/g, '');
}

function printWords(rows, outputs, worst) {
  const mean = (key, which) => rows.reduce((sum, r) => sum + r[which][key], 0) / rows.length;
  const min = (key, which) => Math.min(...rows.map((r) => r[which][key]));
  const below = (which) => rows.filter((r) => r[which].recall < 0.95).length;
  console.log('| output | mean precision | mean recall | mean F1 | min recall | pages with recall < 0.95 |\n|---|---:|---:|---:|---:|---:|');
  for (const [label, which] of outputs) {
    console.log(`| ${label} | ${mean('precision', which).toFixed(3)} | ${mean('recall', which).toFixed(3)} | ${mean('f1', which).toFixed(3)} | ${min('recall', which).toFixed(3)} | ${below(which)} |`);
  }
  const sum = (key) => rows.reduce((total, r) => total + r.finews[key], 0);
  console.log(`words of finews' output beyond the articles' (extra): ${sum('extra')}; words of the articles it lacks (missing): ${sum('missing')}`);
  for (const r of [...rows].sort((a, b) => a.finews.f1 - b.finews.f1).slice(0, worst)) {
    console.log(`  low: ${r.name} F1 ${r.finews.f1.toFixed(3)} precision ${r.finews.precision.toFixed(3)} recall ${r.finews.recall.toFixed(3)}`);
  }
}

function printSnippets(rows, outputs, worst) {
  const sum = (key, which) => rows.reduce((total, r) => total + r[which][key], 0);
  const pagesWith = (key, which) => rows.filter((r) => r[which][key].length > 0).length;
  console.log('| output | snippets kept (must hold) | pages losing one | snippets left out (must not hold) | pages holding one |\n|---|---:|---:|---:|---:|');
  for (const [label, which] of outputs) {
    const [kept, wanted, leftOut, unwanted] = ['kept', 'wanted', 'leftOut', 'unwanted'].map((key) => sum(key, which));
    console.log(`| ${label} | ${kept}/${wanted} (${(kept / wanted).toFixed(3)}) | ${pagesWith('lost', which)} | ${leftOut}/${unwanted} (${(leftOut / unwanted).toFixed(3)}) | ${pagesWith('held', which)} |`);
  }
  const cost = (r) => r.finews.lost.length * 2 + r.finews.held.length;
  for (const r of [...rows].sort((a, b) => cost(b) - cost(a)).slice(0, worst).filter((r) => cost(r) > 0)) {
    const quote = (snippets) => snippets.map((snippet) => JSON.stringify(snippet.slice(0, 60))).join(', ');
    console.log(`  low: ${r.name}${r.finews.lost.length ? ` lost ${quote(r.finews.lost)}` : ''}${r.finews.held.length ? ` held ${quote(r.finews.held)}` : ''}`);
  }
}

await main();
