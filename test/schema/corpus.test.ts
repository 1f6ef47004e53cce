import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateProConfig, validateSettingsPro } from '../../src/schema/index.js';
import {
  at,
  CORPUS,
  corpusRelative,
  findSettingsPro,
  loadYaml,
  loadYamlFile,
  PRO_TREES,
  REFERENCE,
  runtimeValidators,
  type SchemaKey,
  stackFiles,
  yamlBlocks,
  yamlFiles,
} from './helpers.js';

let runtime: Record<SchemaKey, ValidateFunction>;
beforeAll(async () => {
  runtime = await runtimeValidators();
});

/** Both the precompiled validator (through src/schema) and a runtime compile must accept the value. */
function expectValid(kind: 'settings-pro' | 'pro-config', value: unknown, where: string) {
  const errors = kind === 'settings-pro' ? validateSettingsPro(value) : validateProConfig(value);
  expect(errors, where).toEqual([]);
  expect(runtime[kind](value), where).toBe(true);
}

const EVENT_KEYS = ['enabled', 'pull_request', 'release', 'drift_detection', 'merge_group'];

describe('settings.pro blocks of the real stack trees', () => {
  const blocks = stackFiles(PRO_TREES).flatMap((file) =>
    findSettingsPro(loadYamlFile(file)).map((f) => ({ file: corpusRelative(file), ...f })),
  );

  it('finds the blocks (mixins, _defaults, per-component overrides)', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(12);
    const kinds = new Set(blocks.flatMap((b) => Object.keys(b.value as object)));
    for (const key of ['enabled', 'pull_request', 'release', 'drift_detection']) expect(kinds).toContain(key);
    // The per-component override with a slash in the component name.
    expect(blocks.some((b) => b.path.join('/') === 'components/terraform/my/instance/settings/pro')).toBe(
      true,
    );
  });

  it.each(blocks.map((b) => [`${b.file} ${b.path.join('.')}`, b] as const))('accepts %s', (where, block) => {
    expectValid('settings-pro', block.value, where);
  });

  it('accepts release.released, which Cloud Posse examples use although Atmos Pro documents published', () => {
    const released = blocks.filter((b) => at(b.value, ['release', 'released']) !== undefined);
    expect(released.length).toBeGreaterThanOrEqual(3);
  });

  it('accepts the pull_request list form of early Atmos Pro examples (deprecated, still valid)', () => {
    // cloudposse-examples/infra-demo-atmos-pro stacks/mixins/atmos-pro/default.yaml @ 0eea745 (2024).
    const legacy = loadYaml(`
enabled: true
pull_request:
  - trigger: [feature-branch]
    workflows:
      atmos-terraform-plan.yaml:
        inputs:
          component: "{{ .atmos_component }}"
          stack: "{{ .atmos_stack }}"
  - on: [merged]
    workflows:
      atmos-terraform-apply.yaml:
        inputs:
          component: "{{ .atmos_component }}"
          stack: "{{ .atmos_stack }}"
`);
    expectValid('settings-pro', legacy, 'legacy list');
  });

  it('accepts the pro-install-cmd mixin template of the Atmos branch', () => {
    const file = join(CORPUS, 'atmos-branch-pro-templates/pro-install-cmd/mixins/atmos-pro.yaml');
    const found = findSettingsPro(loadYamlFile(file));
    expect(found).toHaveLength(1);
    expectValid('settings-pro', found[0]!.value, corpusRelative(file));
  });
});

describe('settings.pro blocks of atmos.yaml files in the corpus', () => {
  const configs = yamlFiles(CORPUS).filter((f) => /(^|\/)(atmos\.ya?ml|atmos\.d\/[^/]+\.ya?ml)$/.test(f));
  const withPro = configs
    .map((file) => ({ file, doc: loadYamlFile(file) }))
    .filter(({ doc }) => {
      const settings = at(doc, ['settings']);
      return typeof settings === 'object' && settings !== null && 'pro' in settings;
    });

  it('finds them', () => {
    expect(withPro.length).toBeGreaterThanOrEqual(1);
  });

  it.each(withPro.map((c) => [corpusRelative(c.file), c] as const))('accepts %s', (where, { doc }) => {
    // A block whose keys are all commented out parses as null; Atmos treats it as no settings.
    expectValid('pro-config', at(doc, ['settings', 'pro']) ?? {}, where);
  });
});

