import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/core/diagnostic.js';
import { planFixes, writeFixes } from '../../src/fix/apply.js';
import { lint } from '../../src/lint/engine.js';
import { allRules } from '../../src/rules/index.js';
import { materialize } from '../helpers/docs-examples.js';
import { CORPUS, HAS_CORPUS } from '../helpers/fixtures.js';

const RULE = 'missing-merge-group';
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function repo(files: Record<string, string>): string {
  const dir = materialize(files);
  dirs.push(dir);
  return dir;
}

function diagnostics(dir: string, rule = RULE): Diagnostic[] {
  return lint({ cwd: dir, env: {}, rules: allRules }).diagnostics.filter((d) => d.ruleId === rule);
}

/** Runs --fix once; returns how many files changed. */
function fix(dir: string): number {
  const result = lint({ cwd: dir, env: {}, rules: allRules });
  const plan = planFixes(
    result.fixes.filter((f) => f.ruleId === RULE),
    allRules,
  );
  return writeFixes(plan, result.resolution.config.store).length;
}

const read = (dir: string, path: string) => readFileSync(join(dir, path), 'utf8');

const INPUTS = `            inputs:
              component: "{{ .atmos_component }}"
              stack: "{{ .atmos_stack }}"
`;
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

describe('missing-merge-group: severity', () => {
  const mixin = `settings:
  pro:
    enabled: true
    pull_request:
      synchronize:
        workflows:
          atmos-terraform-plan.yaml:
${INPUTS}`;
  const files = { 'stacks/mixins/atmos-pro.yaml': mixin, 'stacks/deploy/dev.yaml': STACK };

  it('is a warning without a merge queue, at the pull_request key', () => {
    const [d, ...rest] = diagnostics(repo(files));
    expect(rest).toEqual([]);
    expect(d).toMatchObject({
      severity: 'warning',
      file: 'stacks/mixins/atmos-pro.yaml',
      line: 4,
      column: 5,
      endLine: 4,
      endColumn: 17,
      fixable: true,
      instances: [{ component: 'vpc', stack: 'dev' }],
    });
    expect(d?.message).toContain(
      'falls back to the `pull_request.synchronize` workflows (`atmos-terraform-plan.yaml`)',
    );
    expect(d?.related).toBeUndefined();
  });

  it('is an error when a workflow triggers on merge_group, with that trigger as related location', () => {
    const dir = repo({
      ...files,
      '.github/workflows/queue.yml':
        'on:\n  merge_group:\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: "true"\n',
    });
    const [d] = diagnostics(dir);
    expect(d?.severity).toBe('error');
    expect(d?.related).toEqual([
      expect.objectContaining({ file: '.github/workflows/queue.yml', line: 2, column: 3 }),
    ]);
  });

  it('is an error with mergeQueue: on, and off with mergeQueue: off', () => {
    expect(diagnostics(repo({ ...files, '.atmos-pro-lint.yaml': 'mergeQueue: on\n' }))[0]?.severity).toBe(
      'error',
    );
    expect(diagnostics(repo({ ...files, '.atmos-pro-lint.yaml': 'mergeQueue: off\n' }))).toEqual([]);
  });

  it('an explicit level in the configuration wins over the merge-queue severity', () => {
    const dir = repo({
      ...files,
      '.atmos-pro-lint.yaml': 'mergeQueue: on\nrules:\n  missing-merge-group: info\n',
    });
    expect(diagnostics(dir)[0]?.severity).toBe('info');
  });
});

