import { resolverRule } from './resolver-finding.js';

export default resolverRule({
  id: 'template-unsupported-function',
  category: 'template',
  defaultSeverity: 'warning',
  description: 'A template calls a function atmos-pro-lint does not run, so its value cannot be simulated',
});
