import { resolverRule } from './resolver-finding.js';

export default resolverRule({
  id: 'conflicting-component',
  category: 'resolver',
  defaultSeverity: 'error',
  description: 'Two top-level manifests define the same component in the same stack differently',
});
