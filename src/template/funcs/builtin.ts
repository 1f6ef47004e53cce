/**
 * Go's `text/template` builtin functions (`funcs.go`): and, or, not, len, index, slice, call,
 * print/printf/println, html, js, urlquery, eq/ne/lt/le/gt/ge, with Go's error messages.
 */

import { formatV, sprint, sprintf, sprintln } from '../gofmt.js';
import { byteLength, compareGoStrings, isPrint, utf8Bytes } from '../gostr.js';
import {
  floatOf,
  GoInt,
  intOf,
  isMap,
  isTrue,
  kindOf,
  mapGet,
  mapHas,
  NO_VALUE,
  typeName,
  type Value,
} from '../values.js';
import { fail, fn, type GoFunction } from './types.js';

type BasicKind = 'invalid' | 'bool' | 'int' | 'uint' | 'float' | 'string' | 'complex';

function isValid(v: Value): boolean {
  return v !== NO_VALUE && v !== null && v !== undefined;
}

function basicKind(v: Value): [BasicKind, boolean] {
  switch (kindOf(v)) {
    case 'bool':
      return ['bool', true];
    case 'int':
      return ['int', true];
    case 'uint':
      return ['uint', true];
    case 'float':
      return ['float', true];
    case 'string':
      return ['string', true];
    default:
      return ['invalid', false];
  }
}

const ERR_BAD_TYPE = 'invalid type for comparison';
const ERR_BAD_CMP = 'incompatible types for comparison';
const ERR_NO_CMP = 'missing argument for comparison';

function isNilValue(v: Value): boolean {
  return !isValid(v);
}

export function goEq(arg1: Value, rest: readonly Value[]): boolean {
  const [k1] = basicKind(arg1);
  if (rest.length === 0) fail(ERR_NO_CMP);
  for (const arg of rest) {
    const [k2] = basicKind(arg);
    let truth = false;
    if (k1 !== k2) {
      if (k1 === 'int' && k2 === 'uint') truth = intOf(arg1) >= 0n && intOf(arg1) === intOf(arg);
      else if (k1 === 'uint' && k2 === 'int') truth = intOf(arg) >= 0n && intOf(arg1) === intOf(arg);
      else if (isValid(arg1) && isValid(arg)) fail(ERR_BAD_CMP);
    } else {
      switch (k1) {
        case 'bool':
        case 'string':
          truth = arg1 === arg;
          break;
        case 'float':
          truth = floatOf(arg1) === floatOf(arg);
          break;
        case 'int':
        case 'uint':
          truth = intOf(arg1) === intOf(arg);
          break;
        default: {
          if (isValid(arg1) && isValid(arg) && typeName(arg1) !== typeName(arg)) {
            fail(
              `non-comparable types ${formatV(arg1)}: ${typeName(arg1)}, ${typeName(arg)}: ${formatV(arg)}`,
            );
          }
          if (isNilValue(arg1) || isNilValue(arg)) truth = isNilValue(arg) === isNilValue(arg1);
          else {
            const k = kindOf(arg);
            if (k === 'slice' || k === 'map' || k === 'func')
              fail(`non-comparable type ${formatV(arg)}: ${typeName(arg)}`);
            truth = arg1 === arg;
          }
        }
      }
    }
    if (truth) return true;
  }
  return false;
}

export function goLt(arg1: Value, arg2: Value): boolean {
  const [k1, ok1] = basicKind(arg1);
  if (!ok1) fail(ERR_BAD_TYPE);
  const [k2, ok2] = basicKind(arg2);
  if (!ok2) fail(ERR_BAD_TYPE);
  if (k1 !== k2) {
    if (k1 === 'int' && k2 === 'uint') return intOf(arg1) < 0n || intOf(arg1) < intOf(arg2);
    if (k1 === 'uint' && k2 === 'int') return intOf(arg2) >= 0n && intOf(arg1) < intOf(arg2);
    fail(ERR_BAD_CMP);
  }
  switch (k1) {
    case 'float':
      return floatOf(arg1) < floatOf(arg2);
    case 'int':
    case 'uint':
      return intOf(arg1) < intOf(arg2);
    case 'string':
      return compareGoStrings(arg1 as string, arg2 as string) < 0;
    default:
      fail(ERR_BAD_TYPE);
  }
}

function goLe(a: Value, b: Value): boolean {
  return goLt(a, b) || goEq(a, [b]);
}

/** Go's `index` builtin. */
export function goIndex(item: Value, indexes: readonly Value[]): Value {
  if (!isValid(item)) fail('index of untyped nil');
  for (const index of indexes) {
    if (item === null || item === undefined || item === NO_VALUE) fail('index of nil pointer');
    if (typeof item === 'string' || Array.isArray(item)) {
      const len = typeof item === 'string' ? byteLength(item) : item.length;
      const x = indexArg(index, len);
      if (x === len) fail(`reflect: ${typeof item === 'string' ? 'string' : 'slice'} index out of range`);
      item = typeof item === 'string' ? new GoInt('uint8', BigInt(utf8Bytes(item)[x]!)) : (item[x] ?? null);
    } else if (isMap(item) || item instanceof Map) {
      if (!isValid(index)) fail('value is nil; should be of type string');
      if (typeof index !== 'string') fail(`value has type ${typeName(index)}; should be string`);
      const m = item as Record<string, unknown>;
      item = mapHas(m, index) ? (mapGet(m, index) ?? null) : null;
    } else fail(`can't index item of type ${typeName(item)}`);
  }
  return item;
}

