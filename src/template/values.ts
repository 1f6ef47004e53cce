/**
 * The Go value model the executor works with, on top of plain JS data.
 *
 * - `NO_VALUE` is Go's invalid `reflect.Value` (a missing map key; prints `<no value>`).
 * - `null`/`undefined` is a nil `interface{}`.
 * - A JS number is a Go `int` when integral and inside int64, otherwise a `float64`; `GoFloat`
 *   marks a float64 explicitly (Go literals such as `1.0`, JSON numbers); `GoInt` carries other
 *   integer types (`int64` from Sprig arithmetic, `uint8` from indexing a string); `bigint` is an int.
 * - Arrays are `[]interface {}`, plain or null-prototype objects are `map[string]interface {}`.
 *   Functions that return other Go types (`[]string`, `map[string]string`) tag their results.
 * Map keys are only ever read with own-property checks, so `__proto__` or `constructor` are ordinary keys.
 */

import { dict, isPlainMapPrototype } from '../core/dict.js';

export const NO_VALUE: unique symbol = Symbol('no value');
export type NoValue = typeof NO_VALUE;

/** A float64, even when integral (Go prints `1` for it, but compares and types it as a float). */
export class GoFloat {
  constructor(readonly value: number) {}
}

export type GoIntType =
  | 'int'
  | 'int8'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'uint'
  | 'uint8'
  | 'uint16'
  | 'uint32'
  | 'uint64';

/** An integer of a specific Go type other than plain `int`. */
export class GoInt {
  constructor(
    readonly type: GoIntType,
    readonly value: bigint,
  ) {}
}

/**
 * A namespace returned by a Gomplate/Atmos namespace function such as `strings` or `atmos`: fields
 * on it are method lookups (`strings.Title`).
 */
export class Namespace {
  constructor(
    readonly name: string,
    /** Go's type name, for messages such as `can't evaluate field Nope in type *funcs.StringFuncs`. */
    readonly typeName: string,
    readonly methods: ReadonlyMap<string, unknown>,
  ) {}
}

export type Value = unknown;

export type Kind =
  | 'invalid'
  | 'nil'
  | 'bool'
  | 'string'
  | 'int'
  | 'uint'
  | 'float'
  | 'complex'
  | 'slice'
  | 'map'
  | 'ptr'
  | 'func'
  | 'struct';

const INT64_MIN = -(2 ** 63);
const INT64_MAX = 2 ** 63;

const goTypes = new WeakMap<object, string>();

/** Marks an array or map as a specific Go type (e.g. `[]string`), for `%T`, `typeOf` and assignability. */
export function withGoType<T extends object>(obj: T, type: string): T {
  goTypes.set(obj, type);
  return obj;
}

export function isIntegralNumber(v: number): boolean {
  return Number.isInteger(v) && v >= INT64_MIN && v < INT64_MAX;
}

export function isMap(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  if (v instanceof GoFloat || v instanceof GoInt || v instanceof Namespace) return false;
  return isPlainMapPrototype(Object.getPrototypeOf(v));
}

export function kindOf(v: Value): Kind {
  if (v === NO_VALUE) return 'invalid';
  if (v === null || v === undefined) return 'nil';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'string':
      return 'string';
    case 'number':
      return isIntegralNumber(v) ? 'int' : 'float';
    case 'bigint':
      return 'int';
    case 'function':
      return 'func';
  }
  if (v instanceof GoFloat) return 'float';
  if (v instanceof GoInt) return v.type.startsWith('u') ? 'uint' : 'int';
  if (Array.isArray(v)) return 'slice';
  if (v instanceof Namespace) return 'ptr';
  if (isMap(v) || v instanceof Map) return 'map';
  return 'struct';
}

/** Go's `%T`. */
export function typeName(v: Value): string {
  if (v === NO_VALUE || v === null || v === undefined) return '<nil>';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'string':
      return 'string';
    case 'number':
      return isIntegralNumber(v) ? 'int' : 'float64';
    case 'bigint':
      return 'int';
    case 'function':
      return 'func()';
  }
  if (v instanceof GoFloat) return 'float64';
  if (v instanceof GoInt) return v.type;
  if (v instanceof Namespace) return v.typeName;
  const tagged = typeof v === 'object' ? goTypes.get(v as object) : undefined;
  if (tagged !== undefined) return tagged;
  if (Array.isArray(v)) return '[]interface {}';
  if (isMap(v) || v instanceof Map) return 'map[string]interface {}';
  return 'struct {}';
}

