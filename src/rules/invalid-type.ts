import { shapeRule } from './shape-rule.js';

export default shapeRule({
  id: 'invalid-type',
  category: 'shape',
  defaultSeverity: 'error',
  description: 'A settings.pro value of the wrong type, such as a string where a map belongs',
  messages: {
    type: '`{path}` must be {expected}, not {actual}.',
    pro: '`settings.pro` must be a map, not {actual}: Atmos counts the instance as disabled and Atmos Pro dispatches nothing for it. Write a map such as `enabled: true` with the events to handle.',
    schema: '`{path}`: {message}.',
  },
  fixable: false,
});
