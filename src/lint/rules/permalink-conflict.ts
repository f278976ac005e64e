import { keyPosition } from '../position.js';
import type { SiteRule } from '../types.js';
import { excerpt } from '../../excerpt.js';
import { polyglotOf, postLanguage } from '../../site/polyglot.js';

const rule: SiteRule = {
  id: 'permalink-conflict',
  description: 'two posts with one destination: Jekyll writes one over the other',
  severity: 'error',
  fixable: false,
  keys(post, ctx) {
    const { skip, destination } = post.jekyll;
    if (skip || !destination) return [];
    const at = Object.hasOwn(post.data, 'permalink') ? keyPosition(post, 'permalink') : { line: 1 };
    // Named by the destination, so that every post of a group words it alike (`/a/` and `/a/index.html` are one file).
    const shown = destination.endsWith('/index.html') ? destination.slice(0, -'index.html'.length) : destination;
    // With jekyll-polyglot each language is built on its own, the others under /<lang>/.
    const polyglot = polyglotOf(ctx.site);
    if (polyglot) {
      const lang = postLanguage(polyglot, ctx.site, post.path, post.data);
      if (lang === null) return [];
      const prefix = lang === polyglot.defaultLang ? '' : `/${lang}`;
      return [{ key: `${prefix}${destination}`, line: at.line, label: `URL ${excerpt(`${prefix}${shown}`)}` }];
    }
    return [{ key: destination, line: at.line, label: `URL ${excerpt(shown)}` }];
  },
  message: (label, others) => `${label} is also the URL of ${others.join(', ')}: Jekyll writes one over the other`,
};

export default rule;
