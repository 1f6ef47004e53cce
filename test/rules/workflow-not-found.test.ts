/**
 * The workflow contract rules on small repositories, in the spirit of typescript-eslint's RuleTester:
 * which dispatches are checked, where each problem is reported, and how instances aggregate.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/core/diagnostic.js';
import { lint } from '../../src/lint/engine.js';
import { workflowRules } from '../../src/rules/groups/workflow.js';
import { allRules } from '../../src/rules/index.js';

const MINE = new Set(workflowRules.map((r) => r.meta.id));

const ATMOS_YAML = `base_path: "./"
stacks:
  base_path: stacks
  included_paths:
    - "deploy/**/*"
  name_template: "{{ .vars.stage }}"
templates:
  settings:
    enabled: true
    sprig:
      enabled: true
`;

const PLAN = `name: Plan
on:
  workflow_dispatch:
    inputs:
      component:
        type: string
      stack:
        type: string
`;

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A git work tree with `files`; `atmos.yaml` and `.github/workflows/plan.yaml` unless given (or null). */
function repo(files: Record<string, string | null>): string {
  const dir = mkdtempSync(join(tmpdir(), 'apl-wf-'));
  dirs.push(dir);
  mkdirSync(join(dir, '.git'));
  const all: Record<string, string | null> = {
    'atmos.yaml': ATMOS_YAML,
    '.github/workflows/plan.yaml': PLAN,
    ...files,
  };
  for (const [path, text] of Object.entries(all)) {
    if (text === null) continue;
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

interface Expected {
  ruleId: string;
  file: string;
  line: number;
  column: number;
  endColumn?: number;
  message?: string | RegExp;
  instances?: string[];
  severity?: string;
}

function run(dir: string, cwd = dir): Diagnostic[] {
  return lint({ cwd, env: {}, rules: allRules }).diagnostics.filter((d) => MINE.has(d.ruleId));
}

function expectDiagnostics(actual: Diagnostic[], expected: Expected[]): void {
  expect(
    actual.map((d) => `${d.ruleId} ${d.file}:${d.line}:${d.column}`),
    JSON.stringify(actual, null, 1),
  ).toEqual(expected.map((e) => `${e.ruleId} ${e.file}:${e.line}:${e.column}`));
  actual.forEach((d, i) => {
    const e = expected[i]!;
    if (e.endColumn !== undefined) expect(d.endColumn).toBe(e.endColumn);
    if (typeof e.message === 'string') expect(d.message).toBe(e.message);
    else if (e.message) expect(d.message).toMatch(e.message);
    if (e.instances) expect(d.instances.map((x) => `${x.component}@${x.stack}`)).toEqual(e.instances);
    if (e.severity) expect(d.severity).toBe(e.severity);
  });
}

/** A stack manifest with one component whose `settings.pro` is `pro` (indented by the caller). */
function stack(stage: string, pro: string, extra = ''): string {
  return `vars:\n  stage: ${stage}\n${extra}components:\n  terraform:\n    vpc:\n      settings:\n        pro:\n${pro}`;
}

describe('which dispatches are checked', () => {
  it('every event, including merge_group and both drift activities', () => {
    const dir = repo({
      'stacks/deploy/dev.yaml': stack(
        'dev',
        `          pull_request:
            opened: {workflows: {a.yaml: {}}}
            synchronize: {workflows: {b.yaml: {}}}
            reopened: {workflows: {c.yaml: {}}}
            merged: {workflows: {d.yaml: {}}}
          merge_group:
            checks_requested: {workflows: {e.yaml: {}}}
          release:
            published: {workflows: {f.yaml: {}}}
            released: {workflows: {g.yaml: {}}}
          drift_detection:
            enabled: true
            detect: {workflows: {h.yaml: {}}}
            remediate: {workflows: {i.yaml: {}}}
`,
      ),
    });
    const names = run(dir).map((d) => /`(\w)\.yaml`/.exec(d.message)?.[1]);
    expect(names).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']);
  });

  it('drift activities even while drift detection is off; nothing for a Pro-disabled instance', () => {
    const dir = repo({
      'stacks/deploy/dev.yaml': stack(
        'dev',
        `          drift_detection:
            detect:
              workflows:
                detect.yaml: {}
