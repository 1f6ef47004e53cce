/**
 * Template function descriptors. Each function declares Go-like parameter types so the executor can
 * reproduce Go's argument checking (`wrong type for value; expected string; got int`,
 * `wrong number of args for X: want 2 got 1`) before calling the implementation.
 */

import { FuncError } from '../errors.js';
import { Namespace, type Value } from '../values.js';

/**
 * Parameter types: `any` is `interface{}`; `value` is `reflect.Value` (builtins such as `eq` that see
 * missing values as invalid rather than nil); the rest are concrete Go types.
 */
export type ParamType =
  | 'any'
  | 'value'
  | 'string'
  | 'int'
  | 'int64'
  | 'float64'
  | 'bool'
  | 'map'
  | 'slice'
  | 'strings';

export const PARAM_TYPE_NAMES: Readonly<Record<ParamType, string>> = {
  any: 'interface {}',
  value: 'reflect.Value',
  string: 'string',
  int: 'int',
  int64: 'int64',
  float64: 'float64',
  bool: 'bool',
  map: 'map[string]interface {}',
  slice: '[]interface {}',
  strings: '[]string',
};

/** What an implementation can use while it runs. */
export interface CallContext {
  /** Reads an environment variable through the caller-provided (redacted) provider. */
  env(name: string): string | undefined;
  /** Charges `n` units of work against the step budget. */
  step(n: number): void;
  /** Fails when a value of `n` characters or elements would exceed the output budget. */
  checkSize(n: number): void;
}

export type Impl = (args: Value[], ctx: CallContext) => Value;

export interface GoFunction {
  readonly name: string;
  /** Name used in reports, e.g. `strings.Title` for a namespace method. */
  readonly qualifiedName: string;
  readonly params: readonly ParamType[];
  /** Element type of a trailing variadic parameter. */
  readonly variadic?: ParamType;
  /** Absent for functions that must not run here (side effects, outside access, not implemented). */
  readonly impl?: Impl;
  /** Why the function is not evaluated (for `UnsupportedFunctionError`). */
  readonly unsupported?: string;
  /** Go builtin (`and`/`or` short-circuit, `call` gets special treatment). */
  readonly builtin?: boolean;
  /** Set on namespace functions (`strings`, `atmos`): the value they return. */
  readonly namespaceValue?: Namespace;
}

export interface FuncSpec {
  params?: readonly ParamType[];
  variadic?: ParamType;
}

/** Declares an implemented function. */
export function fn(name: string, spec: FuncSpec, impl: Impl): GoFunction {
  return {
    name,
    qualifiedName: name,
    params: spec.params ?? [],
    ...(spec.variadic !== undefined ? { variadic: spec.variadic } : {}),
    impl,
  };
}

/** Declares a function that exists in Atmos but is never evaluated here. */
export function unsupported(name: string, reason: string, spec: FuncSpec = { variadic: 'any' }): GoFunction {
  return {
    name,
    qualifiedName: name,
    params: spec.params ?? [],
    ...(spec.variadic !== undefined ? { variadic: spec.variadic } : {}),
    unsupported: reason,
  };
}

/** A namespace function (`strings`, `atmos`, ...) whose result exposes methods. */
export function namespace(name: string, typeName: string, methods: readonly GoFunction[]): GoFunction {
  const map = new Map<string, GoFunction>();
  for (const m of methods) map.set(m.name, { ...m, qualifiedName: `${name}.${m.name}` });
  const ns = new Namespace(name, typeName, map);
  return { name, qualifiedName: name, params: [], impl: () => ns, namespaceValue: ns };
}

export function methodsOf(ns: Namespace): ReadonlyMap<string, GoFunction> {
  return ns.methods as ReadonlyMap<string, GoFunction>;
}

/** An error a function returns (Go's `error` result); reported as `error calling NAME: message`. */
export function fail(message: string): never {
  throw new FuncError(message);
}

/** Thrown by an implementation that cannot evaluate this particular call (reported as unsupported). */
export class UnsupportedCall extends Error {
  override name = 'UnsupportedCall';
}

export function unsupportedCall(reason: string): never {
  throw new UnsupportedCall(reason);
}

export const SIDE_EFFECTS = 'it has side effects or reads state outside the template data';
export const NOT_IMPLEMENTED = 'it is not implemented by atmos-pro-lint';

/**
 * The set of functions available to a template, on top of Go's builtins. Later sources override
 * earlier ones, as `lo.Assign(gomplate, sprig, atmos)` does in Atmos.
 */
export class FunctionSet {
  private readonly map = new Map<string, GoFunction>();

  constructor(sources: Iterable<Iterable<GoFunction>> = []) {
    for (const src of sources) for (const f of src) this.map.set(f.name, f);
  }

  /** A copy with more functions (overriding same-named ones). */
  with(extra: Iterable<GoFunction>): FunctionSet {
    const next = new FunctionSet([this.map.values(), extra]);
    return next;
  }

  has(name: string): boolean {
    return this.map.has(name);
  }

  /** Whether `name` is a namespace function (so `name.Method` is a call, not a field access). */
  isNamespace(name: string): boolean {
    return this.map.get(name)?.namespaceValue !== undefined;
  }

  get(name: string): GoFunction | undefined {
    return this.map.get(name);
  }

  names(): string[] {
    return [...this.map.keys()].sort();
  }
}