describe('missing-merge-group: what is reported', () => {
  const pro = (body: string) => ({
    'stacks/deploy/dev.yaml': `vars:\n  stage: dev\n\nsettings:\n  pro:\n${body}\ncomponents:\n  terraform:\n    vpc:\n      vars:\n        name: vpc\n`,
  });
  const sync = `    pull_request:
      synchronize:
        workflows:
          atmos-terraform-plan.yaml: {}
`;

  it.each([
    [
      'merge_group configured',
      `${sync}    merge_group:\n      checks_requested:\n        workflows:\n          atmos-terraform-plan.yaml: {}\n`,
    ],
    ['Atmos Pro disabled', `    enabled: false\n${sync}`],
    [
      'no pull_request dispatch',
      '    release:\n      published:\n        workflows:\n          atmos-terraform-apply.yaml: {}\n',
    ],
    [
      'merge_group misplaced under pull_request (misplaced-merge-group)',
      `${sync}      merge_group:\n        checks_requested:\n          workflows:\n            atmos-terraform-plan.yaml: {}\n`,
    ],
    [
      'checks_requested with empty workflows (empty-workflows)',
      `${sync}    merge_group:\n      checks_requested:\n        workflows: {}\n`,
    ],
    [
      'a misspelt checks_requested (unknown-activity)',
      `${sync}    merge_group:\n      check_requested:\n        workflows:\n          atmos-terraform-plan.yaml: {}\n`,
    ],
  ])('not reported: %s', (_, body) => {
    expect(diagnostics(repo(pro(body)))).toEqual([]);
  });

  it('reports the legacy list form, not fixable', () => {
    const [d] = diagnostics(
      repo(
        pro(`    pull_request:
      - on: [opened, synchronize]
        workflows:
          atmos-terraform-plan.yaml: {}
`),
      ),
    );
    expect(d).toMatchObject({ line: 6, column: 5, fixable: false });
    expect(d?.message).toContain('(`atmos-terraform-plan.yaml`)');
  });

  it('without synchronize: nothing to fall back to, not fixable', () => {
    const [d] = diagnostics(
      repo(
        pro(
          '    pull_request:\n      opened:\n        workflows:\n          atmos-terraform-plan.yaml: {}\n',
        ),
      ),
    );
    expect(d?.fixable).toBe(false);
    expect(d?.message).toMatch(/^No `merge_group.checks_requested` and no `pull_request.synchronize`/);
  });

  it('a stack that adds an input to the mixin synchronize is reported (and fixed) at the mixin', () => {
    const dir = repo({
      'stacks/mixins/atmos-pro.yaml': `settings:\n  pro:\n    enabled: true\n    pull_request:\n      synchronize:\n        workflows:\n          atmos-terraform-plan.yaml:\n${INPUTS}`,
      'stacks/deploy/dev.yaml': `${STACK}    dns:
      settings:
        pro:
          pull_request:
            synchronize:
              workflows:
                atmos-terraform-plan.yaml:
                  inputs:
                    upload: "true"
      vars:
        name: dns
`,
    });
    const ds = diagnostics(dir);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ file: 'stacks/mixins/atmos-pro.yaml', line: 4, fixable: true });
    expect(ds[0]?.instances).toEqual([
      { component: 'dns', stack: 'dev' },
      { component: 'vpc', stack: 'dev' },
    ]);
    expect(fix(dir)).toBe(1);
    expect(diagnostics(dir)).toEqual([]);
  });
});

