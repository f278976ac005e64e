/**
 * Liquid's verdict on a post, for the post model: what stops Jekyll's build
 * (`liquid-syntax`) and what Liquid drops while the build goes on
 * (`liquid-output`), with the spans a fix wraps in `{% raw %}`.
 */
import { SKIP_REASONS, type Post } from '../post/parse.js';
import { defaultsFor, type Site } from '../site/config.js';
import { analyseLiquid, type LiquidAnalysis, type LiquidDrop } from './analyse.js';
import { codeRegions, inRegions } from './code.js';
import { cutsExcerpt, excerptOf, excerptSeparator } from './excerpt.js';
import { wrappable } from './literal.js';
import { liquidSetup, missingReference, namesIncludesDefine } from './site.js';
import { hasLiquid, liquidSpans } from './tokenize.js';

/** A finding, with its span in the body: [start, end). */
export interface LiquidFinding {
  rule: 'liquid-syntax' | 'liquid-output';
  message: string;
  start: number;
  end: number;
  /** `{% raw %}…{% endraw %}` around the span shows the text as written (and the text is plainly not meant as Liquid). */
  fixable: boolean;
}

export interface LiquidVerdict {
  /** What stops the build, in Jekyll's words (what it prints after "Liquid Exception:"). */
  fatal: string | null;
  findings: LiquidFinding[];
}

/** Jekyll's Document#render_with_liquid?: off by `render_with_liquid: false` (front matter, else defaults) or with no `{{`/`{%`. */
export function rendersWithLiquid(post: Pick<Post, 'body' | 'data' | 'path'>, site: Site): boolean {
  if (!hasLiquid(post.body)) return false;
  const flag = Object.hasOwn(post.data, 'render_with_liquid') ? post.data.render_with_liquid : defaultsFor(site, post.path).render_with_liquid;
  return flag !== false;
}

/**
 * Run the Liquid stage on a parsed post: its verdict in `post.liquid`, its
 * findings in `post.problems`, and `skip: build-error` when Jekyll would
 * render the post and stop there.
 */
export function readLiquid(post: Post, site: Site): void {
  if (!post.validUtf8 || !rendersWithLiquid(post, site)) return;
  const defaults = defaultsFor(site, post.path);
  // A post with an excerpt of its own has no excerpt cut from its body (Document#generate_excerpt).
  const data = cutsExcerpt(post.data, defaults) ? { ...defaults, ...post.data } : { ...defaults, ...post.data, excerpt_separator: '' };
  const verdict = liquidVerdict(post.body, site, post.path, data);
  post.liquid = verdict;
  const skip = post.jekyll.skip;
  for (const f of verdict.findings) {
    const lineStart = post.body.lastIndexOf('\n', f.start - 1) + 1;
    // A post Jekyll does not render now (a draft, future, unpublished) stops the build once it is.
    const message = skip && f.rule === 'liquid-syntax' ? f.message.replace('Jekyll stops the whole build', `once Jekyll builds this post (not now: ${SKIP_REASONS[skip]}), it stops the whole build`) : f.message;
    post.problems.push({ rule: f.rule, message, line: post.bodyLine + countNewlines(post.body, f.start), column: f.start - lineStart + 1 });
  }
  if (verdict.fatal && post.jekyll.skip === null) {
    post.jekyll.skip = 'build-error';
    post.jekyll.fatal = verdict.fatal;
  }
}

