/**
 * hairyhenderson/gomplate v3.11 functions (the `gomplate.CreateFuncs` map Atmos uses): namespaces
 * (`strings`, `conv`, `coll`, `data`, `math`, `regexp`, `env`, `test`, ...) and their top-level
 * aliases. Namespace methods are fields on the namespace value, as in Go (`strings.Title`).
 * Datasources, files, network, cloud metadata, time, random and UUID generation never run here.
 */

import { EncodingError, fromYaml, toGoJson, toGoYaml } from '../encoding.js';
import { formatV } from '../gofmt.js';
import { byteLength, compareGoStrings, goQuote, utf8Bytes } from '../gostr.js';
import { parseGoFloat, parseGoInt } from '../numbers.js';
import { compileRegexp, quoteMeta, RegexpSyntaxError } from '../re2.js';
import {
  deepEqual,
  floatOf,
  GoInt,
  intOf,
  isMap,
  isTrue,
  kindOf,
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
import { goExpand } from './bytes.js';
import {
  bigMax,
  bigMin,
  float64,
  goInt,
  gomplateToBool,
  gomplateToFloat64,
  gomplateToInt64,
  gomplateToString,
  int64,
  isNil,
  stringList,
} from './conv.js';
import {
  base64Namespace,
  cryptoNamespace,
  pathNamespaces,
  sealedNamespaces,
  uuidNamespace,
} from './gomplate-misc.js';
import {
  abbreviateFull,
  casesTitle,
  goRepeat,
  goReplaceAll,
  goSplitN,
  goToLower,
  trimCutset,
  trimSpace,
} from './textcase.js';
import {
  type CallContext,
  fail,
  fn,
  type GoFunction,
  methodsOf,
  NOT_IMPLEMENTED,
  namespace,
  SIDE_EFFECTS,
  unsupported,
} from './types.js';

const str = gomplateToString;
const s = (v: Value): string => v as string;
const n = (v: Value): number => Number(intOf(v));

/** Gomplate's `iconv.InterfaceSlice`. */
function interfaceSlice(v: Value): Value[] {
  if (Array.isArray(v)) return [...v];
  fail(`expected an array or slice, but got a ${typeName(v)}`);
}

function kindName(v: Value): string {
  return typeof v === 'string' ? 'string' : reflectKindName(v);
}

function dict(args: Value[]): Record<string, unknown> {
  const m = newMap();
  for (let i = 0; i < args.length; i += 2) mapSet(m, str(args[i]), i + 1 < args.length ? args[i + 1] : '');
  return m;
}

function has(inp: Value, key: Value): boolean {
  if (isMap(inp)) return typeof key === 'string' && mapHas(inp, key);
  if (Array.isArray(inp)) return inp.some((e) => deepEqual(e, key));
  return false;
}

function copyMap(m: Record<string, unknown>): Record<string, unknown> {
  const out = newMap();
  for (const k of mapKeys(m)) mapSet(out, k, mapGet(m, k));
  return out;
}

/** Gomplate's `coll.Merge`: later sources are defaults; nothing is mutated. */
function mergeValues(d: Record<string, unknown>, o: Record<string, unknown>): Record<string, unknown> {
  const def = copyMap(d);
  for (const k of mapKeys(o)) {
    const v = mapGet(o, k);
    const cur = mapGet(def, k);
    if (mapHas(def, k) && isMap(v) && isMap(cur)) mapSet(def, k, mergeValues(cur, v));
    else mapSet(def, k, v);
  }
  return def;
}

function sortedKeys(m: Record<string, unknown>): string[] {
  return mapKeys(m).sort(compareGoStrings);
}

function lessThan(key: string, a: Value, b: Value): boolean {
  switch (kindOf(a)) {
    case 'int':
    case 'uint':
      return intOf(a) < intOf(b);
    case 'float':
      return floatOf(a) < floatOf(b);
    case 'string':
      return compareGoStrings(a as string, b as string) < 0;
    case 'map': {
      if (!isMap(a) || !mapHas(a, key)) return false;
      return lessThan('', mapGet(a, key), isMap(b) ? mapGet(b, key) : undefined);
    }
    default:
      return false;
  }
}

function collSort(args: Value[]): Value {
  if (args.length === 0 || args.length > 2) fail(`wrong number of args: wanted 1 or 2, got ${args.length}`);
  const key = args.length === 2 ? str(args[0]) : '';
  const list = args[args.length - 1];
  if (isNil(list)) return null;
  const items = interfaceSlice(list);
  const k0 = items.length > 0 ? kindOf(items[0]) : undefined;
  if (!items.every((e) => kindOf(e) === k0)) return items;
  return items
    .map((v, i) => ({ v, i }))
    .sort((x, y) => (lessThan(key, x.v, y.v) ? -1 : lessThan(key, y.v, x.v) ? 1 : x.i - y.i))
    .map((e) => e.v);
}

function flatten(list: Value, depth: number, ctx: CallContext): Value[] {
  const items = interfaceSlice(list);
  if (depth === 0) return items;
  const out: Value[] = [];
  for (const v of items) {
    ctx.step(1);
    if (Array.isArray(v)) out.push(...flatten(v, depth - 1, ctx));
    else out.push(v);
  }
  return out;
}

function gIsInt(v: Value): boolean {
  const k = kindOf(v);
  if (k === 'int' || k === 'uint') return true;
  return typeof v === 'string' && parseGoInt(v, false) !== undefined;
}

function gIsFloat(v: Value): boolean {
  if (kindOf(v) === 'float') return true;
  if (typeof v !== 'string') return false;
  return parseGoFloat(v) !== undefined && !gIsInt(v);
}

function mathSeq(args: Value[], ctx: CallContext): Value {
  if (args.length === 0) fail("math.Seq must be given at least an 'end' value");
  let start = 1n;
  let end = 0n;
  let step = 1n;
  if (args.length === 1) end = gomplateToInt64(args[0]);
  if (args.length >= 2) {
    start = gomplateToInt64(args[0]);
    end = gomplateToInt64(args[1]);
  }
  if (args.length === 3) step = gomplateToInt64(args[2]);
  if (step === 0n) return withGoType([], '[]int64');
  if (end < start && step > 0n) step = -step;
  if (end > start && step < 0n) step = -step;
  end -= (end - start) % step;
  const count = (end - start) / step + 1n;
  ctx.checkSize(Number(count));
  ctx.step(Number(count));
  const out: Value[] = [];
  for (let v = start; step > 0n ? v <= end : v >= end; v += step) out.push(int64(v));
  return withGoType(out, '[]int64');
}

function goRound(f: number): number {
  return Math.sign(f) * Math.round(Math.abs(f));
}

function regexpCall<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof RegexpSyntaxError) fail(e.message);
    throw e;
  }
}