describe('YAML examples of the Atmos Pro settings reference', () => {
  const markdown = readFileSync(join(REFERENCE, 'atmos-pro-settings.md'), 'utf8');
  const blocks = yamlBlocks(markdown).map((b) => ({ ...b, doc: loadYaml(b.text) }));
  const withPro = blocks.filter((b) => at(b.doc, ['settings', 'pro']) !== undefined);

  // Blocks are classified by content, not by their "File:" caption: the `release.published` example is
  // captioned `atmos.yaml` but is a stack-level dispatch block (events belong in stack manifests; the
  // `settings.pro` of atmos.yaml holds only client settings), so event keys send it to settings-pro.
  const isDispatch = (pro: unknown) => Object.keys(pro as object).some((k) => EVENT_KEYS.includes(k));
  const client = withPro.filter((b) => !isDispatch(at(b.doc, ['settings', 'pro'])));
  const dispatch = withPro.filter((b) => isDispatch(at(b.doc, ['settings', 'pro'])));

  it('has four client-settings examples and four dispatch examples (the other YAML is a GitHub workflow)', () => {
    expect(client).toHaveLength(4);
    expect(dispatch).toHaveLength(4);
    expect(blocks.length - withPro.length).toBe(1);
    const release = dispatch.find(
      (b) => at(b.doc, ['settings', 'pro', 'release', 'published']) !== undefined,
    );
    expect(release?.file).toBe('atmos.yaml');
  });

  it.each(client.map((b) => [`line ${b.line} (${b.file})`, b] as const))(
    'pro-config accepts %s',
    (where, b) => {
      expectValid('pro-config', at(b.doc, ['settings', 'pro']), where);
    },
  );

  it.each(dispatch.map((b) => [`line ${b.line} (${b.file})`, b] as const))(
    'settings-pro accepts %s',
    (where, b) => {
      expectValid('settings-pro', at(b.doc, ['settings', 'pro']), where);
    },
  );
});

describe('docs snippets in docs-atmos-pro-snippets', () => {
  const dir = join(CORPUS, 'docs-atmos-pro-snippets');
  const index = loadYamlFile(join(dir, 'index.yaml')) as { snippets: { file: string; kind: string }[] };

  /** `settings.pro` blocks, and the top-level `pro:` of the unmerged branch (stack or atmos.yaml level). */
  function proBlocks(doc: unknown): { path: string[]; value: unknown }[] {
    const out: { path: string[]; value: unknown }[] = findSettingsPro(doc);
    if (at(doc, ['pro']) !== undefined) out.push({ path: ['pro'], value: at(doc, ['pro']) });
    const components = at(doc, ['components']);
    if (components && typeof components === 'object') {
      for (const [type, byName] of Object.entries(components)) {
        for (const [name, component] of Object.entries((byName ?? {}) as object)) {
          const pro = at(component, ['pro']);
          if (pro !== undefined) out.push({ path: ['components', type, name, 'pro'], value: pro });
        }
      }
    }
    return out;
  }

  const cases = index.snippets.flatMap((s) =>
    proBlocks(loadYamlFile(join(dir, s.file))).map((b) => ({
      where: `${s.file} ${b.path.join('.')}`,
      kind: s.kind.startsWith('CLI connection') ? ('pro-config' as const) : ('settings-pro' as const),
      value: b.value,
    })),
  );

  it('covers every snippet of the index', () => {
    expect(index.snippets.length).toBe(27);
    expect(cases.length).toBeGreaterThanOrEqual(index.snippets.length);
    expect(cases.filter((c) => c.kind === 'settings-pro').length).toBeGreaterThanOrEqual(14);
  });

  it.each(cases.map((c) => [`${c.kind}: ${c.where}`, c] as const))('accepts %s', (_where, c) => {
    expectValid(c.kind, c.value, c.where);
  });
});
