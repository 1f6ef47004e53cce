/**
 * src/simulate/payload.ts: the limit as Atmos reads it, the plan from item sizes (checked against
 * the serialising planner), the items that cannot fit, and the random order of describe affected.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { loadAtmosConfig } from '../../src/config/atmos-config.js';
import { resolveRepository } from '../../src/resolve/resolve.js';
import {
  buildAffectedPayload,
  buildInstancesPayload,
  type PayloadInstance,
  type RepoInfo,
} from '../../src/simulate/bodies.js';
import { planChunks } from '../../src/simulate/chunk.js';
import { marshal } from '../../src/simulate/gojson.js';
import {
  describeLimit,
  largestItems,
  maxPayloadLoc,
  maxPayloadSetting,
  payloadChecks,
  payloadInstances,
  type SimulationResult,
  simulateRandomOrders,
  simulateUpload,
  type UploadSimulation,
} from '../../src/simulate/payload.js';

const RUNS = Number(process.env.FC_RUNS ?? 30);
const repoInfo: RepoInfo = {
  url: 'https://github.com/org/repo',
  name: 'repo',
  owner: 'org',
  host: 'github.com',
};

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'apl-payload-sim-'));
  dirs.push(dir);
  mkdirSync(join(dir, '.git'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function atmosYaml(pro: string, eol = '\n'): string {
  return [
    '# Atmos CLI configuration',
    'base_path: "./"',
    'stacks:',
    '  base_path: stacks',
    '  included_paths:',
    '    - "deploy/**/*"',
    '  name_template: "{{ .vars.stage }}"',
    pro,
    '',
  ].join(eol);
}

function config(pro: string, eol = '\n') {
  const dir = repo({ 'atmos.yaml': atmosYaml(pro, eol) });
  return loadAtmosConfig({ cwd: dir, env: {} });
}

function ok(result: SimulationResult): UploadSimulation {
  if (!result.ok) throw result.error;
  return result.simulation;
}

function instance(component: string, stack: string, settings: Record<string, unknown> = {}): PayloadInstance {
  return { component, stack, componentType: 'terraform', settings, metadata: {} };
}

describe('maxPayloadSetting: the limit as Atmos decodes it', () => {
  const cases: [string, string, number, string, string | undefined][] = [
    ['unset', '', 4194304, 'default', undefined],
    ['an integer', 'settings:\n  pro:\n    max_payload_bytes: 1000', 1000, 'atmos.yaml', undefined],
    ['a float truncates', 'settings:\n  pro:\n    max_payload_bytes: 1000.9', 1000, 'atmos.yaml', undefined],
    [
      'a decimal string parses',
      'settings:\n  pro:\n    max_payload_bytes: "2048"',
      2048,
      'atmos.yaml',
      undefined,
    ],
    ['0 is the default', 'settings:\n  pro:\n    max_payload_bytes: 0', 4194304, 'default', 'not-positive'],
    [
      'negative is the default',
      'settings:\n  pro:\n    max_payload_bytes: -1',
      4194304,
      'default',
      'not-positive',
    ],
    ['null is unset', 'settings:\n  pro:\n    max_payload_bytes: null', 4194304, 'default', undefined],
    [
      'a YAML function is not resolved',
      'settings:\n  pro:\n    max_payload_bytes: !env LIMIT',
      4194304,
      'default',
      'yaml-function',
    ],
    [
      'words are not an integer',
      'settings:\n  pro:\n    max_payload_bytes: lots',
      4194304,
      'default',
      'not-an-integer',
    ],
    [
      'a map is not an integer',
      'settings:\n  pro:\n    max_payload_bytes: {a: 1}',
      4194304,
      'default',
      'not-an-integer',
    ],
    [
      'beyond 2^53 (bigint)',
      'settings:\n  pro:\n    max_payload_bytes: 9007199254740993',
      9007199254740992,
      'atmos.yaml',
      undefined,
    ],
  ];
  for (const [name, pro, bytes, source, why] of cases) {
    it(name, () => {
      const limit = maxPayloadSetting(config(pro));
      expect(limit.bytes).toBe(bytes);
      expect(limit.source).toBe(source);
      expect(limit.ignored?.why).toBe(why);
    });
  }

  it('the flag wins over atmos.yaml, and <= 0 means the default', () => {
    const c = config('settings:\n  pro:\n    max_payload_bytes: 1000');
    expect(maxPayloadSetting(c, 5000)).toEqual({ bytes: 5000, source: 'flag' });
    expect(maxPayloadSetting(c, 12.7)).toEqual({ bytes: 12, source: 'flag' });
    expect(maxPayloadSetting(c, 0)).toEqual({
      bytes: 4194304,
      source: 'default',
      ignored: { from: 'flag', written: '0', why: 'not-positive' },
    });
  });

  it('describeLimit names the value and why a written one was not used', () => {
    expect(describeLimit(maxPayloadSetting(config('settings:\n  pro:\n    max_payload_bytes: 1000')))).toBe(
      'max_payload_bytes (1000)',
    );
    expect(describeLimit(maxPayloadSetting(config('')))).toBe('the default max_payload_bytes (4194304)');
    expect(
      describeLimit(maxPayloadSetting(config('settings:\n  pro:\n    max_payload_bytes: !env LIMIT'))),
    ).toBe('the default max_payload_bytes (4194304; `!env LIMIT` is not resolved here)');
    expect(describeLimit(maxPayloadSetting(config('settings:\n  pro:\n    max_payload_bytes: 0')))).toBe(
      'the default max_payload_bytes (4194304; 0 is not positive)',
    );
  });
});