describe('missing-merge-group: --fix', () => {
  function fixOnce(mixin: string, path = 'stacks/mixins/atmos-pro.yaml', stack = STACK): string {
    const dir = repo({ [path]: mixin, 'stacks/deploy/dev.yaml': stack });
    expect(diagnostics(dir)).toHaveLength(1);
    expect(fix(dir)).toBe(1);
    const after = read(dir, path);
    // Idempotent, and clean for the rule.
    expect(diagnostics(dir)).toEqual([]);
    expect(fix(dir)).toBe(0);
    expect(read(dir, path)).toBe(after);
    return after;
  }

  it('an alias stays the same alias; comments are kept', () => {
    const before = `plan: &plan-wf-config
  atmos-terraform-plan.yaml:
    inputs:
      component: "{{ .atmos_component }}"

settings:
  pro:
    enabled: true # on everywhere
    pull_request:
      synchronize:
        workflows: *plan-wf-config # plan on push
      # merged applies
      merged:
        workflows:
          atmos-terraform-apply.yaml: {}

    # releases next
    release:
      published:
        workflows:
          atmos-terraform-apply.yaml: {}
`;
    expect(fixOnce(before)).toBe(
      before.replace(
        '          atmos-terraform-apply.yaml: {}\n\n    # releases next',
        '          atmos-terraform-apply.yaml: {}\n    merge_group:\n      checks_requested:\n        workflows: *plan-wf-config\n\n    # releases next',
      ),
    );
  });

  it('an inline block map gets an anchor after `workflows:`, before its comment', () => {
    const before = `settings:
  pro:
    pull_request:
      synchronize:
        workflows: # plan
          atmos-terraform-plan.yaml:
${INPUTS}`;
    expect(fixOnce(before)).toBe(
      `${before.replace('workflows: # plan', 'workflows: &synchronize-workflows # plan')}    merge_group:\n      checks_requested:\n        workflows: *synchronize-workflows\n`,
    );
  });

  it('an anchored value is aliased; an inline flow map is anchored in front', () => {
    const anchored = `settings:\n  pro:\n    pull_request:\n      synchronize:\n        workflows: &plan\n          atmos-terraform-plan.yaml: {}\n`;
    expect(fixOnce(anchored)).toBe(
      `${anchored}    merge_group:\n      checks_requested:\n        workflows: *plan\n`,
    );
    const flow = `settings:\n  pro:\n    pull_request:\n      synchronize: {workflows: {atmos-terraform-plan.yaml: {}}}\n`;
    expect(fixOnce(flow)).toBe(
      `settings:\n  pro:\n    pull_request:\n      synchronize: {workflows: &synchronize-workflows {atmos-terraform-plan.yaml: {}}}\n    merge_group:\n      checks_requested:\n        workflows: *synchronize-workflows\n`,
    );
  });

  it('follows the indentation of a component-level block (4-space steps), CRLF and a missing final newline', () => {
    const before = [
      'vars:',
      '    stage: dev',
      'components:',
      '    terraform:',
      '        vpc:',
      '            settings:',
      '                pro:',
      '                    pull_request:',
      '                        synchronize:',
      '                            workflows:',
      '                                atmos-terraform-plan.yaml: {}',
    ].join('\r\n');
    const after = fixOnce(before, 'stacks/deploy/dev.yaml', before);
    expect(after).toBe(
      `${before.replace('                            workflows:', '                            workflows: &synchronize-workflows')}\r\n` +
        '                    merge_group:\r\n' +
        '                        checks_requested:\r\n' +
        '                            workflows: *synchronize-workflows\r\n',
    );
  });

  it('copies the value, re-indented, when no anchor can be added (explicit key)', () => {
    const before = `settings:
  pro:
    pull_request:
      synchronize:
        ? workflows
        :   atmos-terraform-plan.yaml:
              inputs:
                stack: "{{ .atmos_stack }}"
`;
    expect(fixOnce(before)).toBe(
      `${before}    merge_group:\n      checks_requested:\n        workflows:\n          atmos-terraform-plan.yaml:\n            inputs:\n              stack: "{{ .atmos_stack }}"\n`,
    );
  });

  it('two blocks in one file get distinct anchors', () => {
    const block = (c: string) => `    ${c}:
      settings:
        pro:
          pull_request:
            synchronize:
              workflows:
                atmos-terraform-plan.yaml:
                  inputs:
                    component: ${c}
`;
    const before = `vars:\n  stage: dev\ncomponents:\n  terraform:\n${block('vpc')}${block('dns')}`;
    const dir = repo({ 'stacks/deploy/dev.yaml': before });
    expect(diagnostics(dir)).toHaveLength(2);
    fix(dir);
    const after = read(dir, 'stacks/deploy/dev.yaml');
    expect(after).toContain('workflows: &synchronize-workflows\n');
    expect(after).toContain('workflows: &synchronize-workflows-2\n');
    expect(after).toContain('workflows: *synchronize-workflows\n');
    expect(after).toContain('workflows: *synchronize-workflows-2\n');
    expect(diagnostics(dir)).toEqual([]);
  });
});

describe.skipIf(!HAS_CORPUS)('missing-merge-group: --fix on corpus copies', () => {
  function copy(name: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'apl-mmg-'));
    dirs.push(dir);
    cpSync(join(CORPUS, name), dir, { recursive: true });
    mkdirSync(join(dir, '.git'), { recursive: true });
    return dir;
  }

  it.each([
    ['atmos-pro', 'stacks/mixins/atmos-pro.yaml', 4, '*plan-wf-config'],
    ['ext-atmos-pro-example-advanced', 'stacks/mixins/atmos-pro/default.yaml', 40, '*plan-wf-config'],
  ])(
    '%s: one warning at the mixin, fixed with the same alias, idempotent, clean',
    (name, mixin, count, alias) => {
      const dir = copy(name);
      const before = read(dir, mixin);
      const ds = diagnostics(dir);
      expect(ds).toHaveLength(1);
      expect(ds[0]).toMatchObject({ file: mixin, severity: 'warning', fixable: true });
      expect(ds[0]?.instances).toHaveLength(count);
      expect(fix(dir)).toBe(1);
      const after = read(dir, mixin);
      const added = `    merge_group:\n      checks_requested:\n        workflows: ${alias}\n`;
      expect(after.replace(added, '')).toBe(before);
      expect(after).toContain(`        workflows: *apply-wf-config\n${added}`);
      expect(diagnostics(dir)).toEqual([]);
      expect(fix(dir)).toBe(0);
      expect(read(dir, mixin)).toBe(after);
      // The corpus itself is untouched.
      expect(read(join(CORPUS, name), mixin)).toBe(before);
    },
  );
});