/** Go's reflect Kind name (`kindOf` in Sprig, `kind` in Gomplate). */
export function reflectKindName(v: Value): string {
  if (v === NO_VALUE || v === null || v === undefined) return 'invalid';
  if (v instanceof GoInt) return v.type;
  switch (kindOf(v)) {
    case 'bool':
      return 'bool';
    case 'string':
      return 'string';
    case 'int':
      return 'int';
    case 'float':
      return 'float64';
    case 'slice':
      return 'slice';
    case 'map':
      return 'map';
    case 'ptr':
      return 'ptr';
    case 'func':
      return 'func';
    default:
      return 'struct';
  }
}

/** Integer value of an int/uint kind value. */
export function intOf(v: Value): bigint {
  if (typeof v === 'number') return BigInt(Math.trunc(v));
  if (typeof v === 'bigint') return v;
  if (v instanceof GoInt) return v.value;
  throw new TypeError('not an integer');
}

/** Float value of a numeric value. */
export function floatOf(v: Value): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof GoFloat) return v.value;
  if (v instanceof GoInt) return Number(v.value);
  throw new TypeError('not a number');
}

/** A Go `int` as a JS value: a number when exactly representable, else a bigint. */
export function makeInt(n: bigint): number | bigint {
  return n >= -(2n ** 53n) && n <= 2n ** 53n ? Number(n) : n;
}

/** A float64 value: plain number when non-integral (unambiguous), else a GoFloat. */
export function makeFloat(f: number): Value {
  return isIntegralNumber(f) ? new GoFloat(f) : f;
}

export function mapKeys(m: Record<string, unknown> | Map<unknown, unknown>): string[] {
  if (m instanceof Map) return [...m.keys()].map(String);
  return Object.keys(m);
}

export function mapHas(m: Record<string, unknown> | Map<unknown, unknown>, key: string): boolean {
  if (m instanceof Map) return m.has(key);
  return Object.hasOwn(m, key);
}

export function mapGet(m: Record<string, unknown> | Map<unknown, unknown>, key: string): Value {
  if (m instanceof Map) return m.get(key);
  return Object.hasOwn(m, key) ? m[key] : undefined;
}

export function mapSize(m: Record<string, unknown> | Map<unknown, unknown>): number {
  return m instanceof Map ? m.size : Object.keys(m).length;
}

/** A fresh Go map (null prototype, so any key is an ordinary key). */
export function newMap(): Record<string, unknown> {
  return dict();
}

export function mapSet(m: Record<string, unknown>, key: string, value: Value): void {
  Object.defineProperty(m, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Go's `template.IsTrue` (the `ok` result is false for values with no truth, such as functions). */
export function isTrue(v: Value): [truth: boolean, ok: boolean] {
  switch (kindOf(v)) {
    case 'invalid':
    case 'nil':
      return [false, true];
    case 'bool':
      return [v as boolean, true];
    case 'string':
      return [(v as string).length > 0, true];
    case 'int':
    case 'uint':
      return [intOf(v) !== 0n, true];
    case 'float':
      return [floatOf(v) !== 0, true];
    case 'slice':
      return [(v as unknown[]).length > 0, true];
    case 'map':
      return [mapSize(v as Record<string, unknown>) > 0, true];
    case 'ptr':
    case 'func':
    case 'struct':
      return [true, true];
    default:
      return [false, false];
  }
}

/** Sprig's `empty`. */
export function isEmpty(v: Value): boolean {
  return !isTrue(v)[0] && kindOf(v) !== 'struct';
}

/** `reflect.DeepEqual` on this value model (types must match too). */
export function deepEqual(a: Value, b: Value): boolean {
  if (a === NO_VALUE || a === undefined) a = null;
  if (b === NO_VALUE || b === undefined) b = null;
  if (a === null || b === null) return a === b;
  if (typeName(a) !== typeName(b)) return false;
  const k = kindOf(a);
  switch (k) {
    case 'int':
    case 'uint':
      return intOf(a) === intOf(b);
    case 'float':
      return floatOf(a) === floatOf(b);
    case 'slice': {
      const x = a as unknown[];
      const y = b as unknown[];
      return x.length === y.length && x.every((e, i) => deepEqual(e, y[i]));
    }
    case 'map': {
      const x = a as Record<string, unknown>;
      const y = b as Record<string, unknown>;
      const kx = mapKeys(x);
      if (kx.length !== mapSize(y)) return false;
      return kx.every((key) => mapHas(y, key) && deepEqual(mapGet(x, key), mapGet(y, key)));
    }
    default:
      return a === b;
  }
}
