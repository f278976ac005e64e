import { modelRule } from '../model-rule.js';

export default modelRule({
  id: 'encoding',
  description: 'not UTF-8, NUL bytes, or a byte order mark',
  severity: 'error',
});
