/**
 * Conversions shared by the function libraries: Sprig's `strval`, spf13/cast's `ToInt64`/`ToFloat64`
 * (used by Sprig), and Gomplate's `conv` rules (which differ in a few places).
 */

import { formatV } from '../gofmt.js';
import { parseGoFloat, parseGoInt } from '../numbers.js';
import { floatOf, GoFloat, GoInt, intOf, kindOf, NO_VALUE, type Value, withGoType } from '../values.js';
import { fail } from './types.js';

export function isNil(v: Value): boolean {
  return v === null || v === undefined || v === NO_VALUE;
}

/** Sprig's `strval`: strings as is, everything else `%v`. */
export function strval(v: Value): string {
  return typeof v === 'string' ? v : formatV(isNil(v) ? null : v);
}

function trimZeroDecimal(s: string): string {
  let foundZero = false;
  for (let i = s.length; i > 0; i--) {
    const c = s[i - 1];
    if (c === '.') {
      if (foundZero) return s.slice(0, i - 1);
    } else if (c === '0') foundZero = true;
    else return s;
  }
  return s;
}

function truncToBigInt(f: number): bigint {
  if (!Number.isFinite(f)) return -(1n << 63n);
  return BigInt.asIntN(64, BigInt(Math.trunc(f)));
}

/** spf13/cast `ToInt64` (errors become 0). */
export function castInt64(v: Value): bigint {
  switch (kindOf(v)) {
    case 'int':
    case 'uint':
      return BigInt.asIntN(64, intOf(v));
    case 'float':
      return truncToBigInt(floatOf(v));
    case 'bool':
      return v ? 1n : 0n;
    case 'string':
      return parseGoInt(trimZeroDecimal(v as string), false) ?? 0n;
    default:
      return 0n;
  }
}

/** `strconv.ParseFloat(s, 64)`, including `inf`/`nan` spellings. */
export function parseFloatString(s: string): number | undefined {
  const t = s.toLowerCase().replace(/^[+]/, '');
  if (t === 'inf' || t === 'infinity') return Number.POSITIVE_INFINITY;
  if (t === '-inf' || t === '-infinity') return Number.NEGATIVE_INFINITY;
  if (t === 'nan') return Number.NaN;
  if (/^[+-]?0[xX]/.test(s) && !/[pP]/.test(s)) {
    const i = parseGoInt(s, false);
    return i === undefined ? undefined : Number(i);
  }
  return parseGoFloat(s);
}

/** spf13/cast `ToFloat64` (errors become 0). */
export function castFloat64(v: Value): number {
  switch (kindOf(v)) {
    case 'int':
    case 'uint':
      return Number(intOf(v));
    case 'float':
      return floatOf(v);
    case 'bool':
      return v ? 1 : 0;
    case 'string':
      return parseFloatString(v as string) ?? 0;
    default:
      return 0;
  }
}

/** Go `int` from a bigint, wrapped to 64 bits. */
export function goInt(n: bigint): number | bigint {
  const w = BigInt.asIntN(64, n);
  return w >= -(2n ** 53n) && w <= 2n ** 53n ? Number(w) : w;
}

export function int64(n: bigint): GoInt {
  return new GoInt('int64', BigInt.asIntN(64, n));
}

export function float64(f: number): Value {
  return Number.isInteger(f) && Math.abs(f) < 2 ** 63 ? new GoFloat(f) : f;
}

/** Go's `reflect.TypeOf(v).Kind()` name as Sprig prints it in errors (nil panics in Go). */
export function kindForError(v: Value): string {
  if (isNil(v)) fail('runtime error: invalid memory address or nil pointer dereference');
  switch (kindOf(v)) {
    case 'map':
      return 'map';
    case 'int':
      return v instanceof GoInt ? v.type : 'int';
    case 'uint':
      return (v as GoInt).type;
    case 'float':
      return 'float64';
    case 'ptr':
      return 'ptr';
    default:
      return kindOf(v);
  }
}

export function stringList(items: string[]): string[] {
  return withGoType(items, '[]string');
}

/** Gomplate's `conv.ToString`: nil is "nil", strings as is, else `fmt.Sprint`. */
export function gomplateToString(v: Value): string {
  if (isNil(v)) return 'nil';
  return typeof v === 'string' ? v : formatV(v);
}

/** Gomplate's `conv.ToInt64`: like cast, but strings may contain thousands separators. */
export function gomplateToInt64(v: Value): bigint {
  if (typeof v === 'string') {
    const s = v.replaceAll(',', '');
    const i = parseGoInt(s, false);
    if (i !== undefined) return i;
    const f = parseFloatString(s);
    return f === undefined ? 0n : truncToBigInt(f);
  }
  return castInt64(v);
}

export function gomplateToFloat64(v: Value): number {
  if (typeof v === 'string') {
    const s = v.replaceAll(',', '');
    const i = parseGoInt(s, false);
    if (i !== undefined) return Number(i);
    return parseFloatString(s) ?? 0;
  }
  return castFloat64(v);
}

/** Gomplate's `conv.ToBool`. */
export function gomplateToBool(v: Value): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const s = v.toLowerCase();
    if (s === '1' || s === 't' || s === 'true' || s === 'yes') return true;
    return gomplateToFloat64(s) === 1;
  }
  switch (kindOf(v)) {
    case 'int':
    case 'uint':
      return intOf(v) === 1n;
    case 'float':
      return floatOf(v) === 1;
    default:
      return false;
  }
}

/** Larger of two int64 values (Math.max does not take bigints). */
export function bigMax(a: bigint, b: bigint): bigint {
  return b > a ? b : a;
}

export function bigMin(a: bigint, b: bigint): bigint {
  return b < a ? b : a;
}
