import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { SCHEMAS, schemaDir, schemaPath, schemaPaths, schemaText } from '../../src/schema/index.js';
import { ROOT } from './helpers.js';

describe('schema files at runtime', () => {
  it('finds the package schema/ directory from src/', () => {
    expect(schemaDir()).toBe(join(ROOT, 'schema'));
    expect(schemaPath('settings-pro')).toBe(join(ROOT, 'schema', 'settings-pro.schema.json'));
    expect(Object.keys(schemaPaths()).sort()).toEqual(Object.keys(SCHEMAS).sort());
  });

  it('returns the shipped JSON text of each schema', () => {
    for (const name of Object.keys(SCHEMAS) as (keyof typeof SCHEMAS)[]) {
      const parsed = JSON.parse(schemaText(name));
      expect(parsed.$id).toBe(SCHEMAS[name].id);
      expect(parsed.title).toBe(SCHEMAS[name].title);
    }
  });
});

describe('bundled', () => {
  const dir = mkdtempSync(join(tmpdir(), 'apl-schema-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('works from a code-split chunk under dist/chunks/ (precompiled validators and schema lookup)', async () => {
    // Lay out a package the way `npm pack` ships it: dist/ next to schema/.
    mkdirSync(join(dir, 'schema'));
    for (const f of readdirSync(join(ROOT, 'schema')))
      copyFileSync(join(ROOT, 'schema', f), join(dir, 'schema', f));
    await build({
      entryPoints: [join(ROOT, 'src/schema/index.ts')],
      outfile: join(dir, 'dist/chunks/schema.js'),
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      logLevel: 'silent',
      banner: {
        js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
      },
    });
    const mod = (await import(
      pathToFileURL(join(dir, 'dist/chunks/schema.js')).href
    )) as typeof import('../../src/schema/index.js');
    expect(mod.schemaDir()).toBe(join(dir, 'schema'));
    expect(mod.validateSettingsPro({ enabled: 'false' }).map((e) => e.keyword)).toEqual(['type']);
    // `format: uri` comes from ajv-formats, bundled through the generated named import.
    expect(mod.validateProConfig({ base_url: 'https://app.cloudposse.com' })).toEqual([]);
    expect(mod.validateProConfig({ base_url: 'https://exa mple.com' }).map((e) => e.keyword)).toEqual([
      'format',
    ]);
  });
});
