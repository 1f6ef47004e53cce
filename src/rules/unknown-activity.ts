import { shapeRule } from './shape-rule.js';

export default shapeRule({
  id: 'unknown-activity',
  category: 'shape',
  defaultSeverity: 'error',
  description: 'An event activity Atmos Pro does not dispatch on',
  messages: {
    unknown: 'Unknown `{event}` activity `{name}`: {hint}',
  },
  fixable: false,
});
