import { describe, expect, it } from 'vitest';
import { atmosYaml, brief, lintFiles } from '../resolve-command/repo.js';

const RULE = ['template-syntax'];

/** A stack whose plan workflow has the given `stack` input, written as YAML after `stack:`. */
function stack(stackInput: string, extra = ''): string {
  return `vars:
  stage: dev
settings:
  pro:
    enabled: true
    pull_request:
      opened:
        workflows:
          plan.yaml:
            inputs:
              stack: ${stackInput}
components:
  terraform:
    vpc:
      vars:
        name: vpc
${extra}`;
}

// Line 11 holds the input; `              stack: ` is 21 characters, so the value starts at column 22.
const at = (
  col: number,
  end: number,
  msg = 'Template does not parse: unexpected "}" in operand. Atmos fails on this component.',
) => `template-syntax stacks/deploy/dev.yaml:11:${col}-${end} ${msg}`;

describe('template-syntax: positions inside the scalar', () => {
  it.each([
    ['a plain scalar', 'stack-{{ .atmos_stack }', at(44, 45)],
    ['a double-quoted scalar', '"{{ .atmos_stack }"', at(39, 40)],
    ['a single-quoted scalar', "'{{ .atmos_stack }'", at(39, 40)],
  ])('%s: exact line and column of the error', (_name, input, expected) => {
    expect(lintFiles({ 'stacks/deploy/dev.yaml': stack(input) }, RULE).map(brief)).toEqual([expected]);
  });

  it('an unknown function is a parse error at its name', () => {
    const d = lintFiles({ 'stacks/deploy/dev.yaml': stack('"{{ .atmos_stack | lowr }}"') }, RULE);
    expect(d.map(brief)).toEqual([
      at(41, 45, 'Template does not parse: function "lowr" not defined. Atmos fails on this component.'),
    ]);
  });

  it('Sprig functions are known only when sprig is enabled', () => {
    const input = '"{{ .atmos_stack | upper }}"';
    expect(lintFiles({ 'stacks/deploy/dev.yaml': stack(input) }, RULE)).toEqual([]);
    const off = lintFiles(
      { 'atmos.yaml': atmosYaml({ sprig: false }), 'stacks/deploy/dev.yaml': stack(input) },
      RULE,
    );
    expect(off.map((d) => d.message)).toEqual([
      'Template does not parse: function "upper" not defined. Atmos fails on this component.',
    ]);
  });

  it.each([
    ['a literal block', '|\n                {{ .atmos_stack }'],
    ['a folded block', '>-\n                {{ .atmos_stack }'],
    ['a quoted scalar with escapes', '"\\u007b{ x }} {{ .atmos_stack }"'],
  ])('%s: falls back to the whole scalar', (_name, input) => {
    const [d, ...rest] = lintFiles({ 'stacks/deploy/dev.yaml': stack(input) }, RULE);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ ruleId: 'template-syntax', line: 11, column: 22 });
    expect(d!.endLine * 1000 + d!.endColumn).toBeGreaterThan(11 * 1000 + 22);
  });
});

