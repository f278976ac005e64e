import { modelRule } from '../model-rule.js';

export default modelRule({
  id: 'filename-date-mismatch',
  description: 'the file name\'s date differs from the day Jekyll dates the post, in the site time zone',
  severity: 'warn',
});
