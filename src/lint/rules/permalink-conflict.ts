import { keyPosition } from '../position.js';
import type { SiteRule } from '../types.js';
import { excerpt } from '../../excerpt.js';

const rule: SiteRule = {
  id: 'permalink-conflict',
  description: 'two posts with one destination: Jekyll writes one over the other',
  severity: 'error',
  fixable: false,
  keys(post) {
    const { skip, destination, url } = post.jekyll;
    if (skip || !destination) return [];
    const at = Object.hasOwn(post.data, 'permalink') ? keyPosition(post, 'permalink') : { line: 1 };
    return [{ key: destination, line: at.line, label: `URL ${excerpt(url ?? '')}` }];
  },
  message: (label, others) => `${label} is also the URL of ${others.join(', ')}: Jekyll writes one over the other`,
};

export default rule;
