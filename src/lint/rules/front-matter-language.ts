import { modelRule } from '../model-rule.js';

export default modelRule({
  id: 'front-matter-language',
  description: 'a front matter fence naming another language (---js): Jekyll shows it as text; never evaluated',
  severity: 'error',
});
