import { shapeRule } from './shape-rule.js';

export default shapeRule({
  id: 'unknown-key',
  category: 'shape',
  defaultSeverity: 'error',
  description: 'A settings.pro key that Atmos Pro does not know',
  messages: {
    suggest: 'Unknown key `{key}` in `{parent}`: did you mean `{suggestion}`?',
    misplaced: 'Unknown key `{key}` in `{parent}`: {sentence}.',
    unknown: 'Unknown key `{key}` in `{parent}`; Atmos Pro does not use it. Expected one of {expected}.',
  },
  fixable: false,
});
