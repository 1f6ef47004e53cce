/**
 * Masterminds/sprig v3.3.0 functions (the version Atmos uses). Every name Sprig defines is
 * registered so unknown-function checks match Atmos; functions that read the clock, randomness, the
 * network or crypto material are registered as unsupported and raise `UnsupportedFunctionError`.
 * Note: Sprig has no `toYaml`/`required`; those come from Helm, not Atmos (Gomplate has `toYAML` and
 * `required`).
 */

import { createHash } from 'node:crypto';
import { EncodingError, fromGoJson, toGoJson } from '../encoding.js';
import { formatV } from '../gofmt.js';
import { compareGoStrings, goQuote, utf8Bytes } from '../gostr.js';
import {
  deepEqual,
  intOf,
  isEmpty,
  isMap,
  mapGet,
  mapHas,
  mapKeys,
  mapSet,
  newMap,
  reflectKindName,
  typeName,
  type Value,
  withGoType,
} from '../values.js';
import { adler32, B32, B64, decodeOrMessage, decodeStrict, encodeBase32, goExpand } from './bytes.js';
import {
  bigMax,
  bigMin,
  castFloat64,
  castInt64,
  float64,
  goInt,
  int64,
  isNil,
  kindForError,
  stringList,
  strval,
} from './conv.js';
import { decimalOp } from './decimal.js';
import { pathBase, pathClean, pathDir, pathExt, pathIsAbs } from './gopath.js';
import { sprigRegexFunctions } from './sprig-regex.js';
import {
  abbreviateFull,
  camelCaseToLower,
  deleteWhiteSpace,
  goRepeat,
  goReplaceAll,
  goSplitN,
  goTitle,
  goToLower,
  goToUpper,
  initials,
  padLines,
  swapCase,
  toCamelCase,
  trimCutset,
  trimSpace,
  uncapitalize,
} from './textcase.js';
import {
  type CallContext,
  fail,
  fn,
  type GoFunction,
  NOT_IMPLEMENTED,
  SIDE_EFFECTS,
  unsupported,
} from './types.js';

const s = (v: Value): string => v as string;
const n = (v: Value): number => Number(intOf(v));

function charge(ctx: CallContext, size: number): void {
  ctx.checkSize(size);
  ctx.step(size);
}

/** A Go slice's elements, or Sprig's "Cannot <op> on type <kind>" error. */
function listOf(v: Value, what: string): Value[] {
  const kind = kindForError(v);
  if (!Array.isArray(v)) fail(`${what} ${kind}`);
  return v;
}

function copyMap(m: Record<string, unknown>): Record<string, unknown> {
  const out = newMap();
  for (const k of mapKeys(m)) mapSet(out, k, mapGet(m, k));
  return out;
}

/** mergo.Merge (overwrite false) / MergeWithOverwrite semantics on Go maps. */
export function mergeMaps(
  dst: Record<string, unknown>,
  src: Record<string, unknown>,
  overwrite: boolean,
): void {
  for (const key of mapKeys(src)) {
    const sv = mapGet(src, key);
    const has = mapHas(dst, key);
    const dv = has ? mapGet(dst, key) : undefined;
    if (isNil(sv)) {
      if (overwrite) mapSet(dst, key, null);
      continue;
    }
    if (isMap(sv) && has && isMap(dv)) {
      mergeMaps(dv, sv, overwrite);
      if (!isEmpty(dv)) continue;
    }
    if (Array.isArray(sv)) {
      if (!has || isEmpty(dv)) mapSet(dst, key, sv);
      else if (overwrite && sv.length > 0) mapSet(dst, key, sv);
      continue;
    }
    if (overwrite || !has || isEmpty(dv)) mapSet(dst, key, sv);
  }
}

/** Go `strslice`: a list as strings (nil elements dropped), or a one-element list. */
export function strslice(v: Value): string[] {
  if (Array.isArray(v)) return v.filter((e) => !isNil(e)).map(strval);
  if (isNil(v)) return [];
  return [strval(v)];
}

