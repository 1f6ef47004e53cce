import { describe, expect, it } from 'vitest';
import { mergeJetBrainsSchemas } from '../../src/ide/jetbrains.js';
import { customTags, mergeVscodeSettings } from '../../src/ide/vscode.js';

const MAPPINGS = [
  {
    schema: './.atmos-pro-lint/schemas/stack-manifest.schema.json',
    globs: ['stacks/**/*.yaml', 'stacks/**/*.yml'],
  },
  { schema: './.atmos-pro-lint/schemas/atmos-config.schema.json', globs: ['atmos.yaml'] },
];

describe('VS Code settings', () => {
  it('creates settings with schemas and every Atmos tag', () => {
    const out = JSON.parse(mergeVscodeSettings(undefined, MAPPINGS));
    expect(out['yaml.schemas']).toEqual({
      './.atmos-pro-lint/schemas/stack-manifest.schema.json': ['stacks/**/*.yaml', 'stacks/**/*.yml'],
      './.atmos-pro-lint/schemas/atmos-config.schema.json': ['atmos.yaml'],
    });
    expect(out['yaml.customTags']).toContain('!terraform.output scalar');
    expect(out['yaml.customTags']).toContain('!append sequence');
    expect(out['yaml.customTags']).toHaveLength(customTags().length);
  });

  it('keeps comments, other settings, other schemas and other tags; is idempotent', () => {
    const before = `{
  // keep me
  "editor.tabSize": 4,
  "yaml.schemas": { "https://json.schemastore.org/github-workflow.json": ".github/workflows/*.yml" },
  "yaml.customTags": ["!Ref scalar", "!env scalar"],
}
`;
    const once = mergeVscodeSettings(before, MAPPINGS);
    expect(once).toContain('// keep me');
    expect(once).toContain('"editor.tabSize": 4');
    expect(once).toContain('github-workflow.json');
    expect(once.match(/"!env scalar"/g)).toHaveLength(1);
    expect(once).toContain('"!Ref scalar"');
    expect(mergeVscodeSettings(once, MAPPINGS)).toBe(once);
  });

  it('refuses to overwrite a file that is not a JSON object', () => {
    expect(() => mergeVscodeSettings('[1, 2]', MAPPINGS)).toThrow(/not a JSON object/);
    expect(() => mergeVscodeSettings('{"yaml.schemas": 3}', MAPPINGS)).toThrow(/yaml.schemas/);
  });
});

describe('JetBrains jsonSchemas.xml', () => {
  const ours = [
    {
      name: 'atmos-pro-lint: stack manifests',
      schema: '.atmos-pro-lint/schemas/stack-manifest.schema.json',
      globs: ['stacks/**/*.yaml'],
    },
  ];

  it('creates a mapping file', () => {
    const xml = mergeJetBrainsSchemas(undefined, ours);
    expect(xml).toContain('<component name="JsonSchemaMappingsProjectConfiguration">');
    expect(xml).toContain('value=".atmos-pro-lint/schemas/stack-manifest.schema.json"');
    expect(xml).toContain('value="stacks/**/*.yaml"');
  });

  it('replaces its own entry, keeps the others, is idempotent', () => {
    const other = mergeJetBrainsSchemas(undefined, [{ name: 'mine', schema: 'x.json', globs: ['a.yaml'] }]);
    const merged = mergeJetBrainsSchemas(other, ours);
    expect(merged).toContain('<entry key="mine">');
    expect(merged).toContain('<entry key="atmos-pro-lint: stack manifests">');
    expect(mergeJetBrainsSchemas(merged, ours)).toBe(merged);
    const changed = mergeJetBrainsSchemas(merged, [{ ...ours[0]!, globs: ['deploy/**/*.yaml'] }]);
    expect(changed).toContain('deploy/**/*.yaml');
    expect(changed).not.toContain('value="stacks/**/*.yaml"');
    expect(changed.match(/atmos-pro-lint: stack manifests/g)?.length).toBe(
      merged.match(/atmos-pro-lint: stack manifests/g)?.length,
    );
  });

  it('refuses a file it does not understand', () => {
    expect(() => mergeJetBrainsSchemas('<project/>', ours)).toThrow(/does not look like/);
  });
});
