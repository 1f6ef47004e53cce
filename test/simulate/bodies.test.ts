/**
 * The enabled-collapse tables mirror pkg/list/list_instances_pro_test.go; the body tests pin the
 * exact bytes the CLI sends.
 */
import { describe, expect, it } from 'vitest';
import {
  affectedItem,
  buildAffectedPayload,
  buildInstancesPayload,
  countEnabledDisabled,
  effectiveEnabledState,
  extractProSettings,
  metadataDisabledPro,
  type PayloadInstance,
  PLACEHOLDER_SHA,
  type RepoInfo,
  sortInstances,
  stripSettings,
  uploadInstanceItem,
} from '../../src/simulate/bodies.js';
import { marshal } from '../../src/simulate/gojson.js';

const repo: RepoInfo = { url: 'https://github.com/org/repo', name: 'repo', owner: 'org', host: 'github.com' };

function inst(settings: Record<string, unknown>, metadata: Record<string, unknown> = {}): PayloadInstance {
  return { component: 'vpc', stack: 'dev', componentType: 'terraform', settings, metadata };
}

/** A YAML-shaped map in JS terms: no prototype. */
function np(entries: Record<string, unknown>): Record<string, unknown> {
  return Object.assign(Object.create(null), entries);
}

describe('isProEnabled (TestIsProEnabled)', () => {
  const cases: [string, Record<string, unknown>, Record<string, unknown> | undefined, boolean][] = [
    ['pro enabled', { pro: { enabled: true } }, undefined, true],
    [
      'pro enabled with drift_detection disabled',
      { pro: { enabled: true, drift_detection: { enabled: false } } },
      undefined,
      true,
    ],
    ['pro disabled', { pro: { enabled: false } }, undefined, false],
    [
      'pro enabled defaults true when pro block present (drift_detection only)',
      { pro: { drift_detection: { enabled: true } } },
      undefined,
      true,
    ],
    ['no pro settings', {}, undefined, false],
    ['pro settings not a map', { pro: 'invalid' }, undefined, false],
    ['enabled not a bool (string) defaults true', { pro: { enabled: 'true' } }, undefined, true],
    ['string "false" still counts as enabled', { pro: { enabled: 'false' } }, undefined, true],
    [
      'metadata.enabled false overrides pro.enabled true',
      { pro: { enabled: true } },
      { enabled: false },
      false,
    ],
    ['metadata.enabled true keeps pro.enabled true', { pro: { enabled: true } }, { enabled: true }, true],
    [
      'metadata.enabled "false" (string) does not disable',
      { pro: { enabled: true } },
      { enabled: 'false' },
      true,
    ],
    [
      'YAML-shaped (null-prototype) pro block is pro-enabled',
      { pro: np({ enabled: true }) },
      undefined,
      true,
    ],
    ['Map-shaped pro block is pro-enabled', { pro: new Map([['enabled', true]]) }, undefined, true],
    ['pro: null is not a pro block', { pro: null }, undefined, false],
    ['pro as a list is not a pro block', { pro: [{ enabled: true }] }, undefined, false],
  ];
  for (const [name, settings, metadata, expected] of cases) {
    it(name, () => {
      expect(effectiveEnabledState(settings, metadata).proEnabled).toBe(expected);
    });
  }
});

describe('countEnabledDisabled (TestCountEnabledDisabled)', () => {
  const enabledInst = inst({ pro: { enabled: true } });
  const disabledInst = inst({ pro: { enabled: false } });
  const noProInst = inst({});
  const nonBoolEnabledInst = inst({ pro: { enabled: 'true' } });
  const enabledWithDriftInst = inst({ pro: { enabled: true, drift_detection: { enabled: true } } });
  const disabledWithDriftInst = inst({ pro: { enabled: false, drift_detection: { enabled: true } } });
  const enabledDriftOffInst = inst({ pro: { enabled: true, drift_detection: { enabled: false } } });
  const metadataDisabledInst = inst(
    { pro: { enabled: true, drift_detection: { enabled: true } } },
    { enabled: false },
  );
  const yamlShapedDriftInst = inst({ pro: np({ enabled: true, drift_detection: np({ enabled: true }) }) });

  const cases: [string, PayloadInstance[], number, number, number][] = [
    ['empty slice', [], 0, 0, 0],
    ['all enabled', [enabledInst, enabledInst, enabledInst], 3, 0, 0],
    ['all explicitly disabled', [disabledInst, disabledInst], 0, 2, 0],
    ['no pro config counts as disabled', [noProInst, noProInst], 0, 2, 0],
    ['non-bool enabled defaults to enabled', [nonBoolEnabledInst], 1, 0, 0],
    ['mixed enabled/disabled/no-pro', [enabledInst, disabledInst, noProInst, enabledInst], 2, 2, 0],
    ['drift enabled on pro-enabled instance', [enabledWithDriftInst, enabledInst], 2, 0, 1],
    ['drift not counted when pro disabled', [disabledWithDriftInst], 0, 1, 0],
    ['metadata.enabled false disables pro and drift', [metadataDisabledInst], 0, 1, 0],
    ['drift_detection.enabled false not counted', [enabledDriftOffInst], 1, 0, 0],
    ['mixed with drift', [enabledWithDriftInst, disabledWithDriftInst, enabledInst, noProInst], 2, 2, 1],
    ['YAML-shaped pro and drift blocks counted correctly', [yamlShapedDriftInst], 1, 0, 1],
  ];
  for (const [name, instances, enabled, disabled, drift] of cases) {
    it(name, () => {
      expect(countEnabledDisabled(instances)).toEqual({ enabled, disabled, drift });
    });
  }

  it('drift requires boolean true (string "true" does not enable drift)', () => {
    expect(effectiveEnabledState({ pro: { drift_detection: { enabled: 'true' } } }, {})).toEqual({
      proEnabled: true,
      driftEnabled: false,
    });
  });
});

