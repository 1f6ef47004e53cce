import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/core/diagnostic.js';
import { lint } from '../../src/lint/engine.js';
import { allRules } from '../../src/rules/index.js';
import { materialize } from '../helpers/docs-examples.js';

const RULE = 'backstop-dispatches-apply';
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function check(pro: string, extra: Record<string, string> = {}): Diagnostic[] {
  const dir = materialize({
    'stacks/deploy/dev.yaml': `vars:\n  stage: dev\n\nsettings:\n  pro:\n${pro}\ncomponents:\n  terraform:\n    vpc:\n      vars:\n        name: vpc\n`,
    ...extra,
  });
  dirs.push(dir);
  return lint({ cwd: dir, env: {}, rules: allRules }).diagnostics.filter((d) => d.ruleId === RULE);
}

const sync = (...files: string[]) =>
  `    pull_request:\n      synchronize:\n        workflows:\n${files.map((f) => `          ${f}: {}\n`).join('')}`;

describe('backstop-dispatches-apply', () => {
  it('reports a synchronize workflow that is also the merged workflow, at its key', () => {
    const [d, ...rest] = check(
      `${sync('atmos-terraform-plan.yaml', 'atmos-terraform-apply.yaml')}      merged:\n        workflows:\n          atmos-terraform-apply.yaml: {}\n`,
    );
    expect(rest).toEqual([]);
    expect(d).toMatchObject({
      severity: 'error',
      line: 10,
      column: 11,
      endLine: 10,
      endColumn: 37,
      fixable: false,
      instances: [{ component: 'vpc', stack: 'dev' }],
    });
    expect(d?.message).toContain(
      '`atmos-terraform-apply.yaml` is also dispatched for `pull_request.merged`,',
    );
  });

  it('names every release activity that dispatches it', () => {
    const [d] = check(
      `${sync('ship.yaml')}    release:\n      published:\n        workflows:\n          ship.yaml: {}\n      released:\n        workflows:\n          ship.yaml: {}\n`,
      { '.github/workflows/ship.yaml': 'on:\n  workflow_dispatch:\njobs: {}\n' },
    );
    expect(d?.message).toContain('is also dispatched for `release.published` and `release.released`');
  });

  it.each([
    ['apply.yml', 'apply'],
    ['deploy_stack.yaml', 'deploy'],
    ['terraform-destroy.yaml', 'destroy'],
  ])('reports %s by its name', (file, word) => {
    const [d] = check(sync(file), { [`.github/workflows/${file}`]: 'on:\n  workflow_dispatch:\njobs: {}\n' });
    expect(d?.message).toContain(`named like a workflow that changes infrastructure (\`${word}\`)`);
  });

  it.each([
    ['a plan workflow', sync('atmos-terraform-plan.yaml')],
    ['a name that only contains the word', sync('redeployment-plan.yaml')],
    [
      'merge_group configured',
      `${sync('atmos-terraform-apply.yaml')}    merge_group:\n      checks_requested:\n        workflows:\n          atmos-terraform-plan.yaml: {}\n`,
    ],
    ['Atmos Pro disabled', `    enabled: false\n${sync('atmos-terraform-apply.yaml')}`],
  ])('does not report %s', (_, pro) => {
    expect(
      check(pro, { '.github/workflows/redeployment-plan.yaml': 'on:\n  workflow_dispatch:\njobs: {}\n' }),
    ).toEqual([]);
  });

  it('follows the legacy list form', () => {
    const [d] = check(
      '    pull_request:\n      - on: [opened, synchronize, merged]\n        workflows:\n          atmos-terraform-apply.yaml: {}\n',
    );
    expect(d).toMatchObject({ line: 9, column: 11, endColumn: 37 });
    expect(d?.message).toContain('is also dispatched for `pull_request.merged`');
  });

  it('does not report with mergeQueue: off', () => {
    expect(
      check(sync('atmos-terraform-apply.yaml'), { '.atmos-pro-lint.yaml': 'mergeQueue: off\n' }),
    ).toEqual([]);
  });

  it('points into the anchor definition when the workflows are an alias, once for all instances', () => {
    const dir = materialize({
      'stacks/mixins/pro.yaml':
        'apply: &apply\n  atmos-terraform-apply.yaml: {}\nsettings:\n  pro:\n    pull_request:\n      synchronize:\n        workflows: *apply\n      merged:\n        workflows: *apply\n',
      'stacks/deploy/dev.yaml':
        'import:\n  - mixins/pro\nvars:\n  stage: dev\ncomponents:\n  terraform:\n    vpc: {}\n    dns: {}\n',
    });
    dirs.push(dir);
    const ds = lint({ cwd: dir, env: {}, rules: allRules }).diagnostics.filter((d) => d.ruleId === RULE);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ file: 'stacks/mixins/pro.yaml', line: 2, column: 3 });
    expect(ds[0]?.instances).toHaveLength(2);
  });
});