function indexArg(index: Value, cap: number): number {
  const k = kindOf(index);
  if (k === 'invalid' || k === 'nil') fail('cannot index slice/array with nil');
  if (k !== 'int' && k !== 'uint') fail(`cannot index slice/array with type ${typeName(index)}`);
  const x = intOf(index);
  if (x < 0n || x > BigInt(cap)) fail(`index out of range: ${x}`);
  return Number(x);
}

/** Go's `slice` builtin. */
function goSlice(item: Value, indexes: readonly Value[]): Value {
  if (!isValid(item)) fail('slice of untyped nil');
  if (indexes.length > 3) fail(`too many slice indexes: ${indexes.length}`);
  let cap: number;
  let len: number;
  if (typeof item === 'string') {
    if (indexes.length === 3) fail('cannot 3-index slice a string');
    len = cap = byteLength(item);
  } else if (Array.isArray(item)) len = cap = item.length;
  else fail(`can't slice item of type ${typeName(item)}`);
  const idx = [0, len, 0];
  indexes.forEach((index, i) => {
    idx[i] = indexArg(index, cap);
  });
  if (idx[0]! > idx[1]!) fail(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1]! > idx[2]!) fail(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  if (typeof item === 'string') {
    return new TextDecoder().decode(utf8Bytes(item).subarray(idx[0], idx[1]));
  }
  return (item as unknown[]).slice(idx[0], idx[1]);
}

function goLen(item: Value): Value {
  if (item === NO_VALUE) fail('reflect: call of reflect.Value.Type on zero Value');
  if (item === null || item === undefined) fail('len of nil pointer');
  if (typeof item === 'string') return byteLength(item);
  if (Array.isArray(item)) return item.length;
  if (isMap(item) || item instanceof Map) return item instanceof Map ? item.size : Object.keys(item).length;
  fail(`len of type ${typeName(item)}`);
}

/** Go's `evalArgs` for html/js/urlquery: one string as is, otherwise `fmt.Sprint` (nil prints `<no value>`). */
function evalArgs(args: readonly Value[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args.map((a) => (isValid(a) ? a : '<no value>')));
}

export function htmlEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    switch (ch) {
      case '"':
        out += '&#34;';
        break;
      case "'":
        out += '&#39;';
        break;
      case '&':
        out += '&amp;';
        break;
      case '<':
        out += '&lt;';
        break;
      case '>':
        out += '&gt;';
        break;
      case '\0':
        out += '\uFFFD';
        break;
      default:
        out += ch;
    }
  }
  return out;
}

export function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    switch (ch) {
      case '\\':
        out += '\\\\';
        continue;
      case "'":
        out += "\\'";
        continue;
      case '"':
        out += '\\"';
        continue;
      case '<':
        out += '\\u003C';
        continue;
      case '>':
        out += '\\u003E';
        continue;
      case '&':
        out += '\\u0026';
        continue;
      case '=':
        out += '\\u003D';
        continue;
    }
    if (cp < 0x20) out += `\\u00${cp.toString(16).toUpperCase().padStart(2, '0')}`;
    else if (cp < 0x80 || isPrint(cp)) out += ch;
    else out += `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return out;
}

/** Go's `url.QueryEscape`. */
export function queryEscape(s: string): string {
  let out = '';
  for (const b of utf8Bytes(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (b === 0x20) out += '+';
    else out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export function builtinFunctions(): ReadonlyMap<string, GoFunction> {
  const list: GoFunction[] = [
    fn('and', { params: ['value'], variadic: 'value' }, () => NO_VALUE),
    fn('or', { params: ['value'], variadic: 'value' }, () => NO_VALUE),
    fn('not', { params: ['value'] }, ([a]) => !isTrue(a)[0]),
    fn('len', { params: ['value'] }, ([a]) => goLen(a)),
    fn('index', { params: ['value'], variadic: 'value' }, ([item, ...rest]) => goIndex(item, rest)),
    fn('slice', { params: ['value'], variadic: 'value' }, ([item, ...rest]) => goSlice(item, rest)),
    fn('call', { params: ['value'], variadic: 'value' }, ([name, f]) => {
      if (!isValid(f)) fail('call of nil');
      fail(`non-function ${String(name)} of type ${typeName(f)}`);
    }),
    fn('print', { variadic: 'any' }, (args, ctx) => {
      const s = sprint(args);
      ctx.checkSize(s.length);
      return s;
    }),
    fn('printf', { params: ['string'], variadic: 'any' }, ([format, ...args], ctx) => {
      const s = sprintf(format as string, args);
      ctx.checkSize(s.length);
      return s;
    }),
    fn('println', { variadic: 'any' }, (args) => sprintln(args)),
    fn('html', { variadic: 'any' }, (args) => htmlEscape(evalArgs(args))),
    fn('js', { variadic: 'any' }, (args) => jsEscape(evalArgs(args))),
    fn('urlquery', { variadic: 'any' }, (args) => queryEscape(evalArgs(args))),
    fn('eq', { params: ['value'], variadic: 'value' }, ([a, ...rest]) => goEq(a, rest)),
    fn('ne', { params: ['value', 'value'] }, ([a, b]) => !goEq(a, [b])),
    fn('lt', { params: ['value', 'value'] }, ([a, b]) => goLt(a, b)),
    fn('le', { params: ['value', 'value'] }, ([a, b]) => goLe(a, b)),
    fn('gt', { params: ['value', 'value'] }, ([a, b]) => !goLe(a, b)),
    fn('ge', { params: ['value', 'value'] }, ([a, b]) => !goLt(a, b)),
  ];
  return new Map(list.map((f) => [f.name, { ...f, builtin: true }]));
}
