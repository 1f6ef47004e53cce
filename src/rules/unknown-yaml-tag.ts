import { resolverRule } from './resolver-finding.js';

export default resolverRule({
  id: 'unknown-yaml-tag',
  category: 'resolver',
  defaultSeverity: 'error',
  description: 'A YAML tag that is not one of the Atmos YAML functions',
});
