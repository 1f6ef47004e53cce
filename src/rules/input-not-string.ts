import { quoteScalarEdit } from './shape-edits.js';
import { shapeRule } from './shape-rule.js';

export default shapeRule(
  {
    id: 'input-not-string',
    category: 'shape',
    defaultSeverity: 'error',
    description: 'A workflow input that is not a string (GitHub dispatch inputs are strings)',
    messages: {
      scalar:
        'Workflow input `{input}` is the {kind} `{source}`, but GitHub dispatch inputs are strings; quote it: `{quoted}`.',
      null: 'Workflow input `{input}` is empty (null), but GitHub dispatch inputs are strings; write `""` or remove the input.',
      compound:
        'Workflow input `{input}` is a {kind}, but GitHub dispatch inputs are strings; pass it as one string (e.g. JSON text) instead.',
    },
    fixable: true,
  },
  {
    // The message shows the value as it will be written (`1_000` stays `"1_000"`).
    data: (_ctx, f): Record<string, string> => {
      const edit = f.problem.messageId === 'scalar' ? quoteScalarEdit(f.loc) : undefined;
      return edit ? { source: JSON.parse(edit.text) as string, quoted: edit.text } : {};
    },
    fixes: () => (f) => {
      if (f.problem.messageId !== 'scalar' || !f.editable) return undefined;
      const edit = quoteScalarEdit(f.loc);
      return edit ? [edit] : undefined;
    },
  },
);
