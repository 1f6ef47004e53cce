import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Ajv, ValidateFunction } from 'ajv';
import { parseDocument, visit } from 'yaml';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CORPUS = join(ROOT, '../shared/corpus');
export const REFERENCE = join(ROOT, '../shared/reference');

export const SCHEMA_FILES = {
  'settings-pro': 'settings-pro.schema.json',
  'pro-config': 'pro-config.schema.json',
  config: 'config.schema.json',
  'stack-manifest': 'stack-manifest.schema.json',
  'atmos-config': 'atmos-config.schema.json',
} as const;
export type SchemaKey = keyof typeof SCHEMA_FILES;

/** A schema file's JSON; `T` narrows the parts a test looks into. */
export function readSchema<T extends object = Record<string, unknown>>(name: SchemaKey): T & { $id: string } {
  return JSON.parse(readFileSync(join(ROOT, 'schema', SCHEMA_FILES[name]), 'utf8'));
}

interface GenerateModule {
  createAjv(extra?: Record<string, unknown>): Ajv;
  generate(options: { write: boolean }): Promise<{ path: string; content: string }[]>;
  EDITOR_KEYWORDS: string[];
}

/** scripts/generate.mjs, loaded by a computed specifier so tsc does not need a declaration file for it. */
export async function loadGenerator(): Promise<GenerateModule> {
  const specifier = new URL('../../scripts/generate.mjs', import.meta.url).href;
  return (await import(specifier)) as GenerateModule;
}

/** All four schemas compiled at runtime in one strict Ajv instance (the way the generator does). */
export async function runtimeValidators(): Promise<Record<SchemaKey, ValidateFunction>> {
  const { createAjv } = await loadGenerator();
  const ajv = createAjv();
  const names = Object.keys(SCHEMA_FILES) as SchemaKey[];
  for (const name of names) ajv.addSchema(readSchema(name));
  const out = {} as Record<SchemaKey, ValidateFunction>;
  for (const name of names) {
    const validate = ajv.getSchema(readSchema(name).$id);
    if (!validate) throw new Error(`schema ${name} did not compile`);
    out[name] = validate;
  }
  return out;
}

/**
 * Parses YAML the way Atmos hands it to validation: anchors, aliases and `<<` merge keys resolved, and
 * custom tags (`!env X`, `!terraform.state …`) turned into the string "<tag> <value>".
 */
export function loadYaml(text: string): unknown {
  const doc = parseDocument(text, { merge: true, uniqueKeys: false });
  if (doc.errors.length > 0) throw new Error(doc.errors[0]!.message);
  visit(doc, {
    Scalar(_key, node) {
      if (node.tag?.startsWith('!') && !node.tag.startsWith('!!')) {
        node.value = `${node.tag} ${String(node.value ?? '')}`.trimEnd();
        node.tag = undefined;
      }
    },
  });
  return doc.toJS({ maxAliasCount: -1 });
}

export function loadYamlFile(path: string): unknown {
  return loadYaml(readFileSync(path, 'utf8'));
}

/** Every .yaml/.yml file under `dir`, recursively, sorted. */
export function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(entry.name)) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/** The corpus trees with real `settings.pro` blocks, and the stacks directory of each. */
export const PRO_TREES: Record<string, string> = {
  'ext-atmos-pro-example-advanced': 'stacks',
  'ext-atmos-pro-example-basic': 'stacks',
  'ext-atmos-pro-with-ecs': 'terraform/stacks',
  'ext-infra-demo-atmos-pro': 'stacks',
  'atmos-pro': 'stacks',
  'atmos-pro-template-regression': 'stacks',
};

export function stackFiles(trees: Record<string, string>): string[] {
  return Object.entries(trees).flatMap(([tree, stacks]) => yamlFiles(join(CORPUS, tree, stacks)));
}

export function corpusRelative(path: string): string {
  return relative(CORPUS, path);
}

const GLOBAL_TYPES = ['terraform', 'helmfile', 'packer', 'ansible', 'helm', 'kubernetes'];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface Found {
  path: string[];
  value: unknown;
}

/**
 * Every `settings.pro` of a stack manifest at the positions Atmos reads it from: `settings`,
 * `overrides.settings`, `<type>.settings`, `<type>.overrides.settings` and
 * `components.<type>.<name>.settings`.
 */
export function findSettingsPro(manifest: unknown): Found[] {
  const found: Found[] = [];
  if (!isObject(manifest)) return found;
  const fromSettings = (settings: unknown, path: string[]) => {
    if (isObject(settings) && 'pro' in settings) found.push({ path: [...path, 'pro'], value: settings.pro });
  };
  const fromOverrides = (overrides: unknown, path: string[]) => {
    if (isObject(overrides)) fromSettings(overrides.settings, [...path, 'settings']);
  };
  fromSettings(manifest.settings, ['settings']);
  fromOverrides(manifest.overrides, ['overrides']);
  for (const type of GLOBAL_TYPES) {
    const section = manifest[type];
    if (!isObject(section)) continue;
    fromSettings(section.settings, [type, 'settings']);
    fromOverrides(section.overrides, [type, 'overrides']);
  }
  if (isObject(manifest.components)) {
    for (const [type, components] of Object.entries(manifest.components)) {
      if (!isObject(components)) continue;
      for (const [name, component] of Object.entries(components)) {
        if (isObject(component)) fromSettings(component.settings, ['components', type, name, 'settings']);
      }
    }
  }
  return found;
}

export interface FencedBlock {
  /** The `**File:** \`name\`` caption right above the block, if any. */
  file: string | undefined;
  line: number;
  text: string;
}

/** The fenced ```yaml blocks of a Markdown document, with their "File:" captions. */
export function yamlBlocks(markdown: string): FencedBlock[] {
  const lines = markdown.split('\n');
  const blocks: FencedBlock[] = [];
  let caption: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const m = /^\*\*File:\*\* `([^`]+)`/.exec(line);
    if (m) caption = m[1];
    if (/^```ya?ml\s*$/.test(line)) {
      const start = i + 1;
      let end = start;
      while (end < lines.length && !/^```\s*$/.test(lines[end]!)) end++;
      blocks.push({ file: caption, line: start, text: lines.slice(start, end).join('\n') });
      caption = undefined;
      i = end;
    } else if (/^```/.test(line)) {
      // Skip non-YAML fences so their contents are not mistaken for captions or blocks.
      let end = i + 1;
      while (end < lines.length && !/^```\s*$/.test(lines[end]!)) end++;
      i = end;
      caption = undefined;
    }
  }
  return blocks;
}

/** Looks a value up by path segments. */
export function at(value: unknown, path: readonly string[]): unknown {
  let cur = value;
  for (const segment of path) {
    if (!isObject(cur) && !Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[segment];
  }
  return cur;
}
