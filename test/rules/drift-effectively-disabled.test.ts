import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/core/diagnostic.js';
import { lint } from '../../src/lint/engine.js';
import { allRules } from '../../src/rules/index.js';
import { materialize } from '../helpers/docs-examples.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function run(files: Record<string, string>, rule: string): Diagnostic[] {
  const dir = materialize(files);
  dirs.push(dir);
  return lint({ cwd: dir, env: {}, rules: allRules }).diagnostics.filter((d) => d.ruleId === rule);
}

const DRIFT = `settings:
  pro:
    enabled: true
    drift_detection:
      enabled: true
      detect:
        workflows:
          atmos-terraform-plan.yaml: {}
      remediate:
        workflows:
          atmos-terraform-apply.yaml: {}
`;

const stack = (components: string) =>
  `import:\n  - mixins/pro\nvars:\n  stage: dev\ncomponents:\n  terraform:\n${components}`;

describe('drift-effectively-disabled', () => {
  const RULE = 'drift-effectively-disabled';

  it('names settings.pro.enabled: false and the file that wrote it, with a related location', () => {
    const [d, ...rest] = run(
      {
        'stacks/mixins/pro.yaml': DRIFT,
        'stacks/deploy/dev.yaml': stack(
          '    vpc: {}\n    dns:\n      settings:\n        pro:\n          enabled: false\n',
        ),
      },
      RULE,
    );
    expect(rest).toEqual([]);
    expect(d).toMatchObject({
      severity: 'info',
      file: 'stacks/mixins/pro.yaml',
      line: 5,
      column: 16,
      endColumn: 20,
      instances: [{ component: 'dns', stack: 'dev' }],
      related: [
        {
          file: 'stacks/deploy/dev.yaml',
          line: 11,
          column: 20,
          endColumn: 25,
          message: 'Atmos Pro is turned off here',
        },
      ],
    });
    expect(d?.message).toContain('(`settings.pro.enabled: false` in stacks/deploy/dev.yaml)');
  });

  it('names metadata.enabled: false inherited from an abstract base', () => {
    const [d] = run(
      {
        'stacks/mixins/pro.yaml': DRIFT,
        'stacks/deploy/dev.yaml': stack(
          '    base:\n      metadata:\n        type: abstract\n        enabled: false\n    vpc:\n      metadata:\n        inherits: [base]\n',
        ),
      },
      RULE,
    );
    expect(d?.message).toContain(
      '(`metadata.enabled: false` inherited from `base` in stacks/deploy/dev.yaml)',
    );
    expect(d?.related?.[0]).toMatchObject({ line: 10, column: 18 });
  });

  it('metadata.enabled wins over settings.pro.enabled when both are false', () => {
    const [d] = run(
      {
        'stacks/mixins/pro.yaml': DRIFT,
        'stacks/deploy/dev.yaml': stack(
          '    vpc:\n      metadata:\n        enabled: false\n      settings:\n        pro:\n          enabled: false\n',
        ),
      },
      RULE,
    );
    expect(d?.message).toContain('(`metadata.enabled: false` in stacks/deploy/dev.yaml)');
  });

  it.each([
    ['an enabled instance', '    vpc: {}\n'],
    [
      'a disabled instance that also turns drift off',
      '    vpc:\n      settings:\n        pro:\n          enabled: false\n          drift_detection:\n            enabled: false\n',
    ],
    [
      'a string "false" (enabled-not-boolean reports it; Atmos counts it as enabled)',
      '    vpc:\n      settings:\n        pro:\n          enabled: "false"\n',
    ],
  ])('does not report %s', (_, components) => {
    expect(
      run({ 'stacks/mixins/pro.yaml': DRIFT, 'stacks/deploy/dev.yaml': stack(components) }, RULE),
    ).toEqual([]);
  });
});
