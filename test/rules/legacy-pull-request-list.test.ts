import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { planFixes } from '../../src/fix/apply.js';
import { lint } from '../../src/lint/engine.js';
import { allRules } from '../../src/rules/index.js';
import { materialize } from '../helpers/docs-examples.js';

const ID = 'legacy-pull-request-list';
const MIXIN = 'stacks/mixins/atmos-pro.yaml';
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const STACK = `import:
  - mixins/atmos-pro
vars:
  stage: dev
components:
  terraform:
    vpc:
      vars:
        name: vpc
`;

function repo(mixin: string, extra: Record<string, string> = {}): string {
  const dir = materialize({ [MIXIN]: mixin, 'stacks/deploy/dev.yaml': STACK, ...extra });
  dirs.push(dir);
  return dir;
}

const run = (dir: string) => lint({ cwd: dir, env: {}, rules: allRules });

/** One `--fix` pass of this rule's fixes (other rules' fixes are theirs to test); files changed. */
function fixOnce(dir: string): number {
  const plan = planFixes(
    run(dir).fixes.filter((f) => f.ruleId === ID),
    allRules,
  );
  for (const [path, { text }] of plan.files) writeFileSync(path, text);
  return plan.files.size;
}

function mine(dir: string) {
  return run(dir).diagnostics.filter((d) => d.ruleId === ID);
}

/** Fixes, checks the result, that a second run changes nothing, and that the rule is satisfied. */
function fixed(mixin: string): string {
  const dir = repo(mixin);
  expect(mine(dir)).toHaveLength(1);
  expect(mine(dir)[0]?.fixable).toBe(true);
  expect(fixOnce(dir)).toBe(1);
  const after = readFileSync(join(dir, MIXIN), 'utf8');
  expect(fixOnce(dir)).toBe(0);
  expect(mine(dir)).toEqual([]);
  expect(run(dir).diagnostics.filter((d) => d.ruleId === 'yaml-syntax')).toEqual([]);
  return after;
}

const ANCHORS = `plan: &plan
  atmos-terraform-plan.yaml:
    inputs:
      component: "{{ .atmos_component }}"
      stack: "{{ .atmos_stack }}"
apply: &apply
  atmos-terraform-apply.yaml:
    inputs:
      component: "{{ .atmos_component }}"
      stack: "{{ .atmos_stack }}"
`;

