#!/usr/bin/env node
// A seeded generator of Jekyll sites shaped like the real finews corpus
// (the sample site the tests find through FINEWS_CORPUS): Eastmoney rolling news with a `> ` digest
// and an HTML body, short 2021-style posts, source-paper copies (NW…) with
// HTML bodies, the autolink to the source and the footer links, and the
// corpus's mistakes at about the rates the corpus shows them.
//
//   node bench/generate.js DIR COUNT [SEED] [SHAPE]
//
// SHAPE `duplicates`: the same posts, each ending with one footer autolink
// (<https://example.com/subscribe>), half of them with no source line of
// their own, the others citing source links that ~230 posts share: the shape
// that made duplicate-post quadratic.
//
// SHAPE `tags`: the corpus shape, each post also tagged with 3–6 names of
// stocks, companies and people drawn Zipf-like from a vocabulary of 0.18 a
// post (about 3 400 distinct tags at 20 000 posts).
//
// The same COUNT and SEED give the same bytes, file for file.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Mistakes and their rates, per post of the kind named (the corpus: 80 posts). */
export const RATES = {
  // 29 of the 37 short 2021 posts have a date with no offset.
  noOffset: 0.7,
  // 4 of 37 short posts have a blank line before the front matter.
  displacedFrontMatter: 0.1,
  // 1 of 49 in _posts: no date in the name, empty title, date " +0800", source "<>".
  scraperFailure: 0.004,
  // 1 of 12 HTML posts mixes CRLF lines into LF.
  mixedLineEndings: 0.08,
  // 2 of 10 2022 posts are an Eastmoney post and its source-paper twin.
  nwTwin: 0.3,
  // The category pages show categories with spaces, which Jekyll splits.
  spacedCategory: 0.003,
  // An ASCII quote inside a double-quoted title: invalid YAML.
  quotedTitle: 0.002,
};

const SOURCES = [
  ['quanzhouwanbao', '泉州晚报'],
  ['zhongguojijinbao', '中国基金报'],
  ['yangxingwangzhan', '央行网站'],
  ['zhongguozhengquanbao', '中国证券报'],
  ['dongfangcaifuyanjiuzhongxin', '东方财富研究中心'],
  ['cailianshe', '财联社'],
  ['meirijingjixinwen', '每日经济新闻'],
  ['quanshangzhongguo', '券商中国'],
  ['21caijing', '21财经'],
  ['egongsi', 'e公司'],
];
const SPACED = ['Career In touxingPEVC', '21shijijingjibaodao  nancailicaitong'];
const COMPANIES = ['贵州茅台', '宁德时代', '腾讯控股', '比亚迪', '中国平安', '美的集团', '招商银行', '隆基绿能', '中国石化', '长安汽车', '立讯精密', '恩捷股份', '海天味业', '东方财富', '中国铝业'];
const CODES = ['600519', '300750', '00700', '002594', '601318', '000333', '600036', '601012', '600028', '000625', '002475', '002812', '603288', '300059', '601600'];
const SUBJECTS = ['北向资金', '央行', '沪指', '创业板指', '港股', '离岸人民币', '国家统计局', '证监会', '外资机构', '公募基金', '锂电板块', '半导体板块', '白酒股', '券商板块'];
const VERBS = ['净流入', '涨超', '跌逾', '宣布', '披露', '发布', '上调', '下调', '维持', '拉升', '回落', '表示'];
const NOUNS = ['目标价', '评级', '营收', '净利润', '市场份额', '产能', '订单', '政策', '报告', '数据', '投资者', '供应链'];
const CLAUSES = ['截至收盘', '据悉', '业内人士认为', '数据显示', '公告显示', '分析师指出', '市场人士表示', '值得注意的是', '从盘面上看', '与此同时'];
const PUNCT = ['，', '，', '，', '；', '。'];

export const SHAPES = ['corpus', 'duplicates', 'tags'];
/** Distinct tag names a post in the `tags` shape (Zipf-like draws leave ~95 % of them used). */
const TAGS_PER_POST = 0.18;
/** Posts per shared source link in the `duplicates` shape. */
const SHARING = 230;
const FOOTER = '<https://example.com/subscribe>';