`,
      ),
      'stacks/deploy/off.yaml': `vars:
  stage: off
components:
  terraform:
    vpc:
      settings:
        pro:
          enabled: false
          release:
            published:
              workflows:
                missing.yaml: {}
    eks:
      metadata:
        enabled: false
      settings:
        pro:
          release:
            published:
              workflows:
                missing.yaml: {}
`,
    });
    expectDiagnostics(run(dir), [
      {
        ruleId: 'workflow-not-found',
        file: 'stacks/deploy/dev.yaml',
        line: 11,
        column: 17,
        instances: ['vpc@dev'],
      },
    ]);
  });

  it('the legacy pull_request list form (`on` and `trigger`), once per item', () => {
    const dir = repo({
      'stacks/deploy/dev.yaml': stack(
        'dev',
        `          pull_request:
            - on: [opened, synchronize]
              workflows:
                plan.yml:
                  inputs:
                    component: "{{ .atmos_component }}"
            - trigger: merged
              workflows:
                plan.yaml:
                  inputs:
                    componnet: "{{ .atmos_component }}"
`,
      ),
    });
    expectDiagnostics(run(dir), [
      {
        ruleId: 'workflow-not-found',
        file: 'stacks/deploy/dev.yaml',
        line: 11,
        column: 17,
        endColumn: 25,
        message:
          'Workflow `plan.yml` is not in `.github/workflows`; the file there is `plan.yaml` (the extension must match)',
      },
      {
        ruleId: 'workflow-input-unknown',
        file: 'stacks/deploy/dev.yaml',
        line: 18,
        column: 21,
        endColumn: 30,
        message: /did you mean `component`\?$/,
      },
    ]);
  });

  it('an abstract base is reported where it is written, for the real instances that inherit it', () => {
    const dir = repo({
      'stacks/catalog/base.yaml': `components:
  terraform:
    base:
      metadata:
        type: abstract
      settings:
        pro:
          release:
            published:
              workflows:
                plan.yaml:
                  inputs:
                    region: us-east-2
`,
      'stacks/deploy/dev.yaml': `import:
  - catalog/base
vars:
  stage: dev
components:
  terraform:
    vpc:
      metadata:
        inherits: [base]
    eks:
      metadata:
        inherits: [base]
`,
    });
    expectDiagnostics(run(dir), [
      {
        ruleId: 'workflow-input-unknown',
        file: 'stacks/catalog/base.yaml',
        line: 13,
        column: 21,
        message:
          'Input `region` is not declared by `plan.yaml` (it declares `component`, `stack`), so GitHub rejects the dispatch; declare it under `on.workflow_dispatch.inputs` or remove it',
        instances: ['eks@dev', 'vpc@dev'],
      },
    ]);
  });

  it('one workflow shared through an anchor by several activities and stacks is one diagnostic', () => {
    const pro = `import:
  - catalog/pro
`;
    const dir = repo({
      'stacks/catalog/pro.yaml': `plan: &plan
  plan.yaml:
    inputs:
      component: "{{ .atmos_component }}"
      upload: "true"
settings:
  pro:
    pull_request:
      opened: {workflows: *plan}
      synchronize: {workflows: *plan}
    merge_group:
      checks_requested: {workflows: *plan}
