/**
 * The functions behind the workflow rules that `resolve` reuses: which activities an instance
 * configures, and the per-workflow contract check with its JSON form.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lint, workflowsRoot } from '../../src/lint/engine.js';
import { resolveRepository } from '../../src/resolve/resolve.js';
import type { ComponentInstance, Resolution } from '../../src/resolve/types.js';
import { allRules } from '../../src/rules/index.js';
import { configuredActivities } from '../../src/simulate/dispatch-all.js';
import {
  analyzeContracts,
  checkDispatchContract,
  contractJson,
  contractMessageText,
} from '../../src/simulate/dispatch-contract.js';
import { loadWorkflows, type WorkflowIndex } from '../../src/workflows/index.js';

const ATMOS_YAML = `base_path: "./"
stacks:
  base_path: stacks
  included_paths: ["deploy/**/*"]
  name_template: "{{ .vars.stage }}"
templates:
  settings:
    enabled: true
`;

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'apl-wf-contract-'));
  dirs.push(dir);
  mkdirSync(join(dir, '.git'));
  for (const [path, text] of Object.entries({ 'atmos.yaml': ATMOS_YAML, ...files })) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function open(dir: string): {
  resolution: Resolution;
  index: WorkflowIndex;
  one: (c: string) => ComponentInstance;
} {
  const resolution = resolveRepository({ cwd: dir, env: {} });
  const index = loadWorkflows(workflowsRoot(resolution.config));
  const one = (c: string) => resolution.instances.find((i) => i.component === c)!;
  return { resolution, index, one };
}

const STACK = `vars: {stage: dev}
components:
  terraform:
    legacy:
      settings:
        pro:
          pull_request:
            - on: [opened, synchronize]
              workflows: {plan.yaml: {inputs: {component: "{{ .atmos_component }}"}}}
            - trigger: [opened, merged]
              workflows: {apply.yaml: {}}
    drift-off:
      settings:
        pro:
          pull_request:
            synchronize: {workflows: {plan.yaml: {}}}
          drift_detection:
            enabled: false
            detect: {workflows: {plan.yaml: {inputs: {upload: "maybe"}}}}
    off:
      metadata: {enabled: false}
      settings:
        pro:
          release: {published: {workflows: {plan.yaml: {}}}}
    none:
      vars: {a: 1}
`;

const PLAN = `on:
  workflow_dispatch:
    inputs:
      component: {required: true}
      upload: {type: boolean}
`;

describe('configuredActivities', () => {
  const dir = repo({ 'stacks/deploy/dev.yaml': STACK, '.github/workflows/plan.yaml': PLAN });
  const { one } = open(dir);
  const list = (c: string) =>
    configuredActivities(one(c), true).map((a) => [a.dispatch.activityPath?.join('.'), a.events.join(',')]);

  it('one entry per activity block; a legacy list item lists every event it serves', () => {
    expect(list('legacy')).toEqual([
      ['pull_request.0', 'pull_request.opened,pull_request.synchronize'],
      ['pull_request.1', 'pull_request.merged'],
    ]);
  });

  it('no merge_group backstop, and drift activities while drift is off', () => {
    expect(list('drift-off')).toEqual([
      ['pull_request.synchronize', 'pull_request.synchronize'],
      ['drift_detection.detect', 'drift_detection.detect'],
    ]);
    expect(configuredActivities(one('drift-off'), true)[1]!.dispatch.instance).toBe(one('drift-off'));
  });

  it('nothing for a disabled instance or one without settings.pro', () => {
    expect(list('off')).toEqual([]);
    expect(list('none')).toEqual([]);
  });

  it('inputs are rendered when asked, as written otherwise', () => {
    const inputs = (rendered: boolean) =>
      configuredActivities(one('legacy'), rendered)[0]!.dispatch.workflows[0]!.inputs;
    expect(inputs(true)).toEqual({ component: 'legacy' });
    expect(inputs(false)).toEqual({ component: '{{ .atmos_component }}' });
  });
});

describe('checkDispatchContract and contractJson (for `resolve`)', () => {
  it('ok, failed with the rules’ own messages, and unchecked with a reason', () => {
    const dir = repo({
      'stacks/deploy/dev.yaml': STACK,
      '.github/workflows/plan.yaml': PLAN,
      '.github/workflows/apply.yaml': 'on: [workflow_dispatch\n',
    });
    const { one, index } = open(dir);
    const [first, second] = configuredActivities(one('legacy'), true);
    expect(checkDispatchContract(first!.dispatch, index).map(contractJson)).toEqual([{ status: 'ok' }]);
    expect(checkDispatchContract(second!.dispatch, index).map(contractJson)).toEqual([
      { status: 'unchecked', reason: 'workflow-invalid' },
    ]);
    const drift = configuredActivities(one('drift-off'), true);
    const sync = checkDispatchContract(drift[0]!.dispatch, index);
    expect(sync.map(contractJson)).toEqual([
      {
        status: 'failed',
        problems: [
          {
            rule: 'workflow-input-required-missing',
            message:
              'Workflow `plan.yaml` requires input `component`, which this dispatch does not pass, so GitHub rejects it; add `component` under `inputs`',
          },
        ],
      },
    ]);
    const detect = checkDispatchContract(drift[1]!.dispatch, index)[0]!;
    expect(detect.status).toBe('failed');
    expect(detect.problems.map((p) => p.kind)).toEqual([
      'workflow-input-required-missing',
      'workflow-input-type',
    ]);

    // The same words as the lint diagnostics.
    const lintMessages = lint({ cwd: dir, env: {}, rules: allRules }).diagnostics.map((d) => d.message);
    for (const p of detect.problems) expect(lintMessages).toContain(contractMessageText(p, detect.file));
  });

  it('without .github/workflows every workflow is unchecked, and the analysis has no findings', () => {
    const dir = repo({ 'stacks/deploy/dev.yaml': STACK });
    const { one, index, resolution } = open(dir);
    const checks = checkDispatchContract(configuredActivities(one('legacy'), true)[0]!.dispatch, index);
    expect(checks.map(contractJson)).toEqual([{ status: 'unchecked', reason: 'no-workflows-dir' }]);
    const analysis = analyzeContracts(resolution, index);
    expect(analysis.dispatches).toBe(4);
    expect([...analysis.workflows].sort()).toEqual(['apply.yaml', 'plan.yaml']);
    expect(analysis.findings.size).toBe(0);
    expect(analyzeContracts(resolution, index)).toBe(analysis);
  });

  it('a template left in a value (custom delimiters included) is not type-checked', () => {
    const dir = repo({ 'stacks/deploy/dev.yaml': STACK, '.github/workflows/plan.yaml': PLAN });
    const { index } = open(dir);
    const dispatch = (upload: unknown) => ({
      workflows: [{ file: 'plan.yaml', inputs: { component: 'x', upload } }],
    });
    const status = (upload: unknown, leftDelimiter?: string) =>
      checkDispatchContract(dispatch(upload), index, { leftDelimiter })[0]!.status;
    expect(status('{{ .vars.upload }}')).toBe('ok');
    expect(status('<< .vars.upload >>')).toBe('failed');
    expect(status('<< .vars.upload >>', '<<')).toBe('ok');
    expect(status(true)).toBe('ok');
    expect(status(null)).toBe('ok');
    expect(status(0)).toBe('failed');
  });
});