function encoding<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof EncodingError) fail(e.message);
    throw e;
  }
}

function gompIndent(width: number, indent: string, text: string, ctx: CallContext): string {
  if (width <= 0 || indent.includes('\n')) return text;
  let lines = 1;
  for (const c of text) if (c === '\n') lines++;
  ctx.checkSize(indent.length * width);
  ctx.checkSize(text.length + lines * indent.length * width);
  const pad = indent.repeat(width);
  let out = '';
  let bol = true;
  for (const c of text) {
    if (bol && c !== '\n') out += pad;
    out += c;
    bol = c === '\n';
  }
  return out;
}

function casePrepare(input: string): string {
  const t = trimSpace(input);
  if (t === '') fail('runtime error: index out of range [0] with length 0');
  let s1 = goToLower(t);
  s1 = s1.replace(s1[0]!, t[0]!);
  return trimSpace(s1.replace(/[^\p{L}\p{N}]+/gu, ' '));
}

/** gosimple/slug `Make` for the common cases: lower-case ASCII words joined by dashes. */
function slugify(input: string): string {
  const s1 = input
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replaceAll('&', ' and ')
    .replaceAll('@', ' at ')
    .toLowerCase();
  return s1
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '');
}

function stringsNamespace(): GoFunction {
  return namespace('strings', '*funcs.StringFuncs', [
    fn('Abbrev', { variadic: 'any' }, (args) => {
      if (args.length < 2) fail("abbrev requires a 'maxWidth' and 'input' argument");
      const [offset, width, input] =
        args.length === 2
          ? [0, Number(gomplateToInt64(args[0])), str(args[1])]
          : [Number(gomplateToInt64(args[0])), Number(gomplateToInt64(args[1])), str(args[2])];
      if (byteLength(input) <= width) return input;
      return abbreviateFull(input, offset, width);
    }),
    fn('ReplaceAll', { params: ['string', 'string', 'any'] }, ([o, nw, x], ctx) =>
      goReplaceAll(str(x), s(o), s(nw), (k) => {
        ctx.checkSize(k);
        ctx.step(k);
      }),
    ),
    fn('Contains', { params: ['string', 'any'] }, ([sub, x]) => str(x).includes(s(sub))),
    fn('HasPrefix', { params: ['string', 'any'] }, ([p, x]) => str(x).startsWith(s(p))),
    fn('HasSuffix', { params: ['string', 'any'] }, ([p, x]) => str(x).endsWith(s(p))),
    fn('Repeat', { params: ['int', 'any'] }, ([c, x], ctx) => {
      if (n(c) < 0) fail(`negative count ${n(c)}`);
      return goRepeat(str(x), n(c), (k) => {
        ctx.checkSize(k);
        ctx.step(k);
      });
    }),
    fn('Sort', { params: ['any'] }, ([l]) => {
      if (!Array.isArray(l)) fail(`wrong type for value; expected []string; got ${typeName(l)}`);
      return stringList(l.map(str).sort(compareGoStrings));
    }),
    fn('Split', { params: ['string', 'any'] }, ([sep, x]) => stringList(goSplitN(str(x), s(sep), -1))),
    fn('SplitN', { params: ['string', 'int', 'any'] }, ([sep, k, x]) =>
      stringList(goSplitN(str(x), s(sep), n(k))),
    ),
    fn('Trim', { params: ['string', 'any'] }, ([c, x]) => trimCutset(str(x), s(c))),
    fn('TrimPrefix', { params: ['string', 'any'] }, ([p, x]) =>
      str(x).startsWith(s(p)) ? str(x).slice(s(p).length) : str(x),
    ),
    fn('TrimSuffix', { params: ['string', 'any'] }, ([p, x]) =>
      s(p) !== '' && str(x).endsWith(s(p)) ? str(x).slice(0, str(x).length - s(p).length) : str(x),
    ),
    fn('Title', { params: ['any'] }, ([x]) => casesTitle(str(x))),
    fn('ToUpper', { params: ['any'] }, ([x]) => str(x).toUpperCase()),
    fn('ToLower', { params: ['any'] }, ([x]) => str(x).toLowerCase()),
    fn('TrimSpace', { params: ['any'] }, ([x]) => trimSpace(str(x))),
    fn('Trunc', { params: ['int', 'any'] }, ([l, x]) => {
      const len = n(l);
      const b = utf8Bytes(str(x));
      if (len < 0 || b.length <= len) return str(x);
      return new TextDecoder().decode(b.subarray(0, len));
    }),
    fn('Indent', { variadic: 'any' }, (args, ctx) => {
      if (args.length === 0) fail('runtime error: index out of range [-1]');
      const input = str(args[args.length - 1]);
      let indent = ' ';
      let width = 1;
      if (args.length === 2) {
        if (typeof args[0] === 'string') indent = args[0];
        else if (typeof args[0] === 'number' && kindOf(args[0]) === 'int') width = args[0];
        else fail('indent: invalid arguments');
      } else if (args.length === 3) {
        if (typeof args[0] !== 'number' || kindOf(args[0]) !== 'int') fail('indent: invalid arguments');
        if (typeof args[1] !== 'string') fail('indent: invalid arguments');
        width = args[0];
        indent = args[1];
      }
      return gompIndent(width, indent, input, ctx);
    }),
    fn('Slug', { params: ['any'] }, ([x]) => slugify(str(x))),
    fn('Quote', { params: ['any'] }, ([x]) => goQuote(str(x))),
    fn('ShellQuote', { params: ['any'] }, ([x]) => {
      const q = (t: string) => `'${t.replaceAll("'", `'"'"'`)}'`;
      return Array.isArray(x) ? x.map((e) => q(str(e))).join(' ') : q(str(x));
    }),
    fn('Squote', { params: ['any'] }, ([x]) => `'${str(x).replaceAll("'", "''")}'`),
    fn('SnakeCase', { params: ['any'] }, ([x]) => casePrepare(str(x)).replace(/\s+/g, '_')),
    fn('KebabCase', { params: ['any'] }, ([x]) => casePrepare(str(x)).replace(/\s+/g, '-')),
    fn('CamelCase', { params: ['any'] }, ([x]) => {
      const input = trimSpace(str(x));
      if (input === '') fail('runtime error: index out of range [0] with length 0');
      let t = casesTitle(input);
      t = t.replace(t[0]!, input[0]!);
      return t.replace(/[^\p{L}\p{N}]+/gu, '');
    }),
    unsupported('WordWrap', NOT_IMPLEMENTED),
    fn('RuneCount', { variadic: 'any' }, (args) => [...args.map(str).join('')].length),
  ]);
}