function deepCopy(v: Value): Value {
  if (Array.isArray(v)) return withGoType(v.map(deepCopy), typeName(v));
  if (isMap(v)) {
    const out = newMap();
    for (const k of mapKeys(v)) mapSet(out, k, deepCopy(mapGet(v, k)));
    return withGoType(out, typeName(v));
  }
  return v;
}

/** Sprig's `untilStep`. */
function untilStep(start: number, stop: number, step: number, ctx: CallContext): number[] {
  const out: number[] = [];
  if (stop < start) {
    if (step >= 0) return withGoType(out, '[]int');
    ctx.checkSize(Math.ceil((start - stop) / -step));
    for (let i = start; i > stop; i += step) out.push(i);
    return withGoType(out, '[]int');
  }
  if (step <= 0) return withGoType(out, '[]int');
  ctx.checkSize(Math.ceil((stop - start) / step));
  for (let i = start; i < stop; i += step) out.push(i);
  ctx.step(out.length);
  return withGoType(out, '[]int');
}

function seq(params: number[], ctx: CallContext): string {
  let list: number[];
  switch (params.length) {
    case 1: {
      const end = params[0]!;
      const inc = end < 1 ? -1 : 1;
      list = untilStep(1, end + inc, inc, ctx);
      break;
    }
    case 2: {
      const [start, end] = params as [number, number];
      const step = end < start ? -1 : 1;
      list = untilStep(start, end + step, step, ctx);
      break;
    }
    case 3: {
      const [start, step, end] = params as [number, number, number];
      let inc = 1;
      if (end < start) {
        inc = -1;
        if (step > 0) return '';
      }
      list = untilStep(start, end + inc, step, ctx);
      break;
    }
    default:
      return '';
  }
  return list.join(' ');
}

function goDuration(seconds: bigint): string {
  const ns = seconds * 1_000_000_000n;
  if (ns === 0n) return '0s';
  const neg = ns < 0n;
  let u = neg ? -ns : ns;
  const h = u / 3_600_000_000_000n;
  u -= h * 3_600_000_000_000n;
  const m = u / 60_000_000_000n;
  u -= m * 60_000_000_000n;
  const sec = u / 1_000_000_000n;
  let out = '';
  if (h > 0n) out += `${h}h`;
  if (h > 0n || m > 0n) out += `${m}m`;
  out += `${sec}s`;
  return (neg ? '-' : '') + out;
}

/** A `list`-style function with its `must` twin: the plain one panics, the must one returns the error. */
function listPair(
  name: string,
  spec: Parameters<typeof fn>[1],
  impl: (args: Value[], ctx: CallContext) => Value,
): GoFunction[] {
  const must = `must${name[0]!.toUpperCase()}${name.slice(1)}`;
  return [fn(name, spec, impl), fn(must, spec, impl)];
}

