import { describe, expect, it } from 'vitest';
import { lintFiles } from '../resolve-command/repo.js';

const RULE = ['template-import-time'];

const mixin = (input: string) => `settings:
  pro:
    enabled: true
    pull_request:
      opened:
        workflows:
          plan.yaml:
            inputs:
              stack: ${input}
`;

function stackFile(imports: string, stage = 'dev'): string {
  return `import:
${imports}
vars:
  stage: ${stage}
components:
  terraform:
    vpc:
      vars:
        name: vpc
`;
}

const withContext = (path: string, extra = '') =>
  `  - path: ${path}\n${extra}    context:\n      team: platform`;

describe('template-import-time', () => {
  it('an import with a context: reported at the field, naming the import', () => {
    const d = lintFiles(
      {
        'stacks/catalog/pro.yaml': mixin('"{{ .atmos_stack }}-{{ .team }}"'),
        'stacks/deploy/dev.yaml': stackFile(withContext('catalog/pro')),
      },
      RULE,
    );
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({
      file: 'stacks/catalog/pro.yaml',
      line: 9,
      column: 26,
      endColumn: 38,
      instances: [{ component: 'vpc', stack: 'dev' }],
      related: [
        { file: 'stacks/deploy/dev.yaml', line: 2, column: 5, message: 'imported with a `context` here' },
      ],
    });
    expect(d[0]!.message).toBe(
      '`.atmos_stack` exists only in the component context, but this file is rendered at import time (imported with a `context`), when the template data has only `team`: Atmos fails with "map has no entry for key". Escape it as `{{ "{{ .atmos_stack }}" }}` so it waits for component time, or move it to a file imported without `context`.',
    );
  });

  it('ignore_missing_template_values: renders <no value>; every importer is related', () => {
    const files = {
      'stacks/catalog/pro.yaml': mixin('"{{ .vars.stage }}"'),
      'stacks/deploy/dev.yaml': stackFile(
        withContext('catalog/pro', '    ignore_missing_template_values: true\n'),
      ),
      'stacks/deploy/prod.yaml': stackFile(
        withContext('catalog/pro', '    ignore_missing_template_values: true\n'),
        'prod',
      ),
    };
    const d = lintFiles(files, RULE);
    expect(d).toHaveLength(1);
    expect(d[0]!.message).toContain('Atmos renders `<no value>` (ignore_missing_template_values)');
    expect(d[0]!.message.startsWith('`.vars` exists only in the component context')).toBe(true);
    expect(d[0]!.related?.map((r) => r.file)).toEqual(['stacks/deploy/dev.yaml', 'stacks/deploy/prod.yaml']);
    expect(d[0]!.instances.map((i) => i.stack)).toEqual(['dev', 'prod']);
  });

  it('a default under ignore_missing_template_values is deliberate', () => {
    const files = {
      'stacks/catalog/pro.yaml': mixin(`'{{ .vars.stage | default "all" }}'`),
      'stacks/deploy/dev.yaml': stackFile(
        withContext('catalog/pro', '    ignore_missing_template_values: true\n'),
      ),
    };
    expect(lintFiles(files, RULE)).toEqual([]);
  });

  it('a .yaml.tmpl with a context is reported; without one Atmos defers it to component time', () => {
    const tmpl = mixin('"{{ .atmos_component }}"');
    expect(
      lintFiles(
        {
          'stacks/catalog/pro.yaml.tmpl': tmpl,
          'stacks/deploy/dev.yaml': stackFile(withContext('catalog/pro')),
        },
        RULE,
      ).map((d) => `${d.file}:${d.line}:${d.column}`),
    ).toEqual(['stacks/catalog/pro.yaml.tmpl:9:26']);
    expect(
      lintFiles(
        { 'stacks/catalog/pro.yaml.tmpl': tmpl, 'stacks/deploy/dev.yaml': stackFile('  - catalog/pro') },
        RULE,
      ),
    ).toEqual([]);
  });

  it('escaped component fields and context fields are fine', () => {
    const files = {
      'stacks/catalog/pro.yaml': mixin(`'{{ "{{ .atmos_stack }}" }}-{{ .team }}'`),
      'stacks/deploy/dev.yaml': stackFile(withContext('catalog/pro')),
    };
    expect(lintFiles(files, [...RULE, 'template-syntax'])).toEqual([]);
  });

  it('a plain import is rendered with the component: nothing to report', () => {
    const files = {
      'stacks/catalog/pro.yaml': mixin('"{{ .atmos_stack }}"'),
      'stacks/deploy/dev.yaml': stackFile('  - catalog/pro'),
    };
    expect(lintFiles(files, RULE)).toEqual([]);
  });
});
