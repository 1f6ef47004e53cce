import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dict, isPlainMapPrototype } from '../../src/core/dict.js';
import { SourceFile } from '../../src/core/source.js';
import { carriesAppend, markHoldsAppend } from '../../src/load/origin.js';
import { APPEND_KEY } from '../../src/load/tags.js';
import { parseYaml } from '../../src/load/yaml.js';
import { LIST_MERGE_STRATEGIES, type ListMergeStrategy, mergeMaps } from '../../src/resolve/merge.js';
import { emit, seq, tag } from './yaml-emit.js';

// Issue 10: the deep merge (src/resolve/merge.ts) against a reference model of Atmos's
// pkg/merge MergeWithOptions + processAppendTags + deepMergeNative (semantics §3.1).

const RUNS = Number(process.env.FC_RUNS ?? 400);

// ---------------------------------------------------------------------------------------------
// The reference model works on its own tree type, with JavaScript Map for maps, so that keys such
// as `__proto__` or `constructor` are ordinary there by construction.

type T =
  | { kind: 'map'; entries: Map<string, T> }
  | { kind: 'list'; items: T[] }
  | { kind: 'leaf'; value: unknown };
type TMap = Extract<T, { kind: 'map' }>;

const tmap = (entries: Map<string, T>): TMap => ({ kind: 'map', entries });
const tlist = (items: T[]): T => ({ kind: 'list', items });

/** `ExtractAppendListValue`: a map holding `__atmos_append__` whose value is a list. */
function appendItems(v: T): T[] | undefined {
  if (v.kind !== 'map') return undefined;
  const l = v.entries.get(APPEND_KEY);
  return l?.kind === 'list' ? l.items : undefined;
}

/**
 * `processAppendTags` against nothing (the first input, or a key the accumulator lacks): every
 * `!append` reachable through maps becomes a plain list. It does not look inside lists.
 */
function resolveAppends(v: T): T {
  const items = appendItems(v);
  if (items) return tlist(items);
  if (v.kind !== 'map') return v;
  return tmap(new Map([...v.entries].map(([k, x]) => [k, resolveAppends(x)])));
}

/**
 * One input merged over the accumulator. `appendAware` is true along map paths from the root, where
 * Atmos runs processAppendTags before deepMergeNative; inside list elements (list strategy `merge`)
 * only deepMergeNative runs, which treats an `!append` wrapper as an ordinary map.
 */
function mergeMap(dst: TMap, src: TMap, s: ListMergeStrategy, appendAware: boolean): TMap {
  const out = new Map(dst.entries);
  for (const [k, sv] of src.entries) {
    const dv = dst.entries.get(k);
    if (dv === undefined) out.set(k, appendAware ? resolveAppends(sv) : sv);
    else out.set(k, mergeValue(dv, sv, s, appendAware));
  }
  return tmap(out);
}

function mergeValue(dv: T, sv: T, s: ListMergeStrategy, appendAware: boolean): T {
  const appended = appendAware ? appendItems(sv) : undefined;
  // An `!append` list goes after the accumulated list, whatever the strategy; with nothing to
  // append to it is a plain list (which then replaces whatever was there).
  if (appended) return dv.kind === 'list' ? tlist([...dv.items, ...appended]) : tlist(appended);
  if (sv.kind === 'map') {
    if (dv.kind === 'map') return mergeMap(dv, sv, s, appendAware);
    return appendAware ? resolveAppends(sv) : sv;
  }
  if (sv.kind === 'list' && dv.kind === 'list') {
    if (s === 'append') return tlist([...dv.items, ...sv.items]);
    if (s === 'merge') return tlist(mergeListsIndexwise(dv.items, sv.items));
  }
  // Any other combination (type change, scalars, a later null, `replace` lists): the later wins.
  return sv;
}

/** mergeSlicesNative: maps at the same index deep-merge; otherwise the earlier element stays. */
function mergeListsIndexwise(d: T[], s: T[]): T[] {
  const out: T[] = [];
  for (let i = 0; i < Math.max(d.length, s.length); i++) {
    const a = d[i];
    const b = s[i];
    if (a === undefined) out.push(b!);
    else if (b === undefined) out.push(a);
    else out.push(a.kind === 'map' && b.kind === 'map' ? mergeMap(a, b, 'merge', false) : a);
  }
  return out;
}

/** MergeWithOptions: empty inputs are dropped; the first is resolved; the rest merge in order. */
function referenceMerge(inputs: readonly TMap[], s: ListMergeStrategy): TMap {
  const nonEmpty = inputs.filter((m) => m.entries.size > 0);
  if (nonEmpty.length === 0) return tmap(new Map());
  // processAppendTags looks at the values of the first input, never at the input itself.
  let acc = tmap(new Map([...nonEmpty[0]!.entries].map(([k, x]) => [k, resolveAppends(x)])));
  for (const m of nonEmpty.slice(1)) acc = mergeMap(acc, m, s, true);
  return acc;
}

