import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCHEMAS, type SchemaName } from '../generated/schemas.js';

let cachedDir: string | undefined;

/**
 * The package's schema/ directory. This module runs from src/schema/ (tests, tsx), from dist/ (the
 * bundled entry points) or from dist/chunks/ (code-split chunks), so instead of a fixed `../..` it
 * walks up from its own location to the first directory that has `schema/settings-pro.schema.json`
 * — the package root, since package.json ships schema/ next to dist/.
 */
export function schemaDir(): string {
  if (cachedDir !== undefined) return cachedDir;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'schema');
    if (existsSync(join(candidate, SCHEMAS['settings-pro'].file))) {
      cachedDir = candidate;
      return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error('atmos-pro-lint: cannot find the schema/ directory of the package');
}

/** Absolute path of one schema file. */
export function schemaPath(name: SchemaName): string {
  return join(schemaDir(), SCHEMAS[name].file);
}

/** Absolute paths of every schema file, by schema name. */
export function schemaPaths(): Record<SchemaName, string> {
  const names = Object.keys(SCHEMAS) as SchemaName[];
  return Object.fromEntries(names.map((name) => [name, schemaPath(name)])) as Record<SchemaName, string>;
}

/** The JSON text of one schema file, exactly as shipped (for `atmos-pro-lint schema`). */
export function schemaText(name: SchemaName): string {
  return readFileSync(schemaPath(name), 'utf8');
}
