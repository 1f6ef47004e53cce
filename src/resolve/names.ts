import type { AtmosConfig } from '../config/atmos-config.js';
import type { Meter } from '../template/index.js';
import { isMap, newMap, type PlainMap } from './merge.js';
import { type EnvView, renderImportTime } from './templating.js';

export type StackNameResult =
  | { name: string; source: 'manifest' | 'template' | 'pattern' | 'file' }
  | { name: string; source: 'file'; error: { kind: 'template' | 'pattern'; message: string } };

/**
 * `resolveStackName` (describe_stacks_component_processor.go): manifest `name:` > `name_template`
 * rendered against the component section > `name_pattern` from vars > the stack file name.
 * Failures fall back to the file name, as `describe stacks` does, and say why.
 */
export function resolveStackName(
  config: AtmosConfig,
  stackFileName: string,
  manifestName: unknown,
  section: PlainMap,
  env: EnvView,
  meter?: Meter,
): StackNameResult {
  if (typeof manifestName === 'string' && manifestName !== '')
    return { name: manifestName, source: 'manifest' };
  if (config.nameTemplate) {
    const r = renderImportTime(config.nameTemplate, describeData(section, undefined), false, env, meter);
    if (r.ok) return { name: r.text, source: 'template' };
    return { name: stackFileName, source: 'file', error: { kind: 'template', message: r.error.message } };
  }
  if (config.namePattern) {
    const vars = isMap(section.vars) ? section.vars : {};
    const r = contextPrefix(config.namePattern, vars as PlainMap);
    if ('name' in r) return { name: r.name, source: 'pattern' };
    return { name: stackFileName, source: 'file', error: { kind: 'pattern', message: r.error } };
  }
  return { name: stackFileName, source: 'file' };
}

/** The sections describe stacks hands to name_template (buildConfigAndStacksInfo), plus `component`. */
const DESCRIBE_KEYS = [
  'vars',
  'metadata',
  'settings',
  'env',
  'auth',
  'providers',
  'hooks',
  'test',
  'secrets',
  'overrides',
  'backend',
  'backend_type',
] as const;

export function describeData(section: PlainMap, component: string | undefined): PlainMap {
  const out = newMap();
  for (const k of DESCRIBE_KEYS) {
    const v = section[k];
    out[k] = v === undefined ? (k === 'backend_type' ? '' : newMap()) : v;
  }
  out.component = typeof section.component === 'string' && section.component ? section.component : component;
  return out;
}

const TOKENS: Record<string, string> = {
  '{namespace}': 'namespace',
  '{tenant}': 'tenant',
  '{environment}': 'environment',
  '{stage}': 'stage',
};

/** `GetContextPrefix`: only the four tokens count; other segments are silently dropped. */
export function contextPrefix(pattern: string, vars: PlainMap): { name: string } | { error: string } {
  const parts: string[] = [];
  for (const segment of pattern.split('-')) {
    const key = TOKENS[segment];
    if (!key) continue;
    const v = vars[key];
    if (typeof v !== 'string' || v === '') {
      return {
        error: `the stack name pattern '${pattern}' specifies '${key}', but vars.${key} is not set (as a string)`,
      };
    }
    parts.push(v);
  }
  return { name: parts.join('-') };
}

/** The stack file name: path relative to the stacks base without a trailing `.yaml` or `.yml`. */
export function stackFileName(rel: string): string {
  if (rel.endsWith('.yaml')) return rel.slice(0, -5);
  if (rel.endsWith('.yml')) return rel.slice(0, -4);
  return rel;
}
