import { shapeRule } from './shape-rule.js';

export default shapeRule({
  id: 'undocumented-activity',
  category: 'shape',
  defaultSeverity: 'warning',
  description: 'A GitHub release activity that Atmos Pro accepts but does not document',
  messages: {
    undocumented:
      '`release.{name}` is a GitHub release activity that Atmos Pro does not document; the documented one is `published` (it also fires for pre-releases published from drafts). Use `published` unless you have confirmed Atmos Pro dispatches `{name}`.',
    alongside:
      '`release.{name}` is a GitHub release activity that Atmos Pro does not document; this block already has the documented `published`. Remove `{name}` unless you have confirmed Atmos Pro dispatches it.',
  },
  fixable: false,
});
