import { modelRule } from '../model-rule.js';

export default modelRule({
  id: 'date-invalid',
  description: 'a date Jekyll cannot read: it stops the whole build',
  severity: 'error',
});
