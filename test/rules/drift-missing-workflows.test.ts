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

describe('drift-missing-workflows', () => {
  const RULE = 'drift-missing-workflows';
  const pro = (drift: string) => ({
    'stacks/deploy/dev.yaml': `vars:\n  stage: dev\nsettings:\n  pro:\n    drift_detection:\n${drift}components:\n  terraform:\n    vpc: {}\n    dns: {}\n`,
  });

  it('reports both missing at the drift_detection key, once for every instance', () => {
    const [d, ...rest] = run(pro('      enabled: true\n'), RULE);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ severity: 'error', line: 5, column: 5, endColumn: 20 });
    expect(d?.instances).toHaveLength(2);
    expect(d?.message).toContain('without `detect` and `remediate` workflows');
    expect(d?.message).toContain('Add `detect.workflows` and `remediate.workflows` under `drift_detection`.');
  });

  it('reports the one that is missing, or empty', () => {
    const [d] = run(
      pro(
        '      enabled: true\n      detect:\n        workflows:\n          atmos-terraform-plan.yaml: {}\n',
      ),
      RULE,
    );
    expect(d?.message).toContain('without `remediate` workflows');
    const [e] = run(
      pro(
        '      enabled: true\n      detect:\n        workflows: {}\n      remediate:\n        workflows:\n          atmos-terraform-apply.yaml: {}\n',
      ),
      RULE,
    );
    expect(e?.message).toContain('without `detect` workflows');
  });

  it('points at the file that turned drift on', () => {
    const [d] = run(
      {
        'stacks/mixins/pro.yaml':
          'settings:\n  pro:\n    drift_detection:\n      detect:\n        workflows:\n          atmos-terraform-plan.yaml: {}\n',
        'stacks/deploy/dev.yaml':
          'import:\n  - mixins/pro\nvars:\n  stage: dev\nsettings:\n  pro:\n    drift_detection:\n      enabled: true\ncomponents:\n  terraform:\n    vpc: {}\n',
      },
      RULE,
    );
    expect(d).toMatchObject({ file: 'stacks/deploy/dev.yaml', line: 7, column: 5 });
  });

  it.each([
    ['drift off', '      enabled: false\n'],
    ['drift not a boolean true', '      enabled: "true"\n'],
  ])('does not report %s', (_, drift) => {
    expect(run(pro(drift), RULE)).toEqual([]);
  });

  it('does not report an instance with Atmos Pro off', () => {
    const files = pro('      enabled: true\n');
    files['stacks/deploy/dev.yaml'] = files['stacks/deploy/dev.yaml']!.replace(
      '  pro:\n',
      '  pro:\n    enabled: false\n',
    );
    expect(run(files, RULE)).toEqual([]);
  });
});
