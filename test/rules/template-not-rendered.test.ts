import { describe, expect, it } from 'vitest';
import { atmosYaml, lintFiles } from '../resolve-command/repo.js';

const RULE = ['template-not-rendered'];

function stack(inputs: string, extra = ''): string {
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
${inputs}
components:
  terraform:
    vpc:
      vars:
        name: vpc
${extra}`;
}

const inputs = `              component: "{{ .atmos_component }}"
              stack: "{{ .atmos_stack }}"
              environment: "{{ .vars.stage | upper }}-{{ .settings.team }}"`;

describe('template-not-rendered', () => {
  it('templating off: the input and the setting in atmos.yaml', () => {
    const d = lintFiles(
      { 'atmos.yaml': atmosYaml({ templating: false }), 'stacks/deploy/dev.yaml': stack(inputs) },
      RULE,
    );
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({
      severity: 'warning',
      file: 'stacks/deploy/dev.yaml',
      line: 13,
      column: 28,
      endColumn: 76,
      related: [{ file: 'atmos.yaml', line: 9, column: 5, message: 'templating is switched off here' }],
    });
    expect(d[0]!.message).toBe(
      'templates.settings.enabled is off, so the CLI uploads this input unrendered and Atmos Pro cannot resolve `.vars.stage`, `.settings.team`: it receives only `settings.pro`, the component and the stack. Enable templating in atmos.yaml, or use only `.atmos_component` and `.atmos_stack` here.',
    );
  });

  it('templating not set: related to the first line of atmos.yaml', () => {
    const d = lintFiles(
      { 'atmos.yaml': atmosYaml({ templating: 'unset' }), 'stacks/deploy/dev.yaml': stack(inputs) },
      RULE,
    );
    expect(d.map((x) => x.related)).toEqual([
      [
        {
          file: 'atmos.yaml',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
          message: 'templates.settings.enabled is not set in atmos.yaml (off by default)',
        },
      ],
    ]);
  });

  it('only the fields Atmos Pro knows: nothing to report', () => {
    const known = inputs.split('\n').slice(0, 2).join('\n');
    expect(
      lintFiles(
        { 'atmos.yaml': atmosYaml({ templating: false }), 'stacks/deploy/dev.yaml': stack(known) },
        RULE,
      ),
    ).toEqual([]);
  });

  it('templating on, or Atmos Pro off for the instance: nothing to report', () => {
    expect(lintFiles({ 'stacks/deploy/dev.yaml': stack(inputs) }, RULE)).toEqual([]);
    const disabled = stack(inputs).replace('    enabled: true', '    enabled: false');
    expect(
      lintFiles({ 'atmos.yaml': atmosYaml({ templating: false }), 'stacks/deploy/dev.yaml': disabled }, RULE),
    ).toEqual([]);
  });
});
