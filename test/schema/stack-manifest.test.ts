import type { ValidateFunction } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodePointer, validateStackManifest } from '../../src/schema/index.js';
import {
  corpusRelative,
  findSettingsPro,
  loadYamlFile,
  PRO_TREES,
  runtimeValidators,
  type SchemaKey,
  stackFiles,
} from './helpers.js';

let runtime: Record<SchemaKey, ValidateFunction>;
beforeAll(async () => {
  runtime = await runtimeValidators();
});

const TREES = { ...PRO_TREES, complete: 'stacks' };

describe('stack-manifest schema on whole corpus stack files', () => {
  const files = stackFiles(TREES);

  it('walks the stack trees of ext-*, atmos-pro and complete', () => {
    expect(files.length).toBeGreaterThan(150);
    expect(files.some((f) => f.includes('/complete/stacks/workflows/'))).toBe(true);
  });

  it('accepts every Atmos-valid file (anchors, !tags, workflows, schemas dirs included)', () => {
    const rejected: string[] = [];
    const unparsable: string[] = [];
    let withPro = 0;
    for (const file of files) {
      let doc: unknown;
      try {
        doc = loadYamlFile(file);
      } catch {
        unparsable.push(corpusRelative(file));
        continue;
      }
      if (findSettingsPro(doc).length > 0) withPro++;
      const errors = validateStackManifest(doc);
      const runtimeOk = runtime['stack-manifest'](doc);
      if (errors.length > 0 || !runtimeOk)
        rejected.push(`${corpusRelative(file)}: ${JSON.stringify(errors[0])}`);
    }
    expect(rejected).toEqual([]);
    expect(withPro).toBeGreaterThanOrEqual(11);
    // Only Atmos' deliberately broken fixtures (invalid-yaml-N.yaml) are not YAML at all.
    expect(unparsable.length).toBeGreaterThan(0);
    expect(
      unparsable.every((f) =>
        /^complete\/stacks\/catalog\/invalid-yaml-and-schema\/invalid-yaml-\d+\.yaml$/.test(f),
      ),
    ).toBe(true);
  });
});

/** A settings.pro with one mistake, reported at `<position>/pull_request` with key `synchronise`. */
const BAD_PRO = { enabled: true, pull_request: { synchronise: { workflows: { 'plan.yaml': {} } } } };

function place(path: readonly string[], value: unknown): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  let cur = root;
  path.forEach((segment, i) => {
    if (i === path.length - 1) cur[segment] = value;
    else cur = cur[segment] = {} as Record<string, unknown>;
  });
  return root;
}

const TYPES = ['terraform', 'helmfile', 'packer', 'ansible', 'helm', 'kubernetes'];
const POSITIONS: string[][] = [
  ['settings', 'pro'],
  ['overrides', 'settings', 'pro'],
  ...TYPES.map((t) => [t, 'settings', 'pro']),
  ...TYPES.map((t) => [t, 'overrides', 'settings', 'pro']),
  ...[...TYPES, 'container', 'emulator', 'my-custom-type'].map((t) => [
    'components',
    t,
    'vpc',
    'settings',
    'pro',
  ]),
  ['components', 'terraform', 'my/instance', 'settings', 'pro'],
];

describe('stack-manifest schema rejects a bad settings.pro wherever Atmos reads one', () => {
  it.each(POSITIONS.map((p) => [p.join('.'), p] as const))('at %s', (_name, position) => {
    const manifest = place(position, BAD_PRO);
    // The helper used on the corpus finds this position too, so the two stay in sync.
    expect(findSettingsPro(manifest).map((f) => f.path)).toEqual([position]);

    const errors = validateStackManifest(manifest);
    expect(errors.map((e) => ({ keyword: e.keyword, path: e.instancePath, key: e.key }))).toEqual([
      { keyword: 'additionalProperties', path: [...position, 'pull_request'], key: 'synchronise' },
    ]);

    expect(runtime['stack-manifest'](manifest)).toBe(false);
    const raw = (runtime['stack-manifest'].errors ?? []).filter((e) => e.keyword === 'additionalProperties');
    expect(raw.map((e) => decodePointer(e.instancePath))).toEqual([[...position, 'pull_request']]);
  });

  it('reports several positions of one manifest at once', () => {
    const manifest = {
      settings: { pro: { enabled: 'yes' } },
      components: { terraform: { vpc: { settings: { pro: { merge_group: { destroyed: {} } } } } } },
    };
    expect(validateStackManifest(manifest).map((e) => `${e.keyword} ${e.instancePath.join('.')}`)).toEqual([
      'type settings.pro.enabled',
      'additionalProperties components.terraform.vpc.settings.pro.merge_group',
    ]);
  });
});

describe('stack-manifest schema stays open where Atmos is open', () => {
  it.each([
    ['an !include instead of settings.pro', { settings: { pro: '!include mixins/pro.yaml' } }],
    ['an !include instead of the settings section', { settings: '!include settings.yaml' }],
    ['unknown top-level keys holding anchors', { 'plan-wf-config': { 'plan.yaml': { inputs: { a: 1 } } } }],
    ['a null component', { components: { terraform: { db: null } } }],
    [
      'a settings key inside vars (a Terraform variable, not Atmos settings)',
      { vars: { settings: { pro: 1 } } },
    ],
    [
      'unknown keys in settings and components',
      { settings: { spacelift: { x: 1 } }, components: { terraform: { a: { foo: 1 } } } },
    ],
    ['a custom component type without settings', { components: { script: { hello: { steps: ['echo'] } } } }],
  ])('accepts %s', (_name, manifest) => {
    expect(validateStackManifest(manifest)).toEqual([]);
    expect(runtime['stack-manifest'](manifest)).toBe(true);
  });

  it('still rejects a plain string where settings.pro belongs', () => {
    const errors = validateStackManifest({ settings: { pro: 'enabled' } });
    expect(errors.map((e) => [e.keyword, e.instancePath.join('.')])).toEqual([['type', 'settings.pro']]);
  });
});