describe('extractProSettings (TestExtractProSettings)', () => {
  const cases: [
    string,
    Record<string, unknown>,
    Record<string, unknown> | undefined,
    boolean,
    boolean | undefined,
  ][] = [
    [
      'metadata disabled forces pro and drift off',
      { pro: { enabled: true, drift_detection: { enabled: true } } },
      { enabled: false },
      false,
      false,
    ],
    [
      'metadata disabled with implicit pro.enabled and drift on',
      { pro: { drift_detection: { enabled: true } } },
      { enabled: false },
      false,
      false,
    ],
    [
      'enabled component keeps pro and drift on',
      { pro: { enabled: true, drift_detection: { enabled: true } } },
      { enabled: true },
      true,
      true,
    ],
    [
      'no metadata defaults to enabled',
      { pro: { enabled: true, drift_detection: { enabled: true } } },
      undefined,
      true,
      true,
    ],
    [
      'pro disabled forces drift off',
      { pro: { enabled: false, drift_detection: { enabled: true } } },
      undefined,
      false,
      false,
    ],
    [
      'implicit pro.enabled defaults true',
      { pro: { drift_detection: { enabled: false } } },
      undefined,
      true,
      false,
    ],
  ];
  for (const [name, settings, metadata, expectEnabled, expectDrift] of cases) {
    it(name, () => {
      const got = extractProSettings(settings, metadata);
      const pro = got?.pro as Record<string, unknown>;
      expect(pro.enabled).toBe(expectEnabled);
      expect((pro.drift_detection as Record<string, unknown>).enabled).toBe(expectDrift);
    });
  }
});

describe('extractProSettings edge cases (TestExtractProSettingsEdgeCases)', () => {
  it('nil settings returns nil', () => {
    expect(extractProSettings(undefined, undefined)).toBeUndefined();
    expect(extractProSettings(null, undefined)).toBeUndefined();
  });

  it('no pro key returns nil', () => {
    expect(extractProSettings({ spacelift: {} }, undefined)).toBeUndefined();
  });

  it('non-map pro passes through unchanged', () => {
    expect(extractProSettings({ pro: 'invalid' }, undefined)?.pro).toBe('invalid');
    expect(marshal(extractProSettings({ pro: false }, { enabled: false }))).toBe('{"pro":false}');
    expect(marshal(extractProSettings({ pro: null }, undefined))).toBe('{"pro":null}');
    expect(marshal(extractProSettings({ pro: ['a'] }, undefined))).toBe('{"pro":["a"]}');
  });

  it('no drift_detection block is not synthesized', () => {
    const pro = extractProSettings({ pro: { enabled: true } }, undefined)?.pro as Record<string, unknown>;
    expect(Object.hasOwn(pro, 'drift_detection')).toBe(false);
  });

  it('a non-map drift_detection is left alone', () => {
    expect(marshal(extractProSettings({ pro: { drift_detection: true } }, undefined))).toBe(
      '{"pro":{"drift_detection":true,"enabled":true}}',
    );
  });

  it('keeps every other key of the pro block, sorted by Go on output', () => {
    const settings = {
      pro: {
        pull_request: {
          opened: {
            workflows: { 'atmos-terraform-plan.yaml': { inputs: { component: '{{ .component }}' } } },
          },
        },
        enabled: 'yes',
        drift_detection: { detect: { workflows: {} }, enabled: true },
      },
    };
    expect(marshal(extractProSettings(settings, {}))).toBe(
      '{"pro":{"drift_detection":{"detect":{"workflows":{}},"enabled":true},"enabled":true,' +
        '"pull_request":{"opened":{"workflows":{"atmos-terraform-plan.yaml":{"inputs":{"component":"{{ .component }}"}}}}}}}',
    );
  });
});

