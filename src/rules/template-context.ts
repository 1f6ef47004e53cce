import { isAtmosTag } from '../load/tags.js';
import { isMap, type PlainMap } from '../resolve/merge.js';

/**
 * Types of template data, in the spirit of actionlint's expression types: the checker asks a type
 * whether a field exists instead of matching text. A Go template over `map[string]any` data renders
 * a missing key as `<no value>` (missingkey=default), so every map Atmos renders against is a strict
 * object whose fields are the keys it actually has.
 */
export type TemplateType = AnyType | ScalarType | ListType | ObjectType;

/** A value whose shape is only known after rendering or YAML functions: every field is allowed. */
export interface AnyType {
  kind: 'any';
}

export interface ScalarType {
  kind: 'scalar';
}

export interface ListType {
  kind: 'list';
}

export interface ObjectType {
  kind: 'object';
  /** How messages name it: "the component context", "`vars`", "`settings.pro`". */
  label: string;
  /** Keys a did-you-mean may suggest. */
  keys(): string[];
  /** The type of a field, or undefined when the object does not have it. */
  field(name: string): TemplateType | undefined;
}

const ANY: AnyType = { kind: 'any' };
const SCALAR: ScalarType = { kind: 'scalar' };
const LIST: ListType = { kind: 'list' };

/**
 * The top-level fields of the component context Atmos renders against (semantics §6.1): the merged
 * component section plus the keys `setAtmosComponentMetadata` adds — exactly what the resolver puts
 * in `instance.section`. Which of them a component has depends on its type (`workspace`,
 * `providers`, `backend` are Terraform's; `locals` and `dependencies` only when set).
 */
export const COMPONENT_CONTEXT_FIELDS: readonly string[] = [
  'atmos_component',
  'atmos_stack',
  'atmos_stack_file',
  'atmos_manifest',
  'stack',
  'workspace',
  'component',
  'component_info',
  'command',
  'vars',
  'settings',
  'env',
  'auth',
  'metadata',
  'overrides',
  'inheritance',
  'hooks',
  'dependencies',
  'locals',
  'providers',
  'required_providers',
  'required_version',
  'generate',
  'backend',
  'backend_type',
  'remote_state_backend',
  'remote_state_backend_type',
  'source',
  'provision',
];

/**
 * Fields Atmos adds only when it runs a command on one component (`ProcessStacks`: describe
 * component, terraform plan). `describe stacks`, `describe affected --upload` and `list instances
 * --upload` render without them, so `settings.pro` inputs never see them.
 */
export const COMMAND_ONLY_FIELDS: ReadonlySet<string> = new Set([
  'atmos_cli_config',
  'imports',
  'spacelift_stack',
  'atlantis_project',
  'cli_args',
  'tf_cli_vars',
  'env_tf_cli_args',
  'env_tf_cli_vars',
]);

/** Fields Atmos Pro knows from an upload without the CLI rendering anything. */
export const UPLOAD_FIELDS: ReadonlySet<string> = new Set(['atmos_component', 'atmos_stack']);

/** The type of a value as template data at `path`; `delimiter` marks strings that are templates themselves. */
export function typeOfValue(value: unknown, path: readonly string[], delimiter: string): TemplateType {
  if (isMap(value)) return mapType(value, path, delimiter);
  if (Array.isArray(value)) return LIST;
  if (typeof value === 'string') {
    // A template or a YAML function ("!terraform.output ...") may stand for anything once resolved.
    if (value.includes(delimiter)) return ANY;
    const tag = /^!\S+/.exec(value)?.[0];
    if (tag !== undefined && isAtmosTag(tag)) return ANY;
    return SCALAR;
  }
  if (value === null || value === undefined) return ANY;
  return SCALAR;
}

function mapType(value: PlainMap, path: readonly string[], delimiter: string): ObjectType {
  return {
    kind: 'object',
    label: path.length === 0 ? 'the component context' : `\`${path.join('.')}\``,
    keys: () => Object.keys(value),
    field: (name) =>
      Object.hasOwn(value, name) ? typeOfValue(value[name], [...path, name], delimiter) : undefined,
  };
}

/**
 * The component context of one instance: a strict object of the fields its merged section has.
 * With `commandFields`, the fields only a single-component command adds are allowed (as `any`):
 * templates outside `settings.pro` are also rendered by `atmos terraform plan`, which has them.
 */
export function componentContextType(
  section: PlainMap,
  opts: { delimiter: string; commandFields: boolean },
): ObjectType {
  const base = mapType(section, [], opts.delimiter);
  if (!opts.commandFields) return base;
  return {
    ...base,
    field: (name) => base.field(name) ?? (COMMAND_ONLY_FIELDS.has(name) ? ANY : undefined),
  };
}

/** Where a field path leaves its type: the index of the missing key and the object that lacks it. */
export interface MissingField {
  index: number;
  owner: ObjectType;
}

/**
 * Follows `path` through `type`. Objects must have each key; a scalar or list ends the check (a
 * field on them is an execution error, which template-syntax reports from rendering), and `any`
 * accepts everything below it.
 */
export function missingField(type: TemplateType, path: readonly string[]): MissingField | undefined {
  let cur: TemplateType = type;
  for (let i = 0; i < path.length; i++) {
    if (cur.kind !== 'object') return undefined;
    const next = cur.field(path[i]!);
    if (next === undefined) return { index: i, owner: cur };
    cur = next;
  }
  return undefined;
}