/** mulberry32: small, fast, and the same on every platform. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n, w = 2) => String(n).padStart(w, '0');

function makeText(rnd) {
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const number = () => (rnd() < 0.5 ? `${Math.floor(rnd() * 100)}.${pad(Math.floor(rnd() * 100))}%` : `${Math.floor(rnd() * 900) + 10}亿元`);
  const sentence = () => {
    let s = rnd() < 0.4 ? `${pick(CLAUSES)}，` : '';
    const parts = 2 + Math.floor(rnd() * 4);
    for (let i = 0; i < parts; i++) {
      s += `${pick(rnd() < 0.5 ? SUBJECTS : COMPANIES)}${pick(VERBS)}${rnd() < 0.5 ? number() : pick(NOUNS)}`;
      s += i === parts - 1 ? '。' : pick(PUNCT.slice(0, 4));
    }
    return s;
  };
  const stock = () => {
    const i = Math.floor(rnd() * COMPANIES.length);
    return `<span id="stock_0.${CODES[i]}"><a href="http://quote.eastmoney.com/unify/r/0.${CODES[i]}" class="keytip" data-code="0,${CODES[i]}">${COMPANIES[i]}</a></span><span id="quote_0.${CODES[i]}"></span>`;
  };
  const title = () => `${pick(COMPANIES)}：${pick(SUBJECTS)}${pick(VERBS)}${number()} ${pick(NOUNS)}${pick(VERBS)}`;
  return { pick, sentence, stock, title };
}

/** One post's front matter and body; `mistakes` collects what went in on purpose. */
function makePost(rnd, text, post, mistakes) {
  const { kind, title, date, offset, category, tag, id, source } = post;
  const tags = post.extraTags ? `[${[tag, ...post.extraTags].join(', ')}]` : tag;
  const fm = ['---', 'layout: post', `title: "${title}"`, `date: ${date}${offset ? ' +0800' : ''}`, `categories: ${category}`, `tags: ${tags}`, '---'];
  let body;
  if (kind === 'short') {
    const paragraph = Array.from({ length: 1 + Math.floor(rnd() * 3) }, text.sentence).join('');
    body = `\n${paragraph}\n\n${source ? `<${source}>` : ''}${rnd() < 0.5 ? `\n\n[返回东财滚动新闻](//finews.withounder.com/emnews/)\n[返回首页](//finews.withounder.com/)` : ''}`;
  } else {
    const size = 1 + Math.floor(rnd() ** 2 * 14);
    const paragraphs = Array.from({ length: size }, () => `<p>${Array.from({ length: 2 + Math.floor(rnd() * 4) }, () => (rnd() < 0.2 ? text.stock() : '') + text.sentence()).join('')}</p>`);
    const html = `<p style="display:none;height:1px;overflow:hidden;"><br /></p><!-- EM_StockImg_Start --><p style="text-align:center;"><img src="https://webquoteklinepic.eastmoney.com/GetPic.aspx?nid=0.${text.pick(CODES)}&imageType=k" border="0" alt="K图" width="578" height="276" /></p><!-- EM_StockImg_End -->${paragraphs.join(kind === 'nw' ? '\n ' : '')}<p class="em_media">（文章来源：${post.sourceName}）</p>`;
    const footer =
      kind === 'nw' ? `[返回${tag}](//finews.withounder.com/category/${category}.html)｜[返回首页](//finews.withounder.com/)` : '[返回东财滚动新闻](//finews.withounder.com/emnews/)｜[返回首页](//finews.withounder.com/)';
    const digest = kind === 'long' ? `> ${text.sentence()}${text.sentence()}（${post.sourceName}）\n\n` : '';
    body = `${digest}${html}\n\n${source ? `<${source}>\n\n` : ''}${footer}\n`;
  }
  // A scraper pasting HTML with CRLF: every other body line, as in the corpus.
  const shown = post.mixed ? body.split('\n').map((line, i, all) => (i % 2 === 0 && i < all.length - 1 ? `${line}\r` : line)).join('\n') : body;
  let out = `${fm.join('\n')}\n${shown}`;
  if (post.displaced) {
    mistakes.displacedFrontMatter++;
    out = `\n${out}`;
  }
  return out;
}

/**
 * Names of stocks, companies and people, `vocabulary` of them, drawn
 * Zipf-like (s = 1.1): `draw(k)` gives k distinct names. Its own random
 * stream, so the posts' other bytes are those of a site without it.
 */
function zipfTags(vocabulary, seed) {
  const rnd = random(seed ^ 0x5bd1e995);
  const cdf = new Float64Array(vocabulary);
  let total = 0;
  for (let i = 0; i < vocabulary; i++) cdf[i] = total += 1 / (i + 1) ** 1.1;
  const name = (i) => `${COMPANIES[i % COMPANIES.length]}${SUBJECTS[Math.floor(i / COMPANIES.length) % SUBJECTS.length]}${i}`;
  const one = () => {
    const x = rnd() * total;
    let lo = 0;
    let hi = vocabulary - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return (k) => {
    const picked = new Set();
    while (picked.size < Math.min(k, vocabulary)) picked.add(one());
    return [...picked].map(name);
  };
}

/**
 * Write a site of `count` posts into `dir`: `_config.yml`, `_layouts/`,
 * `index.md` and `_posts/`. Returns the file names and how many posts carry
 * each deliberate mistake.
 */
export async function generateSite(dir, count, seed = 1, shape = 'corpus') {
  if (!SHAPES.includes(shape)) throw new Error(`unknown shape ${shape} (known: ${SHAPES.join(', ')})`);
  const vocabulary = shape === 'tags' ? Math.round(count * TAGS_PER_POST) : 0;
  const rnd = random(seed);
  const draw = vocabulary > 0 ? zipfTags(vocabulary, seed) : null;
  const tagRnd = random(seed ^ 0x27d4eb2f);
  const text = makeText(rnd);
  mkdirSync(path.join(dir, '_posts'), { recursive: true });
  mkdirSync(path.join(dir, '_layouts'), { recursive: true });
  writeFileSync(
    path.join(dir, '_config.yml'),
    'theme: jekyll-theme-minimal\n\nlang: zh-CN\ntitle: 金融消息\nurl: https://finews.withounder.com\ntimezone: Asia/Shanghai\n\nplugins:\n  - jekyll-feed\n',
  );
  writeFileSync(path.join(dir, '_layouts', 'default.html'), '<!DOCTYPE html>\n<html lang="zh-CN"><body>{{ content }}</body></html>\n');
  writeFileSync(path.join(dir, '_layouts', 'post.html'), '---\nlayout: default\n---\n<small>{{ page.date | date: "%Y-%m-%d %H:%M:%S" }}</small>\n<h1>{{ page.title }}</h1>\n{{ content }}\n');
  writeFileSync(path.join(dir, 'index.md'), '---\nlayout: default\ntitle: "首页"\npermalink: /\n---\n');

  const mistakes = Object.fromEntries(Object.keys(RATES).map((k) => [k, 0]));
  const files = [];
  // Site time, as the scraper sees it: Shanghai wall clock, kept as UTC fields.
  let clock = Date.UTC(2021, 11, 1, 8, 0, 0);
  let lastLong = null;
  for (let n = 0; n < count; n++) {
    clock += Math.floor(60_000 + rnd() * 540_000);
    const t = new Date(clock);
    const day = `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
    const date = `${day} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
    const id = `${day.replaceAll('-', '')}22${pad(n, 8)}`;
    const roll = rnd();
    const kind = roll < 0.35 ? 'short' : roll < 0.75 ? 'long' : 'nw';
    const [srcCategory, srcName] = text.pick(SOURCES);
    let post = {
      kind,
      id,
      title: text.title(),
      date,
      offset: true,
      category: 'emnews',
      tag: '东财滚动新闻',
      sourceName: srcName,
      source: `http://finance.eastmoney.com/news/${1340 + Math.floor(rnd() * 20)},${id}.html`,
    };
    let name = `${day}-${id}.md`;
    if (kind === 'short') {
      if (rnd() < RATES.noOffset) {
        post.offset = false;
        mistakes.noOffset++;
      }
      post.displaced = rnd() < RATES.displacedFrontMatter;
    }
    if (kind === 'nw') {
      const twin = lastLong && rnd() < RATES.nwTwin;
      if (twin) mistakes.nwTwin++;
      post = {
        ...post,
        ...(twin ? { title: lastLong.title, date: lastLong.date, id: lastLong.id, sourceName: lastLong.sourceName } : {}),
        category: twin ? text.pick(SOURCES)[0] : srcCategory,
        tag: `${twin ? lastLong.sourceName : srcName}新闻`,
      };
      if (twin) lastLong = null;
      post.source = `http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW${post.id}`;
      name = `${post.date.slice(0, 10)}-NW${post.id}.md`;
      if (rnd() < RATES.mixedLineEndings) {
        post.mixed = true;
        mistakes.mixedLineEndings++;
      }
    }
    if (kind === 'long') lastLong = post;
    if (draw) post.extraTags = draw(3 + Math.floor(tagRnd() * 4));
    if (rnd() < RATES.spacedCategory) {
      post.category = text.pick(SPACED);
      mistakes.spacedCategory++;
    }
    if (rnd() < RATES.quotedTitle) {
      post.title = `${post.title} "${text.pick(COMPANIES)}"`;
      mistakes.quotedTitle++;
    }
    if (shape === 'duplicates') post.source = rnd() < 0.5 ? null : `http://finance.eastmoney.com/news/1345,shared${Math.floor(n / SHARING)}.html`;
    let content = makePost(rnd, text, post, mistakes);
    if (shape === 'duplicates') content = `${content.replace(/\n*$/, '')}\n\n${FOOTER}\n`;
    if (rnd() < RATES.scraperFailure) {
      mistakes.scraperFailure++;
      name = `-${kind === 'nw' ? 'NW' : ''}${post.id}.md`;
      content = content.replace(/^title: .*$/m, 'title: ""').replace(/^date: .*$/m, 'date:  +0800').replace(/^<http[^>]*>$/m, '<>');
    }
    writeFileSync(path.join(dir, '_posts', name), content);
    files.push(name);
  }
  return { dir, files, mistakes };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir, count, seed, shape] = process.argv.slice(2);
  if (!dir || !count || !/^\d+$/.test(count)) {
    process.stderr.write(`usage: node bench/generate.js DIR COUNT [SEED] [${SHAPES.join('|')}]\n`);
    process.exitCode = 2;
  } else {
    const started = Date.now();
    const { files, mistakes } = await generateSite(path.resolve(dir), Number(count), seed === undefined ? 1 : Number(seed), shape);
    process.stdout.write(`${files.length} posts in ${path.resolve(dir)} (${((Date.now() - started) / 1000).toFixed(1)} s); mistakes: ${JSON.stringify(mistakes)}\n`);
  }
}
