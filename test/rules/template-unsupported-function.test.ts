import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/lint/engine.js';
import { allRules } from '../../src/rules/index.js';
import { materialize } from '../helpers/docs-examples.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function run(files: Record<string, string>) {
  const dir = materialize(files);
  dirs.push(dir);
  return lint({ cwd: dir, env: {}, rules: allRules });
}

/** A dev stack whose `app` dispatches `component: '<template>'` (line 13, from column 33). */
const stack = (template: string) =>
  `vars:\n  stage: dev\ncomponents:\n  terraform:\n    app:\n      settings:\n        pro:\n          merge_group:\n            checks_requested:\n              workflows:\n                atmos-terraform-plan.yaml:\n                  inputs:\n                    component: '${template}'\n`;

describe('template-unsupported-function', () => {
  it.each([
    ['atmos.Component', '{{ (atmos.Component "vpc" .stack).outputs.vpc_id }}', 4],
    ['atmos.Store', '{{ atmos.Store "ssm" .stack "vpc" "vpc_id" }}', 3],
    ['now', '{{ now | date "2006" }}', 3],
    ['randAlphaNum', '{{ randAlphaNum 8 }}', 3],
    ['uuidv4', '{{ uuidv4 }}', 3],
  ])('reports %s at the function name, as a warning', (fn, template, offset) => {
    const { diagnostics, resolution } = run({ 'stacks/deploy/dev.yaml': stack(template) });
    expect(diagnostics.map((d) => [d.ruleId, d.severity, d.line, d.column, d.endColumn])).toEqual([
      ['template-unsupported-function', 'warning', 13, 33 + offset, 33 + offset + fn.length],
    ]);
    expect(diagnostics[0]?.message).toMatch(
      new RegExp(`^function "${fn.replace('.', '\\.')}" is not supported: `),
    );
    expect(diagnostics[0]?.instances).toEqual([{ component: 'app', stack: 'dev' }]);
    // The value keeps its template text; the rest of the component is resolved.
    const app = resolution.instances.find((i) => i.component === 'app');
    expect(app?.rendered.settings).toMatchObject({
      pro: {
        merge_group: {
          checks_requested: {
            workflows: { 'atmos-terraform-plan.yaml': { inputs: { component: template } } },
          },
        },
      },
    });
  });

  it('is not reported outside settings.pro, where it does not change what Atmos Pro receives', () => {
    const text = `vars:\n  stage: dev\ncomponents:\n  terraform:\n    app:\n      vars:\n        vpc_id: '{{ (atmos.Component "vpc" .stack).outputs.vpc_id }}'\n`;
    expect(run({ 'stacks/deploy/dev.yaml': text }).diagnostics).toEqual([]);
  });

  it('reports one diagnostic for a catalog template, listing every instance it affects', () => {
    const catalog =
      'components:\n  terraform:\n    app:\n      settings:\n        pro:\n          merge_group:\n            checks_requested:\n              workflows:\n                atmos-terraform-plan.yaml:\n                  inputs:\n                    stack: \'{{ (atmos.Component "vpc" .stack).outputs.vpc_id }}\'\n';
    const deploy = (stage: string) => `import:\n  - catalog/app\nvars:\n  stage: ${stage}\n`;
    const { diagnostics } = run({
      'stacks/catalog/app.yaml': catalog,
      'stacks/deploy/dev.yaml': deploy('dev'),
      'stacks/deploy/prod.yaml': deploy('prod'),
      'stacks/deploy/staging.yaml': deploy('staging'),
    });
    expect(diagnostics.map((d) => [d.ruleId, d.file, d.line, d.column])).toEqual([
      ['template-unsupported-function', 'stacks/catalog/app.yaml', 11, 33],
    ]);
    expect(diagnostics[0]?.instances.map((i) => i.stack)).toEqual(['dev', 'prod', 'staging']);
  });

  it.each([
    ['context values', '{{ .vars.stage }}-{{ .atmos_component }}'],
    ['Sprig string functions', '{{ .atmos_component | upper | trunc 3 }}'],
    ['Gomplate namespaces', '{{ strings.ToUpper .vars.stage }}'],
    [
      'conditionals and defaults',
      '{{ if eq .vars.stage "dev" }}small{{ else }}{{ default "large" .vars.size }}{{ end }}',
    ],
  ])('does not report %s', (_name, template) => {
    expect(run({ 'stacks/deploy/dev.yaml': stack(template) }).diagnostics).toEqual([]);
  });

  it('is not reported when templates are disabled in atmos.yaml', () => {
    const { diagnostics } = run({
      'atmos.yaml':
        'base_path: "./"\nstacks:\n  base_path: stacks\n  included_paths: ["deploy/**/*"]\n  name_template: "{{ .vars.stage }}"\ntemplates:\n  settings:\n    enabled: false\n',
      'stacks/deploy/dev.yaml': stack('{{ (atmos.Component "vpc" .stack).outputs.vpc_id }}'),
    });
    expect(diagnostics.map((d) => d.ruleId)).not.toContain('template-unsupported-function');
  });

  it('can be turned off or lowered to info in the configuration', () => {
    const template = '{{ now }}';
    const off = run({
      '.atmos-pro-lint.yaml': 'rules:\n  template-unsupported-function: off\n',
      'stacks/deploy/dev.yaml': stack(template),
    });
    expect(off.diagnostics).toEqual([]);
    const info = run({
      '.atmos-pro-lint.yaml': 'rules:\n  template-unsupported-function: info\n',
      'stacks/deploy/dev.yaml': stack(template),
    });
    expect(info.diagnostics.map((d) => [d.ruleId, d.severity])).toEqual([
      ['template-unsupported-function', 'info'],
    ]);
  });
});
