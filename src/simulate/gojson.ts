/**
 * A serializer that produces the same bytes as Go's `encoding/json.Marshal` (Go >= 1.22, which the
 * Atmos CLI is built with) for the shapes the Atmos Pro uploads contain, plus a size-only twin that
 * counts those bytes without building the string.
 *
 * Go distinguishes structs (fields in declaration order, `omitempty`) from `map[string]any` (keys
 * sorted byte-wise by their UTF-8 encoding). JavaScript cannot tell the two apart, so structs are
 * explicit: `goStruct([...fields])`. Every plain object (or null-prototype object, or `Map`) is a map.
 * A JS array is a non-nil slice; a nil slice, map, pointer or interface is `null`.
 */

import { isPlainMapPrototype } from '../core/dict.js';

/** What Go's encoder reports as `UnsupportedValueError` / `UnsupportedTypeError`. */
export class GoJsonError extends Error {
  override name = 'GoJsonError';
}

export interface GoFieldOptions {
  /** Go's `json:",omitempty"`: drop false, 0, "", nil and empty maps/slices/strings. */
  omitempty?: boolean;
}

export type GoField = readonly [jsonName: string, value: unknown, options?: GoFieldOptions];

/** A Go struct value: fields serialise in the given (declaration) order. */
export class GoStruct {
  constructor(readonly fields: readonly GoField[]) {}
}

/** A non-nil Go pointer. `omitempty` never drops it, even when it points at a zero value. */
export class GoPtr {
  constructor(readonly value: unknown) {}
}

export function goStruct(fields: readonly GoField[]): GoStruct {
  return new GoStruct(fields);
}

export function goPtr(value: unknown): GoPtr {
  return new GoPtr(value);
}

/** Whether a value is serialised as a Go map (`map[string]any`). */
export function isGoMap(v: unknown): v is Record<string, unknown> | Map<unknown, unknown> {
  if (v === null || typeof v !== 'object') return false;
  if (v instanceof Map) return true;
  if (Array.isArray(v)) return false;
  return isPlainMapPrototype(Object.getPrototypeOf(v));
}

/** UTF-8 byte length; lone surrogates count as U+FFFD (3 bytes), as Node encodes them. */
export function byteLength(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

const SURROGATE = /[\ud800-\udfff]/;

/**
 * Go's ordering of map keys: byte-wise comparison of the UTF-8 encodings (`strings.Compare`). UTF-16
 * code-unit order (JS `<`) agrees with it unless a surrogate meets a code unit in U+E000..U+FFFF.
 */
export function compareGoStrings(a: string, b: string): number {
  if (SURROGATE.test(a) || SURROGATE.test(b)) {
    return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortedKeys(keys: string[]): string[] {
  if (keys.some((k) => SURROGATE.test(k))) {
    const encoded = new Map(keys.map((k) => [k, Buffer.from(k, 'utf8')]));
    return keys.sort((x, y) => Buffer.compare(encoded.get(x)!, encoded.get(y)!));
  }
  return keys.sort();
}

function mapEntries(v: Record<string, unknown> | Map<unknown, unknown>): [string, unknown][] {
  if (v instanceof Map) return [...v].map(([k, val]) => [String(k), val]);
  // Object.keys sees `__proto__` as an ordinary own key, which is what a YAML map with that key is.
  return Object.keys(v).map((k) => [k, (v as Record<string, unknown>)[k]]);
}

function mapSize(v: Record<string, unknown> | Map<unknown, unknown>): number {
  return v instanceof Map ? v.size : Object.keys(v).length;
}

/** Go's `isEmptyValue`, as `omitempty` applies it. Structs and non-nil pointers are never empty. */
export function isGoEmpty(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === '' || v === 0 || v === 0n) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (isGoMap(v)) return mapSize(v) === 0;
  return false;
}

// ---------------------------------------------------------------------------------------------
// Numbers

/**
 * Go's float64 encoding: `strconv.FormatFloat(f, 'f', -1, 64)` when 1e-6 <= |f| < 1e21 (or f == 0),
 * otherwise `'e'` with a two-digit minimum exponent that encoding/json trims (`e-07` -> `e-7`).
 * Both Go and ECMAScript pick the shortest digit string that round-trips, so the digits come from
 * `toExponential()` and only the layout is Go's.
 */
export function formatGoFloat(f: number): string {
  if (!Number.isFinite(f)) {
    throw new GoJsonError(`json: unsupported value: ${Number.isNaN(f) ? 'NaN' : f > 0 ? '+Inf' : '-Inf'}`);
  }
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const sign = f < 0 ? '-' : '';
  const abs = Math.abs(f);
  const [mantissa, expText] = abs.toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const exp = Number(expText);
  if (abs < 1e-6 || abs >= 1e21) {
    const frac = digits.length > 1 ? `.${digits.slice(1)}` : '';
    const expAbs = Math.abs(exp);
    // Go writes at least two exponent digits and then drops the leading zero of a negative one.
    const expDigits = exp < 0 ? String(expAbs) : String(expAbs).padStart(2, '0');
    return `${sign}${digits[0]}${frac}e${exp < 0 ? '-' : '+'}${expDigits}`;
  }
  // Fixed notation: the decimal point sits after digit number exp+1.
  const point = exp + 1;
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

// ---------------------------------------------------------------------------------------------
// Strings

const HEX = '0123456789abcdef';
// Anything Go writes differently from the raw UTF-8 bytes.
const NEEDS_ESCAPE = /["\\\u0000-\u001f<>&\u2028\u2029\ud800-\udfff]/;

function shortEscape(c: number): string | undefined {
  switch (c) {
    case 0x22:
      return '\\"';
    case 0x5c:
      return '\\\\';
    case 0x08:
      return '\\b';
    case 0x0c:
      return '\\f';
    case 0x0a:
      return '\\n';
    case 0x0d:
      return '\\r';
    case 0x09:
      return '\\t';
    default:
      return undefined;
  }
}

/** A JSON string literal exactly as Go's `encodeState.string(s, escapeHTML=true)` writes it. */
export function quoteGoString(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return `"${s}"`;
  let out = '"';
  let start = 0;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    let rep: string | undefined;
    if (c < 0x20 || c === 0x22 || c === 0x5c || c === 0x3c || c === 0x3e || c === 0x26) {
      rep = shortEscape(c) ?? `\\u00${HEX[c >> 4]}${HEX[c & 0xf]}`;
    } else if (c === 0x2028 || c === 0x2029) {
      rep = c === 0x2028 ? '\\u2028' : '\\u2029';
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < n ? s.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        i++; // a valid pair is one well-formed code point
        continue;
      }
      // Unpaired surrogate: invalid UTF-8 on the Go side, which Go replaces with U+FFFD.
      rep = '\\ufffd';
    } else {
      continue;
    }
    if (start < i) out += s.slice(start, i);
    out += rep;
    start = i + 1;
  }
  if (start < n) out += s.slice(start);
  return `${out}"`;
}

/** Byte length of `quoteGoString(s)` encoded as UTF-8, without building it. */
export function quotedGoStringSize(s: string): number {
  const n = s.length;
  let size = 2;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c >= 0x20 && c !== 0x22 && c !== 0x5c && c !== 0x3c && c !== 0x3e && c !== 0x26) size += 1;
      else if (shortEscape(c) !== undefined) size += 2;
      else size += 6;
    } else if (c < 0x800) {
      size += 2;
    } else if (c === 0x2028 || c === 0x2029) {
      size += 6;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < n ? s.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        size += 4;
        i++;
      } else {
        size += 6;
      }
    } else {
      size += 3;
    }
  }
  return size;
}