function sprigList(): GoFunction[] {
  const list = (args: Value[]) => args;
  return [
    fn('list', { variadic: 'any' }, list),
    fn('tuple', { variadic: 'any' }, list),
    ...['append', 'push'].flatMap((name) =>
      listPair(name, { params: ['any', 'any'] }, ([l, v], ctx) => {
        const items = listOf(l, 'Cannot push on type');
        charge(ctx, items.length + 1);
        return [...items, v];
      }),
    ),
    ...listPair('prepend', { params: ['any', 'any'] }, ([l, v], ctx) => {
      const items = listOf(l, 'Cannot prepend on type');
      charge(ctx, items.length + 1);
      return [v, ...items];
    }),
    ...listPair('first', { params: ['any'] }, ([l]) => listOf(l, 'Cannot find first on type')[0] ?? null),
    ...listPair('last', { params: ['any'] }, ([l]) => {
      const items = listOf(l, 'Cannot find last on type');
      return items[items.length - 1] ?? null;
    }),
    ...listPair('rest', { params: ['any'] }, ([l]) => listOf(l, 'Cannot find rest on type').slice(1)),
    ...listPair('initial', { params: ['any'] }, ([l]) =>
      listOf(l, 'Cannot find initial on type').slice(0, -1),
    ),
    ...listPair('reverse', { params: ['any'] }, ([l]) =>
      [...listOf(l, 'Cannot find reverse on type')].reverse(),
    ),
    ...listPair('compact', { params: ['any'] }, ([l]) =>
      listOf(l, 'Cannot compact on type').filter((e) => !isEmpty(e)),
    ),
    ...listPair('uniq', { params: ['any'] }, ([l], ctx) => {
      const items = listOf(l, 'Cannot find uniq on type');
      ctx.step(items.length * items.length);
      const out: Value[] = [];
      for (const e of items) if (!out.some((o) => deepEqual(o, e))) out.push(e);
      return out;
    }),
    ...listPair('without', { params: ['any'], variadic: 'any' }, ([l, ...omit]) =>
      listOf(l, 'Cannot find without on type').filter((e) => !omit.some((o) => deepEqual(o, e))),
    ),
    ...listPair('has', { params: ['any', 'any'] }, ([needle, hay]) => {
      if (isNil(hay)) return false;
      return listOf(hay, 'Cannot find has on type').some((e) => deepEqual(needle, e));
    }),
    ...listPair('slice', { params: ['any'], variadic: 'any' }, ([l, ...idx]) => {
      const kind = kindForError(l);
      if (!Array.isArray(l)) fail(`list should be type of slice or array but ${kind}`);
      if (l.length === 0) return null;
      const start = idx.length > 0 ? Number(castInt64(idx[0])) : 0;
      const end = idx.length < 2 ? l.length : Number(castInt64(idx[1]));
      if (start < 0 || end < start || end > l.length) fail('reflect: slice index out of range');
      return l.slice(start, end);
    }),
    ...listPair('chunk', { params: ['int', 'any'] }, ([size, l], ctx) => {
      const items = listOf(l, 'Cannot chunk type');
      const sz = n(size);
      if (sz <= 0) fail('runtime error: makeslice: len out of range');
      charge(ctx, items.length);
      const out: Value[][] = [];
      for (let i = 0; i < items.length; i += sz) out.push(items.slice(i, i + sz));
      if (items.length === 0) out.push([]);
      return withGoType(out, '[][]interface {}');
    }),
    fn('concat', { variadic: 'any' }, (lists, ctx) => {
      const out: Value[] = [];
      for (const l of lists) {
        const kind = kindForError(l);
        if (!Array.isArray(l)) fail(`Cannot concat type ${kind} as list`);
        charge(ctx, out.length + l.length);
        out.push(...l);
      }
      return out;
    }),
    fn('sortAlpha', { params: ['any'] }, ([l]) => {
      if (Array.isArray(l)) return stringList(strslice(l).sort(compareGoStrings));
      return stringList([strval(l)]);
    }),
    fn('join', { params: ['string', 'any'] }, ([sep, v]) => strslice(v).join(s(sep))),
    fn('toStrings', { params: ['any'] }, ([v]) => stringList(strslice(v))),
    fn('until', { params: ['int'] }, ([c], ctx) => {
      const count = n(c);
      return untilStep(0, count, count < 0 ? -1 : 1, ctx);
    }),
    fn('untilStep', { params: ['int', 'int', 'int'] }, ([a, b, c], ctx) => untilStep(n(a), n(b), n(c), ctx)),
    fn('seq', { variadic: 'int' }, (params, ctx) => seq(params.map(n), ctx)),
  ];
}