function stringAliases(ns: GoFunction): GoFunction[] {
  const m = (name: string) => methodOf(ns, name);
  return [
    { ...m('ReplaceAll'), name: 'replaceAll', qualifiedName: 'replaceAll' },
    { ...m('Title'), name: 'title', qualifiedName: 'title' },
    { ...m('ToUpper'), name: 'toUpper', qualifiedName: 'toUpper' },
    { ...m('ToLower'), name: 'toLower', qualifiedName: 'toLower' },
    { ...m('TrimSpace'), name: 'trimSpace', qualifiedName: 'trimSpace' },
    { ...m('Indent'), name: 'indent', qualifiedName: 'indent' },
    { ...m('Quote'), name: 'quote', qualifiedName: 'quote' },
    { ...m('ShellQuote'), name: 'shellQuote', qualifiedName: 'shellQuote' },
    { ...m('Squote'), name: 'squote', qualifiedName: 'squote' },
    // Go's own strings functions, with their non-pipelinable argument order.
    fn('contains', { params: ['string', 'string'] }, ([x, sub]) => s(x).includes(s(sub))),
    fn('hasPrefix', { params: ['string', 'string'] }, ([x, p]) => s(x).startsWith(s(p))),
    fn('hasSuffix', { params: ['string', 'string'] }, ([x, p]) => s(x).endsWith(s(p))),
    fn('split', { params: ['string', 'string'] }, ([x, sep]) => stringList(goSplitN(s(x), s(sep), -1))),
    fn('splitN', { params: ['string', 'string', 'int'] }, ([x, sep, k]) =>
      stringList(goSplitN(s(x), s(sep), n(k))),
    ),
    fn('trim', { params: ['string', 'string'] }, ([x, c]) => trimCutset(s(x), s(c))),
  ];
}

