import type { Diagnostic, InstanceRef, RelatedLocation, Severity } from '../../src/core/diagnostic.js';
import type { RuleMeta } from '../../src/core/rule-meta.js';
import { SourceFile, type Span, spanOf } from '../../src/core/source.js';
import type { LintReport, ReporterOptions } from '../../src/report/index.js';

/** In-memory sources of a small Atmos repository; `stacks/catalog/eks.yaml` is deliberately absent. */
export const SOURCES: Record<string, string> = {
  'atmos.yaml': [
    'base_path: "."',
    'components:',
    '  terraform:',
    '    base_path: components/terraform',
    'stacks:',
    '  base_path: stacks',
    '  name_template: "{{ .vars.tenant }}-{{ .vars.environment }}-{{ .vars.stage }}"',
    'settings:',
    '  pro:',
    '    workspace_id: "acme-prod"',
    '    max_payload_bytes: 4194304',
    '',
  ].join('\n'),
  'stacks/catalog/vpc/defaults.yaml': [
    'components:',
    '  terraform:',
    '    vpc:',
    '      metadata:',
    '        component: vpc',
    '      settings:',
    '        pro:',
    '          enabled:\t"yes"',
    '          pull_request:',
    '            opened:',
    '              workflows:',
    '                atmos-terraform-plan.yaml:',
    '                  inputs:',
    '                    component: "{{ .atmos_component }}"',
    '                    title: "デプロイ計画 🚀 {{ .atmos_componet }}"',
    '',
  ].join('\r\n'),
  'stacks/deploy/prod/us-east-2.yaml': [
    'import:',
    '  - mixins/atmos-pro',
    '  - catalog/vpc/defaults',
    '',
    'vars:',
    '  tenant: plat',
    '  environment: ue2',
    '  stage: prod',
    '',
    'components:',
    '  terraform:',
    '    vpc:',
    '      settings:',
    '        pro:',
    '          pull_request:',
    '            merged:',
    '              workflows:',
    '                atmos-terraform-apply.yaml:',
    '                  inputs:',
    '                    stak: "{{ .atmos_stack }}"',
    '',
  ].join('\n'),
  'stacks/mixins/atmos-pro.yaml': [
    'settings:',
    '  pro:',
    '    enabled: true',
    '    pull_request:',
    '      synchronize:',
    '        workflows:',
    '          atmos-terraform-plan.yaml:',
    '            inputs:',
    '              component: "{{ .atmos_component }}"',
    '              stack: "{{ .atmos_stack }}"',
    '',
  ].join('\n'),
  '.github/workflows/atmos-terraform-plan.yaml': [
    'name: atmos-terraform-plan',
    'on:',
    '  merge_group:',
    '  workflow_dispatch:',
    '    inputs:',
    '      component: { type: string, required: true }',
    '      stack: { type: string, required: true }',
    '',
  ].join('\n'),
  '.github/workflows/atmos-terraform-apply.yaml': [
    'name: atmos-terraform-apply',
    'on:',
    '  workflow_dispatch:',
    '    inputs:',
    '      component: { type: string, required: true }',
    '      stack: { type: string, required: true }',
    '',
  ].join('\n'),
};

/** The span of the `nth` occurrence of `needle` in a fixture file (or up to the end of `until`). */
export function find(file: string, needle: string, until?: string, nth = 1): Span {
  const source = new SourceFile(`/repo/${file}`, SOURCES[file]!);
  let start = -1;
  for (let i = 0; i < nth; i++) start = source.text.indexOf(needle, start + 1);
  if (start === -1) throw new Error(`fixture: ${JSON.stringify(needle)} not in ${file}`);
  let end = start + needle.length;
  if (until !== undefined) {
    const at = source.text.indexOf(until, start);
    if (at === -1) throw new Error(`fixture: ${JSON.stringify(until)} not in ${file}`);
    end = at + until.length;
  }
  return spanOf({ file: source, start, end });
}

function related(file: string, needle: string, message: string): RelatedLocation {
  return { file, ...find(file, needle), message };
}

function diagnostic(
  ruleId: string,
  severity: Severity,
  message: string,
  file: string,
  span: Span,
  extra: { instances?: InstanceRef[]; fixable?: boolean; related?: RelatedLocation[] } = {},
): Diagnostic {
  const d: Diagnostic = {
    ruleId,
    severity,
    message,
    file,
    ...span,
    instances: extra.instances ?? [],
    fixable: extra.fixable ?? false,
  };
  if (extra.related) d.related = extra.related;
  return d;
}

