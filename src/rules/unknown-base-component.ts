import { resolverRule } from './resolver-finding.js';

export default resolverRule({
  id: 'unknown-base-component',
  category: 'resolver',
  defaultSeverity: 'error',
  description: 'A component inherits from a component the stack does not define',
});
