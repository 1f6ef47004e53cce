import { resolverRule } from './resolver-finding.js';

export default resolverRule({
  id: 'yaml-syntax',
  category: 'resolver',
  defaultSeverity: 'error',
  description: 'A stack manifest, atmos.yaml or included file is not valid YAML as Atmos reads it',
});