export const RULES: RuleMeta[] = [
  {
    id: 'template-unknown-field',
    category: 'template',
    defaultSeverity: 'error',
    description: 'Workflow input templates reference only fields Atmos Pro provides',
    messages: { unknown: 'unknown template field {field}' },
    fixable: false,
  },
  {
    id: 'template-syntax',
    category: 'template',
    defaultSeverity: 'error',
    description: 'Workflow input templates parse as Go templates',
    messages: { unclosed: 'template {template} is not closed' },
    fixable: false,
  },
  {
    id: 'workflow-input-unknown',
    category: 'workflow',
    defaultSeverity: 'error',
    description: 'Dispatched inputs are declared by the target workflow',
    messages: { unknown: 'input {input} is not declared by workflow {workflow}' },
    fixable: false,
  },
  {
    id: 'merge-group-missing',
    category: 'workflow',
    defaultSeverity: 'warning',
    description: 'Workflows that run on merge_group have a settings.pro.merge_group activity',
    messages: { missing: 'settings.pro has no merge_group activity' },
    fixable: true,
  },
  {
    id: 'enabled-not-boolean',
    category: 'shape',
    defaultSeverity: 'warning',
    description: 'settings.pro.enabled is a boolean',
    messages: { string: 'settings.pro.enabled is the string {value}, not a boolean' },
    fixable: true,
  },
  {
    id: 'redundant-default',
    category: 'shape',
    defaultSeverity: 'info',
    description: 'Settings are not set to their default value',
    messages: { redundant: '{path} is the default ({value}); remove it' },
    fixable: true,
  },
  {
    id: 'payload-too-large',
    category: 'payload',
    defaultSeverity: 'error',
    description: 'The upload payload fits in max_payload_bytes',
    messages: { large: 'payload is {size} bytes' },
    fixable: false,
  },
];

const FIVE: InstanceRef[] = [
  { component: 'vpc', stack: 'plat-ue2-dev' },
  { component: 'vpc', stack: 'plat-ue2-staging' },
  { component: 'vpc', stack: 'plat-ue2-prod' },
  { component: 'eks', stack: 'plat-ue2-dev' },
  { component: 'eks', stack: 'plat-ue2-prod' },
];

const VPC = 'stacks/catalog/vpc/defaults.yaml';

/** Sorted by file, line, column, ruleId, as the aggregator hands them over. */
export const DIAGNOSTICS: Diagnostic[] = [
  diagnostic(
    'redundant-default',
    'info',
    'settings.pro.max_payload_bytes is the default (4194304); remove it',
    'atmos.yaml',
    find('atmos.yaml', 'max_payload_bytes: 4194304'),
    { fixable: true },
  ),
  diagnostic(
    'template-syntax',
    'error',
    'template `{{ .vars.stage | upper }` is not closed: expected `}}` before <EOF> in "a|b"',
    'stacks/catalog/eks.yaml',
    { line: 12, column: 20, endLine: 12, endColumn: 46 },
    { instances: [{ component: 'eks', stack: 'plat-ue2-dev' }] },
  ),
  diagnostic(
    'enabled-not-boolean',
    'warning',
    'settings.pro.enabled is the string "yes", not a boolean',
    VPC,
    find(VPC, '"yes"'),
    {
      fixable: true,
      instances: [
        { component: 'vpc', stack: 'plat-ue2-dev' },
        { component: 'vpc', stack: 'plat-ue2-prod' },
      ],
    },
  ),
  diagnostic(
    'template-unknown-field',
    'error',
    'unknown template field ".atmos_componet"; did you mean ".atmos_component"?',
    VPC,
    find(VPC, '.atmos_componet'),
    {
      instances: [
        { component: 'vpc', stack: 'plat-ue2-dev' },
        { component: 'vpc', stack: 'plat-ue2-staging' },
        { component: 'vpc', stack: 'plat-ue2-prod' },
      ],
    },
  ),
  diagnostic(
    'workflow-input-unknown',
    'error',
    'input "stak" is not declared by workflow atmos-terraform-apply.yaml (declared: component, stack)',
    'stacks/deploy/prod/us-east-2.yaml',
    find('stacks/deploy/prod/us-east-2.yaml', 'stak'),
    {
      instances: [{ component: 'vpc', stack: 'plat-ue2-prod' }],
      related: [related('.github/workflows/atmos-terraform-apply.yaml', 'inputs', 'inputs declared here')],
    },
  ),
  diagnostic(
    'merge-group-missing',
    'warning',
    'settings.pro has no merge_group activity, but atmos-terraform-plan.yaml runs on merge_group',
    'stacks/mixins/atmos-pro.yaml',
    find('stacks/mixins/atmos-pro.yaml', 'pull_request:', '"{{ .atmos_stack }}"'),
    {
      fixable: true,
      instances: FIVE,
      related: [
        related(
          '.github/workflows/atmos-terraform-plan.yaml',
          'merge_group',
          'the workflow runs on merge_group',
        ),
      ],
    },
  ),
];

export const REPORT: LintReport = {
  diagnostics: DIAGNOSTICS,
  summary: { errors: 3, warnings: 2, infos: 1, fixable: 3, files: 7, stacks: 4, instances: 12 },
  rules: RULES,
  toolVersion: '0.1.0',
};

export const EMPTY_REPORT: LintReport = {
  diagnostics: [],
  summary: { errors: 0, warnings: 0, infos: 0, fixable: 0, files: 3, stacks: 2, instances: 5 },
  rules: RULES,
  toolVersion: '0.1.0',
};

const HELP: Record<string, string> = {
  'template-unknown-field':
    '# template-unknown-field\n\nWorkflow input templates may use `.atmos_component`, `.atmos_stack` and the other fields Atmos Pro provides.\n\n```yaml\ninputs:\n  component: "{{ .atmos_component }}"\n```\n',
};

export function options(overrides: Partial<ReporterOptions> = {}): ReporterOptions {
  return {
    color: false,
    readSource: (file) => SOURCES[file],
    helpMarkdown: (id) => HELP[id],
    ...overrides,
  };
}