describe('maxPayloadLoc', () => {
  it('is the max_payload_bytes entry when it is set', () => {
    const c = config('settings:\n  pro:\n    max_payload_bytes: 1000');
    const loc = maxPayloadLoc(c);
    expect(loc.file.text.slice(loc.start, loc.end)).toBe('max_payload_bytes: 1000');
    expect(loc.file.position(loc.start)).toEqual({ line: 10, column: 5 });
  });

  it('is the first line of atmos.yaml when it is not (without a CR)', () => {
    for (const eol of ['\n', '\r\n']) {
      const loc = maxPayloadLoc(config('settings:\n  pro:\n    workspace_id: w', eol));
      expect(loc.start).toBe(0);
      expect(loc.file.text.slice(loc.start, loc.end)).toBe('# Atmos CLI configuration');
    }
  });
});

describe('simulateUpload', () => {
  it('agrees with the serialising planner of chunk.ts for both uploads', () => {
    const settingsArb = fc.oneof(
      fc.constant({}),
      fc.record({ pro: fc.record({ enabled: fc.boolean(), note: fc.string({ maxLength: 300 }) }) }),
    );
    fc.assert(
      fc.property(
        fc.array(settingsArb, { maxLength: 30 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.constantFrom('instances' as const, 'affected' as const),
        (settings, max, upload) => {
          const instances = settings.map((s, i) => instance(`c${String(i).padStart(2, '0')}`, 's', s));
          const sim = ok(simulateUpload(instances, upload, repoInfo, max));
          const payload =
            upload === 'instances'
              ? buildInstancesPayload(instances, repoInfo)
              : buildAffectedPayload(instances, repoInfo);
          const reference = planChunks(payload, max);
          if (!reference.ok) throw reference.error;
          expect(sim.plan.chunks).toEqual(reference.plan.chunks);
          expect(sim.plan.estimatedBytes).toBe(reference.plan.estimatedBytes);
          if (upload === 'instances') expect(sim.oversized).toEqual(reference.plan.oversizedItems);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('sizes items without building them, byte for byte as the built items', () => {
    // Everything the collapse and the selection look at: pro blocks with and without enabled and
    // drift maps, non-map pro values, metadata.enabled, abstract components, component types,
    // shared (catalog) objects, HTML-escaped and non-ASCII text, Map-shaped YAML.
    const text = fc.string({ unit: fc.constantFrom('a', '<', '&', 'é', '\u2028', '😀', '"'), maxLength: 12 });
    const shared = { opened: { workflows: { 'plan.yaml': { inputs: { component: 'x' } } } } };
    const pro = fc.oneof(
      fc.record(
        {
          enabled: fc.oneof(fc.boolean(), fc.constant('false'), fc.constant(Number.NaN)),
          drift_detection: fc.oneof(
            fc.record({ enabled: fc.oneof(fc.boolean(), fc.constant(Number.NaN)) }, { requiredKeys: [] }),
            fc.constant(true),
          ),
          pull_request: fc.oneof(fc.constant(shared), fc.dictionary(text, text, { maxKeys: 3 })),
        },
        { requiredKeys: [] },
      ),
      fc.constant(false),
      fc.constant(null),
      fc.array(text, { maxLength: 2 }),
      fc.record({ enabled: fc.boolean() }).map((r) => new Map<unknown, unknown>(Object.entries(r))),
    );
    const inst = fc.record({
      component: text,
      stack: text,
      componentType: fc.constantFrom('terraform', 'helmfile', 'ansible'),
      settings: fc.oneof(
        fc.constant({}),
        pro.map((p) => ({ pro: p, other: 1 })),
      ),
      metadata: fc.oneof(
        fc.constant({}),
        fc.constant({ enabled: false }),
        fc.constant({ enabled: 'false' }),
        fc.constant({ type: 'abstract' }),
      ),
    });
    fc.assert(
      fc.property(
        fc.array(inst, { maxLength: 12 }),
        fc.constantFrom('instances' as const, 'affected' as const),
        (instances, upload) => {
          const payload =
            upload === 'instances'
              ? buildInstancesPayload(instances, repoInfo)
              : buildAffectedPayload(instances, repoInfo);
          let expected: number[];
          try {
            expected = payload.items.map((item) => Buffer.byteLength(marshal(item)));
          } catch {
            expect(simulateUpload(instances, upload, repoInfo, 1000).ok).toBe(false);
            return;
          }
          const sim = ok(simulateUpload(instances, upload, repoInfo, 1000));
          expect(sim.plan.refs).toEqual(payload.refs);
          expect(sim.itemSizes).toEqual(expected);
          expect(sim.plan.overhead).toBe(Buffer.byteLength(marshal(payload.request([]))));
        },
      ),
      { numRuns: RUNS * 4 },
    );
  });

  it('a NaN the collapse overwrites does not stop list instances, but stops describe affected', () => {
    const instances = [
      instance('vpc', 'dev', { pro: { enabled: Number.NaN, drift_detection: { enabled: Number.NaN } } }),
    ];
    const sim = ok(simulateUpload(instances, 'instances', repoInfo, 1000));
    expect(sim.itemSizes).toEqual([
      Buffer.byteLength(marshal(buildInstancesPayload(instances, repoInfo).items[0])),
    ]);
    expect(simulateUpload(instances, 'affected', repoInfo, 1000).ok).toBe(false);
  });

  it('random order: an item is oversized only when it is over at the cheapest chunk index', () => {
    // Twelve equal items, one per chunk. batch_index 0-9 is one digit, 10-11 two: chunks 10 and 11
    // are one byte bigger whatever item they carry.
    // Items well above the room for items, so that chunks hold one item each.
    const instances = Array.from({ length: 12 }, (_, i) =>
      instance(`c${String(i).padStart(2, '0')}`, 's', { pro: { enabled: true, note: 'n'.repeat(100) } }),
    );
    const probe = ok(simulateUpload(instances, 'affected', repoInfo, 1));
    const atIndex0 = probe.plan.overhead + probe.itemSizes[0]! + probe.batchBytes[0]!;
    const sim = ok(simulateUpload(instances, 'affected', repoInfo, atIndex0));
    expect(sim.plan.chunkSize).toBe(1);
    expect(sim.batchBytes[10]! - sim.batchBytes[9]!).toBe(1);
    expect(sim.oversized).toEqual([]);
    expect(sim.chunksOverLimit.map((c) => c.index)).toEqual([10, 11]);
    // In every order chunks 10 and 11 are one byte over.
    expect(sim.randomOrders).toMatchObject({
      overLimitTrials: sim.randomOrders!.trials,
      largestOverLimitBytes: atIndex0 + 1,
    });

    // The same items in the sorted list instances upload: items 10 and 11 are the ones over.
    const probeI = ok(simulateUpload(instances, 'instances', repoInfo, 1));
    const limitI = probeI.plan.overhead + probeI.itemSizes[0]! + probeI.batchBytes[0]!;
    const simI = ok(simulateUpload(instances, 'instances', repoInfo, limitI));
    expect(simI.plan.chunkSize).toBe(1);
    expect(simI.oversized.map((o) => o.index)).toEqual([10, 11]);
    expect(simI.chunksOverLimit).toEqual([]);
    expect(simI.randomOrders).toBeUndefined();
  });

  it('reports the instance whose settings Go cannot encode', () => {
    const result = simulateUpload(
      [instance('a', 's'), instance('b', 's', { pro: { x: Number.POSITIVE_INFINITY } })],
      'instances',
      repoInfo,
      1000,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toBe('json: unsupported value: +Inf');
      expect(result.ref).toEqual({ component: 'b', stack: 's' });
    }
  });

  it('largestItems: biggest first, ties in upload order', () => {
    const sim = ok(
      simulateUpload(
        [instance('b', 's'), instance('a', 's'), instance('c', 's', { pro: { enabled: true } })],
        'instances',
        repoInfo,
        1000,
      ),
    );
    expect(largestItems(sim, 2).map((i) => i.ref.component)).toEqual(['c', 'a']);
  });
});

describe('simulateRandomOrders', () => {
  it('estimates how often two of three big items share a chunk (exactly 1/3)', () => {
    // 9 items, chunks of 2 (windows 0-1, 2-3, 4-5, 6-7 and 8): a chunk is over the limit only when two
    // big items share a window. Placements of 3 big items in distinct windows: C(4,3)*2^3 + C(4,2)*2^2
    // = 56 of C(9,3) = 84, so the chance of a shared window is 28/84 = 1/3.
    const sizes = [100, 100, 100, 100, 100, 100, 400, 400, 400];
    const plan = { chunkSize: 2, overhead: 50, maxPayloadBytes: 700 };
    const batch = Array.from({ length: 5 }, () => 80);
    const check = simulateRandomOrders(sizes, plan, batch, new Set(), 3000);
    expect(check.trials).toBe(3000);
    expect(Math.abs(check.overLimitTrials / 3000 - 1 / 3)).toBeLessThan(0.04);
    expect(check.largestOverLimitBytes).toBe(50 + 400 + 400 + 1 + 80);
    expect(check.worstCaseChunkBytes).toBe(931);
    // Seeded: the same input gives the same answer.
    expect(simulateRandomOrders(sizes, plan, batch, new Set(), 3000)).toEqual(check);
  });

  it('equal items never overflow; oversized items are left to the item rule', () => {
    const plan = { chunkSize: 3, overhead: 50, maxPayloadBytes: 500 };
    const batch = [80, 80, 80, 80];
    expect(
      simulateRandomOrders([100, 100, 100, 100, 100, 100, 100, 100, 100, 100], plan, batch, new Set()),
    ).toMatchObject({
      overLimitTrials: 0,
      largestOverLimitBytes: 0,
      largestChunkBytes: 432,
      worstCaseChunkBytes: 432,
    });
    // Item 0 alone is over; chunks holding it do not count, and the worst case leaves it out.
    const check = simulateRandomOrders([900, 100, 100, 100, 100, 100, 100], plan, [80, 80, 80], new Set([0]));
    expect(check.overLimitTrials).toBe(0);
    expect(check.worstCaseChunkBytes).toBe(50 + 302 + 80);
  });

  it('uses fewer trials for very large uploads', () => {
    const sizes = Array.from({ length: 400_000 }, () => 10);
    const check = simulateRandomOrders(
      sizes,
      { chunkSize: 1000, overhead: 10, maxPayloadBytes: 1e9 },
      new Array(400).fill(80),
      new Set(),
    );
    expect(check.trials).toBe(25);
  });
});

describe('payloadInstances and payloadChecks', () => {
  const stack = `vars:
  stage: dev
components:
  terraform:
    base:
      metadata:
        type: abstract
    vpc:
      settings:
        pro:
          pull_request:
            opened:
              workflows:
                plan.yaml:
                  inputs:
                    component: "{{ .atmos_component }}"
`;

  it('uploads rendered settings when templating is on, as written when it is off', () => {
    const withTemplates = (enabled: boolean) =>
      repo({
        'atmos.yaml': atmosYaml(`templates:\n  settings:\n    enabled: ${enabled}`),
        'stacks/deploy/dev.yaml': stack,
      });
    const inputs = (dir: string) => {
      const [only] = payloadInstances(resolveRepository({ cwd: dir, env: {} }));
      const pro = only?.settings.pro as {
        pull_request: { opened: { workflows: Record<string, { inputs: unknown }> } };
      };
      return pro.pull_request.opened.workflows['plan.yaml']?.inputs;
    };
    expect(inputs(withTemplates(true))).toEqual({ component: 'vpc' });
    expect(inputs(withTemplates(false))).toEqual({ component: '{{ .atmos_component }}' });
  });

  it('plans both uploads once per resolution, with the placeholder repository', () => {
    const dir = repo({ 'atmos.yaml': atmosYaml(''), 'stacks/deploy/dev.yaml': stack });
    const resolution = resolveRepository({ cwd: dir, env: {} });
    const checks = payloadChecks(resolution);
    expect(payloadChecks(resolution)).toBe(checks);
    expect(checks.uploads.map((u) => (u.ok ? u.simulation.upload : u.upload))).toEqual([
      'instances',
      'affected',
    ]);
    const [instances] = checks.uploads;
    if (!instances?.ok) throw new Error('instances upload failed');
    // The abstract component is not an item; the overhead is the placeholder's (see repo.ts).
    expect(instances.simulation.plan.refs).toEqual([{ component: 'vpc', stack: 'dev' }]);
    expect(instances.simulation.plan.overhead).toBe(156);
  });
});
