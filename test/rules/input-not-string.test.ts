import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { planFixes } from '../../src/fix/apply.js';
import { lint } from '../../src/lint/engine.js';
import { allRules } from '../../src/rules/index.js';
import { materialize } from '../helpers/docs-examples.js';

const ID = 'input-not-string';
const FILE = 'stacks/deploy/dev.yaml';
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A stack whose plan workflow gets `inputs` (YAML lines at 14 spaces: `key: value`). */
const stack = (inputs: string, head = '') => `${head}vars:
  stage: dev
settings:
  pro:
    pull_request:
      synchronize:
        workflows:
          atmos-terraform-plan.yaml:
            inputs:
              component: "{{ .atmos_component }}"
${inputs
  .split('\n')
  .map((l) => (l ? `              ${l}` : l))
  .join('\n')}
components:
  terraform:
    vpc:
      vars:
        name: vpc
`;

function repo(text: string): string {
  const dir = materialize({ [FILE]: text });
  dirs.push(dir);
  return dir;
}

const run = (dir: string) => lint({ cwd: dir, env: {}, rules: allRules });
const mine = (dir: string) => run(dir).diagnostics.filter((d) => d.ruleId === ID);

function fixOnce(dir: string): number {
  const plan = planFixes(
    run(dir).fixes.filter((f) => f.ruleId === ID),
    allRules,
  );
  for (const [path, { text }] of plan.files) writeFileSync(path, text);
  return plan.files.size;
}

describe(ID, () => {
  const valid: [string, string][] = [
    ['quoted strings', 'upload: "true"\nretries: "3"'],
    ['a template', 'stage: "{{ .vars.stage }}"'],
    ['a plain string', 'mode: fast'],
    ['a YAML function (a string until Atmos resolves it)', 'token_name: !env TOKEN_NAME'],
    ['a block scalar', 'notes: |\n  two\n  lines'],
  ];
  for (const [name, inputs] of valid) {
    it(`accepts ${name}`, () => {
      expect(mine(repo(stack(inputs)))).toEqual([]);
    });
  }

  const invalid: [string, string, string, number, number, boolean][] = [
    [
      'true',
      'upload: true',
      'Workflow input `upload` is the boolean `true`, but GitHub dispatch inputs are strings; quote it: `"true"`.',
      11,
      23,
      true,
    ],
    [
      'a number as written',
      'mode: 0777',
      'Workflow input `mode` is the number `0777`, but GitHub dispatch inputs are strings; quote it: `"0777"`.',
      11,
      21,
      true,
    ],
    [
      'null',
      'upload:',
      'Workflow input `upload` is empty (null), but GitHub dispatch inputs are strings; write `""` or remove the input.',
      11,
      15,
      false,
    ],
    [
      'a list',
      'stacks: [a, b]',
      'Workflow input `stacks` is a list, but GitHub dispatch inputs are strings; pass it as one string (e.g. JSON text) instead.',
      11,
      23,
      false,
    ],
    [
      'a map',
      'opts: {a: b}',
      'Workflow input `opts` is a map, but GitHub dispatch inputs are strings; pass it as one string (e.g. JSON text) instead.',
      11,
      21,
      false,
    ],
  ];
  for (const [name, inputs, message, line, column, fixable] of invalid) {
    it(`reports ${name}`, () => {
      const found = mine(repo(stack(inputs)));
      expect(found.map((d) => [d.message, d.line, d.column, d.fixable])).toEqual([
        [message, line, column, fixable],
      ]);
    });
  }

  it('is the only rule reporting the value (no generic invalid-type)', () => {
    const ids = run(repo(stack('upload: true'))).diagnostics.map((d) => d.ruleId);
    expect(ids).not.toContain('invalid-type');
  });

  it('reports an input written in a shared anchor once, where the anchor is', () => {
    const text = `plan: &plan
  atmos-terraform-plan.yaml:
    inputs:
      upload: yes_please
      retries: 3
vars:
  stage: dev
settings:
  pro:
    pull_request:
      opened:
        workflows: *plan
      synchronize:
        workflows: *plan
components:
  terraform:
    vpc: {vars: {}}
    eks: {vars: {}}
`;
    const found = mine(repo(text));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line: 5, column: 16, endColumn: 17 });
    expect(found[0]?.instances.map((i) => i.component)).toEqual(['eks', 'vpc']);
  });

  it('quotes scalars as written, keeping comments, tags, anchors and flow style; idempotent', () => {
    const inputs = [
      'upload: true # plan uploads',
      'mode: 0777',
      'size: 1_000',
      'ratio: .5',
      'count: !!int 5',
      'flag: &flag false',
      'extra: {retry: 3, quiet: True}',
    ].join('\n');
    const dir = repo(stack(inputs));
    expect(mine(dir).map((d) => d.fixable)).toEqual([true, true, true, true, true, true, false]);
    expect(fixOnce(dir)).toBe(1);
    const after = readFileSync(join(dir, FILE), 'utf8');
    expect(after).toBe(
      stack(
        [
          'upload: "true" # plan uploads',
          'mode: "0777"',
          'size: "1_000"',
          'ratio: ".5"',
          'count: "5"',
          'flag: &flag "false"',
          'extra: {retry: 3, quiet: True}',
        ].join('\n'),
      ),
    );
    // `extra` is a map: reported, never rewritten.
    expect(mine(dir).map((d) => d.message)).toEqual([
      'Workflow input `extra` is a map, but GitHub dispatch inputs are strings; pass it as one string (e.g. JSON text) instead.',
    ]);
    expect(fixOnce(dir)).toBe(0);
  });

  it('does not edit a manifest Atmos renders at import time', () => {
    const dir = materialize({
      'stacks/mixins/pro.yaml.tmpl': `settings:
  pro:
    release:
      published:
        workflows:
          atmos-terraform-apply.yaml:
            inputs:
              region: "{{ .region }}"
              upload: true
`,
      [FILE]: `import:
  - path: mixins/pro.yaml.tmpl
    context:
      region: us-east-2
vars:
  stage: dev
components:
  terraform:
    vpc:
      vars: {}
`,
    });
    dirs.push(dir);
    const found = mine(dir);
    expect(found.map((d) => [d.file, d.line, d.fixable])).toEqual([
      ['stacks/mixins/pro.yaml.tmpl', 9, false],
    ]);
  });

  it('leaves a value reached through an alias unfixed', () => {
    const dir = repo(stack('retries: *three', 'three: &three 3\n'));
    const found = mine(dir);
    expect(found).toHaveLength(1);
    expect(found[0]?.fixable).toBe(false);
  });
});
