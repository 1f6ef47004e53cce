import type { ErrorObject } from 'ajv';
import { describe, expect, it } from 'vitest';
import {
  decodePointer,
  normalizeErrors,
  validateProConfig,
  validateSettingsPro,
} from '../../src/schema/index.js';

function err(partial: Partial<ErrorObject> & Pick<ErrorObject, 'keyword' | 'instancePath'>): ErrorObject {
  return { schemaPath: '#', params: {}, message: 'ajv message', ...partial } as ErrorObject;
}

describe('decodePointer', () => {
  it.each([
    ['', []],
    ['/a', ['a']],
    ['/components/terraform/my~1instance/settings', ['components', 'terraform', 'my/instance', 'settings']],
    ['/a~0b/~01', ['a~b', '~1']],
    ['/list/0', ['list', '0']],
    ['/', ['']],
  ])('%j', (pointer, segments) => {
    expect(decodePointer(pointer)).toEqual(segments);
  });
});

describe('normalizeErrors', () => {
  it('drops if errors and keeps the branch errors they summarise', () => {
    const out = normalizeErrors([
      err({ keyword: 'type', instancePath: '/settings/pro/enabled', params: { type: 'boolean' } }),
      err({ keyword: 'if', instancePath: '/settings/pro', params: { failingKeyword: 'else' } }),
      err({ keyword: 'if', instancePath: '/settings', params: { failingKeyword: 'then' } }),
    ]);
    expect(out).toEqual([
      {
        keyword: 'type',
        instancePath: ['settings', 'pro', 'enabled'],
        message: 'ajv message',
        params: { type: 'boolean' },
      },
    ]);
  });

  it('merges a bad key name into one propertyNames error carrying the key and the custom message', () => {
    const out = normalizeErrors([
      err({
        keyword: 'pattern',
        instancePath: '/w',
        propertyName: 'plan',
        params: { pattern: 'x' },
        parentSchema: { pattern: 'x', patternErrorMessage: 'bad file name' },
      }),
      err({ keyword: 'propertyNames', instancePath: '/w', params: { propertyName: 'plan' } }),
    ]);
    expect(out).toEqual([
      {
        keyword: 'propertyNames',
        instancePath: ['w'],
        message: 'bad file name',
        params: { pattern: 'x', propertyName: 'plan' },
        key: 'plan',
      },
    ]);
  });

  it('collapses anyOf alternatives that are all type mismatches into one type error', () => {
    const out = normalizeErrors([
      err({ keyword: 'type', instancePath: '/p', params: { type: 'object' } }),
      err({ keyword: 'type', instancePath: '/p', params: { type: 'array' } }),
      err({ keyword: 'anyOf', instancePath: '/p', parentSchema: { anyOf: [] } }),
    ]);
    expect(out).toEqual([
      {
        keyword: 'type',
        instancePath: ['p'],
        message: 'must be object or array',
        params: { type: 'object,array' },
      },
    ]);
  });

  it('keeps the errors of the alternative whose type matched, and what came before the anyOf', () => {
    const out = normalizeErrors([
      err({ keyword: 'type', instancePath: '/enabled', params: { type: 'boolean' } }),
      err({ keyword: 'minProperties', instancePath: '/p/opened/workflows', params: { limit: 1 } }),
      err({ keyword: 'type', instancePath: '/p', params: { type: 'array' } }),
      err({
        keyword: 'anyOf',
        instancePath: '/p',
        parentSchema: { anyOf: [], errorMessage: 'ignored: not scalar' },
      }),
    ]);
    expect(out.map((e) => `${e.keyword} ${e.instancePath.join('.')}`)).toEqual([
      'type enabled',
      'minProperties p.opened.workflows',
    ]);
  });

  it('uses the errorMessage of the anyOf holder for scalar alternatives, with the primary keyword', () => {
    const out = normalizeErrors([
      err({ keyword: 'minimum', instancePath: '/n', params: { limit: 1 } }),
      err({ keyword: 'type', instancePath: '/n', params: { type: 'string' } }),
      err({ keyword: 'anyOf', instancePath: '/n', parentSchema: { errorMessage: 'a positive integer' } }),
    ]);
    expect(out).toEqual([
      { keyword: 'minimum', instancePath: ['n'], message: 'a positive integer', params: { limit: 1 } },
    ]);
  });

  it('names the expected keys of an unknown key, and the missing key of a required error', () => {
    const out = normalizeErrors([
      err({
        keyword: 'additionalProperties',
        instancePath: '/merge_group',
        params: { additionalProperty: 'destroyed' },
        parentSchema: { properties: { checks_requested: {} } },
      }),
      err({ keyword: 'required', instancePath: '/a', params: { missingProperty: 'workflows' } }),
    ]);
    expect(out.map((e) => [e.message, e.key])).toEqual([
      ['unknown key "destroyed" (expected one of: checks_requested)', 'destroyed'],
      ['missing required key "workflows"', 'workflows'],
    ]);
  });

  it('spells out enum values when the schema has no errorMessage', () => {
    const [e] = normalizeErrors([
      err({ keyword: 'enum', instancePath: '/x', params: { allowedValues: ['a', 1] } }),
    ]);
    expect(e?.message).toBe('must be one of: a, 1');
  });

  it('returns nothing for no errors', () => {
    expect(normalizeErrors(null)).toEqual([]);
    expect(normalizeErrors(undefined)).toEqual([]);
  });
});

describe('messages come from the schema, as editors show them', () => {
  it('settings-pro', () => {
    const [workflowKey] = validateSettingsPro({ pull_request: { opened: { workflows: { plan: {} } } } });
    expect(workflowKey?.message).toBe(
      'Workflow keys are workflow file names and must end in .yml or .yaml (e.g. atmos-terraform-plan.yaml)',
    );
    const [input] = validateSettingsPro({
      release: { published: { workflows: { 'a.yml': { inputs: { n: 1 } } } } },
    });
    expect(input?.message).toMatch(/^Workflow inputs must be strings/);
  });

  it('pro-config', () => {
    const [url] = validateProConfig({ github_oidc: { request_url: 'ftp://x' } });
    expect(url?.message).toMatch(/https URL \(Atmos refuses other schemes\)/);
    expect(validateProConfig({ github_oidc: { request_url: '' } })).toEqual([]);
    expect(
      validateProConfig({ github_oidc: { request_url: 'https://token.actions.githubusercontent.com/x' } }),
    ).toEqual([]);
  });
});