/** Reads a JavaScript value into the model, checking that every map is a plain data map. */
function toT(v: unknown): T {
  if (Array.isArray(v)) return tlist(v.map(toT));
  if (v !== null && typeof v === 'object') {
    expect(isPlainMapPrototype(Object.getPrototypeOf(v)), 'maps have no inherited behaviour').toBe(true);
    const o = v as Record<string, unknown>;
    return tmap(new Map(Object.keys(o).map((k) => [k, toT(o[k])])));
  }
  return { kind: 'leaf', value: v };
}

function same(a: T, b: T): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'leaf') return Object.is(a.value, (b as typeof a).value);
  if (a.kind === 'list') {
    const bi = (b as typeof a).items;
    return a.items.length === bi.length && a.items.every((x, i) => same(x, bi[i]!));
  }
  const be = (b as TMap).entries;
  if (a.entries.size !== be.size) return false;
  for (const [k, x] of a.entries) {
    const y = be.get(k);
    if (y === undefined || !same(x, y)) return false;
  }
  return true;
}

/** A readable form of a model tree for failure messages. */
function show(v: T): unknown {
  if (v.kind === 'leaf') return v.value;
  if (v.kind === 'list') return v.items.map(show);
  return Object.fromEntries(
    [...v.entries].map(([k, x]) => [k === '__proto__' ? '["__proto__"]' : k, show(x)]),
  );
}

// ---------------------------------------------------------------------------------------------
// Inputs as the YAML loader produces them: maps of three kinds (dict(), null-prototype and plain
// objects, keys defined as own properties), `!append` wrappers, and maps that hold a wrapper
// somewhere below them (through maps only) marked the way parseYaml marks them.

const KEYS = ['a', 'b', 'c', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];
// `__atmos_append__` written as an ordinary key is in range too: Atmos cannot tell it from `!append`.
const anyKey = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...KEYS) },
  { weight: 1, arbitrary: fc.constant(APPEND_KEY) },
);
const leaf = fc.oneof(
  fc.integer({ min: -2, max: 2 }),
  fc.constantFrom('x', 'y', ''),
  fc.boolean(),
  fc.constant(null),
);

function makeMap(entries: [string, unknown][], kind: number): Record<string, unknown> {
  const out: Record<string, unknown> = kind === 0 ? dict() : kind === 1 ? Object.create(null) : {};
  for (const [k, v] of entries)
    Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

function wrapper(list: unknown[]): Record<string, unknown> {
  const w = dict();
  w[APPEND_KEY] = list;
  return w;
}

function values(key: fc.Arbitrary<string>) {
  return fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.array(tie('value'), { maxLength: 3 }),
      tie('mapValue'),
      fc.array(tie('value'), { maxLength: 3 }).map(wrapper),
    ),
    mapValue: fc
      .tuple(
        fc.uniqueArray(fc.tuple(key, tie('value')), { maxLength: 4, selector: ([k]) => k }),
        fc.integer({ min: 0, max: 2 }),
      )
      .map(([entries, kind]) => makeMap(entries as [string, unknown][], kind)),
  })).mapValue;
}
const mapValue = values(anyKey);

const isObj = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** parseYaml's marking: a map is marked when a map below it holds `__atmos_append__` or is marked. */
function markLikeParser(v: unknown): void {
  if (Array.isArray(v)) {
    for (const x of v) markLikeParser(x);
    return;
  }
  // A frozen map was marked before it was frozen (shrinking can hand back values of earlier runs).
  if (!isObj(v) || Object.isFrozen(v)) return;
  for (const k of Object.keys(v)) markLikeParser(v[k]);
  if (Object.values(v).some(carriesAppend)) markHoldsAppend(v);
}

const inputsOf = (m: fc.Arbitrary<Record<string, unknown>>) =>
  fc.array(m, { maxLength: 5 }).map((ms) => {
    for (const m of ms) markLikeParser(m);
    return ms;
  });
const inputs = inputsOf(mapValue);
/**
 * Without `__atmos_append__` as a literal key. A result is not marked by the loader, so merging it
 * again only resolves wrappers the walk meets; the one way a result still holds a wrapper on a map
 * path is `__atmos_append__: !append [...]` written under a map (resolving the inner wrapper makes
 * the outer map one), which Atmos would resolve again on a second merge. That spelling is no real
 * configuration, so the re-merge property leaves the literal key out.
 */
const remergeInputs = inputsOf(values(fc.constantFrom(...KEYS)));
const strategy = fc.constantFrom(...LIST_MERGE_STRATEGIES);

function deepFreeze<V>(v: V): V {
  if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
  }
  return v;
}

const protoNames = () =>
  [...Object.getOwnPropertyNames(Object.prototype), ...Object.getOwnPropertyNames(Array.prototype)].sort();
const PROTO_BEFORE = protoNames();

