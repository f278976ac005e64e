/** Jekyll's Utils.slugify, mode by mode (`latin` transliterates before `default`). */
export type SlugifyMode = 'raw' | 'default' | 'pretty' | 'ascii' | 'latin';

const REPLACE: Record<Exclude<SlugifyMode, 'latin'>, RegExp> = {
  raw: /[ \t\r\n\f\v]+/g,
  default: /[^\p{M}\p{L}\p{Nd}]+/gu,
  pretty: /[^\p{M}\p{L}\p{Nd}._~!$&'()+,;=@]+/gu,
  ascii: /[^A-Za-z0-9]+/g,
};

export function slugify(input: string, mode: SlugifyMode = 'default', cased = false): string {
  let s = input;
  let m: Exclude<SlugifyMode, 'latin'>;
  if (mode === 'latin') {
    // I18n.transliterate: drop accents; what has no Latin form becomes "?".
    s = s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[^\x00-\x7F]/g, '?');
    m = 'default';
  } else {
    m = mode;
  }
  let slug = s.replace(REPLACE[m], '-');
  // Ruby's %r!^-|-$! works line by line.
  slug = slug.replace(/^-|-$/gm, '');
  return cased ? slug : slug.toLowerCase();
}

/** Jekyll's Utils.titleize_slug: `my-first-post` → `My First Post` (Ruby's capitalize). */
export function titleizeSlug(slug: string): string {
  return slug
    .split('-')
    .map((word) => (word ? word[0]!.toUpperCase() + word.slice(1).toLowerCase() : word))
    .join(' ');
}