describe(ID, () => {
  it('reports the list once, at the list in the mixin, as a fixable warning', () => {
    const dir = repo(`${ANCHORS}settings:
  pro:
    pull_request:
      - on: [opened]
        workflows: *plan
`);
    const [d, ...rest] = mine(dir);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({
      severity: 'warning',
      file: MIXIN,
      line: 14,
      column: 7,
      endLine: 15,
      endColumn: 25,
    });
    expect(d?.message).toContain('deprecated list form');
    expect(d?.instances).toEqual([{ component: 'vpc', stack: 'dev' }]);
  });

  it('says nothing about the map form', () => {
    const dir = repo(`${ANCHORS}settings:
  pro:
    pull_request:
      opened:
        workflows: *plan
`);
    expect(mine(dir)).toEqual([]);
  });

  it('rewrites aliases as aliases, in order, keeping every comment', () => {
    const after = fixed(`${ANCHORS}settings:
  pro:
    enabled: true
    pull_request: # legacy form
      # plan on every push
      - on: [opened, synchronize, reopened] # plan
        workflows: *plan
      # apply on merge
      - trigger:
          - merged # the only apply
        workflows: *apply
      # tail
    merge_group:
      checks_requested:
        workflows: *plan
`);
    expect(after).toBe(`${ANCHORS}settings:
  pro:
    enabled: true
    pull_request: # legacy form
      # plan on every push
      # plan
      opened:
        workflows: *plan
      synchronize:
        workflows: *plan
      reopened:
        workflows: *plan
      # apply on merge
      # the only apply
      merged:
        workflows: *apply
      # tail
    merge_group:
      checks_requested:
        workflows: *plan
`);
  });

  it('repeats an inline map for each activity and quotes non-string inputs in it', () => {
    const after = fixed(`settings:
  pro:
    pull_request:
    - on: [opened, synchronize]
      workflows:
        atmos-terraform-plan.yaml: # the plan
          inputs:
            component: "{{ .atmos_component }}"
            upload: true
`);
    expect(after).toBe(`settings:
  pro:
    pull_request:
      opened:
        workflows:
          atmos-terraform-plan.yaml: # the plan
            inputs:
              component: "{{ .atmos_component }}"
              upload: "true"
      synchronize:
        workflows:
          atmos-terraform-plan.yaml: # the plan
            inputs:
              component: "{{ .atmos_component }}"
              upload: "true"
`);
  });

  it('writes an anchored map once and aliases it for the following activities', () => {
    const after = fixed(`settings:
  pro:
    pull_request:
      - on: [opened, synchronize]
        workflows: &pr-plan
          atmos-terraform-plan.yaml:
            inputs:
              component: "{{ .atmos_component }}"
    merge_group:
      checks_requested:
        workflows: *pr-plan
`);
    expect(after).toBe(`settings:
  pro:
    pull_request:
      opened:
        workflows: &pr-plan
          atmos-terraform-plan.yaml:
            inputs:
              component: "{{ .atmos_component }}"
      synchronize:
        workflows: *pr-plan
    merge_group:
      checks_requested:
        workflows: *pr-plan
`);
  });

  it('rewrites a one-line flow list into block form', () => {
    const after = fixed(`${ANCHORS}settings:
  pro:
    pull_request: [{on: [opened, reopened], workflows: *plan}, {trigger: [merged], workflows: *apply}] # old
`);
    expect(after).toBe(`${ANCHORS}settings:
  pro:
    pull_request:
      opened:
        workflows: *plan
      reopened:
        workflows: *plan
      merged:
        workflows: *apply # old
`);
  });

  it('dispatches exactly the same workflows after the fix', () => {
    const mixin = `${ANCHORS}settings:
  pro:
    pull_request:
      - on: [opened, synchronize]
        workflows: *plan
      - trigger: [merged]
        workflows: *apply
`;
    const dir = repo(mixin);
    type Settings = { pro: { pull_request: unknown } };
    const settingsOf = (d: string) =>
      run(d).resolution.instances[0]?.section.settings as Settings | undefined;
    const list = settingsOf(dir)?.pro.pull_request as { workflows: unknown }[];
    fixOnce(dir);
    const pro = settingsOf(dir)?.pro;
    expect(pro).toBeDefined();
    expect(pro?.pull_request).toEqual({
      opened: { workflows: list[0]?.workflows },
      synchronize: { workflows: list[0]?.workflows },
      merged: { workflows: list[1]?.workflows },
    });
  });

  const unsafe: [string, string, Record<string, string>?][] = [
    [
      'an unknown activity',
      `${ANCHORS}settings:\n  pro:\n    pull_request:\n      - on: [opened, closed]\n        workflows: *plan\n`,
    ],
    [
      'an activity listed twice',
      `${ANCHORS}settings:\n  pro:\n    pull_request:\n      - on: [opened]\n        workflows: *plan\n      - on: [opened]\n        workflows: *apply\n`,
    ],
    [
      'an entry with another key',
      `${ANCHORS}settings:\n  pro:\n    pull_request:\n      - on: [opened]\n        workflows: *plan\n        when: always\n`,
    ],
    [
      'an entry with both on and trigger',
      `${ANCHORS}settings:\n  pro:\n    pull_request:\n      - on: [opened]\n        trigger: [merged]\n        workflows: *plan\n`,
    ],
    ['an entry without workflows', `${ANCHORS}settings:\n  pro:\n    pull_request:\n      - on: [opened]\n`],
    [
      'a map-form pull_request below the list (the map form would merge with it)',
      `${ANCHORS}settings:\n  pro:\n    pull_request:\n      - on: [opened]\n        workflows: *plan\n`,
      {
        'stacks/deploy/dev.yaml': `import:\n  - mixins/base\n  - mixins/atmos-pro\nvars:\n  stage: dev\ncomponents:\n  terraform:\n    vpc:\n      vars:\n        name: vpc\n`,
        'stacks/mixins/base.yaml': `${ANCHORS}settings:\n  pro:\n    pull_request:\n      merged:\n        workflows: *apply\n`,
      },
    ],
  ];
  for (const [name, mixin, extra] of unsafe) {
    it(`reports but does not rewrite ${name}`, () => {
      const dir = repo(mixin, extra);
      const found = mine(dir);
      expect(found).toHaveLength(1);
      expect(found[0]?.fixable).toBe(false);
      expect(fixOnce(dir)).toBe(0);
    });
  }
});
