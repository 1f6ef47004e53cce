import { describe, expect, it } from 'vitest';
import { lintFiles } from '../helpers/lint-files.js';

const ID = 'unknown-key';

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

const WF = `workflows:
  atmos-terraform-plan.yaml:
    inputs:
      component: "{{ .atmos_component }}"`;
const indent = (text: string, n: number) =>
  text
    .split('\n')
    .map((l) => ' '.repeat(n) + l)
    .join('\n');

describe(ID, () => {
  it('accepts every key Atmos Pro reads', () => {
    const block = `enabled: true
pull_request:
  opened:
${indent(WF, 4)}
  synchronize:
${indent(WF, 4)}
  reopened:
${indent(WF, 4)}
  merged:
${indent(WF, 4)}
release:
  published:
${indent(WF, 4)}
merge_group:
  checks_requested:
${indent(WF, 4)}
drift_detection:
  enabled: true
  detect:
${indent(WF, 4)}
  remediate:
${indent(WF, 4)}`;
    expect(found(block)).toEqual([]);
  });

  const invalid: [string, string, [number, number, string][]][] = [
    [
      '`workflow` for `workflows`',
      'pull_request:\n  synchronize:\n    workflow: {}',
      [
        [
          7,
          9,
          'Unknown key `workflow` in `settings.pro.pull_request.synchronize`: did you mean `workflows`?',
        ],
      ],
    ],
    [
      '`input` for `inputs`',
      'release:\n  published:\n    workflows:\n      apply.yaml:\n        input: {}',
      [
        [
          9,
          13,
          'Unknown key `input` in `settings.pro.release.published.workflows.apply.yaml`: did you mean `inputs`?',
        ],
      ],
    ],
    [
      'a client setting',
      'workspace_id: abc',
      [
        [
          5,
          5,
          'Unknown key `workspace_id` in `settings.pro`: `workspace_id` is an Atmos Pro client setting: it belongs in `settings.pro` of `atmos.yaml` (or an `ATMOS_PRO_*` environment variable), not in a stack manifest.',
        ],
      ],
    ],
    [
      'an activity one level too high',
      `synchronize:\n${indent(WF, 2)}`,
      [
        [
          5,
          5,
          'Unknown key `synchronize` in `settings.pro`: `synchronize` is an activity: nest it under `pull_request` (`settings.pro.pull_request.synchronize`).',
        ],
      ],
    ],
    [
      'a misspelt event',
      'pullrequest: {}',
      [[5, 5, 'Unknown key `pullrequest` in `settings.pro`: did you mean `pull_request`?']],
    ],
    [
      'merge_queue',
      'merge_queue: {}',
      [[5, 5, 'Unknown key `merge_queue` in `settings.pro`: did you mean `merge_group`?']],
    ],
    [
      'an unknown drift_detection key',
      'drift_detection:\n  schedule: daily',
      [
        [
          6,
          7,
          'Unknown key `schedule` in `settings.pro.drift_detection`; Atmos Pro does not use it. Expected one of `enabled`, `detect` and `remediate`.',
        ],
      ],
    ],
    [
      'a legacy list entry key',
      'pull_request:\n  - on: [opened]\n    workflow: {}',
      [[7, 9, 'Unknown key `workflow` in `settings.pro.pull_request[0]`: did you mean `workflows`?']],
    ],
  ];
  for (const [name, block, expected] of invalid) {
    it(`reports ${name}`, () => {
      expect(found(block)).toEqual(expected);
    });
  }

  it('reports a misspelt `workflows` once, not also as missing workflows', () => {
    const block = 'pull_request:\n  synchronize:\n    workflow: {}';
    expect(found(block, 'empty-workflows')).toEqual([]);
    expect(found(block)).toHaveLength(1);
  });

  it('leaves unknown activities and a nested merge_group to their own rules', () => {
    const block = `pull_request:\n  closed:\n${indent(WF, 4)}\n  merge_group: {}`;
    expect(found(block)).toEqual([]);
    expect(found(block, 'unknown-activity')).toHaveLength(1);
    expect(found(block, 'misplaced-merge-group')).toHaveLength(1);
  });

  it('reports the key in the mixin that writes it, once for every instance', () => {
    const mixin = 'settings:\n  pro:\n    enabled: true\n    enabeld: false\n';
    const stackFile = (stage: string) =>
      `import:\n  - mixins/pro\nvars:\n  stage: ${stage}\ncomponents:\n  terraform:\n    vpc:\n      vars: {}\n    eks:\n      vars: {}\n`;
    const ds = lintFiles({
      'stacks/mixins/pro.yaml': mixin,
      'stacks/deploy/dev.yaml': stackFile('dev'),
      'stacks/deploy/prod.yaml': stackFile('prod'),
    }).filter((d) => d.ruleId === ID);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({
      file: 'stacks/mixins/pro.yaml',
      line: 4,
      column: 5,
      endColumn: 12,
      message: 'Unknown key `enabeld` in `settings.pro`: did you mean `enabled`?',
    });
    expect(ds[0]?.instances).toEqual([
      { component: 'eks', stack: 'dev' },
      { component: 'vpc', stack: 'dev' },
      { component: 'eks', stack: 'prod' },
      { component: 'vpc', stack: 'prod' },
    ]);
  });

  // Found by the resolver property test: a sequence used as a key was quoted as its JSON text,
  // which held a token written on another line (here through an alias).
  it('shows a sequence or map used as a key as […] or {…}, never its contents', () => {
    const block = `? [a, *secret]\n: 1\n? {x: 1}\n: 2\n? "[not json"\n: 3`;
    const text = `x-anchors:\n  s: &secret {token: SECRETVALUE}\n${stack(block)}`;
    const messages = lintFiles({ 'stacks/deploy/dev.yaml': text })
      .filter((d) => d.ruleId === ID)
      .map((d) => d.message.split(';')[0]);
    expect(messages).toEqual([
      'Unknown key `[…]` in `settings.pro`',
      'Unknown key `{…}` in `settings.pro`',
      'Unknown key `[not json` in `settings.pro`',
    ]);
  });
});
