import { shapeRule } from './shape-rule.js';

export default shapeRule({
  id: 'misplaced-merge-group',
  category: 'shape',
  defaultSeverity: 'error',
  description: 'merge_group nested under another event instead of beside pull_request',
  messages: {
    nested:
      '`merge_group` is nested under `{parent}`, where Atmos Pro never looks for it; move it up to be a sibling of `pull_request` (`settings.pro.merge_group.checks_requested`).',
  },
  fixable: false,
});
