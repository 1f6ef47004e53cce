import { basename } from 'node:path';
import { analyzeContracts } from '../simulate/dispatch-contract.js';
import { defineRule } from './types.js';

export default defineRule({
  meta: {
    id: 'workflow-invalid',
    category: 'workflow',
    defaultSeverity: 'error',
    description: 'A file in .github/workflows cannot be read as a GitHub Actions workflow',
    messages: {
      invalid: '{message}',
      invalidDispatched:
        '{message}. Atmos Pro dispatches this workflow, and GitHub cannot run it until this is fixed',
    },
    fixable: false,
  },
  check(ctx) {
    const index = ctx.workflows();
    if (index.findings.length === 0) return;
    const analysis = analyzeContracts(ctx.resolution, index);
    // Workflow files matter here as targets of Atmos Pro dispatches; a repository without any has
    // no use for this linter's opinion of its workflows.
    if (analysis.dispatches === 0) return;
    for (const finding of index.findings) {
      const name = basename(finding.loc.file.path);
      const dispatched = analysis.workflows.has(name);
      const fatal = index.workflows.get(name)?.parseError === finding;
      ctx.report({
        messageId:
          fatal && dispatched && finding.code === 'workflow-parse-error' ? 'invalidDispatched' : 'invalid',
        data: { message: finding.message.replace(/\.$/, '') },
        loc: finding.loc,
        // An error where an Atmos Pro dispatch depends on the file. A workflow nothing dispatches is
        // actionlint's business, and a file too large or outside the repository was not read at all:
        // that is this linter's limit, not GitHub's verdict.
        severity: dispatched && finding.code === 'workflow-parse-error' ? 'error' : 'warning',
      });
    }
  },
});
