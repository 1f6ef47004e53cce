import { describe, expect, it } from 'vitest';
import { lintFiles } from '../helpers/lint-files.js';

const ID = 'invalid-type';

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
  const invalid: [string, string, [number, number, string][]][] = [
    [
      'an activity written as a workflow name',
      'release:\n  published: atmos-terraform-apply.yaml',
      [
        [
          6,
          18,
          '`settings.pro.release.published` must be a map with `workflows`, not the string `atmos-terraform-apply.yaml`.',
        ],
      ],
    ],
    [
      'workflows as a list',
      'release:\n  published:\n    workflows:\n      - atmos-terraform-apply.yaml',
      [
        [
          8,
          11,
          '`settings.pro.release.published.workflows` must be a map of workflow file names to their `inputs`, not a list.',
        ],
      ],
    ],
    [
      'an event as a string',
      'pull_request: opened',
      [
        [
          5,
          19,
          '`settings.pro.pull_request` must be a map of activities (`opened`, `synchronize`, `reopened` and `merged`), not the string `opened`.',
        ],
      ],
    ],
    [
      'a workflow entry that is not a map',
      'release:\n  published:\n    workflows:\n      apply.yaml: yes',
      [
        [
          8,
          23,
          '`settings.pro.release.published.workflows.apply.yaml` must be a map with `inputs`, not the string `yes`.',
        ],
      ],
    ],
    [
      'inputs that are not a map, without echoing the value',
      'release:\n  published:\n    workflows:\n      apply.yaml:\n        inputs: secret-ish',
      [
        [
          9,
          21,
          '`settings.pro.release.published.workflows.apply.yaml.inputs` must be a map of input names to string values, not a string.',
        ],
      ],
    ],
    [
      'a legacy `on` that is not a list',
      'pull_request:\n  - on: opened\n    workflows:\n      plan.yaml: {}',
      [
        [
          6,
          13,
          '`settings.pro.pull_request[0].on` must be a list of activity names, not the string `opened`.',
        ],
      ],
    ],
    [
      'drift_detection as a boolean',
      'drift_detection: true',
      [
        [
          5,
          22,
          '`settings.pro.drift_detection` must be a map (`enabled`, `detect`, `remediate`), not the boolean `true`.',
        ],
      ],
    ],
  ];
  for (const [name, block, expected] of invalid) {
    it(`reports ${name}`, () => {
      expect(found(block)).toEqual(expected);
    });
  }

  const settings = (pro: string) =>
    `vars:\n  stage: dev\ncomponents:\n  terraform:\n    vpc:\n      settings:\n        pro: ${pro}\n      vars: {}\n`;
  const onlyMine = (pro: string) =>
    lintFiles({ 'stacks/deploy/dev.yaml': settings(pro) })
      .filter((d) => d.ruleId.length > 0 && SHAPE.includes(d.ruleId))
      .map((d) => [d.ruleId, d.line, d.column, d.message]);
  const SHAPE = [
    'unknown-key',
    'invalid-type',
    'unknown-activity',
    'undocumented-activity',
    'misplaced-merge-group',
    'legacy-pull-request-list',
    'workflow-filename',
    'empty-workflows',
    'input-not-string',
    'enabled-not-boolean',
  ];

  it('reports a settings.pro that is not a map', () => {
    expect(onlyMine('true')).toEqual([
      [
        ID,
        7,
        14,
        '`settings.pro` must be a map, not the boolean `true`: Atmos counts the instance as disabled and Atmos Pro dispatches nothing for it. Write a map such as `enabled: true` with the events to handle.',
      ],
    ]);
  });

  it('reports `!env` in place of the block: it always yields a string', () => {
    expect(onlyMine('!env ATMOS_PRO_SETTINGS')).toEqual([
      [
        ID,
        7,
        14,
        '`settings.pro` must be a map, not `!env`, which always yields a string: Atmos counts the instance as disabled and Atmos Pro dispatches nothing for it. Write a map such as `enabled: true` with the events to handle.',
      ],
    ]);
  });

  it('says nothing about functions Atmos resolves later, nor about an emptied block', () => {
    expect(onlyMine("!template '{{ toJson .settings.pro_defaults }}'")).toEqual([]);
    expect(onlyMine('!store ssm /atmos/pro settings')).toEqual([]);
    expect(onlyMine('~')).toEqual([]);
    expect(onlyMine('')).toEqual([]);
  });

  it('checks an included block and points into the included file', () => {
    const ds = lintFiles({
      'stacks/deploy/dev.yaml': settings('!include stacks/catalog/pro.yaml'),
      'stacks/catalog/pro.yaml': 'enabled: true\nrelease:\n  published: apply.yaml\n',
    }).filter((d) => d.ruleId === ID);
    expect(ds.map((d) => [d.file, d.line, d.column])).toEqual([['stacks/catalog/pro.yaml', 3, 14]]);
  });

  it('reads a workflow or inputs with nothing after them as "no inputs"', () => {
    expect(found('release:\n  published:\n    workflows:\n      apply.yaml:')).toEqual([]);
    expect(found('release:\n  published:\n    workflows:\n      apply.yaml:\n        inputs:')).toEqual([]);
  });

  it('leaves enabled, inputs and empty activities to the precise rules', () => {
    const block = `enabled: "no"
pull_request:
  opened:
  synchronize:
    workflows:
      plan.yaml:
        inputs:
          upload: true`;
    expect(found(block)).toEqual([]);
    expect(found(block, 'enabled-not-boolean')).toHaveLength(1);
    expect(found(block, 'empty-workflows')).toHaveLength(1);
    expect(found(block, 'input-not-string')).toHaveLength(1);
  });
});