describe('extractProSettings isolation (TestExtractProSettingsIsolation)', () => {
  it('neither mutates nor aliases the source', () => {
    const srcDrift: Record<string, unknown> = { enabled: true };
    const srcPro: Record<string, unknown> = { enabled: true, drift_detection: srcDrift, list: [{ a: 1 }] };
    const settings = { pro: srcPro };
    const got = extractProSettings(settings, { enabled: false });
    const pro = got?.pro as Record<string, unknown>;

    expect(srcPro.enabled).toBe(true);
    expect(srcDrift.enabled).toBe(true);

    pro.enabled = 'mutated';
    (pro.drift_detection as Record<string, unknown>).enabled = 'mutated';
    ((pro.list as Record<string, unknown>[])[0] as Record<string, unknown>).a = 2;
    expect(srcPro.enabled).toBe(true);
    expect(srcDrift.enabled).toBe(true);
    expect((srcPro.list as Record<string, unknown>[])[0]).toEqual({ a: 1 });

    srcPro.enabled = 'changed-after';
    srcDrift.enabled = 'changed-after';
    expect(pro.enabled).toBe('mutated');
    expect((pro.drift_detection as Record<string, unknown>).enabled).toBe('mutated');
  });
});

describe('metadataDisabledPro (TestMetadataDisabledPro)', () => {
  const cases: [string, Record<string, unknown>, Record<string, unknown> | undefined, boolean][] = [
    ['metadata false squashes enabled pro', { pro: { enabled: true } }, { enabled: false }, true],
    [
      'metadata false squashes defaulted pro (drift_detection only)',
      { pro: { drift_detection: { enabled: true } } },
      { enabled: false },
      true,
    ],
    ['YAML-shaped pro block still detected', { pro: np({ enabled: true }) }, { enabled: false }, true],
    ['metadata enabled is not a squash', { pro: { enabled: true } }, { enabled: true }, false],
    ['no metadata is not a squash', { pro: { enabled: true } }, undefined, false],
    ['pro already disabled is not a metadata squash', { pro: { enabled: false } }, { enabled: false }, false],
    ['no pro block is not a squash', {}, { enabled: false }, false],
  ];
  for (const [name, settings, metadata, expected] of cases) {
    it(name, () => {
      expect(metadataDisabledPro(settings, metadata)).toBe(expected);
    });
  }
});

describe('instances payload', () => {
  it('omits settings without a pro key and collapses it otherwise', () => {
    expect(marshal(uploadInstanceItem(inst({ github: { actions_enabled: true } })))).toBe(
      '{"component":"vpc","stack":"dev","component_type":"terraform"}',
    );
    expect(marshal(uploadInstanceItem(inst({ pro: { enabled: true } }, { enabled: false })))).toBe(
      '{"component":"vpc","stack":"dev","component_type":"terraform","settings":{"pro":{"enabled":false}}}',
    );
  });

  it('drops abstract components, keeps metadata-disabled ones, and sorts by stack then component', () => {
    const instances: PayloadInstance[] = [
      { component: 'b', stack: 's2', componentType: 'terraform', settings: {}, metadata: {} },
      {
        component: 'base',
        stack: 's1',
        componentType: 'terraform',
        settings: {},
        metadata: { type: 'abstract' },
      },
      { component: 'z', stack: 's1', componentType: 'helmfile', settings: {}, metadata: { enabled: false } },
      { component: 'a', stack: 's2', componentType: 'terraform', settings: {}, metadata: {} },
      { component: 'B', stack: 's2', componentType: 'terraform', settings: {}, metadata: {} },
    ];
    const payload = buildInstancesPayload(instances, repo);
    expect(payload.refs).toEqual([
      { component: 'z', stack: 's1' },
      { component: 'B', stack: 's2' },
      { component: 'a', stack: 's2' },
      { component: 'b', stack: 's2' },
    ]);
    expect(payload.counts).toEqual({ enabled: 0, disabled: 4, drift: 0 });
    expect(payload.orderIsRandom).toBe(false);
  });

  it('builds the request with batch fields only for chunks, batch_index 0 included', () => {
    const payload = buildInstancesPayload([inst({})], repo);
    expect(marshal(payload.request([]))).toBe(
      '{"repo_url":"https://github.com/org/repo","repo_name":"repo","repo_owner":"org","repo_host":"github.com","instances":[]}',
    );
    expect(marshal(payload.request(payload.items, { batchId: 'id', batchIndex: 0, batchTotal: 2 }))).toBe(
      '{"repo_url":"https://github.com/org/repo","repo_name":"repo","repo_owner":"org","repo_host":"github.com",' +
        '"instances":[{"component":"vpc","stack":"dev","component_type":"terraform"}],' +
        '"batch_id":"id","batch_index":0,"batch_total":2}',
    );
  });

  it('sortInstances compares byte-wise and is stable', () => {
    const sorted = sortInstances([
      { stack: '\uff61', component: 'x', n: 1 },
      { stack: '😀', component: 'x', n: 2 },
      { stack: 'a', component: 'x', n: 3 },
      { stack: 'a', component: 'x', n: 4 },
    ]);
    expect(sorted.map((s) => s.n)).toEqual([3, 4, 1, 2]);
  });
});

