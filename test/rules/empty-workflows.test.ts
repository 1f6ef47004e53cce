import { describe, expect, it } from 'vitest';
import { lintFiles } from '../helpers/lint-files.js';

const ID = 'empty-workflows';

/** A dev stack whose `settings.pro` is `block` (written at column 1; line 1 of it is file line 5). */
function stack(block: string): string {
  const body = block
    .split('\n')
    .map((l) => (l ? `    ${l}` : l))
    .join('\n');
  return `vars:\n  stage: dev\nsettings:\n  pro:\n${body}\ncomponents:\n  terraform:\n    vpc:\n      vars: {}\n`;
}

const found = (block: string, id = ID) =>
  lintFiles({ 'stacks/deploy/dev.yaml': stack(block) })
    .filter((d) => d.ruleId === id)
    .map((d) => [d.line, d.column, d.message]);

describe(ID, () => {
  const cases: [string, string, [number, number, string][]][] = [
    [
      'an empty workflows map, at the map',
      'pull_request:\n  merged:\n    workflows: {}',
      [
        [
          7,
          20,
          '`settings.pro.pull_request.merged.workflows` is empty, so Atmos Pro dispatches nothing for `merged`. Add a workflow file with its inputs, or remove the activity.',
        ],
      ],
    ],
    [
      'an activity with nothing under it, at the activity',
      'merge_group:\n  checks_requested:',
      [
        [
          6,
          7,
          '`settings.pro.merge_group.checks_requested` has no `workflows`, so Atmos Pro dispatches nothing for `checks_requested`. Add `workflows` with a workflow file and its inputs, or remove the activity.',
        ],
      ],
    ],
    [
      'an activity without workflows',
      'drift_detection:\n  detect: {}',
      [
        [
          6,
          7,
          '`settings.pro.drift_detection.detect` has no `workflows`, so Atmos Pro dispatches nothing for `detect`. Add `workflows` with a workflow file and its inputs, or remove the activity.',
        ],
      ],
    ],
    [
      '`workflows:` with nothing under it, at the key',
      'release:\n  published:\n    workflows:',
      [
        [
          7,
          9,
          '`settings.pro.release.published.workflows` is empty, so Atmos Pro dispatches nothing for `published`. Add a workflow file with its inputs, or remove the activity.',
        ],
      ],
    ],
    [
      'a legacy entry without workflows',
      'pull_request:\n  - on: [opened]',
      [
        [
          6,
          9,
          '`settings.pro.pull_request[0]` has no `workflows`, so Atmos Pro dispatches nothing for `settings.pro.pull_request[0]`. Add `workflows` with a workflow file and its inputs, or remove the activity.',
        ],
      ],
    ],
  ];
  for (const [name, block, expected] of cases) {
    it(`reports ${name}`, () => {
      expect(found(block)).toEqual(expected);
    });
  }

  it('reports a workflows map that is still empty after merging the layers', () => {
    const ds = lintFiles({
      'stacks/mixins/pro.yaml': 'settings:\n  pro:\n    release:\n      published:\n        workflows: {}\n',
      'stacks/deploy/dev.yaml': `import:\n  - mixins/pro\n${stack('enabled: true')}`,
    }).filter((d) => d.ruleId === ID);
    expect(ds.map((d) => [d.file, d.line, d.column])).toEqual([['stacks/mixins/pro.yaml', 5, 20]]);
  });

  it('accepts workflows filled in by another layer', () => {
    const ds = lintFiles({
      'stacks/mixins/pro.yaml':
        'settings:\n  pro:\n    release:\n      published:\n        workflows:\n          atmos-terraform-apply.yaml: {}\n',
      'stacks/deploy/dev.yaml': `import:\n  - mixins/pro\n${stack('release:\n  published:\n    workflows: {}')}`,
    }).filter((d) => d.ruleId === ID);
    expect(ds).toEqual([]);
  });
});
