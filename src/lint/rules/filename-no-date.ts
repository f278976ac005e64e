import { modelRule } from '../model-rule.js';

export default modelRule({
  id: 'filename-no-date',
  description: 'a file in _posts without YYYY-MM-DD- in its name: Jekyll skips it silently',
  severity: 'error',
});
