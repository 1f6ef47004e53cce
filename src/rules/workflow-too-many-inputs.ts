import {
  CONTRACT_MESSAGES,
  contractFindings,
  dispatchPath,
  groupByLoc,
} from '../simulate/dispatch-contract.js';
import { defineRule } from './types.js';

export default defineRule({
  meta: {
    id: 'workflow-too-many-inputs',
    category: 'workflow',
    defaultSeverity: 'error',
    description: 'A dispatch passes more than the 25 inputs GitHub accepts',
    messages: CONTRACT_MESSAGES['workflow-too-many-inputs'],
    fixable: false,
  },
  check(ctx) {
    const groups = groupByLoc(
      contractFindings(ctx, 'workflow-too-many-inputs'),
      (f) => ctx.locate(f.instance, dispatchPath(f, 'inputs'), { key: true }),
      (f) => f.problem.count,
    );
    for (const g of groups) {
      for (const f of g.items) {
        ctx.report({
          messageId: g.varies ? 'tooManyUpTo' : 'tooMany',
          data: { file: f.file, count: g.max },
          loc: g.loc,
          instance: f.instance,
        });
      }
    }
  },
});
