import { modelRule } from '../model-rule.js';

export default modelRule({
  id: 'title-empty',
  description: 'an empty or blank title',
  severity: 'error',
});
