/**
 * The Cloud Posse example repositories (their `.github/workflows` copied with the stacks) must lint
 * without false positives from the workflow rules. The one finding is real: see the comment below.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint, workflowsRoot } from '../../src/lint/engine.js';
import { workflowRules } from '../../src/rules/groups/workflow.js';
import { allRules } from '../../src/rules/index.js';
import { analyzeContracts } from '../../src/simulate/dispatch-contract.js';
import { loadWorkflows } from '../../src/workflows/index.js';
import { CORPUS, HAS_CORPUS } from '../helpers/fixtures.js';

const MINE = new Set(workflowRules.map((r) => r.meta.id));

function workflowDiagnostics(repo: string, configPath?: string, env: Record<string, string> = {}) {
  const cwd = join(CORPUS, repo);
  const result = lint({ cwd, configPath: configPath && join(cwd, configPath), env, rules: allRules });
  // Not vacuous: the workflows were found and real dispatches were checked against them.
  const index = loadWorkflows(workflowsRoot(result.resolution.config));
  expect(index.dirExists).toBe(true);
  expect(analyzeContracts(result.resolution, index).dispatches).toBeGreaterThan(10);
  return result.diagnostics
    .filter((d) => MINE.has(d.ruleId))
    .map((d) => ({
      at: `${d.ruleId} ${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn}`,
      message: d.message,
      instances: d.instances.map((i) => `${i.component}@${i.stack}`),
    }));
}

describe.skipIf(!HAS_CORPUS)('workflow rules on the ext-* corpus', () => {
  it.each(['ext-atmos-pro-example-advanced', 'ext-atmos-pro-example-basic'])(
    '%s: nothing to report',
    (repo) => {
      expect(workflowDiagnostics(repo)).toEqual([]);
    },
  );

  it('ext-infra-demo-atmos-pro (atmos.yaml in rootfs, base path from the environment): nothing to report', () => {
    const repo = 'ext-infra-demo-atmos-pro';
    expect(
      workflowDiagnostics(repo, 'rootfs/usr/local/etc/atmos', { ATMOS_BASE_PATH: join(CORPUS, repo) }),
    ).toEqual([]);
  });

  it('ext-atmos-pro-with-ecs: drift detection passes `upload` to a plan workflow that does not declare it', () => {
    // True finding: terraform/stacks/defaults/atmos-pro.yaml dispatches atmos-terraform-plan.yaml for
    // drift_detection.detect (drift is enabled) with `upload: "true"`, but that workflow declares only
    // component, stack, sha and atmos_pro_run_id; GitHub answers "Unexpected inputs provided".
    expect(workflowDiagnostics('ext-atmos-pro-with-ecs')).toEqual([
      {
        at: 'workflow-input-unknown terraform/stacks/defaults/atmos-pro.yaml:12:7-12:13',
        message:
          'Input `upload` is not declared by `atmos-terraform-plan.yaml` (it declares `component`, `stack`, `sha`, `atmos_pro_run_id`), so GitHub rejects the dispatch; declare it under `on.workflow_dispatch.inputs` or remove it',
        instances: ['app@dev', 'app@preview', 'app@prod', 'app@staging'],
      },
    ]);
  });
});
