import { resolverRule } from './resolver-finding.js';

export default resolverRule({
  id: 'import-outside-repo',
  category: 'resolver',
  defaultSeverity: 'error',
  description: 'An import or !include resolves outside the repository',
});
