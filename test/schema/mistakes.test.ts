import type { ValidateFunction } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type SchemaError,
  validateLintConfig,
  validateProConfig,
  validateSettingsPro,
} from '../../src/schema/index.js';
import { loadYaml, runtimeValidators, type SchemaKey } from './helpers.js';

let runtime: Record<SchemaKey, ValidateFunction>;
beforeAll(async () => {
  runtime = await runtimeValidators();
});

const PLAN = `
        workflows:
          atmos-terraform-plan.yaml:
            inputs:
              component: "{{ .atmos_component }}"
              stack: "{{ .atmos_stack }}"`;

interface Mistake {
  name: string;
  schema: 'settings-pro' | 'pro-config' | 'config';
  yaml: string;
  /** Exactly the errors the wrapper reports (keyword, path, optional key and message fragment). */
  expected: { keyword: string; path: string[]; key?: string; message?: RegExp }[];
}

const MISTAKES: Mistake[] = [
  {
    name: 'a misspelt activity (synchronise)',
    schema: 'settings-pro',
    yaml: `
pull_request:
  synchronise:${PLAN}`,
    expected: [
      { keyword: 'additionalProperties', path: ['pull_request'], key: 'synchronise', message: /synchronize/ },
    ],
  },
  {
    name: 'merge_group nested under pull_request',
    schema: 'settings-pro',
    yaml: `
pull_request:
  synchronize:${PLAN}
  merge_group:
    checks_requested:${PLAN.replace(/\n {8}/g, '\n      ')}`,
    expected: [{ keyword: 'additionalProperties', path: ['pull_request'], key: 'merge_group' }],
  },
  {
    name: 'workflow: instead of workflows:',
    schema: 'settings-pro',
    yaml: `
pull_request:
  opened:
    workflow:
      atmos-terraform-plan.yaml: {}`,
    expected: [
      { keyword: 'required', path: ['pull_request', 'opened'], key: 'workflows' },
      { keyword: 'additionalProperties', path: ['pull_request', 'opened'], key: 'workflow' },
    ],
  },
  {
    name: 'a non-string input (fail_on_drift: true)',
    schema: 'settings-pro',
    yaml: `
merge_group:
  checks_requested:
    workflows:
      atmos-terraform-plan.yaml:
        inputs:
          component: "{{ .atmos_component }}"
          fail_on_drift: true`,
    expected: [
      {
        keyword: 'type',
        path: [
          'merge_group',
          'checks_requested',
          'workflows',
          'atmos-terraform-plan.yaml',
          'inputs',
          'fail_on_drift',
        ],
        message: /must be strings/,
      },
    ],
  },
  {
    name: 'enabled: "false" (a string, which counts as enabled)',
    schema: 'settings-pro',
    yaml: `enabled: "false"`,
    expected: [{ keyword: 'type', path: ['enabled'], message: /boolean/ }],
  },
  {
    name: 'an empty workflows map',
    schema: 'settings-pro',
    yaml: `
pull_request:
  synchronize:
    workflows: {}`,
    expected: [
      {
        keyword: 'minProperties',
        path: ['pull_request', 'synchronize', 'workflows'],
        message: /at least one/,
      },
    ],
  },
  {
    name: 'a workflow key without .yml/.yaml',
    schema: 'settings-pro',
    yaml: `
pull_request:
  merged:
    workflows:
      atmos-terraform-apply:
        inputs:
          stack: "{{ .atmos_stack }}"`,
    expected: [
      {
        keyword: 'propertyNames',
        path: ['pull_request', 'merged', 'workflows'],
        key: 'atmos-terraform-apply',
        message: /must end in \.yml or \.yaml/,
      },
    ],
  },
  {
    name: 'pull_request.closed (merged is the activity)',
    schema: 'settings-pro',
    yaml: `
pull_request:
  closed:${PLAN}`,
    expected: [{ keyword: 'additionalProperties', path: ['pull_request'], key: 'closed' }],
  },
  {
    name: 'merge_group.destroyed',
    schema: 'settings-pro',
    yaml: `
merge_group:
  destroyed:${PLAN}`,
    expected: [
      {
        keyword: 'additionalProperties',
        path: ['merge_group'],
        key: 'destroyed',
        message: /checks_requested/,
      },
    ],
  },
  {
    name: 'drift_detection.enabled: "yes"',
    schema: 'settings-pro',
    yaml: `
drift_detection:
  enabled: "yes"`,
    expected: [{ keyword: 'type', path: ['drift_detection', 'enabled'], message: /boolean/ }],
  },
  {
    name: 'an unknown event',
    schema: 'settings-pro',
    yaml: `
push:
  opened:${PLAN}`,
    expected: [{ keyword: 'additionalProperties', path: [], key: 'push', message: /merge_group/ }],
  },
  {
    name: 'an activity without workflows in a legacy list entry',
    schema: 'settings-pro',
    yaml: `
pull_request:
  - on: [opened]`,
    expected: [{ keyword: 'required', path: ['pull_request', '0'], key: 'workflows' }],
  },
  {
    name: 'pull_request as a string',
    schema: 'settings-pro',
    yaml: `pull_request: opened`,
    expected: [{ keyword: 'type', path: ['pull_request'], message: /object or array/ }],
  },
  {
    name: 'max_payload_bytes: 0',
    schema: 'pro-config',
    yaml: `max_payload_bytes: 0`,
    expected: [{ keyword: 'minimum', path: ['max_payload_bytes'], message: /positive integer/ }],
  },
  {
    name: 'max_payload_bytes: "4MB"',
    schema: 'pro-config',
    yaml: `max_payload_bytes: "4MB"`,
    expected: [{ keyword: 'type', path: ['max_payload_bytes'], message: /positive integer/ }],
  },
  {
    name: 'github_oidc.request_url over http',
    schema: 'pro-config',
    yaml: `
github_oidc:
  request_url: http://token.actions.githubusercontent.com/request`,
    expected: [{ keyword: 'pattern', path: ['github_oidc', 'request_url'], message: /https/ }],
  },
  {
    name: 'base_url without a scheme',
    schema: 'pro-config',
    yaml: `base_url: app.cloudposse.com`,
    expected: [{ keyword: 'pattern', path: ['base_url'], message: /http\(s\) URL/ }],
  },
  {
    name: 'stack-level events in the atmos.yaml client settings',
    schema: 'pro-config',
    yaml: `
workspace_id: ws
pull_request:
  opened:${PLAN}`,
    expected: [{ keyword: 'additionalProperties', path: [], key: 'pull_request', message: /workspace_id/ }],
  },
  {
    name: 'an unknown github_oidc key',
    schema: 'pro-config',
    yaml: `
github_oidc:
  requestUrl: !env ACTIONS_ID_TOKEN_REQUEST_URL`,
    expected: [{ keyword: 'additionalProperties', path: ['github_oidc'], key: 'requestUrl' }],
  },
  {
    name: 'an unknown rule id and a bad severity',
    schema: 'config',
    yaml: `
rules:
  unknown-activty: off
  input-not-string: fatal`,
    expected: [
      { keyword: 'propertyNames', path: ['rules'], key: 'unknown-activty', message: /unknown rule id/ },
      { keyword: 'enum', path: ['rules', 'input-not-string'], message: /off, info, warning or error/ },
    ],
  },
  {
    name: 'mergeQueue: yes and an unknown key',
    schema: 'config',
    yaml: `
mergeQueue: "yes"
ignores: ["stacks/**"]`,
    expected: [
      { keyword: 'additionalProperties', path: [], key: 'ignores', message: /ignore/ },
      { keyword: 'enum', path: ['mergeQueue'], message: /auto, on or off/ },
    ],
  },
  {
    name: 'a blank ignore pattern',
    schema: 'config',
    yaml: `ignore: ["  "]`,
    expected: [{ keyword: 'pattern', path: ['ignore', '0'], message: /blank/ }],
  },
];

