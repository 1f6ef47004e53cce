import { resolverRule } from './resolver-finding.js';

export default resolverRule({
  id: 'import-cycle',
  category: 'resolver',
  defaultSeverity: 'error',
  description: 'Manifests import each other in a cycle',
});