describe('affected payload', () => {
  it('serialises a stripped item with the zeroed non-omitempty fields', () => {
    expect(
      marshal(
        affectedItem({
          component: 'vpc',
          stack: 'dev',
          settings: { pro: { enabled: true }, depends_on: {} },
        }),
      ),
    ).toBe(
      '{"component":"vpc","component_type":"","component_path":"","stack":"dev","stack_slug":"","affected":"",' +
        '"affected_all":null,"dependents":[],"included_in_dependents":false,"settings":{"pro":{"enabled":true}}}',
    );
  });

  it('writes deleted/deletion_type only when set, and nests stripped dependents', () => {
    const item = affectedItem({
      component: 'vpc',
      stack: 'dev',
      settings: {},
      deleted: true,
      deletionType: 'component',
      dependents: [
        {
          component: 'eks',
          stack: 'dev',
          includedInDependents: true,
          dependents: [{ component: 'app', stack: 'dev' }],
        },
      ],
    });
    expect(marshal(item)).toBe(
      '{"component":"vpc","component_type":"","component_path":"","stack":"dev","stack_slug":"","affected":"",' +
        '"affected_all":null,"dependents":[{"component":"eks","component_type":"","component_path":"","stack":"dev",' +
        '"stack_slug":"","dependents":[{"component":"app","component_type":"","component_path":"","stack":"dev",' +
        '"stack_slug":"","dependents":[],"included_in_dependents":false,"settings":null}],' +
        '"included_in_dependents":true,"settings":null}],"included_in_dependents":false,"settings":null,' +
        '"deleted":true,"deletion_type":"component"}',
    );
  });

  it('passes settings.pro verbatim (no collapse), or null without a pro key', () => {
    expect(marshal(stripSettings({ pro: { enabled: false, drift_detection: { enabled: true } } }))).toBe(
      '{"pro":{"drift_detection":{"enabled":true},"enabled":false}}',
    );
    expect(stripSettings({ github: {} })).toBeNull();
    expect(stripSettings(undefined)).toBeNull();
    expect(marshal(stripSettings({ pro: null }))).toBe('{"pro":null}');
  });

  it('worst case: every real, enabled instance of a describe-affected type, placeholder SHAs', () => {
    const instances: PayloadInstance[] = [
      {
        component: 'vpc',
        stack: 'dev',
        componentType: 'terraform',
        settings: { pro: { enabled: false } },
        metadata: {},
      },
      {
        component: 'off',
        stack: 'dev',
        componentType: 'terraform',
        settings: {},
        metadata: { enabled: false },
      },
      {
        component: 'base',
        stack: 'dev',
        componentType: 'terraform',
        settings: {},
        metadata: { type: 'abstract' },
      },
      { component: 'play', stack: 'dev', componentType: 'ansible', settings: {}, metadata: {} },
      { component: 'chart', stack: 'dev', componentType: 'helmfile', settings: {}, metadata: {} },
    ];
    const payload = buildAffectedPayload(instances, repo);
    expect(payload.refs.map((r) => r.component)).toEqual(['chart', 'vpc']);
    expect(payload.orderIsRandom).toBe(true);
    const body = marshal(payload.request([]));
    expect(body).toBe(
      `{"head_sha":"${PLACEHOLDER_SHA}","base_sha":"${PLACEHOLDER_SHA}","repo_url":"https://github.com/org/repo",` +
        '"repo_name":"repo","repo_owner":"org","repo_host":"github.com","stacks":[]}',
    );
    expect(PLACEHOLDER_SHA).toMatch(/^[0-9a-f]{40}$/);
    // pro.enabled: false is still sent as is: describe affected does not collapse.
    expect(marshal(payload.items[1])).toContain('"settings":{"pro":{"enabled":false}}');
    expect(buildAffectedPayload(instances, repo, { affectedTypesOnly: false }).refs).toHaveLength(3);
  });
});
