import { modelRule } from '../model-rule.js';

export default modelRule({
  id: 'encoding',
  description: 'not UTF-8, or NUL bytes',
  severity: 'error',
});