`,
      'stacks/deploy/dev.yaml': `${pro}vars:\n  stage: dev\ncomponents:\n  terraform:\n    vpc: {}\n`,
      'stacks/deploy/prod.yaml': `${pro}vars:\n  stage: prod\ncomponents:\n  terraform:\n    vpc: {}\n`,
    });
    expectDiagnostics(run(dir), [
      {
        ruleId: 'workflow-input-unknown',
        file: 'stacks/catalog/pro.yaml',
        line: 5,
        column: 7,
        instances: ['vpc@dev', 'vpc@prod'],
      },
    ]);
  });

  it('a monorepo: the .github/workflows at the git root serves a nested atmos.yaml', () => {
    const dir = repo({
      'atmos.yaml': null,
      'infra/atmos.yaml': ATMOS_YAML,
      'infra/stacks/deploy/dev.yaml': stack(
        'dev',
        '          release: {published: {workflows: {plan.yml: {}}}}\n',
      ),
    });
    expectDiagnostics(run(dir, join(dir, 'infra')), [
      {
        ruleId: 'workflow-not-found',
        file: 'stacks/deploy/dev.yaml',
        line: 8,
        column: 45,
        endColumn: 53,
        message: /`plan\.yaml`/,
      },
    ]);
  });
});

describe('workflow-not-found', () => {
  it('suggests by reason: path given, letter case, similar name, none', () => {
    const dir = repo({
      '.github/workflows/Deploy.yaml': PLAN,
      'stacks/deploy/dev.yaml': stack(
        'dev',
        `          release:
            published:
              workflows:
                .github/workflows/plan.yaml: {}
                deploy.yaml: {}
                plam.yaml: {}
                terraform-apply-everything.yaml: {}
`,
      ),
    });
    expectDiagnostics(run(dir), [
      {
        ruleId: 'workflow-not-found',
        file: 'stacks/deploy/dev.yaml',
        line: 11,
        column: 17,
        endColumn: 44,
        message:
          'Workflow `.github/workflows/plan.yaml` is a path; Atmos Pro dispatches by file name: write `plan.yaml`',
      },
      {
        ruleId: 'workflow-not-found',
        file: 'stacks/deploy/dev.yaml',
        line: 12,
        column: 17,
        message:
          'Workflow `deploy.yaml` is not in `.github/workflows`; file names are case-sensitive: did you mean `Deploy.yaml`?',
      },
      {
        ruleId: 'workflow-not-found',
        file: 'stacks/deploy/dev.yaml',
        line: 13,
        column: 17,
        message: 'Workflow `plam.yaml` is not in `.github/workflows`; did you mean `plan.yaml`?',
      },
      {
        ruleId: 'workflow-not-found',
        file: 'stacks/deploy/dev.yaml',
        line: 14,
        column: 17,
        message:
          'Workflow `terraform-apply-everything.yaml` is not in `.github/workflows`, so GitHub cannot dispatch it; add the workflow or name an existing file',
      },
    ]);
  });

  it('leaves a key that is not a .yml/.yaml file name to workflow-filename', () => {
    const dir = repo({
      'stacks/deploy/dev.yaml': stack('dev', '          release: {published: {workflows: {plan: {}}}}\n'),
    });
    expect(run(dir)).toEqual([]);
    const all = lint({ cwd: dir, env: {}, rules: allRules }).diagnostics.map((d) => d.ruleId);
    expect(all).toContain('workflow-filename');
  });

  it('a subdirectory of .github/workflows holds no workflows', () => {
    const dir = repo({
      '.github/workflows/nested/deep.yaml': PLAN,
      'stacks/deploy/dev.yaml': stack(
        'dev',
        '          release: {published: {workflows: {deep.yaml: {}}}}\n',
      ),
    });
    expectDiagnostics(run(dir), [
      { ruleId: 'workflow-not-found', file: 'stacks/deploy/dev.yaml', line: 8, column: 45, endColumn: 54 },
    ]);
  });
});

describe('workflow-input-required-missing', () => {
  const APPLY = `on:
  workflow_dispatch:
    inputs:
      component: {required: true}
      stack: {required: true}
      env: {required: true, default: dev}
      note: {required: "false"}
`;

  it('one diagnostic per dispatch naming every missing input, at `inputs` or the workflow key', () => {
    const dir = repo({
      '.github/workflows/apply.yaml': APPLY,
      'stacks/deploy/dev.yaml': stack(
        'dev',
        `          release:
            published:
              workflows:
                apply.yaml:
                  inputs:
                    component: "{{ .atmos_component }}"
          drift_detection:
            enabled: true
            detect:
              workflows:
                apply.yaml: {}
            remediate:
              workflows:
                apply.yaml: {inputs: {COMPONENT: x, Stack: y}}