function sprigDict(): GoFunction[] {
  const mergeFn = (overwrite: boolean, must: boolean) => (args: Value[]) => {
    const [dst, ...srcs] = args;
    if (dst === null) return must ? fail('src and dst must be of same type') : '';
    for (const src of srcs) if (isMap(src)) mergeMaps(dst as Record<string, unknown>, src, overwrite);
    return dst;
  };
  return [
    fn('dict', { variadic: 'any' }, (args, ctx) => {
      charge(ctx, args.length);
      const m = newMap();
      for (let i = 0; i < args.length; i += 2)
        mapSet(m, strval(args[i]), i + 1 < args.length ? args[i + 1] : '');
      return m;
    }),
    fn('get', { params: ['map', 'string'] }, ([d, k]) => {
      if (d === null) return '';
      const m = d as Record<string, unknown>;
      return mapHas(m, s(k)) ? (mapGet(m, s(k)) ?? null) : '';
    }),
    fn('set', { params: ['map', 'string', 'any'] }, ([d, k, v]) => {
      if (d === null) fail('assignment to entry in nil map');
      mapSet(d as Record<string, unknown>, s(k), v);
      return d;
    }),
    fn('unset', { params: ['map', 'string'] }, ([d, k]) => {
      if (d !== null) delete (d as Record<string, unknown>)[s(k)];
      return d;
    }),
    fn(
      'hasKey',
      { params: ['map', 'string'] },
      ([d, k]) => d !== null && mapHas(d as Record<string, unknown>, s(k)),
    ),
    fn('pluck', { params: ['string'], variadic: 'map' }, ([k, ...ds]) =>
      ds
        .filter((d) => d !== null && mapHas(d as Record<string, unknown>, s(k)))
        .map((d) => mapGet(d as Record<string, unknown>, s(k)) ?? null),
    ),
    fn('keys', { variadic: 'map' }, (ds) =>
      stringList(
        ds.flatMap((d) => (d === null ? [] : mapKeys(d as Record<string, unknown>).sort(compareGoStrings))),
      ),
    ),
    fn('values', { params: ['map'] }, ([d]) => {
      if (d === null) return [];
      const m = d as Record<string, unknown>;
      return mapKeys(m)
        .sort(compareGoStrings)
        .map((k) => mapGet(m, k) ?? null);
    }),
    fn('pick', { params: ['map'], variadic: 'string' }, ([d, ...ks]) => {
      const out = newMap();
      const m = (d ?? newMap()) as Record<string, unknown>;
      for (const k of ks) if (mapHas(m, s(k))) mapSet(out, s(k), mapGet(m, s(k)));
      return out;
    }),
    fn('omit', { params: ['map'], variadic: 'string' }, ([d, ...ks]) => {
      const out = d === null ? newMap() : copyMap(d as Record<string, unknown>);
      for (const k of ks) delete out[s(k)];
      return out;
    }),
    fn('merge', { params: ['map'], variadic: 'map' }, mergeFn(false, false)),
    fn('mustMerge', { params: ['map'], variadic: 'map' }, mergeFn(false, true)),
    fn('mergeOverwrite', { params: ['map'], variadic: 'map' }, mergeFn(true, false)),
    fn('mustMergeOverwrite', { params: ['map'], variadic: 'map' }, mergeFn(true, true)),
    fn('deepCopy', { params: ['any'] }, ([v]) => deepCopy(v)),
    fn('mustDeepCopy', { params: ['any'] }, ([v]) => deepCopy(v)),
    fn('dig', { variadic: 'any' }, (ps) => {
      if (ps.length < 3) fail('dig needs at least three arguments');
      let dict = ps[ps.length - 1];
      const def = ps[ps.length - 2];
      const ks = ps.slice(0, -2);
      for (let i = 0; i < ks.length; i++) {
        if (typeof ks[i] !== 'string')
          fail(`interface conversion: interface {} is ${typeName(ks[i])}, not string`);
        if (!isMap(dict))
          fail(`interface conversion: interface {} is ${typeName(dict)}, not map[string]interface {}`);
        if (!mapHas(dict, ks[i] as string)) return def;
        dict = mapGet(dict, ks[i] as string) ?? null;
      }
      return dict;
    }),
  ];
}

