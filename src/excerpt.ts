/** Characters of a value or line a message quotes; longer ones are cut with an ellipsis. */
export const EXCERPT_CHARS = 60;
/** Characters of a reason that may itself quote a value (a YAML error, a date that does not read). */
export const EXCERPT_LINE = 160;
/** Entries of a list a message names; longer lists say how many more. */
const EXCERPT_ITEMS = 5;

/**
 * A short excerpt of `value` for a message: the value itself when short, else
 * its first characters (never half a surrogate pair), an ellipsis and the full
 * length. A post with 50 000 tags or a megabyte-long line stays a one-line message.
 */
export function excerpt(value: string, max = EXCERPT_CHARS): string {
  if (value.length <= max) return value;
  let cut = max - 1;
  if (/[\ud800-\udbff]/.test(value[cut - 1]!)) cut--;
  return `${value.slice(0, cut)}… (${value.length} characters)`;
}

/** The first entries of a list, each an excerpt (`wrap` quotes it), then `and N more`: `"a", "b" and 49 998 more`. */
export function excerptList(items: readonly string[], wrap: (shown: string) => string = (s) => s, max = EXCERPT_ITEMS): string {
  const shown = items.slice(0, max).map((item) => wrap(excerpt(item)));
  return items.length > max ? `${shown.join(', ')} and ${items.length - max} more` : shown.join(', ');
}
