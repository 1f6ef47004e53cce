import {
  CONTRACT_MESSAGES,
  contractFindings,
  contractMessage,
  dispatchPath,
} from '../simulate/dispatch-contract.js';
import { defineRule } from './types.js';

// A name that is not a `.yml`/`.yaml` file name is the `workflow-filename` rule's finding; reporting
// it here as well would be one problem twice.
const WORKFLOW_FILE_NAME = /\.ya?ml$/;

export default defineRule({
  meta: {
    id: 'workflow-not-found',
    category: 'workflow',
    defaultSeverity: 'error',
    description: 'A dispatched workflow file is not in the repository .github/workflows directory',
    messages: CONTRACT_MESSAGES['workflow-not-found'],
    fixable: false,
  },
  check(ctx) {
    for (const f of contractFindings(ctx, 'workflow-not-found')) {
      if (!WORKFLOW_FILE_NAME.test(f.file)) continue;
      const m = contractMessage(f.problem, f.file);
      ctx.report({
        messageId: m.messageId,
        data: m.data,
        loc: ctx.locate(f.instance, dispatchPath(f), { key: true }),
        instance: f.instance,
      });
    }
  },
});