function sprigStrings(): GoFunction[] {
  const str1 = (name: string, f: (x: string) => string) => fn(name, { params: ['string'] }, ([x]) => f(s(x)));
  return [
    fn('hello', {}, () => 'Hello!'),
    fn('abbrev', { params: ['int', 'string'] }, ([w, x]) =>
      n(w) < 4 ? s(x) : abbreviateFull(s(x), 0, n(w)),
    ),
    fn('abbrevboth', { params: ['int', 'int', 'string'] }, ([l, r, x]) => {
      const left = n(l);
      const right = n(r);
      if (right < 4 || (left > 0 && right < 7)) return s(x);
      return abbreviateFull(s(x), left, right);
    }),
    fn('trunc', { params: ['int', 'string'] }, ([c, x]) => {
      const k = n(c);
      const b = utf8Bytes(s(x));
      const dec = (a: Uint8Array) => new TextDecoder().decode(a);
      if (k < 0 && b.length + k > 0) return dec(b.subarray(b.length + k));
      if (k >= 0 && b.length > k) return dec(b.subarray(0, k));
      return s(x);
    }),
    str1('trim', trimSpace),
    str1('upper', goToUpper),
    str1('lower', goToLower),
    str1('title', goTitle),
    str1('untitle', uncapitalize),
    fn('substr', { params: ['int', 'int', 'string'] }, ([a, b, x]) => {
      const start = n(a);
      const end = n(b);
      const bytes = utf8Bytes(s(x));
      const dec = (u: Uint8Array) => new TextDecoder().decode(u);
      const oob = () => fail(`runtime error: slice bounds out of range`);
      if (start < 0) {
        if (end < 0 || end > bytes.length) oob();
        return dec(bytes.subarray(0, end));
      }
      if (end < 0 || end > bytes.length) {
        if (start > bytes.length) oob();
        return dec(bytes.subarray(start));
      }
      if (start > end) oob();
      return dec(bytes.subarray(start, end));
    }),
    fn('repeat', { params: ['int', 'string'] }, ([c, x], ctx) => goRepeat(s(x), n(c), (k) => charge(ctx, k))),
    fn('trimall', { params: ['string', 'string'] }, ([a, b]) => trimCutset(s(b), s(a))),
    fn('trimAll', { params: ['string', 'string'] }, ([a, b]) => trimCutset(s(b), s(a))),
    fn('trimSuffix', { params: ['string', 'string'] }, ([a, b]) =>
      s(a) !== '' && s(b).endsWith(s(a)) ? s(b).slice(0, s(b).length - s(a).length) : s(b),
    ),
    fn('trimPrefix', { params: ['string', 'string'] }, ([a, b]) =>
      s(b).startsWith(s(a)) ? s(b).slice(s(a).length) : s(b),
    ),
    str1('nospace', deleteWhiteSpace),
    str1('initials', initials),
    str1('swapcase', swapCase),
    str1('snakecase', (x) => camelCaseToLower(x, '_')),
    str1('kebabcase', (x) => camelCaseToLower(x, '-')),
    str1('camelcase', toCamelCase),
    fn('contains', { params: ['string', 'string'] }, ([sub, x]) => s(x).includes(s(sub))),
    fn('hasPrefix', { params: ['string', 'string'] }, ([p, x]) => s(x).startsWith(s(p))),
    fn('hasSuffix', { params: ['string', 'string'] }, ([p, x]) => s(x).endsWith(s(p))),
    fn('quote', { variadic: 'any' }, (args) =>
      args
        .filter((a) => !isNil(a))
        .map((a) => goQuote(strval(a)))
        .join(' '),
    ),
    fn('squote', { variadic: 'any' }, (args) =>
      args
        .filter((a) => !isNil(a))
        .map((a) => `'${formatV(a)}'`)
        .join(' '),
    ),
    fn('cat', { variadic: 'any' }, (args) =>
      args
        .filter((a) => !isNil(a))
        .map((a) => formatV(a))
        .join(' '),
    ),
    fn('indent', { params: ['int', 'string'] }, ([k, x], ctx) => {
      const pad = goRepeat(' ', n(k), (m) => charge(ctx, m));
      return padLines(s(x), pad, (m) => charge(ctx, m));
    }),
    fn('nindent', { params: ['int', 'string'] }, ([k, x], ctx) => {
      const pad = goRepeat(' ', n(k), (m) => charge(ctx, m));
      return `\n${padLines(s(x), pad, (m) => charge(ctx, m))}`;
    }),
    fn('replace', { params: ['string', 'string', 'string'] }, ([o, nw, src], ctx) =>
      goReplaceAll(s(src), s(o), s(nw), (m) => charge(ctx, m)),
    ),
    fn('plural', { params: ['string', 'string', 'int'] }, ([one, many, c]) =>
      n(c) === 1 ? s(one) : s(many),
    ),
    fn('sha1sum', { params: ['string'] }, ([x]) =>
      createHash('sha1')
        .update(utf8Bytes(s(x)))
        .digest('hex'),
    ),
    fn('sha256sum', { params: ['string'] }, ([x]) =>
      createHash('sha256')
        .update(utf8Bytes(s(x)))
        .digest('hex'),
    ),
    fn('sha512sum', { params: ['string'] }, ([x]) =>
      createHash('sha512')
        .update(utf8Bytes(s(x)))
        .digest('hex'),
    ),
    fn('adler32sum', { params: ['string'] }, ([x]) => String(adler32(s(x)))),
    fn('toString', { params: ['any'] }, ([v]) => strval(v)),
    fn('split', { params: ['string', 'string'] }, ([sep, orig]) => splitMap(goSplitN(s(orig), s(sep), -1))),
    fn('splitList', { params: ['string', 'string'] }, ([sep, orig]) =>
      stringList(goSplitN(s(orig), s(sep), -1)),
    ),
    fn('splitn', { params: ['string', 'int', 'string'] }, ([sep, k, orig]) =>
      splitMap(goSplitN(s(orig), s(sep), n(k))),
    ),
    fn('b64enc', { params: ['string'] }, ([x]) => Buffer.from(utf8Bytes(s(x))).toString('base64')),
    fn('b64dec', { params: ['string'] }, ([x]) =>
      decodeOrMessage(() => decodeStrict(s(x), B64, 6, 'base64')),
    ),
    fn('b32enc', { params: ['string'] }, ([x]) => encodeBase32(s(x))),
    fn('b32dec', { params: ['string'] }, ([x]) =>
      decodeOrMessage(() => decodeStrict(s(x), B32, 5, 'base32')),
    ),
    fn('fail', { params: ['string'] }, ([msg]) => fail(s(msg))),
  ];
}

