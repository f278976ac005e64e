/**
 * The excerpt Jekyll makes of a post (Jekyll::Excerpt#extract_excerpt): the
 * body up to the first `excerpt_separator` ("\n\n" unless set), with the
 * Liquid blocks it leaves open closed. Jekyll renders it through Liquid on its
 * own, whenever a layout or a feed shows `post.excerpt` (jekyll-feed does for
 * the newest posts), so Liquid split across the separator can stop the build.
 */

/** Liquid blocks, as `Liquid::Template.tags[name] < Liquid::Block` (Liquid 5 and Jekyll's highlight). */
const BLOCK_TAGS = new Set(['capture', 'case', 'comment', 'for', 'if', 'ifchanged', 'raw', 'tablerow', 'unless', 'highlight']);

/** Excerpt::LIQUID_TAG_REGEX: Ruby's `\s` and `\w` are ASCII. */
const LIQUID_TAG = /\{%-?[ \t\n\v\f\r]*([A-Za-z0-9_]+)[ \t\n\v\f\r]*[\s\S]*?-?%\}/g;

/** Document#excerpt_separator: `(data["excerpt_separator"] || site.config["excerpt_separator"]).to_s`, the configuration's default "\n\n". */
export function excerptSeparator(data: Record<string, unknown>, config: Record<string, unknown>): string {
  const own = data.excerpt_separator;
  const separator = own !== undefined && own !== null && own !== false ? own : Object.hasOwn(config, 'excerpt_separator') ? config.excerpt_separator : '\n\n';
  return separator === null || separator === undefined ? '' : String(separator);
}

/**
 * Document#generate_excerpt (`data["excerpt"] ||= Excerpt.new(self)`): Jekyll
 * cuts an excerpt from the body only when the post gives none of its own, its
 * `excerpt` nil or false once `defaults:` and the front matter are merged (a
 * nil in the front matter keeps the default). A post with `excerpt:` set shows
 * that text wherever `post.excerpt` is shown, and its body is never cut.
 */
export function cutsExcerpt(data: Record<string, unknown>, defaults: Record<string, unknown>): boolean {
  const own = data.excerpt ?? defaults.excerpt;
  return own === undefined || own === null || own === false;
}

/** The excerpt's text, or null when it is the whole body (no separator in it, or none set). */
export function excerptOf(body: string, separator: string): string | null {
  if (separator === '') return null;
  const at = body.indexOf(separator);
  if (at < 0 || at + separator.length === body.length) return null;
  let head = body.slice(0, at);
  if (!head.includes('{%')) return head;
  const names = [...head.matchAll(LIQUID_TAG)].map((m) => m[1]!);
  for (const name of names.reverse()) {
    if (!BLOCK_TAGS.has(name)) continue;
    const end = new RegExp(`\\{%-?[ \\t\\n\\v\\f\\r]*end${name}[\\s\\S]*?[ \\t\\n\\v\\f\\r]*-?%\\}`);
    if (end.test(head)) continue;
    head += `\n{% end${name} %}`;
  }
  return head;
}