function methodOf(ns: GoFunction, name: string): GoFunction {
  return methodsOf(ns.namespaceValue!).get(name)!;
}

function convNamespace(): GoFunction {
  return namespace('conv', '*funcs.ConvFuncs', [
    fn('Bool', { params: ['any'] }, ([x]) => {
      const t = str(x);
      return ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(t);
    }),
    fn('ToBool', { params: ['any'] }, ([x]) => gomplateToBool(x)),
    fn('ToBools', { variadic: 'any' }, (xs) => withGoType(xs.map(gomplateToBool), '[]bool')),
    fn('Slice', { variadic: 'any' }, (xs) => xs),
    fn('Join', { params: ['any', 'string'] }, ([l, sep]) => {
      if (!Array.isArray(l)) fail('input to Join must be an array');
      return l.map(str).join(s(sep));
    }),
    fn('Has', { params: ['any', 'string'] }, ([l, k]) => has(l, k)),
    fn('ParseInt', { params: ['any', 'int', 'int'] }, ([x, base]) =>
      int64(parseIntBase(str(x), n(base)) ?? 0n),
    ),
    fn('ParseFloat', { params: ['any', 'int'] }, ([x]) => float64(parseGoFloat(str(x)) ?? 0)),
    fn('ParseUint', { params: ['any', 'int', 'int'] }, ([x, base]) => {
      const v = parseIntBase(str(x), n(base));
      return new GoInt('uint64', v !== undefined && v >= 0n ? v : 0n);
    }),
    fn('Atoi', { params: ['any'] }, ([x]) => {
      const t = str(x);
      return /^[+-]?\d+$/.test(t) ? goInt(BigInt(t)) : 0;
    }),
    unsupported('URL', NOT_IMPLEMENTED),
    fn('ToInt64', { params: ['any'] }, ([x]) => int64(gomplateToInt64(x))),
    fn('ToInt', { params: ['any'] }, ([x]) => goInt(gomplateToInt64(x))),
    fn('ToInt64s', { variadic: 'any' }, (xs) =>
      withGoType(
        xs.map((x) => int64(gomplateToInt64(x))),
        '[]int64',
      ),
    ),
    fn('ToInts', { variadic: 'any' }, (xs) =>
      withGoType(
        xs.map((x) => goInt(gomplateToInt64(x))),
        '[]int',
      ),
    ),
    fn('ToFloat64', { params: ['any'] }, ([x]) => float64(gomplateToFloat64(x))),
    fn('ToFloat64s', { variadic: 'any' }, (xs) =>
      withGoType(
        xs.map((x) => float64(gomplateToFloat64(x))),
        '[]float64',
      ),
    ),
    fn('ToString', { params: ['any'] }, ([x]) => str(x)),
    fn('ToStrings', { variadic: 'any' }, (xs) => stringList(xs.map(str))),
    fn('Default', { params: ['any', 'any'] }, ([def, x]) => (isTrue(x)[0] ? x : def)),
    fn('Dict', { variadic: 'any' }, (xs) => dict(xs)),
  ]);
}

