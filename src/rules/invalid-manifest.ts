import { resolverRule } from './resolver-finding.js';

export default resolverRule({
  id: 'invalid-manifest',
  category: 'resolver',
  defaultSeverity: 'error',
  description: 'A stack manifest has a structure Atmos rejects',
});