function countNewlines(s: string, end: number): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0 && i < end; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** The verdict on a body Jekyll runs through Liquid. */
export function liquidVerdict(body: string, site: Site, postPath: string, data: Record<string, unknown> = {}): LiquidVerdict {
  const analysis = analyseLiquid(body, liquidSetup(site));
  const drops = withoutIncluded(analysis, site, postPath);
  const excerptText = analysis.error ? null : excerptOf(body, excerptSeparator(data, site.config));
  const findings: LiquidFinding[] = [];
  let fatal: string | null = null;
  const quote = (start: number, end: number) => `"${excerpt(body.slice(start, end), 60)}"`;
  if (analysis.error) {
    const e = analysis.error;
    fatal = e.message;
    findings.push({
      rule: 'liquid-syntax',
      message: `${quote(e.start, e.end)}: ${e.explanation}; Jekyll stops the whole build ("${e.message}")`,
      start: e.start,
      end: e.end,
      fixable: e.notLiquid && wrappable(body.slice(e.start, e.end)),
    });
  } else if (excerptText !== null) {
    // The excerpt is rendered on its own: Liquid cut at the separator may stop the build there.
    const e = analyseLiquid(excerptText, liquidSetup(site)).error;
    if (e && excerptText.slice(0, e.end) === body.slice(0, e.end)) {
      // jekyll-feed shows the excerpts of the newest posts: a new post's stops the build.
      if (liquidSetup(site).feed) fatal = e.message;
      findings.push({
        rule: 'liquid-syntax',
        message: `${quote(e.start, e.end)}: the excerpt (the text before the first blank line) ends inside it; wherever the excerpt is shown (jekyll-feed, a layout with post.excerpt), Jekyll stops the whole build ("${e.message}")`,
        start: e.start,
        end: e.end,
        fixable: e.notLiquid && wrappable(body.slice(e.start, e.end)),
      });
    }
  }
  if (!analysis.error) {
    // Rendering: the first look-up that fails stops the build.
    for (const ref of analysis.references) {
      const missing = missingReference(site, postPath, ref);
      if (!missing) continue;
      fatal = missing;
      findings.push({ rule: 'liquid-syntax', message: `${quote(ref.start, ref.end)}: Jekyll stops the whole build ("${missing}")`, start: ref.start, end: ref.end, fixable: false });
      break;
    }
  }
  const code = body.includes('`') || /<(?:code|pre)\b/i.test(body) ? codeRegions(body) : [];
  const seen = new Set<number>();
  if (code.length > 0) {
    for (const span of liquidSpans(body)) {
      if ((span.kind === 'block' && span.name !== 'comment') || !inRegions(code, span.start, span.end)) continue;
      if (analysis.error && span.start >= analysis.error.start) break;
      seen.add(span.start);
      const written = body.slice(span.start, span.end);
      const drop = drops.some((d) => d.start === span.start);
      const shown = span.kind === 'output' ? (drop ? 'renders nothing' : 'shows a value, not the text') : 'is run, not shown';
      findings.push({
        rule: 'liquid-output',
        message: `Liquid runs before Markdown: in code, ${quote(span.start, span.end)} ${shown}${drop ? `; the reader sees ${seesInstead(body, span.start, span.end)}` : ''}`,
        start: span.start,
        end: span.end,
        fixable: wrappable(written),
      });
    }
  }
  for (const drop of drops) {
    if (seen.has(drop.start)) continue;
    findings.push({
      rule: 'liquid-output',
      message: `${quote(drop.start, drop.end)} renders nothing (${drop.why}): the reader sees ${seesInstead(body, drop.start, drop.end)}`,
      start: drop.start,
      end: drop.end,
      fixable: wrappable(body.slice(drop.start, drop.end)),
    });
  }
  return { fatal, findings: findings.sort((a, b) => a.start - b.start) };
}

/** The drops left once the names the post's includes define are known: all of an undefined name's go when finews cannot tell. */
function withoutIncluded(analysis: LiquidAnalysis, site: Site, postPath: string): LiquidDrop[] {
  if (analysis.includes.length === 0 || !analysis.drops.some((d) => d.root !== null)) return analysis.drops;
  const names = namesIncludesDefine(site, postPath, analysis.includes);
  return analysis.drops.filter((d) => d.root === null || (names !== null && !names.has(d.root)));
}

/** Passes of fixLiquid: each wraps what the last left; a body needs one per block closed by a wrong tag. */
const FIX_PASSES = 10;

/**
 * The body with what `lint --fix` wraps in `{% raw %}` wrapped (text that stops
 * the build and is not meant as Liquid, outputs that render nothing, Liquid in
 * code), for a body finews writes (`new --body-file`). `fatal`: what still stops
 * the build (a missing include: meant as Liquid, so not wrapped).
 */
export function fixLiquid(body: string, site: Site, postPath: string): { body: string; wrapped: string[]; fatal: string | null } {
  const wrapped: string[] = [];
  if (!rendersWithLiquid({ body, data: {}, path: postPath }, site)) return { body, wrapped, fatal: null };
  for (let pass = 0; pass < FIX_PASSES; pass++) {
    const verdict = liquidVerdict(body, site, postPath);
    const spans = verdict.findings.filter((f) => f.fixable);
    if (spans.length === 0) return { body, wrapped, fatal: verdict.fatal };
    wrapped.push(...spans.map((f) => body.slice(f.start, f.end)));
    body = wrapInRaw(body, spans);
  }
  return { body, wrapped, fatal: liquidVerdict(body, site, postPath).fatal };
}

/** The body with each span wrapped in `{% raw %}…{% endraw %}` (spans do not overlap). */
export function wrapInRaw(body: string, spans: readonly { start: number; end: number }[]): string {
  let out = body;
  for (const s of [...spans].sort((a, b) => b.start - a.start)) out = `${out.slice(0, s.start)}{% raw %}${out.slice(s.start, s.end)}{% endraw %}${out.slice(s.end)}`;
  return out;
}

/** The line around a span, with the span gone: what the reader sees instead. */
function seesInstead(body: string, start: number, end: number): string {
  const lineStart = body.lastIndexOf('\n', start - 1) + 1;
  let lineEnd = body.indexOf('\n', end);
  if (lineEnd < 0) lineEnd = body.length;
  const before = body.slice(Math.max(lineStart, start - 30), start);
  const after = body.slice(end, Math.min(lineEnd, end + 30));
  return `"${before}${after}"`.replace(/\r/g, '');
}

function excerpt(s: string, max: number): string {
  const one = s.replace(/\r?\n/g, '⏎');
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
