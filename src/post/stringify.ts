import { field } from './frontmatter.js';
import type { Post } from './parse.js';

const BOM = '\uFEFF';

/** The post's bytes: front matter block and body as they are; unchanged parts stay byte-identical. */
export function stringifyPost(post: Pick<Post, 'bom' | 'frontMatter' | 'body'>): string {
  return (post.bom ? BOM : '') + (post.frontMatter?.block ?? '') + post.body;
}

/** The post's text with a new body; the front matter untouched. */
export function withBody(post: Post, body: string): string {
  return stringifyPost({ ...post, body });
}

/** The end-of-line the post uses (CRLF when most of its lines end so). */
export function eolOf(post: Pick<Post, 'eol'>): string {
  return post.eol === 'crlf' ? '\r\n' : '\n';
}

/**
 * The post's text with one top-level front-matter value replaced by `source`
 * (YAML text, e.g. `2021-12-08 10:18:31 +0800`), or the key added before the
 * closing fence. Only those bytes change. Returns null when the post has no
 * readable front matter to edit.
 */
export function withFrontMatterValue(post: Post, key: string, source: string): string | null {
  const fm = post.frontMatter;
  if (!fm || fm.error || !fm.fields) return null;
  const found = field(fm, key);
  const value = found?.value;
  let block: string;
  const inline = value && value.end > value.start && (value.type === 'PLAIN' || value.type === 'QUOTE_DOUBLE' || value.type === 'QUOTE_SINGLE') && !/[\r\n]/.test(fm.block.slice(found!.keyEnd, value.start));
  if (inline) {
    block = fm.block.slice(0, value.start) + source + fm.block.slice(value.end);
  } else if (found) {
    // No value, or a list, mapping or block scalar on the lines below: the new value goes after the colon, in its place.
    const colon = fm.block.indexOf(':', found.keyEnd);
    let end = value && value.end > value.start ? value.end : colon + 1;
    while (end > colon + 1 && (fm.block[end - 1] === '\n' || fm.block[end - 1] === '\r')) end--;
    block = `${fm.block.slice(0, colon + 1)} ${source}${fm.block.slice(end)}`;
  } else {
    const at = fm.yaml.length;
    const eol = eolOf(post);
    const lead = at > 0 && !fm.yaml.endsWith('\n') ? eol : '';
    block = `${fm.block.slice(0, at)}${lead}${key}: ${source}${eol}${fm.block.slice(at)}`;
  }
  return stringifyPost({ ...post, frontMatter: { ...fm, block } });
}

/**
 * A string as a YAML double-quoted scalar that Psych and every YAML 1.1/1.2
 * reader parse back to exactly this string: line breaks (including U+0085,
 * U+2028, U+2029, which YAML 1.1 folds), control characters and BOMs escaped.
 */
export function yamlQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f || (code >= 0x80 && code <= 0x9f) || code === 0x2028 || code === 0x2029 || code === 0xfeff || (code >= 0xd800 && code <= 0xdfff) || code === 0xfffe || code === 0xffff) {
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return `${out}"`;
}

/**
 * The post's text without one top-level front-matter key (its line, and the
 * lines of a list or block value below it); the other bytes untouched.
 * Returns the text unchanged when the key is absent, null when the front
 * matter cannot be edited.
 */
export function withoutFrontMatterKey(post: Post, key: string): string | null {
  const fm = post.frontMatter;
  if (!fm || fm.error || !fm.fields) return null;
  const found = field(fm, key);
  if (!found) return stringifyPost(post);
  const start = fm.block.lastIndexOf('\n', found.keyStart - 1) + 1;
  const last = found.value && found.value.end > found.value.start ? found.value.end : found.keyEnd;
  const newline = fm.block.indexOf('\n', last - (fm.block[last - 1] === '\n' ? 1 : 0));
  const end = newline < 0 || newline >= fm.yaml.length ? fm.yaml.length : newline + 1;
  return stringifyPost({ ...post, frontMatter: { ...fm, block: fm.block.slice(0, start) + fm.block.slice(end) } });
}
