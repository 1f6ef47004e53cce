import { shapeRule } from './shape-rule.js';

export default shapeRule({
  id: 'empty-workflows',
  category: 'shape',
  defaultSeverity: 'error',
  description: 'An activity with no workflows to dispatch',
  messages: {
    empty:
      '`{path}.workflows` is empty, so Atmos Pro dispatches nothing for `{activity}`. Add a workflow file with its inputs, or remove the activity.',
    missing:
      '`{path}` has no `workflows`, so Atmos Pro dispatches nothing for `{activity}`. Add `workflows` with a workflow file and its inputs, or remove the activity.',
  },
  fixable: false,
});