`,
      ),
    });
    const ds = run(dir);
    expectDiagnostics(ds, [
      {
        ruleId: 'workflow-input-required-missing',
        file: 'stacks/deploy/dev.yaml',
        line: 12,
        column: 19,
        endColumn: 25,
        message:
          'Workflow `apply.yaml` requires input `stack`, which this dispatch does not pass, so GitHub rejects it; add `stack` under `inputs`',
      },
      {
        ruleId: 'workflow-input-required-missing',
        file: 'stacks/deploy/dev.yaml',
        line: 18,
        column: 17,
        endColumn: 27,
        message:
          'Workflow `apply.yaml` requires inputs `component`, `stack`, which this dispatch does not pass, so GitHub rejects it; add them under `inputs`',
      },
    ]);
    expect(ds[1]!.related?.map((r) => `${r.file}:${r.line}:${r.column} ${r.message}`)).toEqual([
      '.github/workflows/apply.yaml:4:7 `component` is required here',
      '.github/workflows/apply.yaml:5:7 `stack` is required here',
    ]);
  });

  it('an input passed by another layer of the merge counts as passed', () => {
    const dir = repo({
      '.github/workflows/apply.yaml': APPLY,
      'stacks/catalog/pro.yaml': `settings:
  pro:
    release:
      published:
        workflows:
          apply.yaml:
            inputs:
              component: "{{ .atmos_component }}"
`,
      'stacks/deploy/dev.yaml': `import: [catalog/pro]
vars: {stage: dev}
components:
  terraform:
    vpc:
      settings:
        pro:
          release:
            published:
              workflows:
                apply.yaml:
                  inputs:
                    stack: "{{ .atmos_stack }}"
`,
    });
    expect(run(dir)).toEqual([]);
  });
});

describe('limits', () => {
  it('too many inputs: the largest count where the count differs per instance', () => {
    const declared = Array.from({ length: 27 }, (_, i) => `      i${i}: {}\n`).join('');
    const passed = Array.from({ length: 25 }, (_, i) => `                    i${i}: "${i}"\n`).join('');
    const dir = repo({
      '.github/workflows/many.yaml': `on:\n  workflow_dispatch:\n    inputs:\n${declared}`,
      // Stack-level settings rank below the component's own, so the `inputs` key written in the
      // component wins for every stack while stacks add inputs of their own.
      'stacks/deploy/a.yaml': `vars: {stage: a}
settings: {pro: {release: {published: {workflows: {many.yaml: {inputs: {i25: x}}}}}}}
import: [catalog/many]
`,
      'stacks/deploy/b.yaml': `vars: {stage: b}
settings: {pro: {release: {published: {workflows: {many.yaml: {inputs: {i25: x, i26: y}}}}}}}
import: [catalog/many]
`,
      'stacks/deploy/c.yaml': 'vars: {stage: c}\nimport: [catalog/many]\n',
      'stacks/catalog/many.yaml': `components:
  terraform:
    vpc:
      settings:
        pro:
          release:
            published:
              workflows:
                many.yaml:
                  inputs:
${passed}`,
    });
    expectDiagnostics(run(dir), [
      {
        ruleId: 'workflow-too-many-inputs',
        file: 'stacks/catalog/many.yaml',
        line: 10,
        column: 19,
        message:
          'The dispatch of `many.yaml` passes up to 27 inputs; GitHub accepts at most 25: remove inputs or pass related values as one JSON input',
        instances: ['vpc@a', 'vpc@b'],
      },
    ]);
  });

  it('inputs too large: measured on the rendered values, the largest named', () => {
    const dir = repo({
      '.github/workflows/render.yaml':
        'on:\n  workflow_dispatch:\n    inputs:\n      component: {}\n      notes: {}\n',
      'stacks/catalog/pro.yaml': `settings:
  pro:
    release:
      published:
        workflows:
          render.yaml:
            inputs:
              component: "{{ .atmos_component }}"
              notes: '{{ repeat 65510 "x" }}'