function parseIntBase(t: string, base: number): bigint | undefined {
  if (base === 0) return parseGoInt(t, false);
  if (base < 2 || base > 36) return undefined;
  const m = /^([+-]?)([0-9a-zA-Z]+)$/.exec(t);
  if (!m) return undefined;
  let v = 0n;
  for (const c of m[2]!.toLowerCase()) {
    const d = Number.parseInt(c, 36);
    if (d >= base) return undefined;
    v = v * BigInt(base) + BigInt(d);
  }
  return m[1] === '-' ? -v : v;
}

function collNamespace(): GoFunction {
  return namespace('coll', '*funcs.CollFuncs', [
    fn('Slice', { variadic: 'any' }, (xs) => xs),
    fn('Has', { params: ['any', 'string'] }, ([l, k]) => has(l, k)),
    fn('Dict', { variadic: 'any' }, (xs) => dict(xs)),
    fn('Keys', { variadic: 'map' }, (ms) => {
      if (ms.length === 0) fail('need at least one argument');
      return stringList(ms.flatMap((m) => (m === null ? [] : sortedKeys(m as Record<string, unknown>))));
    }),
    fn('Values', { variadic: 'map' }, (ms) => {
      if (ms.length === 0) fail('need at least one argument');
      return ms.flatMap((m) => {
        if (m === null) return [];
        const mm = m as Record<string, unknown>;
        return sortedKeys(mm).map((k) => mapGet(mm, k) ?? null);
      });
    }),
    fn('Append', { params: ['any', 'any'] }, ([v, l]) => [...interfaceSlice(l), v]),
    fn('Prepend', { params: ['any', 'any'] }, ([v, l]) => [v, ...interfaceSlice(l)]),
    fn('Uniq', { params: ['any'] }, ([l], ctx) => {
      const items = interfaceSlice(l);
      ctx.step(items.length * items.length);
      const out: Value[] = [];
      for (const e of items) if (!out.some((o) => deepEqual(o, e))) out.push(e);
      return out;
    }),
    fn('Reverse', { params: ['any'] }, ([l]) => interfaceSlice(l).reverse()),
    fn('Merge', { params: ['map'], variadic: 'map' }, ([dst, ...srcs]) => {
      let out = (dst ?? newMap()) as Record<string, unknown>;
      for (const src of srcs) out = mergeValues((src ?? newMap()) as Record<string, unknown>, out);
      return out;
    }),
    fn('Sort', { variadic: 'any' }, (args) => collSort(args)),
    unsupported('JSONPath', NOT_IMPLEMENTED),
    fn('Flatten', { variadic: 'any' }, (args, ctx) => {
      if (args.length === 0 || args.length > 2)
        fail(`wrong number of args: wanted 1 or 2, got ${args.length}`);
      const depth = args.length === 2 ? Number(gomplateToInt64(args[0])) : -1;
      return flatten(args[args.length - 1], depth, ctx);
    }),
    ...['Pick', 'Omit'].map((name) =>
      fn(name, { variadic: 'any' }, (args) => {
        if (args.length <= 1) fail(`wrong number of args: wanted 2 or more, got ${args.length}`);
        const m = args[args.length - 1];
        if (!isMap(m)) fail(`wrong map type: must be map[string]interface{}, got ${typeName(m)}`);
        const keys = args.slice(0, -1);
        for (const k of keys)
          if (typeof k !== 'string')
            fail(`wrong key type: must be string, got ${typeName(k)} (${formatV(k)})`);
        const out = newMap();
        for (const k of mapKeys(m)) if (keys.includes(k) === (name === 'Pick')) mapSet(out, k, mapGet(m, k));
        return out;
      }),
    ),
  ]);
}

function collAliases(ns: GoFunction): GoFunction[] {
  const names: [string, string][] = [
    ['has', 'Has'],
    ['slice', 'Slice'],
    ['dict', 'Dict'],
    ['keys', 'Keys'],
    ['values', 'Values'],
    ['append', 'Append'],
    ['prepend', 'Prepend'],
    ['uniq', 'Uniq'],
    ['reverse', 'Reverse'],
    ['merge', 'Merge'],
    ['sort', 'Sort'],
    ['jsonpath', 'JSONPath'],
    ['flatten', 'Flatten'],
  ];
  return names.map(([alias, method]) => ({ ...methodOf(ns, method), name: alias, qualifiedName: alias }));
}

