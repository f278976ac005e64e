import { createRequire } from 'node:module';
import { slugify } from './slugify.js';

// pinyin-pro carries a large dictionary: load it only when the pinyin style is asked for.
let pinyinModule: typeof import('pinyin-pro') | undefined;
const loadPinyin = () => (pinyinModule ??= createRequire(import.meta.url)('pinyin-pro') as typeof import('pinyin-pro'));

/**
 * How finews makes a slug from a title or a category name:
 * - `jekyll`: Jekyll's default slugify; keeps CJK (`2022微信公开课-主题是-入微`);
 * - `pinyin`: Han characters as toneless pinyin, a run of them written as one
 *   word as the real sites do (`e公司` → `egongsi`), the rest as `ascii`;
 * - `ascii`: accents dropped, anything else not A-Z/0-9 becomes a hyphen.
 */
export type SlugStyle = 'jekyll' | 'pinyin' | 'ascii';
export const SLUG_STYLES: readonly SlugStyle[] = ['jekyll', 'pinyin', 'ascii'];

/** File systems allow 255 bytes a name; leave room for the date and extension. */
const MAX_SLUG_BYTES = 200;

export function makeSlug(text: string, style: SlugStyle): string {
  let slug: string;
  if (style === 'jekyll') slug = slugify(text, 'default');
  else if (style === 'ascii') slug = slugify(text, 'latin');
  else slug = slugify(toPinyin(text), 'latin');
  return truncateSlug(slug);
}

/** Han characters to toneless pinyin, adjacent syllables joined: `南财理财通` → `nancailicaitong`. */
export function toPinyin(text: string): string {
  if (!/\p{Script=Han}/u.test(text)) return text;
  const parts = loadPinyin().pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true }) as string[];
  return parts.join('');
}

function truncateSlug(slug: string): string {
  if (Buffer.byteLength(slug) <= MAX_SLUG_BYTES) return slug;
  let out = '';
  for (const ch of slug) {
    if (Buffer.byteLength(out + ch) > MAX_SLUG_BYTES) break;
    out += ch;
  }
  return out.replace(/-+$/, '');
}
