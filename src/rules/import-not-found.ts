import { resolverRule } from './resolver-finding.js';

export default resolverRule({
  id: 'import-not-found',
  category: 'resolver',
  defaultSeverity: 'error',
  description: 'An import names no existing manifest',
});