const WRAPPERS: Record<Mistake['schema'], (value: unknown) => SchemaError[]> = {
  'settings-pro': validateSettingsPro,
  'pro-config': validateProConfig,
  config: validateLintConfig,
};

describe('realistic mistakes', () => {
  it.each(MISTAKES.map((m) => [m.name, m] as const))('rejects %s', (_name, mistake) => {
    const value = loadYaml(mistake.yaml);
    expect(runtime[mistake.schema](value)).toBe(false);
    const errors = WRAPPERS[mistake.schema](value);
    const simplified = errors.map((e) => ({ keyword: e.keyword, path: e.instancePath, key: e.key }));
    const expected = mistake.expected.map((e) => ({ keyword: e.keyword, path: e.path, key: e.key }));
    expect(simplified).toEqual(expected);
    mistake.expected.forEach((e, i) => {
      if (e.message) expect(errors[i]!.message).toMatch(e.message);
    });
  });

  it('reports every mistake of one block, in document order of the schema', () => {
    const errors = validateSettingsPro(
      loadYaml(`
enabled: "true"
pull_request:
  synchronise:${PLAN}
  merged:
    workflows: {}
drift_detection:
  enabled: 1`),
    );
    expect(errors.map((e) => `${e.keyword} ${e.instancePath.join('.')}`)).toEqual([
      'type enabled',
      'additionalProperties pull_request',
      'minProperties pull_request.merged.workflows',
      'type drift_detection.enabled',
    ]);
  });

  it('accepts Atmos YAML functions where pro-config takes non-strings', () => {
    const value = loadYaml(`
base_url: !env ATMOS_PRO_BASE_URL
max_payload_bytes: !env ATMOS_PRO_MAX_PAYLOAD
github_oidc: !include oidc.yaml
git_sts:
  revoke_on_exit: !exec echo true`);
    expect(value).toMatchObject({ base_url: '!env ATMOS_PRO_BASE_URL' });
    expect(validateProConfig(value)).toEqual([]);
    expect(runtime['pro-config'](value)).toBe(true);
  });

  it('does not take an arbitrary !tag string for a YAML function', () => {
    const errors = validateProConfig({ max_payload_bytes: '!envx SIZE' });
    expect(errors.map((e) => e.keyword)).toEqual(['type']);
  });
});
