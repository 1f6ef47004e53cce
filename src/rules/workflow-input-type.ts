import {
  CONTRACT_MESSAGES,
  contractFindings,
  contractMessage,
  dispatchPath,
} from '../simulate/dispatch-contract.js';
import { defineRule } from './types.js';

export default defineRule({
  meta: {
    id: 'workflow-input-type',
    category: 'workflow',
    defaultSeverity: 'error',
    description:
      'A dispatched input value does not fit the boolean, number or choice type the workflow declares',
    messages: CONTRACT_MESSAGES['workflow-input-type'],
    fixable: false,
  },
  check(ctx) {
    for (const f of contractFindings(ctx, 'workflow-input-type')) {
      const m = contractMessage(f.problem, f.file);
      const path = dispatchPath(f, 'inputs', f.problem.input);
      ctx.report({
        messageId: m.messageId,
        data: m.data,
        // The value as written (a template is shown where it was written; the message has its rendering).
        loc: ctx.provenance(f.instance, path)[0]?.value ?? ctx.locate(f.instance, path),
        instance: f.instance,
        related: [{ loc: f.problem.def.loc, message: `\`${f.problem.def.id}\` is declared here` }],
      });
    }
  },
});