function splitMap(parts: string[]): Record<string, unknown> {
  const m = newMap();
  parts.forEach((p, i) => {
    mapSet(m, `_${i}`, p);
  });
  return withGoType(m, 'map[string]string');
}

function sprigMath(): GoFunction[] {
  return [
    fn('atoi', { params: ['string'] }, ([x]) => {
      const v = /^[+-]?\d+$/.test(s(x)) ? BigInt(s(x)) : 0n;
      return v >= -(1n << 63n) && v < 1n << 63n ? goInt(v) : 0;
    }),
    fn('int64', { params: ['any'] }, ([v]) => int64(castInt64(v))),
    fn('int', { params: ['any'] }, ([v]) => goInt(castInt64(v))),
    fn('float64', { params: ['any'] }, ([v]) => float64(castFloat64(v))),
    fn('toDecimal', { params: ['any'] }, ([v]) => {
      const t = formatV(v);
      return int64(
        /^[+-]?[0-7]+$/.test(t)
          ? BigInt.asIntN(64, BigInt(`0o${t.replace(/^[+-]/, '')}`) * (t[0] === '-' ? -1n : 1n))
          : 0n,
      );
    }),
    fn('add1', { params: ['any'] }, ([v]) => int64(castInt64(v) + 1n)),
    fn('add', { variadic: 'any' }, (vs) => int64(vs.reduce<bigint>((a, b) => a + castInt64(b), 0n))),
    fn('sub', { params: ['any', 'any'] }, ([a, b]) => int64(castInt64(a) - castInt64(b))),
    fn('div', { params: ['any', 'any'] }, ([a, b]) => {
      const d = castInt64(b);
      if (d === 0n) fail('runtime error: integer divide by zero');
      return int64(castInt64(a) / d);
    }),
    fn('mod', { params: ['any', 'any'] }, ([a, b]) => {
      const d = castInt64(b);
      if (d === 0n) fail('runtime error: integer divide by zero');
      return int64(castInt64(a) % d);
    }),
    fn('mul', { params: ['any'], variadic: 'any' }, ([a, ...rest]) =>
      int64(rest.reduce<bigint>((acc, b) => BigInt.asIntN(64, acc * castInt64(b)), castInt64(a))),
    ),
    fn('add1f', { params: ['any'] }, ([v]) => decimalOp(v, [1], 'add')),
    fn('addf', { variadic: 'any' }, (vs) => decimalOp(0, vs, 'add')),
    fn('subf', { params: ['any'], variadic: 'any' }, ([a, ...rest]) => decimalOp(a, rest, 'sub')),
    fn('mulf', { params: ['any'], variadic: 'any' }, ([a, ...rest]) => decimalOp(a, rest, 'mul')),
    fn('divf', { params: ['any'], variadic: 'any' }, ([a, ...rest]) => decimalOp(a, rest, 'div')),
    ...['max', 'biggest'].map((name) =>
      fn(name, { params: ['any'], variadic: 'any' }, ([a, ...rest]) =>
        int64(rest.map(castInt64).reduce(bigMax, castInt64(a))),
      ),
    ),
    fn('min', { params: ['any'], variadic: 'any' }, ([a, ...rest]) =>
      int64(rest.map(castInt64).reduce(bigMin, castInt64(a))),
    ),
    fn('maxf', { params: ['any'], variadic: 'any' }, ([a, ...rest]) =>
      float64(rest.reduce<number>((m, b) => Math.max(m, castFloat64(b)), castFloat64(a))),
    ),
    fn('minf', { params: ['any'], variadic: 'any' }, ([a, ...rest]) =>
      float64(rest.reduce<number>((m, b) => Math.min(m, castFloat64(b)), castFloat64(a))),
    ),
    fn('ceil', { params: ['any'] }, ([v]) => float64(Math.ceil(castFloat64(v)))),
    fn('floor', { params: ['any'] }, ([v]) => float64(Math.floor(castFloat64(v)))),
    fn('round', { params: ['any', 'int'], variadic: 'float64' }, ([v, p, ...opt]) => {
      const roundOn = opt.length > 0 ? castFloat64(opt[0]) : 0.5;
      const pow = 10 ** n(p);
      const digit = pow * castFloat64(v);
      const frac = digit - Math.trunc(digit);
      return float64((frac >= roundOn ? Math.ceil(digit) : Math.floor(digit)) / pow);
    }),
    fn('duration', { params: ['any'] }, ([v]) =>
      goDuration(typeof v === 'string' ? castInt64(v) : castInt64(v)),
    ),
  ];
}

