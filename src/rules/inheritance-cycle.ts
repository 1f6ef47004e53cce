import { resolverRule } from './resolver-finding.js';

export default resolverRule({
  id: 'inheritance-cycle',
  category: 'resolver',
  defaultSeverity: 'error',
  description: 'Components inherit from each other in a cycle',
});
