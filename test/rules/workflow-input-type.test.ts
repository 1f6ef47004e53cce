/**
 * workflow-input-type: values are checked as rendered for each instance, and only when they are
 * known — a template left unrendered is never guessed at.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/core/diagnostic.js';
import { lint } from '../../src/lint/engine.js';
import { allRules } from '../../src/rules/index.js';

const atmosYaml = (templates: string) => `base_path: "./"
stacks:
  base_path: stacks
  included_paths:
    - "deploy/**/*"
  name_template: "{{ .vars.stage }}"
templates:
  settings:
${templates}`;

const ON = `${atmosYaml('    enabled: true\n    sprig:\n      enabled: true\n')}`;

const DEPLOY = `name: Deploy
on:
  workflow_dispatch:
    inputs:
      text: {}
      flag: {type: boolean}
      count: {type: number}
      stage:
        type: choice
        options: [dev, staging, prod]
      target: {type: environment}
`;

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'apl-wf-type-'));
  dirs.push(dir);
  mkdirSync(join(dir, '.git'));
  for (const [path, text] of Object.entries({
    'atmos.yaml': ON,
    '.github/workflows/deploy.yaml': DEPLOY,
    ...files,
  })) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function typeDiagnostics(dir: string): Diagnostic[] {
  return lint({ cwd: dir, env: {}, rules: allRules }).diagnostics.filter(
    (d) => d.ruleId === 'workflow-input-type',
  );
}

/** One stack `stage` with component `vpc` dispatching deploy.yaml with `inputs` (YAML, 20 spaces deep). */
function stack(stage: string, inputs: string, vars = ''): string {
  return `vars:
  stage: ${stage}
${vars}components:
  terraform:
    vpc:
      settings:
        pro:
          release:
            published:
              workflows:
                deploy.yaml:
                  inputs:
${inputs}`;
}

const summary = (ds: Diagnostic[]) =>
  ds.map(
    (d) => `${d.file}:${d.line}:${d.column}-${d.endColumn} ${d.message} [${d.instances.map((i) => i.stack)}]`,
  );

describe('workflow-input-type', () => {
  it('valid values of every type pass, in any letter case for booleans and any decimal form for numbers', () => {
    const valid: [string, string][] = [
      ['flag', '"true"'],
      ['flag', '"FALSE"'],
      ['flag', 'true'],
      ['count', '"-1.5"'],
      ['count', '"1e3"'],
      ['count', '".5"'],
      ['count', '3'],
      ['stage', '"prod"'],
      ['target', '"anything goes"'],
      ['text', '"{{ .vars.stage }} and 1 more"'],
    ];
    for (const [name, value] of valid) {
      const dir = repo({ 'stacks/deploy/dev.yaml': stack('dev', `                    ${name}: ${value}\n`) });
      expect(typeDiagnostics(dir), `${name}: ${value}`).toEqual([]);
    }
  });

  it('invalid values are reported at the value as written, with the declaration related', () => {
    const dir = repo({
      'stacks/deploy/dev.yaml': stack(
        'dev',
        `                    flag: "yes"
                    count: "1_000"
                    stage: 'Prod'
                    text: "{{ .vars.stage }}"
`,
      ),
    });
    const ds = typeDiagnostics(dir);
    expect(summary(ds)).toEqual([
      'stacks/deploy/dev.yaml:13:27-32 Input `flag` of `deploy.yaml` is a boolean; `yes` is neither `true` nor `false` [dev]',
      'stacks/deploy/dev.yaml:14:28-35 Input `count` of `deploy.yaml` is a number; `1_000` is not a decimal number [dev]',
      'stacks/deploy/dev.yaml:15:28-34 Input `stage` of `deploy.yaml` is a choice; `Prod` is not one of its options `dev`, `staging`, `prod` [dev]',
    ]);
    expect(ds[0]!.related).toEqual([
      {
        file: '.github/workflows/deploy.yaml',
        line: 6,
        column: 7,
        endLine: 6,
        endColumn: 11,
        message: '`flag` is declared here',
      },
    ]);
  });

  it('a templated value is checked per instance: only the instances whose rendering does not fit', () => {
    const catalog = `settings:
  pro:
    release:
      published:
        workflows:
          deploy.yaml:
            inputs:
              stage: "{{ .vars.stage }}"
              flag: "{{ .vars.upload }}"