function sprigDefaults(): GoFunction[] {
  const emptyArg = (v: Value) => isEmpty(v);
  return [
    fn('default', { params: ['any'], variadic: 'any' }, ([d, ...given]) =>
      given.length === 0 || emptyArg(given[0]) ? d : given[0],
    ),
    fn('empty', { params: ['any'] }, ([v]) => emptyArg(v)),
    fn('coalesce', { variadic: 'any' }, (vs) => vs.find((v) => !emptyArg(v)) ?? null),
    fn('all', { variadic: 'any' }, (vs) => vs.every((v) => !emptyArg(v))),
    fn('any', { variadic: 'any' }, (vs) => vs.some((v) => !emptyArg(v))),
    fn('ternary', { params: ['any', 'any', 'bool'] }, ([vt, vf, b]) => (b ? vt : vf)),
    fn('fromJson', { params: ['string'] }, ([x]) => {
      try {
        return fromGoJson(s(x));
      } catch (e) {
        if (e instanceof EncodingError) return null;
        throw e;
      }
    }),
    fn('mustFromJson', { params: ['string'] }, ([x]) => encoding(() => fromGoJson(s(x)))),
    fn('toJson', { params: ['any'] }, ([v], ctx) =>
      jsonOrEmpty(() => toGoJson(v, { step: () => ctx.step(1) })),
    ),
    fn('mustToJson', { params: ['any'] }, ([v], ctx) =>
      encoding(() => toGoJson(v, { step: () => ctx.step(1) })),
    ),
    fn('toPrettyJson', { params: ['any'] }, ([v], ctx) =>
      jsonOrEmpty(() => toGoJson(v, { indent: '  ', step: () => ctx.step(1) })),
    ),
    fn('mustToPrettyJson', { params: ['any'] }, ([v], ctx) =>
      encoding(() => toGoJson(v, { indent: '  ', step: () => ctx.step(1) })),
    ),
    fn('toRawJson', { params: ['any'] }, ([v], ctx) =>
      encoding(() => toGoJson(v, { escapeHTML: false, step: () => ctx.step(1) })),
    ),
    fn('mustToRawJson', { params: ['any'] }, ([v], ctx) =>
      encoding(() => toGoJson(v, { escapeHTML: false, step: () => ctx.step(1) })),
    ),
    fn('typeOf', { params: ['any'] }, ([v]) => typeName(v)),
    fn('typeIs', { params: ['string', 'any'] }, ([t, v]) => s(t) === typeName(v)),
    fn(
      'typeIsLike',
      { params: ['string', 'any'] },
      ([t, v]) => s(t) === typeName(v) || `*${s(t)}` === typeName(v),
    ),
    fn('kindOf', { params: ['any'] }, ([v]) => reflectKindName(v)),
    fn('kindIs', { params: ['string', 'any'] }, ([t, v]) => s(t) === reflectKindName(v)),
    fn('deepEqual', { params: ['any', 'any'] }, ([a, b]) => deepEqual(a, b)),
  ];
}

