import { describe, expect, it } from 'vitest';
import { proState } from '../../src/resolve/resolve.js';
import { ATMOS_YAML, comp, get, resolveRepo, TEMPLATES_ON } from './helpers.js';

// Semantics §7.2 effectiveEnabledState, as the resolver exposes it on every instance.

describe('proState', () => {
  it.each([
    ['no settings.pro', {}, { configured: false, enabled: false, drift: false }],
    ['a non-map pro', { settings: { pro: false } }, { configured: false, enabled: false, drift: false }],
    ['an empty pro map', { settings: { pro: {} } }, { configured: true, enabled: true, drift: false }],
    [
      'enabled: false',
      { settings: { pro: { enabled: false } } },
      { configured: true, enabled: false, drift: false },
    ],
    [
      'enabled: "false" (a string counts as enabled)',
      { settings: { pro: { enabled: 'false' } } },
      { configured: true, enabled: true, drift: false },
    ],
    [
      'metadata.enabled: false',
      { metadata: { enabled: false }, settings: { pro: { enabled: true } } },
      { configured: true, enabled: false, drift: false },
    ],
    [
      'drift enabled',
      { settings: { pro: { drift_detection: { enabled: true } } } },
      { configured: true, enabled: true, drift: true },
    ],
    [
      'drift "true" (only boolean true)',
      { settings: { pro: { drift_detection: { enabled: 'true' } } } },
      { configured: true, enabled: true, drift: false },
    ],
    [
      'drift on a disabled instance',
      { settings: { pro: { enabled: false, drift_detection: { enabled: true } } } },
      { configured: true, enabled: false, drift: false },
    ],
  ])('%s', (_name, section, expected) => {
    expect(proState(section as Record<string, unknown>)).toEqual(expected);
  });
});

describe('Pro settings through the resolver', () => {
  it('renders component-time templates in Pro inputs, <no value> for a missing key', () => {
    const r = resolveRepo(
      {
        'stacks/deploy/dev.yaml': `
vars: {stage: dev}
settings:
  pro:
    pull_request:
      merged:
        workflows:
          apply.yaml:
            inputs:
              component: "{{ .atmos_component }}"
              stack: "{{ .atmos_stack }}"
              env: "{{ .vars.tenant }}-{{ .vars.stage }}"
components:
  terraform:
    app: {}
`,
      },
      { atmosYaml: ATMOS_YAML + TEMPLATES_ON },
    );
    const c = comp(r, 'dev', 'app');
    expect(
      get(c.rendered, ['settings', 'pro', 'pull_request', 'merged', 'workflows', 'apply.yaml', 'inputs']),
    ).toEqual({
      component: 'app',
      stack: 'dev',
      env: '<no value>-dev',
    });
    // The pre-render section keeps the templates; templates off leaves them as written.
    expect(
      get(c.section, [
        'settings',
        'pro',
        'pull_request',
        'merged',
        'workflows',
        'apply.yaml',
        'inputs',
        'component',
      ]),
    ).toBe('{{ .atmos_component }}');
    expect(c.pro).toEqual({ configured: true, enabled: true, drift: false });
  });

  it('leaves templates unrendered when templates.settings.enabled is off (the default with an atmos.yaml)', () => {
    const r = resolveRepo({
      'stacks/deploy/dev.yaml':
        'vars: {stage: dev}\nsettings: {pro: {x: "{{ .atmos_component }}"}}\ncomponents:\n  terraform:\n    app: {}\n',
    });
    expect(get(comp(r, 'dev', 'app').rendered, 'settings.pro.x')).toBe('{{ .atmos_component }}');
  });

  it('the mixin idiom: a mixin disables, the stack opts in, an instance opts out', () => {
    const r = resolveRepo({
      'stacks/mixins/pro.yaml':
        'settings:\n  pro:\n    enabled: false\n    drift_detection: {enabled: true}\n',
      'stacks/deploy/dev.yaml': `
import: [mixins/pro]
vars: {stage: dev}
settings: {pro: {enabled: true}}
components:
  terraform:
    on: {}
    off: {settings: {pro: {enabled: false}}}
`,
    });
    expect(comp(r, 'dev', 'on').pro).toEqual({ configured: true, enabled: true, drift: true });
    expect(comp(r, 'dev', 'off').pro).toEqual({ configured: true, enabled: false, drift: false });
  });
});