function mathNamespace(): GoFunction {
  const addLike = (
    xs: Value[],
    op: (a: number, b: number) => number,
    iop: (a: bigint, b: bigint) => bigint,
    init: number,
  ) => {
    if (xs.some(gIsFloat)) return float64(xs.map(gomplateToFloat64).reduce(op, init));
    return int64(xs.map(gomplateToInt64).reduce(iop, BigInt(init)));
  };
  return namespace('math', '*funcs.MathFuncs', [
    fn('IsInt', { params: ['any'] }, ([x]) => gIsInt(x)),
    fn('IsFloat', { params: ['any'] }, ([x]) => gIsFloat(x)),
    fn('IsNum', { params: ['any'] }, ([x]) => gIsInt(x) || gIsFloat(x)),
    fn('Abs', { params: ['any'] }, ([x]) => {
      const a = Math.abs(gomplateToFloat64(x));
      return gIsInt(x) ? int64(BigInt(Math.trunc(a))) : float64(a);
    }),
    fn('Add', { variadic: 'any' }, (xs) =>
      addLike(
        xs,
        (a, b) => a + b,
        (a, b) => BigInt.asIntN(64, a + b),
        0,
      ),
    ),
    fn('Mul', { variadic: 'any' }, (xs) =>
      addLike(
        xs,
        (a, b) => a * b,
        (a, b) => BigInt.asIntN(64, a * b),
        1,
      ),
    ),
    fn('Sub', { params: ['any', 'any'] }, ([a, b]) =>
      gIsFloat(a) || gIsFloat(b)
        ? float64(gomplateToFloat64(a) - gomplateToFloat64(b))
        : int64(gomplateToInt64(a) - gomplateToInt64(b)),
    ),
    fn('Div', { params: ['any', 'any'] }, ([a, b]) => {
      const d = gomplateToFloat64(b);
      if (d === 0) fail('error: division by 0');
      return float64(gomplateToFloat64(a) / d);
    }),
    fn('Rem', { params: ['any', 'any'] }, ([a, b]) => {
      const d = gomplateToInt64(b);
      if (d === 0n) fail('runtime error: integer divide by zero');
      return int64(gomplateToInt64(a) % d);
    }),
    fn('Pow', { params: ['any', 'any'] }, ([a, b]) => {
      const r = gomplateToFloat64(a) ** gomplateToFloat64(b);
      return gIsFloat(a) ? float64(r) : int64(BigInt(Number.isFinite(r) ? Math.trunc(r) : 0));
    }),
    fn('Seq', { variadic: 'any' }, (xs, ctx) => mathSeq(xs, ctx)),
    fn('Max', { params: ['any'], variadic: 'any' }, ([a, ...rest]) =>
      gIsFloat(a) || rest.some(gIsFloat)
        ? float64(rest.map(gomplateToFloat64).reduce((m, x) => Math.max(m, x), gomplateToFloat64(a)))
        : int64(rest.map(gomplateToInt64).reduce(bigMax, gomplateToInt64(a))),
    ),
    fn('Min', { params: ['any'], variadic: 'any' }, ([a, ...rest]) =>
      gIsFloat(a) || rest.some(gIsFloat)
        ? float64(rest.map(gomplateToFloat64).reduce((m, x) => Math.min(m, x), gomplateToFloat64(a)))
        : int64(rest.map(gomplateToInt64).reduce(bigMin, gomplateToInt64(a))),
    ),
    fn('Ceil', { params: ['any'] }, ([x]) => float64(Math.ceil(gomplateToFloat64(x)))),
    fn('Floor', { params: ['any'] }, ([x]) => float64(Math.floor(gomplateToFloat64(x)))),
    fn('Round', { params: ['any'] }, ([x]) => float64(goRound(gomplateToFloat64(x)))),
  ]);
}