function encoding<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof EncodingError) fail(e.message);
    throw e;
  }
}

function jsonOrEmpty(f: () => string): string {
  try {
    return f();
  } catch (e) {
    if (e instanceof EncodingError) return '';
    throw e;
  }
}

function sprigOsAndPaths(): GoFunction[] {
  const p1 = (name: string, f: (x: string) => Value) => fn(name, { params: ['string'] }, ([x]) => f(s(x)));
  return [
    fn('env', { params: ['string'] }, ([k], ctx) => ctx.env(s(k)) ?? ''),
    fn('expandenv', { params: ['string'] }, ([x], ctx) => goExpand(s(x), (k) => ctx.env(k) ?? '')),
    p1('base', pathBase),
    p1('dir', pathDir),
    p1('clean', pathClean),
    p1('ext', pathExt),
    p1('isAbs', pathIsAbs),
    p1('osBase', pathBase),
    p1('osDir', pathDir),
    p1('osClean', pathClean),
    p1('osExt', pathExt),
    p1('osIsAbs', pathIsAbs),
  ];
}

const TIME = 'it reads the clock';
const RANDOM = 'it produces random output';

function sprigUnsupported(): GoFunction[] {
  const time = [
    'ago',
    'date',
    'date_in_zone',
    'date_modify',
    'dateInZone',
    'dateModify',
    'durationRound',
    'htmlDate',
    'htmlDateInZone',
    'must_date_modify',
    'mustDateModify',
    'mustToDate',
    'now',
    'toDate',
    'unixEpoch',
  ];
  const random = [
    'randAlphaNum',
    'randAlpha',
    'randAscii',
    'randNumeric',
    'shuffle',
    'randInt',
    'randBytes',
    'uuidv4',
  ];
  const crypto = [
    'bcrypt',
    'htpasswd',
    'genPrivateKey',
    'derivePassword',
    'buildCustomCert',
    'genCA',
    'genCAWithKey',
    'genSelfSignedCert',
    'genSelfSignedCertWithKey',
    'genSignedCert',
    'genSignedCertWithKey',
    'encryptAES',
    'decryptAES',
  ];
  return [
    ...time.map((name) => unsupported(name, TIME)),
    ...random.map((name) => unsupported(name, RANDOM)),
    ...crypto.map((name) => unsupported(name, 'it generates or uses key material')),
    unsupported('getHostByName', SIDE_EFFECTS),
    ...['wrap', 'wrapWith', 'semver', 'semverCompare', 'urlParse', 'urlJoin'].map((name) =>
      unsupported(name, NOT_IMPLEMENTED),
    ),
  ];
}

/** All Sprig functions, keyed by name. */
export function sprigFunctions(): GoFunction[] {
  return [
    ...sprigStrings(),
    ...sprigList(),
    ...sprigDict(),
    ...sprigMath(),
    ...sprigDefaults(),
    ...sprigOsAndPaths(),
    ...sprigRegexFunctions(),
    ...sprigUnsupported(),
  ];
}
