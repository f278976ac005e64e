/**
 * Text that must reach the reader as written, through Jekyll's Liquid stage:
 * what `convert` makes of an HTML article (whose braces are text, never
 * Liquid), and the check `convert --verify` makes of it.
 */
import { analyseLiquid } from './analyse.js';
import { hasLiquid, liquidSpans } from './tokenize.js';

const OPENER = /\{%[\s\S]*?%\}|\{\{[\s\S]*?\}\}?|\{%|\{\{/g;
const RAW_OPEN = '{% raw %}';
const RAW_CLOSE = '{% endraw %}';

/**
 * The text with every Liquid construct in it (`{{…}}`, `{%…%}`, a lone `{{`
 * or `{%`) wrapped in `{% raw %}…{% endraw %}`, so that Jekyll renders exactly
 * the text given: in prose, in code and in HTML attributes alike. A construct
 * that holds `{% endraw %}` itself has only its opening braces wrapped.
 * Text with no `{{` and no `{%` comes back as it is.
 */
export function literalLiquid(text: string): string {
  if (!hasLiquid(text)) return text;
  let out = '';
  let at = 0;
  for (;;) {
    OPENER.lastIndex = at;
    const m = OPENER.exec(text);
    if (!m) return out + text.slice(at);
    const token = wrappable(m[0]) ? m[0] : m[0].slice(0, 2);
    out += `${text.slice(at, m.index)}${RAW_OPEN}${token}${RAW_CLOSE}`;
    at = m.index + token.length;
  }
}

/** Whether `{% raw %}` around the token holds it whole: nothing in it ends the raw block. */
export function wrappable(token: string): boolean {
  const wrapped = `${RAW_OPEN}${token}${RAW_CLOSE}`;
  const spans = liquidSpans(wrapped);
  return spans.length === 1 && spans[0]!.kind === 'block' && spans[0]!.end === wrapped.length;
}

/**
 * What Liquid makes of a body, as far as it can without the site's data:
 * `raw` blocks give their text, `comment` blocks nothing; every other tag and
 * output is left as written. Whitespace control on those blocks is applied.
 */
export function renderLiteral(body: string): string {
  if (!hasLiquid(body)) return body;
  let out = '';
  let at = 0;
  let trimNext = false;
  const text = (s: string) => {
    out += trimNext ? s.replace(/^[ \t\n\v\f\r]+/, '') : s;
    if (s !== '') trimNext = false;
  };
  for (const span of liquidSpans(body)) {
    text(body.slice(at, span.start));
    at = span.end;
    const written = body.slice(span.start, span.end);
    if (span.kind !== 'block' || (span.name !== 'raw' && span.name !== 'comment')) {
      text(written);
      continue;
    }
    const openEnd = body.indexOf('%}', span.start) + 2;
    if (written[2] === '-') out = out.replace(/[ \t\n\v\f\r]+$/, '');
    if (span.name === 'raw') {
      const inner = body.slice(openEnd, span.end);
      // Raw#parse: the body ends where the token holding {% endraw %} has its last {%.
      text(inner.slice(0, inner.lastIndexOf('{%')));
    }
    trimNext = body[openEnd - 3] === '-';
  }
  text(body.slice(at));
  return out;
}

export interface LiquidStage {
  /** The original body after the Liquid stage (see renderLiteral). */
  original: string;
  /** The converted body after the Liquid stage. */
  converted: string;
  /** What the conversion did to the Liquid stage, or null: a build it stops, text it loses. */
  problem: string | null;
}

/**
 * The Liquid stage of `convert --verify`. `originalIsLiquid`: the original is
 * a post body, which Jekyll runs through Liquid too (an HTML file is not: its
 * braces are text). The conversion must not stop the build, nor make Liquid
 * drop text, where the original did not.
 */
export function liquidStage(original: string, converted: string, originalIsLiquid: boolean): LiquidStage {
  const before = originalIsLiquid ? analyseLiquid(original) : { error: null, drops: [] };
  const after = analyseLiquid(converted);
  let problem: string | null = null;
  if (after.error && !before.error) {
    problem = `Liquid: the converted post stops Jekyll's build ("${after.error.message}" at "${converted.slice(after.error.start, after.error.end)}")`;
  } else if (after.drops.length > before.drops.length) {
    const d = after.drops[after.drops.length - 1]!;
    problem = `Liquid: "${converted.slice(d.start, d.end)}" in the converted post renders nothing (${d.why})`;
  }
  return { original: originalIsLiquid ? renderLiteral(original) : original, converted: renderLiteral(converted), problem };
}
