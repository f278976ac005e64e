import { createRequire } from 'node:module';
import { slugify } from './slugify.js';

// pinyin-pro and its dictionary of words (@pinyin-pro/data's modern set, which reads 央行 as
// yanghang, not yangxing) are large: load them only when a pinyin style is asked for.
let pinyinModule: typeof import('pinyin-pro') | undefined;
function loadPinyin(): typeof import('pinyin-pro') {
  if (pinyinModule) return pinyinModule;
  const require = createRequire(import.meta.url);
  const pinyinPro = require('pinyin-pro') as typeof import('pinyin-pro');
  const words = require('@pinyin-pro/data/modern') as Record<string, string> | { default: Record<string, string> };
  pinyinPro.addDict('default' in words ? words.default : words);
  return (pinyinModule = pinyinPro);
}

/**
 * How finews makes a slug from a title or a category name:
 * - `jekyll`: Jekyll's default slugify; keeps CJK (`2022微信公开课-主题是-入微`);
 * - `pinyin`: Han characters as toneless pinyin read word by word (so 央行 is
 *   `yanghang`), words separated by hyphens as URL slugs are
 *   (`央行：加大金融支持` → `yanghang-jia-da-jinrong-zhichi`), the rest as `ascii`;
 * - `pinyin-joined`: the same readings run together, as some sites write their
 *   category slugs (`e公司` → `egongsi`);
 * - `ascii`: accents dropped, anything else not A-Z/0-9 becomes a hyphen.
 */
export type SlugStyle = 'jekyll' | 'pinyin' | 'pinyin-joined' | 'ascii';
export const SLUG_STYLES: readonly SlugStyle[] = ['jekyll', 'pinyin', 'pinyin-joined', 'ascii'];

/** File systems allow 255 bytes a name; leave room for the date and extension. */
const MAX_SLUG_BYTES = 200;

export function makeSlug(text: string, style: SlugStyle): string {
  let slug: string;
  if (style === 'jekyll') slug = slugify(text, 'default');
  else if (style === 'ascii') slug = slugify(text, 'latin');
  else slug = slugify(toPinyin(text, style === 'pinyin' ? '-' : ''), 'latin');
  return truncateSlug(slug);
}

/**
 * Han characters to toneless pinyin, read as words (a word's syllables joined:
 * 金融 → `jinrong`), the words joined by `separator`; text that is not Han is kept.
 */
export function toPinyin(text: string, separator = ''): string {
  if (!/\p{Script=Han}/u.test(text)) return text;
  const { segment, OutputFormat } = loadPinyin();
  const words = segment(text, { toneType: 'none', v: true, format: OutputFormat.AllSegment }) as { origin: string; result: string }[];
  let out = '';
  let han = false;
  for (const { origin, result } of words) {
    const isHan = /\p{Script=Han}/u.test(origin);
    // Word boundaries between Han words; other text passes through as it stands.
    if (isHan && han) out += separator;
    else if (isHan !== han && out !== '') out += separator;
    out += isHan ? result : origin;
    han = isHan;
  }
  return out;
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
