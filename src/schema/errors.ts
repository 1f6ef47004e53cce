import type { ErrorObject } from 'ajv';

/** A schema violation, reduced from Ajv's errors to what a rule or reporter needs. */
export interface SchemaError {
  /** The failing JSON Schema keyword (`additionalProperties`, `type`, `pattern`, `propertyNames`, …). */
  keyword: string;
  /**
   * Decoded JSON-pointer segments of the offending value, as Ajv reports it: for `additionalProperties`,
   * `required` and `propertyNames` that is the object holding the key (see `key`).
   */
  instancePath: string[];
  /** A human message: the schema's `errorMessage`/`patternErrorMessage` when it has one (what editors show). */
  message: string;
  params: Record<string, unknown>;
  /** The key an `additionalProperties`, `required` or `propertyNames` error is about. */
  key?: string;
}

interface Pending {
  keyword: string;
  path: string;
  message: string;
  params: Record<string, unknown>;
  key?: string;
  /** Ajv's `propertyName`, set on errors raised while validating a key name. */
  propertyName?: string;
}

/** Decodes an Ajv instancePath (a JSON pointer) into its segments. */
export function decodePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function customMessage(schema: unknown, keyword: 'errorMessage' | 'patternErrorMessage'): string | undefined {
  if (schema === null || typeof schema !== 'object') return undefined;
  const value = (schema as Record<string, unknown>)[keyword];
  return typeof value === 'string' ? value : undefined;
}

function listOf(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
}

function messageOf(e: ErrorObject): string {
  const parent: unknown = e.parentSchema;
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const props = (parent as { properties?: Record<string, unknown> } | undefined)?.properties;
      const known = props ? Object.keys(props) : [];
      return known.length > 0
        ? `unknown key "${key}" (expected one of: ${listOf(known)})`
        : `unknown key "${key}"`;
    }
    case 'required':
      return `missing required key "${String(params.missingProperty)}"`;
    case 'pattern':
      return (
        customMessage(parent, 'patternErrorMessage') ??
        customMessage(parent, 'errorMessage') ??
        e.message ??
        ''
      );
    case 'enum':
      return (
        customMessage(parent, 'errorMessage') ??
        `must be one of: ${listOf(Array.isArray(params.allowedValues) ? params.allowedValues : [])}`
      );
    case 'const':
      return customMessage(parent, 'errorMessage') ?? `must be ${JSON.stringify(params.allowedValue)}`;
    default:
      return customMessage(parent, 'errorMessage') ?? e.message ?? e.keyword;
  }
}

function pending(e: ErrorObject): Pending {
  const params = { ...(e.params as Record<string, unknown>) };
  const p: Pending = { keyword: e.keyword, path: e.instancePath, message: messageOf(e), params };
  if (e.keyword === 'additionalProperties') p.key = String(params.additionalProperty);
  if (e.keyword === 'required') p.key = String(params.missingProperty);
  if (e.propertyName !== undefined) p.propertyName = e.propertyName;
  return p;
}

function within(path: string, base: string): boolean {
  return path === base || base === '' || path.startsWith(`${base}/`);
}

/**
 * Ajv reports every branch of a failed `anyOf`. Keep what helps: drop branches whose type does not match
 * the value, and collapse scalar alternatives (integer, or `!env` string, or null) into one error that
 * carries the schema's `errorMessage`, the keyword of the primary (first) alternative and its params.
 */
function collapseAnyOf(out: Pending[], e: ErrorObject): void {
  const at = e.instancePath;
  let start = out.length;
  while (start > 0 && within(out[start - 1]!.path, at)) start--;
  const group = out.splice(start);
  const holderMessage = customMessage(e.parentSchema, 'errorMessage');
  if (group.length === 0) {
    out.push(pending(e));
    return;
  }
  const typeMismatch = (p: Pending) => p.path === at && p.keyword === 'type';
  if (group.every(typeMismatch)) {
    const types = [...new Set(group.map((p) => String(p.params.type)))];
    out.push({
      keyword: 'type',
      path: at,
      params: { type: types.join(',') },
      message: holderMessage ?? `must be ${types.join(' or ')}`,
    });
    return;
  }
  const applicable = group.filter((p) => !typeMismatch(p));
  // Errors about keys (unknown, missing, badly named) are precise already; only value errors collapse.
  const scalar = applicable.every((p) => p.path === at && p.key === undefined);
  if (scalar && holderMessage !== undefined) {
    const primary = group[0]!;
    out.push({ keyword: primary.keyword, path: at, params: primary.params, message: holderMessage });
    return;
  }
  out.push(...applicable);
}

/**
 * Turns Ajv errors (from a `verbose` validator, so that `parentSchema` is set) into SchemaErrors, in
 * Ajv's order. Besides the anyOf clean-up it drops `if` errors (their `then`/`else` errors say what is
 * wrong) and merges the two errors Ajv raises for a bad key name into one `propertyNames` error.
 */
export function normalizeErrors(errors: readonly ErrorObject[] | null | undefined): SchemaError[] {
  const out: Pending[] = [];
  for (const e of errors ?? []) {
    if (e.keyword === 'if') continue;
    if (e.keyword === 'anyOf') {
      collapseAnyOf(out, e);
      continue;
    }
    if (e.keyword === 'propertyNames') {
      const name = String((e.params as Record<string, unknown>).propertyName);
      const inner = out.filter((p) => p.propertyName === name && p.path === e.instancePath);
      for (const p of inner) out.splice(out.indexOf(p), 1);
      const first = inner[0];
      out.push({
        keyword: 'propertyNames',
        path: e.instancePath,
        params: { ...(first?.params ?? {}), propertyName: name },
        message: first ? first.message : `invalid key "${name}"`,
        key: name,
      });
      continue;
    }
    out.push(pending(e));
  }
  return out.map((p) => {
    const error: SchemaError = {
      keyword: p.keyword,
      instancePath: decodePointer(p.path),
      message: p.message,
      params: p.params,
    };
    if (p.key !== undefined) error.key = p.key;
    return error;
  });
}