describe('template-syntax: one problem, one diagnostic', () => {
  it('templating on: the resolver and the input check agree on one diagnostic per place', () => {
    const d = lintFiles(
      {
        'stacks/deploy/dev.yaml': stack('"{{ .atmos_stack }"'),
        'stacks/deploy/prod.yaml': stack('"{{ .atmos_stack }"').replace('stage: dev', 'stage: prod'),
      },
      RULE,
    );
    expect(d.map((x) => `${x.file}:${x.line}:${x.column}`)).toEqual([
      'stacks/deploy/dev.yaml:11:39',
      'stacks/deploy/prod.yaml:11:39',
    ]);
  });

  it('a shared mixin lists every instance in one diagnostic', () => {
    const mixin = stack('"{{ .atmos_stack }"').split('components:')[0]!.replace('vars:\n  stage: dev\n', '');
    const env = (stage: string) =>
      `import:\n  - mixins/pro\nvars:\n  stage: ${stage}\ncomponents:\n  terraform:\n    vpc: {}\n    eks: {}\n`;
    const d = lintFiles(
      {
        'stacks/mixins/pro.yaml': mixin,
        'stacks/deploy/dev.yaml': env('dev'),
        'stacks/deploy/prod.yaml': env('prod'),
      },
      RULE,
    );
    expect(d).toHaveLength(1);
    expect(d[0]!.file).toBe('stacks/mixins/pro.yaml');
    expect(d[0]!.instances.map((i) => `${i.stack}/${i.component}`)).toEqual([
      'dev/eks',
      'dev/vpc',
      'prod/eks',
      'prod/vpc',
    ]);
  });

  it('templating off: the inputs are still parsed (with no function check), and other values are not', () => {
    const files = {
      'atmos.yaml': atmosYaml({ templating: false }),
      'stacks/deploy/dev.yaml': stack('"{{ .atmos_stack | anything }"', '        other: "{{ .broken }"\n'),
    };
    expect(lintFiles(files, RULE).map(brief)).toEqual([
      at(
        50,
        51,
        'Template does not parse: unexpected "}" in operand. templates.settings.enabled is off, so the CLI uploads it as written and Atmos Pro cannot render it.',
      ),
    ]);
    const fine = { ...files, 'stacks/deploy/dev.yaml': stack('"{{ .atmos_stack | anything }}"') };
    expect(lintFiles(fine, RULE)).toEqual([]);
  });

  it('templating on: a broken template anywhere in the component section is reported', () => {
    const d = lintFiles(
      { 'stacks/deploy/dev.yaml': stack('"{{ .atmos_stack }}"', '        other: "{{ .vars.stage }"\n') },
      RULE,
    );
    expect(d.map((x) => `${x.line}:${x.column} ${x.message}`)).toEqual([
      '17:32 Template does not parse: unexpected "}" in operand. Atmos fails on this component.',
    ]);
  });

  it('a name_template that does not parse is one diagnostic at its place in atmos.yaml', () => {
    const files = {
      'atmos.yaml': atmosYaml().replace('"{{ .vars.stage }}"', '"{{ .vars.stage }"'),
      'stacks/deploy/dev.yaml': stack('"{{ .atmos_stack }}"'),
      'stacks/deploy/prod.yaml': stack('"{{ .atmos_stack }}"').replace('stage: dev', 'stage: prod'),
    };
    expect(lintFiles(files, RULE).map(brief)).toEqual([
      'template-syntax atmos.yaml:6:34-35 stacks.name_template does not parse: unexpected "}" in operand. Atmos cannot name any stack with it: `describe stacks` fails, and with it `list instances` and `describe affected`.',
    ]);
  });

  it('a component field in an import-time file is left to template-import-time', () => {
    const files = {
      'stacks/catalog/pro.yaml': stack('"{{ .atmos_stack }}"')
        .split('components:')[0]!
        .replace('vars:\n  stage: dev\n', ''),
      'stacks/deploy/dev.yaml':
        'import:\n  - path: catalog/pro\n    context:\n      team: a\nvars:\n  stage: dev\ncomponents:\n  terraform:\n    vpc: {}\n',
    };
    const ids = ['template-syntax', 'template-import-time'];
    expect(lintFiles(files, ids).map((d) => `${d.ruleId} ${d.file}:${d.line}:${d.column}`)).toEqual([
      'template-import-time stacks/catalog/pro.yaml:9:26',
    ]);
    // With template-import-time off, the resolver's failure is reported under template-syntax instead.
    const off = lintFiles(
      { ...files, '.atmos-pro-lint.yaml': 'rules:\n  template-import-time: "off"\n' },
      ids,
    );
    expect(off.map((d) => `${d.ruleId} ${d.file}:${d.line}:${d.column}`)).toEqual([
      'template-syntax stacks/catalog/pro.yaml:9:26',
    ]);
  });
});