function regexpNamespace(): GoFunction {
  const step = (ctx: CallContext) => (k: number) => ctx.step(k);
  return namespace('regexp', '*funcs.ReFuncs', [
    fn('Find', { params: ['any', 'any'] }, ([re, x], ctx) =>
      regexpCall(() => {
        const m = compileRegexp(str(re)).exec(str(x), 0, step(ctx));
        return m === null ? '' : str(x).slice(m[0], m[1]);
      }),
    ),
    fn('FindAll', { variadic: 'any' }, (args, ctx) =>
      regexpCall(() => {
        if (args.length !== 2 && args.length !== 3)
          fail(`wrong number of args: want 2 or 3, got ${args.length}`);
        const k = args.length === 3 ? Number(gomplateToInt64(args[1])) : -1;
        const input = str(args[args.length - 1]);
        return stringList(
          compileRegexp(str(args[0]))
            .findAll(input, k, step(ctx))
            .map((m) => input.slice(m[0], m[1])),
        );
      }),
    ),
    fn('Match', { params: ['any', 'any'] }, ([re, x], ctx) =>
      regexpCall(() => compileRegexp(str(re)).exec(str(x), 0, step(ctx)) !== null),
    ),
    fn('QuoteMeta', { params: ['any'] }, ([x]) => quoteMeta(str(x))),
    fn('Replace', { params: ['any', 'any', 'any'] }, ([re, repl, x], ctx) =>
      regexpCall(() => {
        const r = compileRegexp(str(re));
        return r.replaceAll(str(x), (m) => r.expand(str(repl), str(x), m), step(ctx));
      }),
    ),
    fn('ReplaceLiteral', { params: ['any', 'any', 'any'] }, ([re, repl, x], ctx) =>
      regexpCall(() => compileRegexp(str(re)).replaceAll(str(x), () => str(repl), step(ctx))),
    ),
    fn('Split', { variadic: 'any' }, (args, ctx) =>
      regexpCall(() => {
        if (args.length !== 2 && args.length !== 3)
          fail(`wrong number of args: want 2 or 3, got ${args.length}`);
        const k = args.length === 3 ? Number(gomplateToInt64(args[1])) : -1;
        return stringList(compileRegexp(str(args[0])).split(str(args[args.length - 1]), k, step(ctx)));
      }),
    ),
  ]);
}

function dataNamespace(): GoFunction {
  const parseObj = (x: Value, ctx: CallContext, array: boolean) =>
    encoding(() => {
      const text = str(x);
      const v = fromYaml(text, () => ctx.step(1));
      if (array ? !Array.isArray(v) : !isMap(v)) {
        fail(`Unable to unmarshal ${array ? 'array' : 'object'} ${text}`);
      }
      return v;
    });
  return namespace('data', '*funcs.DataFuncs', [
    fn('JSON', { params: ['any'] }, ([x], ctx) => parseObj(x, ctx, false)),
    fn('JSONArray', { params: ['any'] }, ([x], ctx) => parseObj(x, ctx, true)),
    fn('YAML', { params: ['any'] }, ([x], ctx) => parseObj(x, ctx, false)),
    fn('YAMLArray', { params: ['any'] }, ([x], ctx) => parseObj(x, ctx, true)),
    fn('ToJSON', { params: ['any'] }, ([x], ctx) => encoding(() => toGoJson(x, { step: () => ctx.step(1) }))),
    fn('ToJSONPretty', { params: ['string', 'any'] }, ([indent, x], ctx) =>
      encoding(() => toGoJson(x, { indent: s(indent), step: () => ctx.step(1) })),
    ),
    fn('ToYAML', { params: ['any'] }, ([x]) => toGoYaml(x)),
    ...['TOML', 'CSV', 'CSVByRow', 'CSVByColumn', 'ToCSV', 'ToTOML'].map((name) =>
      unsupported(name, NOT_IMPLEMENTED),
    ),
  ]);
}

function dataAliases(ns: GoFunction): GoFunction[] {
  const names: [string, string][] = [
    ['json', 'JSON'],
    ['jsonArray', 'JSONArray'],
    ['yaml', 'YAML'],
    ['yamlArray', 'YAMLArray'],
    ['toml', 'TOML'],
    ['csv', 'CSV'],
    ['csvByRow', 'CSVByRow'],
    ['csvByColumn', 'CSVByColumn'],
    ['toJSON', 'ToJSON'],
    ['toJSONPretty', 'ToJSONPretty'],
    ['toYAML', 'ToYAML'],
    ['toTOML', 'ToTOML'],
    ['toCSV', 'ToCSV'],
  ];
  return names.map(([alias, method]) => ({ ...methodOf(ns, method), name: alias, qualifiedName: alias }));
}

function envNamespace(): GoFunction {
  return namespace('env', '*funcs.EnvFuncs', [
    fn('Getenv', { params: ['any'], variadic: 'string' }, ([k, ...def], ctx) => {
      const v = ctx.env(str(k)) ?? '';
      return v === '' && def.length > 0 ? s(def[0]) : v;
    }),
    fn('ExpandEnv', { params: ['any'] }, ([x], ctx) => goExpand(str(x), (k) => ctx.env(k) ?? '')),
  ]);
}

