import {
  CONTRACT_MESSAGES,
  contractFindings,
  dispatchPath,
  groupByLoc,
} from '../simulate/dispatch-contract.js';
import { defineRule } from './types.js';

export default defineRule({
  meta: {
    id: 'workflow-inputs-too-large',
    category: 'workflow',
    defaultSeverity: 'error',
    description: 'The inputs of a dispatch are longer than the 65,535 characters GitHub accepts',
    messages: CONTRACT_MESSAGES['workflow-inputs-too-large'],
    fixable: false,
  },
  check(ctx) {
    const groups = groupByLoc(
      contractFindings(ctx, 'workflow-inputs-too-large'),
      (f) => ctx.locate(f.instance, dispatchPath(f, 'inputs'), { key: true }),
      (f) => f.problem.size,
    );
    for (const g of groups) {
      for (const f of g.items) {
        ctx.report({
          messageId: g.varies ? 'tooLargeUpTo' : 'tooLarge',
          data: { file: f.file, size: g.max.toLocaleString('en-US') },
          loc: g.loc,
          instance: f.instance,
        });
      }
    }
  },
});
