import { analyzeContracts, codeList } from '../simulate/dispatch-contract.js';
import { defineRule } from './types.js';

export default defineRule({
  meta: {
    id: 'workflows-dir-missing',
    category: 'workflow',
    defaultSeverity: 'info',
    description: 'The repository has no .github/workflows, so dispatched workflows are not checked',
    messages: {
      missing:
        'No `.github/workflows` directory between atmos.yaml and the repository root, so dispatches of {workflows} were not checked against the workflows; lint a checkout that includes `.github/workflows`',
    },
    fixable: false,
  },
  check(ctx) {
    const index = ctx.workflows();
    if (index.dirExists) return;
    const analysis = analyzeContracts(ctx.resolution, index);
    // A repository that dispatches nothing has nothing to check against workflows.
    if (analysis.dispatches === 0) return;
    const file = ctx.config.main;
    ctx.report({
      messageId: 'missing',
      data: { workflows: codeList([...analysis.workflows].sort(), 5) },
      loc: { file, start: 0, end: file.line(1).trimEnd().length },
    });
  },
});
