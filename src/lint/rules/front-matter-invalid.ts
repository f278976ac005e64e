import { modelRule } from '../model-rule.js';

export default modelRule({
  id: 'front-matter-invalid',
  description: 'front matter YAML that Jekyll cannot read',
  severity: 'error',
});