`;
    const dir = repo({
      'stacks/catalog/pro.yaml': catalog,
      'stacks/deploy/dev.yaml':
        'import: [catalog/pro]\nvars: {stage: dev, upload: "true"}\ncomponents: {terraform: {vpc: {}}}\n',
      'stacks/deploy/qa.yaml':
        'import: [catalog/pro]\nvars: {stage: qa, upload: "true"}\ncomponents: {terraform: {vpc: {}, eks: {}}}\n',
      'stacks/deploy/prod.yaml':
        'import: [catalog/pro]\nvars: {stage: prod, upload: 1}\ncomponents: {terraform: {vpc: {}}}\n',
    });
    expect(summary(typeDiagnostics(dir))).toEqual([
      'stacks/catalog/pro.yaml:8:22-41 Input `stage` of `deploy.yaml` is a choice; `qa` is not one of its options `dev`, `staging`, `prod` [qa,qa]',
      'stacks/catalog/pro.yaml:9:21-41 Input `flag` of `deploy.yaml` is a boolean; `1` is neither `true` nor `false` [prod]',
    ]);
  });

  it('a value that cannot be rendered is not checked (the template rules report it)', () => {
    const dir = repo({
      'stacks/deploy/dev.yaml': stack(
        'dev',
        `                    stage: "{{ .vars.stage "
                    count: '{{ (atmos.Component "vpc" .stack).outputs.count }}'
`,
      ),
    });
    const all = lint({ cwd: dir, env: {}, rules: allRules }).diagnostics.map((d) => d.ruleId);
    expect(all).toContain('template-syntax');
    expect(all).toContain('template-unsupported-function');
    expect(all).not.toContain('workflow-input-type');
  });

  it('templating off: a template is left to Atmos Pro, a literal is still checked', () => {
    const dir = repo({
      'atmos.yaml': atmosYaml('    enabled: false\n'),
      'stacks/deploy/dev.yaml': stack(
        'dev',
        `                    stage: "{{ .atmos_stack }}"
                    flag: "on"
`,
      ),
    });
    expect(summary(typeDiagnostics(dir))).toEqual([
      'stacks/deploy/dev.yaml:14:27-31 Input `flag` of `deploy.yaml` is a boolean; `on` is neither `true` nor `false` [dev]',
    ]);
  });

  it('custom delimiters: the rendered value is checked, an unrendered one is not', () => {
    const dir = repo({
      'atmos.yaml': atmosYaml('    enabled: true\n    delimiters: ["[[", "]]"]\n'),
      'stacks/deploy/dev.yaml': stack(
        'dev',
        `                    stage: "[[ .vars.stage ]]x"
                    count: "[[ .vars.stage "
`,
      ),
    });
    expect(summary(typeDiagnostics(dir))).toEqual([
      'stacks/deploy/dev.yaml:13:28-48 Input `stage` of `deploy.yaml` is a choice; `devx` is not one of its options `dev`, `staging`, `prod` [dev]',
    ]);
  });

  it('maps and lists are not type-checked here; a long value is shortened in the message', () => {
    const long = 'v'.repeat(100);
    const dir = repo({
      'stacks/deploy/dev.yaml': stack(
        'dev',
        `                    stage: [dev]
                    flag: {a: b}
                    count: "${long}"
`,
      ),
    });
    const ds = typeDiagnostics(dir);
    expect(ds).toHaveLength(1);
    expect(ds[0]!.message).toBe(
      `Input \`count\` of \`deploy.yaml\` is a number; \`${'v'.repeat(57)}...\` is not a decimal number`,
    );
  });
});