function expectAgrees(ins: readonly unknown[], s: ListMergeStrategy): void {
  const model = ins.map((m) => toT(m) as TMap);
  const expected = referenceMerge(model, s);
  const actual = toT(mergeMaps(ins, s));
  if (!same(actual, expected)) {
    expect({ inputs: model.map(show), strategy: s, actual: show(actual) }).toEqual({
      inputs: model.map(show),
      strategy: s,
      actual: show(expected),
    });
  }
}

describe('mergeMaps agrees with a reference model of Atmos pkg/merge', () => {
  it('on random inputs, for every list strategy', () => {
    fc.assert(
      fc.property(inputs, strategy, (ins, s) => expectAgrees(ins, s)),
      { numRuns: RUNS },
    );
    expect(protoNames()).toEqual(PROTO_BEFORE);
  });

  it('on inputs that went through the YAML loader (`!append` written as a tag)', () => {
    // The same data written as YAML: wrappers become `!append` sequences, so the parser builds and
    // marks them itself.
    const toYaml = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(toYaml);
      if (!isObj(v)) return v;
      const items = v[APPEND_KEY];
      if (Object.keys(v).length === 1 && Array.isArray(items)) return tag('!append', seq(items.map(toYaml)));
      const out: Record<string, unknown> = Object.create(null);
      for (const k of Object.keys(v)) out[k] = toYaml(v[k]);
      return out;
    };
    fc.assert(
      fc.property(fc.array(mapValue, { maxLength: 4 }), strategy, (ms, s) => {
        const loaded = ms.map((m, i) => {
          const r = parseYaml(new SourceFile(`/r/stacks/m${i}.yaml`, emit(toYaml(m))), { tags: 'stack' });
          expect(r.problems).toEqual([]);
          return r.value ?? dict();
        });
        expectAgrees(loaded, s);
      }),
      { numRuns: RUNS },
    );
  });

  it('never mutates its inputs, and a result merged again mutates neither it nor the inputs', () => {
    fc.assert(
      fc.property(remergeInputs, remergeInputs, strategy, (a, b, s) => {
        const before = a.map(toT);
        deepFreeze(a);
        deepFreeze(b);
        // Frozen inputs: any write into them throws (ESM code is strict).
        const r1 = mergeMaps(a, s);
        expect(a.includes(r1)).toBe(false);
        expect(a.map(toT).every((x, i) => same(x, before[i]!))).toBe(true);
        const r1Model = toT(r1);
        // The caller owns the top level of a result (resolve.ts adds computed keys to it) ...
        r1.__added_by_caller__ = 1;
        expect(a.map(toT).every((x, i) => same(x, before[i]!))).toBe(true);
        delete r1.__added_by_caller__;
        // ... and whatever it shares with the inputs must survive later merges, either side.
        deepFreeze(r1);
        expectAgrees([r1, ...b], s);
        expectAgrees([...b, r1], s);
        expect(same(toT(r1), r1Model)).toBe(true);
      }),
      { numRuns: RUNS },
    );
    expect(protoNames()).toEqual(PROTO_BEFORE);
  });

  it('inside list elements merged index-wise, an `!append` wrapper is an ordinary map (as in Atmos)', () => {
    // Found by the first property: processAppendTags never looks inside lists, so with strategy
    // `merge` deepMergeNative copies the wrapper as it is (mergeMaps used to append it).
    const load = (text: string) =>
      parseYaml(new SourceFile('/r/stacks/a.yaml', text), { tags: 'stack' }).value;
    const r = mergeMaps([load('c: [{}]\n'), load('c:\n  - a: !append [1]\n')], 'merge');
    expect(show(toT(r))).toEqual({ c: [{ a: { [APPEND_KEY]: [1] } }] });
    // Along map paths it still appends.
    expect(show(toT(mergeMaps([load('c: {a: [0]}\n'), load('c:\n  a: !append [1]\n')], 'merge')))).toEqual({
      c: { a: [0, 1] },
    });
  });

  it('__proto__, constructor and prototype are ordinary keys', () => {
    const payload = makeMap([['polluted', true]], 2);
    const a = makeMap(
      [
        ['__proto__', payload],
        ['constructor', makeMap([['prototype', payload]], 2)],
      ],
      2,
    );
    const b = makeMap(
      [
        ['__proto__', makeMap([['more', 1]], 1)],
        ['prototype', 1],
      ],
      0,
    );
    for (const s of LIST_MERGE_STRATEGIES) {
      const r = mergeMaps([a, b], s);
      expect(Object.keys(r).sort()).toEqual(['__proto__', 'constructor', 'prototype']);
      expect(show(toT(r))).toEqual({
        '["__proto__"]': { polluted: true, more: 1 },
        constructor: { prototype: { polluted: true } },
        prototype: 1,
      });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(({} as Record<string, unknown>).more).toBeUndefined();
    }
    expect(protoNames()).toEqual(PROTO_BEFORE);
  });
});
