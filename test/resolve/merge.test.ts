import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SourceFile } from '../../src/core/source.js';
import { parseYaml } from '../../src/load/yaml.js';
import { mergeMaps, type PlainMap } from '../../src/resolve/merge.js';

// Semantics §3.1: Atmos's deep merge (pkg/merge).

const RUNS = Number(process.env.FC_RUNS ?? 200);

function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object') {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

function load(text: string): PlainMap {
  return parseYaml(new SourceFile('/r/stacks/a.yaml', text), { tags: 'stack' }).value as PlainMap;
}

describe('mergeMaps', () => {
  it('merges maps recursively; a later value of another type replaces', () => {
    expect(
      mergeMaps([
        { a: { x: 1, y: [1] }, b: [1, 2], c: 's', d: { k: 1 } },
        { a: { y: { m: 1 } }, b: { now: 'map' }, c: ['list'], d: 'scalar' },
      ]),
    ).toEqual({ a: { x: 1, y: { m: 1 } }, b: { now: 'map' }, c: ['list'], d: 'scalar' });
  });

  it('lets a later null override, and ignores empty maps', () => {
    expect(mergeMaps([{ a: [1], b: { c: 1 } }, { a: null, b: { c: null } }, {}])).toEqual({
      a: null,
      b: { c: null },
    });
  });

  it('replace (default) takes the later list; append concatenates', () => {
    expect(mergeMaps([{ l: [1, 2] }, { l: [3] }])).toEqual({ l: [3] });
    expect(mergeMaps([{ l: [1, 2] }, { l: [3] }], 'append')).toEqual({ l: [1, 2, 3] });
  });

  it('merge: maps at the same index deep-merge, an earlier scalar is kept, extras are appended', () => {
    expect(
      mergeMaps([{ l: [{ a: 1, b: 1 }, 'first', 'x'] }, { l: [{ b: 2 }, 'second', 'y', 'extra'] }], 'merge'),
    ).toEqual({ l: [{ a: 1, b: 2 }, 'first', 'x', 'extra'] });
  });

  it('!append appends to the inherited list whatever the strategy; alone it is a plain list', () => {
    const base = load('l: [a, b]\nn:\n  m: [x]\n');
    const over = load('l: !append [c]\nn:\n  m: !append [y]\n');
    expect(mergeMaps([base, over])).toEqual({ l: ['a', 'b', 'c'], n: { m: ['x', 'y'] } });
    expect(mergeMaps([base, over], 'merge')).toEqual({ l: ['a', 'b', 'c'], n: { m: ['x', 'y'] } });
    expect(mergeMaps([over])).toEqual({ l: ['c'], n: { m: ['y'] } });
  });

  it('never mutates its inputs', () => {
    const a = deepFreeze({ a: { x: [1, { y: 1 }] }, l: [1] });
    const b = deepFreeze({ a: { x: [2, { z: 2 }] }, l: [2] });
    for (const s of ['replace', 'append', 'merge'] as const) {
      expect(() => mergeMaps([a, b], s)).not.toThrow();
    }
    expect(a).toEqual({ a: { x: [1, { y: 1 }] }, l: [1] });
  });

  it('property: merging with {} or with itself changes nothing, and every later key survives', () => {
    const leaf = fc.oneof(fc.integer(), fc.string({ maxLength: 3 }), fc.boolean(), fc.constant(null));
    const value = fc.letrec((tie) => ({
      v: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('v'), { maxLength: 3 }), tie('m')),
      m: fc.dictionary(fc.constantFrom('a', 'b', 'c'), tie('v'), { maxKeys: 3 }),
    })).m;
    fc.assert(
      fc.property(value, value, (a, b) => {
        const fa = deepFreeze(structuredClone(a));
        const fb = deepFreeze(structuredClone(b));
        expect(mergeMaps([fa, {}])).toEqual(a);
        expect(mergeMaps([fa, fa])).toEqual(a);
        const m = mergeMaps([fa, fb]);
        for (const k of Object.keys(b)) expect(k in m).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});
