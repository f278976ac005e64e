import { stringifyPost } from '../../post/stringify.js';
import { modelRule } from '../model-rule.js';

export default modelRule({
  id: 'front-matter-missing',
  description: 'no front matter, or front matter Jekyll cannot see because something stands before it',
  severity: 'error',
  // Only displaced front matter can be fixed: what stands before it is white space.
  canFix: (post) => post.displacedFrontMatter > 0,
  fix: (post) => stringifyPost({ bom: post.bom, frontMatter: null, body: post.text.slice(post.displacedFrontMatter) }),
});
