import {
  CONTRACT_MESSAGES,
  contractFindings,
  contractMessage,
  dispatchPath,
} from '../simulate/dispatch-contract.js';
import { defineRule } from './types.js';

export default defineRule({
  meta: {
    id: 'workflow-not-dispatchable',
    category: 'workflow',
    defaultSeverity: 'error',
    description: 'A dispatched workflow has no workflow_dispatch trigger',
    messages: CONTRACT_MESSAGES['workflow-not-dispatchable'],
    fixable: false,
  },
  check(ctx) {
    for (const f of contractFindings(ctx, 'workflow-not-dispatchable')) {
      const m = contractMessage(f.problem, f.file);
      const first = f.problem.workflow.triggers.values().next().value;
      ctx.report({
        messageId: m.messageId,
        data: m.data,
        loc: ctx.locate(f.instance, dispatchPath(f), { key: true }),
        instance: f.instance,
        related: first ? [{ loc: first.loc, message: `The triggers of \`${f.file}\`` }] : undefined,
      });
    }
  },
});
