import { modelRule } from '../model-rule.js';

export default modelRule({
  id: 'date-future',
  description: 'dated after now: Jekyll skips it unless future: true',
  severity: 'warn',
  // With future: true the site publishes it: nothing is hidden.
  applies: (_post, ctx) => !ctx.site.future,
});