`,
      'stacks/deploy/dev.yaml': `import: [catalog/pro]
vars: {stage: dev}
components:
  terraform:
    vpc: {}
    a-much-longer-name: {}
    ab: {}
`,
    });
    // {"component":"<name>","notes":"<65510 x>"} is 65,537 characters plus the name's length.
    expectDiagnostics(run(dir), [
      {
        ruleId: 'workflow-inputs-too-large',
        file: 'stacks/catalog/pro.yaml',
        line: 7,
        column: 13,
        message:
          'The inputs passed to `render.yaml` are up to 65,555 characters as JSON; GitHub accepts at most 65,535: pass a reference (a path, an ID) instead of the content',
        instances: ['a-much-longer-name@dev', 'ab@dev', 'vpc@dev'],
      },
    ]);
  });
});

describe('workflow-invalid', () => {
  it('error for a dispatched workflow, warning otherwise; its dispatches are not checked further', () => {
    const dir = repo({
      '.github/workflows/plan.yaml': 'on:\n  workflow_dispatch:\n    inputs: [\n',
      '.github/workflows/other.yml': 'name: no triggers\njobs: {}\n',
      '.github/workflows/binary.yaml': '\u0000\u0001\u0002 not: [yaml',
      'stacks/deploy/dev.yaml': stack(
        'dev',
        '          release: {published: {workflows: {plan.yaml: {inputs: {nope: "1"}}}}}\n',
      ),
    });
    const ds = run(dir);
    expect(ds.map((d) => `${d.ruleId} ${d.severity} ${d.file}:${d.line}`)).toEqual([
      'workflow-invalid warning .github/workflows/binary.yaml:1',
      'workflow-invalid warning .github/workflows/other.yml:1',
      'workflow-invalid error .github/workflows/plan.yaml:4',
    ]);
    expect(ds[2]!.message).toMatch(
      /^plan\.yaml is not valid YAML: .*\. Atmos Pro dispatches this workflow, and GitHub cannot run it until this is fixed$/,
    );
    expect(ds[1]!.message).toBe('other.yml has no "on" section, so no event can trigger it');
  });

  it('says nothing about workflows when the repository dispatches nothing', () => {
    const dir = repo({
      '.github/workflows/broken.yaml': 'on: [\n',
      'stacks/deploy/dev.yaml': 'vars: {stage: dev}\ncomponents: {terraform: {vpc: {vars: {a: 1}}}}\n',
    });
    expect(run(dir)).toEqual([]);
  });
});

describe('workflows-dir-missing', () => {
  it('one info at the first line of atmos.yaml, and no other workflow rule', () => {
    const dir = repo({
      '.github/workflows/plan.yaml': null,
      '.github/CODEOWNERS': '* @platform\n',
      'stacks/deploy/dev.yaml': stack(
        'dev',
        `          release:
            published: {workflows: {plan.yaml: {inputs: {x: "1"}}, apply.yaml: {}}}
          drift_detection:
            detect: {workflows: {plan.yaml: {}}}
`,
      ),
      'stacks/deploy/prod.yaml': stack(
        'prod',
        '          release: {published: {workflows: {plan.yaml: {}}}}\n',
      ),
    });
    expectDiagnostics(run(dir), [
      {
        ruleId: 'workflows-dir-missing',
        file: 'atmos.yaml',
        line: 1,
        column: 1,
        endColumn: 16,
        severity: 'info',
        message:
          'No `.github/workflows` directory between atmos.yaml and the repository root, so dispatches of `apply.yaml`, `plan.yaml` were not checked against the workflows; lint a checkout that includes `.github/workflows`',
        instances: [],
      },
    ]);
  });

  it('nothing when nothing is dispatched', () => {
    const dir = repo({
      '.github/workflows/plan.yaml': null,
      'stacks/deploy/dev.yaml': stack(
        'dev',
        '          enabled: false\n          release: {published: {workflows: {plan.yaml: {}}}}\n',
      ),
    });
    expect(run(dir)).toEqual([]);
  });
});
