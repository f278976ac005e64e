import { hasLiquid, liquidSpans, type LiquidSpan } from '../liquid/tokenize.js';
import { isText, tagOf, walk, type DomElement } from './dom.js';

/**
 * Liquid in a post body is not HTML: Jekyll runs it before kramdown, so a
 * `{% highlight %}`, `{% raw %}` or `{% comment %}` block and every
 * `{% … %}` and `{{ … }}` must come out byte for byte, never parsed as markup
 * nor escaped (a `|` filter escaped breaks the tag). Each span (found by
 * Liquid's own tokenizer, `src/liquid/`) is swapped for a placeholder of
 * private-use characters, which neither the HTML parser, the Markdown
 * escaping nor kramdown's block finder treats as markup, and put back after.
 */
const OPEN = '\uE000';
const CLOSE = '\uE001';
const PLACEHOLDER = /\uE000([0-9a-z]+)\uE001/g;

/**
 * The spans that stand aside: `raw`, `comment` and `highlight` blocks
 * whole, and tags and outputs that hold no markup. A `{{` whose output runs
 * over HTML tags to the next `}` is stray braces in HTML, not Liquid anyone
 * wrote: it converts with the HTML around it.
 */
function spansOf(text: string): LiquidSpan[] {
  return liquidSpans(text).filter((span) => span.kind === 'block' || !/<[A-Za-z/!?]/.test(text.slice(span.start, span.end)));
}

export interface ProtectedLiquid {
  /** The text with each Liquid span replaced by its placeholder. */
  text: string;
  /** Put the spans back in place of their placeholders. */
  restore(converted: string): string;
  /**
   * Whether the spans in `converted` come in the order they were written.
   * The HTML parser moves text it finds where a table or a list holds only
   * rows or items (`<tr>{% for %}…`) out before the table; a loop so moved
   * no longer repeats what it held.
   */
  inOrder(converted: string): boolean;
}

/** Null when there is no Liquid (or the text already holds the placeholder characters). */
export function protectLiquid(text: string): ProtectedLiquid | null {
  if (!hasLiquid(text) || text.includes(OPEN) || text.includes(CLOSE)) return null;
  const spans = spansOf(text);
  if (spans.length === 0) return null;
  const kept: string[] = [];
  let out = '';
  let at = 0;
  for (const span of spans) {
    out += `${text.slice(at, span.start)}${OPEN}${kept.length.toString(36)}${CLOSE}`;
    kept.push(text.slice(span.start, span.end));
    at = span.end;
  }
  out += text.slice(at);
  return {
    text: out,
    restore: (converted) => converted.replace(PLACEHOLDER, (m, index: string) => kept[Number.parseInt(index, 36)] ?? m),
    inOrder: (converted) => {
      let last = -1;
      for (const m of converted.matchAll(PLACEHOLDER)) {
        const index = Number.parseInt(m[1]!, 36);
        if (index <= last) return false;
        last = index;
      }
      return true;
    },
  };
}

/** Elements whose content is parts (items, rows, cells, options): text between the parts is no content of theirs. */
const PARTS_ONLY = new Set(['ul', 'ol', 'dl', 'menu', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'colgroup', 'select', 'optgroup']);

/**
 * Whether Liquid stands between the parts of a list or a table (`root` is
 * `html` parsed)
 * (`<ul>{% for %}<li>…</li>{% endfor %}</ul>`): Markdown has no place for it
 * there, so the HTML must stay as written for the loop to repeat its items.
 */
export function liquidBetweenParts(html: string, root: DomElement): boolean {
  if (!html.includes(OPEN)) return false;
  let found = false;
  walk(root, (node) => {
    if (found) return false;
    if (isText(node) && node.data.includes(OPEN) && PARTS_ONLY.has(tagOf(node.parentNode))) found = true;
    return undefined;
  });
  return found;
}

/**
 * For `--verify`: each Liquid tag and output left after the Liquid stage
 * (what only the site can render: `{% include %}`, `{{ page.x | url }}`)
 * becomes one opaque word in every one of `texts`, when it is written the
 * same in all of them. kramdown then neither typesets its quotes nor reads
 * its `|` as a table, as it never does in Jekyll, where Liquid has run
 * first. A span the conversion changed is left as text, so the texts differ.
 */
export function opaqueLiquid(texts: readonly string[]): string[] {
  if (texts.some((text) => !hasLiquid(text) || text.includes(OPEN))) return [...texts];
  const spans = texts.map((text) => spansOf(text).map((span) => ({ ...span, written: text.slice(span.start, span.end) })));
  const shared = spans.map((list) => new Set(list.map((span) => span.written))).reduce((a, b) => new Set([...a].filter((w) => b.has(w))));
  const ids = new Map([...shared].map((written, id) => [written, id]));
  return texts.map((text, i) => {
    let out = '';
    let at = 0;
    for (const span of spans[i]!) {
      const id = ids.get(span.written);
      if (id === undefined) continue;
      out += `${text.slice(at, span.start)}${OPEN}${id.toString(36)}${CLOSE}`;
      at = span.end;
    }
    return out + text.slice(at);
  });
}
