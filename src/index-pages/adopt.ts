import { parseFrontMatter, splitFrontMatter } from '../post/frontmatter.js';
import type { Site } from '../site/config.js';
import { inspectPage } from './apply.js';
import type { PlannedFile } from './plan.js';

/** Whether finews may take over a page it did not write, and why (or why not). */
export interface Verdict {
  adoptable: boolean;
  reason: string;
}

/** Front-matter keys that say what a page lists: where both pages have one, they must agree. */
const IDENTITY = ['category', 'tag', 'type', 'date'];

/** A list of links and nothing else: `<ul>`/`<ol>` of `<li>` items without blocks inside, or Markdown list items. */
const HTML_LIST = /^<(ul|ol)\b[^>]*>(?:\s*<li\b[^>]*>(?:(?!<\/?(?:ul|ol|li|div|p|table|script|style|form|iframe|h[1-6])\b)[^{}%])*<\/li>)*\s*<\/\1>$/i;
const MARKDOWN_ITEM = /^\s*(?:[-*+]|\d+\.)\s+[^{}%]*$/;

/**
 * A page another tool generated, at the path finews would write, is taken
 * over when it is plainly one: front matter, then nothing or a bare list (no
 * Liquid, no other text); the URL Jekyll gives it now is the one finews'
 * page gets (taking it over never moves a URL); and its front matter names
 * the same category, tag or date as finews' page, where it names one.
 */
export function judgeAdoption(existing: string, planned: PlannedFile, site: Site): Verdict {
  if (typeof planned.content !== 'string') return { adoptable: false, reason: 'not a page' };
  const no = (reason: string): Verdict => ({ adoptable: false, reason });
  const text = existing.replace(/^\uFEFF/, '');
  const split = splitFrontMatter(text);
  if (!split) return no('has no front matter');
  const theirs = parseFrontMatter(split.block, split.yaml).data;
  if (!theirs) return no('its front matter cannot be read');
  const body = split.body.trim();
  let shape: string;
  if (body === '') shape = 'front matter only';
  else if (HTML_LIST.test(body)) shape = 'front matter and a list';
  else if (body.split(/\r?\n/).every((line) => line.trim() === '' || MARKDOWN_ITEM.test(line))) shape = 'front matter and a list';
  else return no('has content of its own beyond front matter and a list');

  const ours = parseFrontMatter(...frontMatterOf(planned.content)).data ?? {};
  for (const key of IDENTITY) {
    if (Object.hasOwn(theirs, key) && Object.hasOwn(ours, key) && JSON.stringify(theirs[key]) !== JSON.stringify(ours[key])) {
      return no(`its ${key} is ${JSON.stringify(theirs[key])}, finews' page is for ${JSON.stringify(ours[key])}`);
    }
  }
  const now = inspectPage(planned.path, text, site).destination;
  const then = inspectPage(planned.path, planned.content, site).destination;
  if (now !== then) return no(`Jekyll writes it to ${now}, finews' page would go to ${then}: set the permalink setting so that they agree`);
  return { adoptable: true, reason: shape };
}

function frontMatterOf(content: string): [string, string] {
  const split = splitFrontMatter(content)!;
  return [split.block, split.yaml];
}
