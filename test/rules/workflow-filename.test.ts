import { describe, expect, it } from 'vitest';
import { lintFiles } from '../helpers/lint-files.js';

const ID = 'workflow-filename';

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
  const block = (key: string) =>
    `release:\n  published:\n    workflows:\n      ${key}:\n        inputs:\n          component: "{{ .atmos_component }}"`;
  const cases: [string, string][] = [
    ['atmos-terraform-apply', 'did you mean `atmos-terraform-apply.yaml`?'],
    ['atmos-terraform-aply', 'did you mean `atmos-terraform-apply.yaml`?'],
    ['deploy', 'write the file name, e.g. `deploy.yaml`.'],
    ['Terraform Apply', 'write the file name, e.g. `Terraform Apply.yaml`.'],
  ];
  for (const [key, hint] of cases) {
    it(`reports \`${key}\` at the key`, () => {
      expect(found(block(key))).toEqual([
        [
          8,
          11,
          `Workflow key \`${key}\` is not a workflow file name: Atmos Pro dispatches a workflow by its file name in \`.github/workflows\` (ending in \`.yml\` or \`.yaml\`); ${hint}`,
        ],
      ]);
    });
  }

  it('suggests a .yml file when that is what exists', () => {
    const ds = lintFiles({
      'stacks/deploy/dev.yaml': stack(block('deploy')),
      '.github/workflows/deploy.yml':
        'on:\n  workflow_dispatch:\n    inputs:\n      component:\n        type: string\n',
    }).filter((d) => d.ruleId === ID);
    expect(ds.map((d) => d.message.split('; ')[1])).toEqual(['did you mean `deploy.yml`?']);
  });

  it('accepts .yml and .yaml names and leaves templated names to their rendered value', () => {
    expect(found(block('atmos-terraform-apply.yaml'))).toEqual([]);
    expect(found(block('atmos-terraform-apply.yml'))).toEqual([]);
    expect(found(block('"{{ .settings.apply_workflow }}"'))).toEqual([]);
  });
});