function testNamespace(): GoFunction {
  return namespace('test', '*funcs.TestFuncs', [
    fn('Assert', { variadic: 'any' }, (args) => {
      if (args.length === 0 || args.length > 2) fail(`wrong number of args: want 1 or 2, got ${args.length}`);
      const ok = gomplateToBool(args[args.length - 1]);
      let message = '';
      if (args.length === 2) {
        if (typeof args[0] !== 'string') fail(`at <1>: expected string; found ${typeName(args[0])}`);
        message = args[0];
      }
      if (!ok) fail(message === '' ? 'assertion failed' : `assertion failed: ${message}`);
      return '';
    }),
    fn('Fail', { variadic: 'any' }, (args) => {
      if (args.length > 1) fail(`wrong number of args: want 0 or 1, got ${args.length}`);
      const message = args.length === 1 ? str(args[0]) : '';
      fail(message === '' ? 'template generation failed' : `template generation failed: ${message}`);
    }),
    fn('Required', { variadic: 'any' }, (args) => {
      if (args.length === 0 || args.length > 2) fail(`wrong number of args: want 1 or 2, got ${args.length}`);
      let message = 'can not render template: a required value was not set';
      if (args.length === 2) {
        if (typeof args[0] !== 'string') fail(`at <1>: expected string; found ${typeName(args[0])}`);
        if (args[0] !== '') message = args[0];
      }
      const v = args[args.length - 1];
      if (isNil(v) || v === '') fail(message);
      return v;
    }),
    fn('Ternary', { params: ['any', 'any', 'any'] }, ([t, f, b]) => (gomplateToBool(b) ? t : f)),
    fn('Kind', { params: ['any'] }, ([x]) => kindName(x)),
    fn('IsKind', { params: ['string', 'any'] }, ([k, x]) => {
      const kind = kindName(x);
      const numeric = /^(u?int(8|16|32|64)?|uintptr|float(32|64)|complex(64|128))$/.test(kind);
      return (s(k) === 'number' && numeric) || s(k) === kind;
    }),
  ]);
}

function testAliases(ns: GoFunction): GoFunction[] {
  const names: [string, string][] = [
    ['assert', 'Assert'],
    ['fail', 'Fail'],
    ['required', 'Required'],
    ['ternary', 'Ternary'],
    ['kind', 'Kind'],
    ['isKind', 'IsKind'],
  ];
  return names.map(([alias, method]) => ({ ...methodOf(ns, method), name: alias, qualifiedName: alias }));
}

/** All Gomplate functions, in `CreateFuncs` order (later entries override earlier ones). */
export function gomplateFunctions(): GoFunction[] {
  const data = dataNamespace();
  const strings = stringsNamespace();
  const env = envNamespace();
  const conv = convNamespace();
  const math = mathNamespace();
  const test = testNamespace();
  const coll = collNamespace();
  const convMethods = (name: string) => ({
    ...methodOf(conv, name),
    name: name.toLowerCase(),
    qualifiedName: name.toLowerCase(),
  });
  const mathAlias = (alias: string, method: string) => ({
    ...methodOf(math, method),
    name: alias,
    qualifiedName: alias,
  });
  return [
    ...[
      'datasource',
      'ds',
      'datasourceExists',
      'datasourceReachable',
      'defineDatasource',
      'include',
      'listDatasources',
    ].map((name) => unsupported(name, 'it reads a datasource')),
    data,
    ...dataAliases(data),
    ...['ec2meta', 'ec2dynamic', 'ec2tag', 'ec2tags', 'ec2region'].map((name) =>
      unsupported(name, SIDE_EFFECTS),
    ),
    base64Namespace(),
    regexpNamespace(),
    strings,
    ...stringAliases(strings),
    env,
    { ...methodOf(env, 'Getenv'), name: 'getenv', qualifiedName: 'getenv' },
    conv,
    { ...methodOf(conv, 'URL'), name: 'urlParse', qualifiedName: 'urlParse' },
    convMethods('Bool'),
    convMethods('Join'),
    convMethods('Default'),
    math,
    mathAlias('add', 'Add'),
    mathAlias('sub', 'Sub'),
    mathAlias('mul', 'Mul'),
    mathAlias('div', 'Div'),
    mathAlias('rem', 'Rem'),
    mathAlias('pow', 'Pow'),
    mathAlias('seq', 'Seq'),
    cryptoNamespace(),
    ...pathNamespaces(),
    test,
    ...testAliases(test),
    coll,
    ...collAliases(coll),
    uuidNamespace(),
    ...sealedNamespaces(),
  ];
}
