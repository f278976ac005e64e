import { keyPosition } from '../position.js';
import type { SiteRule } from '../types.js';
import { excerpt } from '../../excerpt.js';

const rule: SiteRule = {
  id: 'permalink-conflict',
  description: 'two posts with one destination: Jekyll writes one over the other',
  severity: 'error',
  fixable: false,
  keys(post) {
    const { skip, destination } = post.jekyll;
    if (skip || !destination) return [];
    const at = Object.hasOwn(post.data, 'permalink') ? keyPosition(post, 'permalink') : { line: 1 };
    // Named by the destination, so that every post of a group words it alike (`/a/` and `/a/index.html` are one file).
    const shown = destination.endsWith('/index.html') ? destination.slice(0, -'index.html'.length) : destination;
    return [{ key: destination, line: at.line, label: `URL ${excerpt(shown)}` }];
  },
  message: (label, others) => `${label} is also the URL of ${others.join(', ')}: Jekyll writes one over the other`,
};

export default rule;
