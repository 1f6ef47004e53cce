import { describe, expect, it } from 'vitest';
import { loadGenerator, readSchema, runtimeValidators, SCHEMA_FILES, type SchemaKey } from './helpers.js';

const NAMES = Object.keys(SCHEMA_FILES) as SchemaKey[];

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Calls `visit` on every subschema (not on `properties`/`definitions` maps themselves, nor on data keywords). */
function eachSubschema(
  schema: Json,
  visit: (s: { [k: string]: Json }, path: string) => void,
  path = '#',
): void {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return;
  visit(schema, path);
  for (const [key, value] of Object.entries(schema)) {
    if (
      [
        'enum',
        'const',
        'default',
        'defaultSnippets',
        'examples',
        'enumDescriptions',
        'markdownEnumDescriptions',
      ].includes(key)
    )
      continue;
    if (
      (key === 'properties' || key === 'definitions') &&
      value &&
      typeof value === 'object' &&
      !Array.isArray(value)
    ) {
      for (const [k, v] of Object.entries(value)) eachSubschema(v, visit, `${path}/${key}/${k}`);
    } else if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) eachSubschema(v, visit, `${path}/${key}/${i}`);
    } else if (value && typeof value === 'object') {
      eachSubschema(value, visit, `${path}/${key}`);
    }
  }
}

describe('schemas', () => {
  it('compile together in Ajv strict mode with ajv-formats and the editor keywords', async () => {
    const validators = await runtimeValidators();
    expect(Object.keys(validators).sort()).toEqual([...NAMES].sort());
  });

  it('declare exactly the editor keywords of yaml-language-server that the schemas use', async () => {
    const { EDITOR_KEYWORDS } = await loadGenerator();
    expect([...EDITOR_KEYWORDS].sort()).toEqual(
      [
        'defaultSnippets',
        'deprecationMessage',
        'doNotSuggest',
        'enumDescriptions',
        'errorMessage',
        'markdownDescription',
        'markdownEnumDescriptions',
        'patternErrorMessage',
      ].sort(),
    );
    const used = new Set(
      NAMES.flatMap((n) => [...JSON.stringify(readSchema(n)).matchAll(/"(\w+)":/g)].map((m) => m[1]!)),
    );
    for (const keyword of EDITOR_KEYWORDS) expect(used, keyword).toContain(keyword);
  });

  it('fail to compile in strict mode if an editor keyword were not declared', async () => {
    // Guards the test above: strict mode really is on and really rejects unknown keywords.
    const { createAjv } = await loadGenerator();
    const ajv = createAjv();
    expect(() => ajv.compile({ type: 'string', notAKeyword: 'x' })).toThrow(/unknown keyword/);
  });

  it.each(NAMES)('%s is draft-07 with a versioned $id and no 2019+/2020 keywords', (name) => {
    const schema = readSchema(name);
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.$id).toBe(`https://atmos-pro-lint.dev/schema/v1/${SCHEMA_FILES[name]}`);
    const text = JSON.stringify(schema);
    for (const keyword of ['$defs', 'unevaluatedProperties', 'prefixItems', 'dependentSchemas', '$anchor']) {
      expect(text).not.toContain(`"${keyword}"`);
    }
  });

  it.each(NAMES)('%s documents every property with description and markdownDescription', (name) => {
    const missing: string[] = [];
    eachSubschema(readSchema(name) as Json, (s, path) => {
      const props = s.properties;
      if (!props || typeof props !== 'object' || Array.isArray(props)) return;
      for (const [key, prop] of Object.entries(props)) {
        if (!prop || typeof prop !== 'object' || Array.isArray(prop)) continue;
        if (typeof prop.description !== 'string') missing.push(`${path}/properties/${key} description`);
        if (typeof prop.markdownDescription !== 'string')
          missing.push(`${path}/properties/${key} markdownDescription`);
      }
    });
    expect(missing).toEqual([]);
  });

  it.each(NAMES)('%s puts a title only on root and definitions (named types, no Foo1/Foo2)', (name) => {
    const titled: string[] = [];
    eachSubschema(readSchema(name) as Json, (s, path) => {
      if ('title' in s) titled.push(path);
    });
    expect(titled.every((p) => p === '#' || /^#\/definitions\/[^/]+$/.test(p))).toBe(true);
  });

  it.each(NAMES)(
    '%s never puts keywords next to $ref (draft-07 ignores them; allOf carries them instead)',
    (name) => {
      const offenders: string[] = [];
      eachSubschema(readSchema(name) as Json, (s, path) => {
        if ('$ref' in s && Object.keys(s).length > 1) offenders.push(path);
      });
      expect(offenders).toEqual([]);
    },
  );

  it('closes settings-pro objects except the workflow and input maps', () => {
    const open: string[] = [];
    eachSubschema(readSchema('settings-pro') as Json, (s, path) => {
      if (s.type === 'object' && s.additionalProperties !== false) open.push(path);
    });
    expect(open.sort()).toEqual(['#/definitions/WorkflowDispatches', '#/definitions/WorkflowInputs']);
  });

  it('offers defaultSnippets for a full block, a merge_group block, a drift block and an activity', () => {
    const schema = readSchema<{
      defaultSnippets: { body: Record<string, unknown> }[];
      definitions: Record<string, { defaultSnippets?: unknown[] }>;
    }>('settings-pro');
    const bodies = schema.defaultSnippets.map((s) => Object.keys(s.body).sort().join(','));
    expect(bodies).toEqual(['enabled,pull_request', 'merge_group', 'drift_detection']);
    const activity = schema.definitions.ProActivity;
    expect(activity?.defaultSnippets).toHaveLength(1);
  });

  it('marks the legacy pull_request list deprecated for editors', () => {
    const defs = readSchema('settings-pro').definitions as Record<string, { deprecationMessage?: string }>;
    expect(defs.LegacyPullRequestList?.deprecationMessage).toMatch(/deprecated/);
  });

  it('explains the merge_group resolution order in its markdownDescription', () => {
    const props = readSchema('settings-pro').properties as Record<string, { markdownDescription: string }>;
    const md = props.merge_group!.markdownDescription;
    expect(md.indexOf('merge_group.checks_requested')).toBeLessThan(md.indexOf('pull_request.synchronize'));
    expect(md).toMatch(/else nothing/);
  });

  it('stack-manifest reaches settings-pro through a relative $ref that resolves against its $id', () => {
    const text = JSON.stringify(readSchema('stack-manifest'));
    const refs = [...text.matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]!);
    const external = refs.filter((r) => !r.startsWith('#'));
    expect(external).toEqual(['settings-pro.schema.json']);
    const resolved = new URL(external[0]!, readSchema('stack-manifest').$id).href;
    expect(resolved).toBe(readSchema('settings-pro').$id);
  });

  it('pro-config mirrors the yamlFunction pattern of the Atmos config schema', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { CORPUS } = await import('./helpers.js');
    const atmos = JSON.parse(readFileSync(join(CORPUS, '_schemas/atmos-config-1.0.main.json'), 'utf8'));
    const ours = (readSchema('pro-config').definitions as Record<string, { pattern: string }>).YamlFunction!;
    expect(ours.pattern).toBe(atmos.$defs.yamlFunction.pattern);
  });
});