// ---------------------------------------------------------------------------------------------
// Values

function unsupported(v: unknown): never {
  const what = typeof v === 'object' ? (v?.constructor?.name ?? 'object') : typeof v;
  throw new GoJsonError(`json: unsupported type: ${what}`);
}

function enter(stack: Set<object>, v: object): void {
  if (stack.has(v)) throw new GoJsonError('json: unsupported value: encountered a cycle');
  stack.add(v);
}

function encode(v: unknown, stack: Set<object>): string {
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'string':
      return quoteGoString(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      return formatGoFloat(v);
    case 'bigint':
      return v.toString();
    case 'object':
      break;
    default:
      unsupported(v);
  }
  if (v instanceof GoPtr) return encode(v.value, stack);
  enter(stack, v);
  let out: string;
  if (v instanceof GoStruct) {
    out = '{';
    for (const [name, value, opts] of v.fields) {
      if (opts?.omitempty && isGoEmpty(value)) continue;
      if (out.length > 1) out += ',';
      out += `${quoteGoString(name)}:${encode(value, stack)}`;
    }
    out += '}';
  } else if (Array.isArray(v)) {
    out = '[';
    for (let i = 0; i < v.length; i++) {
      if (i > 0) out += ',';
      out += encode(v[i], stack);
    }
    out += ']';
  } else if (isGoMap(v)) {
    const entries = mapEntries(v);
    const values = new Map(entries);
    out = '{';
    let first = true;
    for (const k of sortedKeys(entries.map(([key]) => key))) {
      if (!first) out += ',';
      first = false;
      out += `${quoteGoString(k)}:${encode(values.get(k), stack)}`;
    }
    out += '}';
  } else {
    unsupported(v);
  }
  stack.delete(v);
  return out;
}

function size(v: unknown, stack: Set<object>): number {
  if (v === null || v === undefined) return 4;
  switch (typeof v) {
    case 'string':
      return quotedGoStringSize(v);
    case 'boolean':
      return v ? 4 : 5;
    case 'number':
      return formatGoFloat(v).length;
    case 'bigint':
      return v.toString().length;
    case 'object':
      break;
    default:
      unsupported(v);
  }
  if (v instanceof GoPtr) return size(v.value, stack);
  enter(stack, v);
  let total: number;
  if (v instanceof GoStruct) {
    let written = 0;
    total = 2;
    for (const [name, value, opts] of v.fields) {
      if (opts?.omitempty && isGoEmpty(value)) continue;
      total += quotedGoStringSize(name) + 1 + size(value, stack);
      written++;
    }
    if (written > 1) total += written - 1;
  } else if (Array.isArray(v)) {
    total = 2 + Math.max(0, v.length - 1);
    for (const item of v) total += size(item, stack);
  } else if (isGoMap(v)) {
    // Key order changes no byte count, so sizing never sorts.
    const entries = mapEntries(v);
    total = 2 + Math.max(0, entries.length - 1);
    for (const [k, val] of entries) total += quotedGoStringSize(k) + 1 + size(val, stack);
  } else {
    unsupported(v);
  }
  stack.delete(v);
  return total;
}

/** `json.Marshal(v)` as a string (compact, HTML-escaped). Throws `GoJsonError` where Go errors. */
export function marshal(v: unknown): string {
  return encode(v, new Set());
}

/** `len(json.Marshal(v))` in bytes, computed without building the output. */
export function marshalSize(v: unknown): number {
  return size(v, new Set());
}
