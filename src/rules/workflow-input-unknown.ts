import {
  CONTRACT_MESSAGES,
  contractFindings,
  contractMessage,
  dispatchPath,
} from '../simulate/dispatch-contract.js';
import { defineRule } from './types.js';

export default defineRule({
  meta: {
    id: 'workflow-input-unknown',
    category: 'workflow',
    defaultSeverity: 'error',
    description: 'A dispatch passes an input the workflow does not declare under workflow_dispatch.inputs',
    messages: CONTRACT_MESSAGES['workflow-input-unknown'],
    fixable: false,
  },
  check(ctx) {
    const index = ctx.workflows();
    for (const f of contractFindings(ctx, 'workflow-input-unknown')) {
      const m = contractMessage(f.problem, f.file);
      const declared = index.workflows.get(f.file)?.dispatch?.loc;
      ctx.report({
        messageId: m.messageId,
        data: m.data,
        loc: ctx.locate(f.instance, dispatchPath(f, 'inputs', f.problem.input), { key: true }),
        instance: f.instance,
        related: declared ? [{ loc: declared, message: `The inputs \`${f.file}\` declares` }] : undefined,
      });
    }
  },
});
