import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance } from '../../src/core/suggest.js';

const numRuns = Number(process.env.FC_RUNS ?? 100);
const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', '-', '.'), maxLength: 9 });

describe('editDistance (Damerau–Levenshtein)', () => {
  it.each([
    ['', '', 0],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['kitten', 'sitting', 3],
    ['ab', 'ba', 1],
    ['stack', 'stak', 1],
    ['component', 'compnoent', 1],
    // Only the unrestricted variant gets 2 here (transpose, then insert between); OSA says 3.
    ['ca', 'abc', 2],
    ['plan.yml', 'plan.yaml', 1],
  ])('%j ↔ %j = %d', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });

  it('is a metric', () => {
    fc.assert(
      fc.property(word, word, word, (a, b, c) => {
        const ab = editDistance(a, b);
        expect(ab).toBe(editDistance(b, a));
        expect(ab === 0).toBe(a === b);
        expect(ab).toBeLessThanOrEqual(Math.max(a.length, b.length));
        expect(ab).toBeGreaterThanOrEqual(Math.abs(a.length - b.length));
        expect(editDistance(a, c)).toBeLessThanOrEqual(ab + editDistance(b, c));
      }),
      { numRuns },
    );
  });

  it('one adjacent swap costs one', () => {
    fc.assert(
      fc.property(word, fc.nat(), (a, at) => {
        fc.pre(a.length >= 2);
        const i = at % (a.length - 1);
        fc.pre(a[i] !== a[i + 1]);
        const swapped = a.slice(0, i) + a[i + 1] + a[i] + a.slice(i + 2);
        expect(editDistance(a, swapped)).toBe(1);
      }),
      { numRuns },
    );
  });
});

describe('didYouMean', () => {
  const inputs = ['atmos_pro_run_id', 'sha', 'component', 'stack', 'upload', 'github_environment'];

  it.each([
    ['stak', 'stack'],
    ['Stack', 'stack'],
    ['compnent', 'component'],
    ['github_enviroment', 'github_environment'],
    ['atmos_run_id', 'atmos_pro_run_id'],
    ['region', undefined],
    ['uplaod', 'upload'],
    ['sah', 'sha'],
    ['xyz', undefined],
    ['stack', undefined],
  ])('%j → %j', (name, expected) => {
    expect(didYouMean(name, inputs)).toBe(expected);
  });

  it('the threshold grows with the length of the name', () => {
    expect(didYouMean('ab', ['xy'])).toBeUndefined();
    expect(didYouMean('abcdef', ['abcxyf'])).toBe('abcxyf');
    expect(didYouMean('abcdef', ['axyzef'])).toBeUndefined();
    expect(didYouMean('abcdef', ['axyzef'], { maxDistance: 3 })).toBe('axyzef');
  });

  it('prefers the exact-case candidate among case variants, then code-unit order', () => {
    expect(didYouMean('Stak', ['stack', 'Stack'])).toBe('Stack');
    expect(didYouMean('abcx', ['abcz', 'abcy'])).toBe('abcy');
  });

  it('does not depend on candidate order', () => {
    fc.assert(
      fc.property(word, fc.uniqueArray(word, { maxLength: 8 }), fc.nat(), (name, candidates, seed) => {
        const shuffled = [...candidates];
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = (seed + i * 7919) % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
        }
        expect(didYouMean(name, shuffled)).toBe(didYouMean(name, candidates));
      }),
      { numRuns },
    );
  });

  it('only suggests candidates within the threshold', () => {
    fc.assert(
      fc.property(word, fc.array(word, { maxLength: 8 }), (name, candidates) => {
        const s = didYouMean(name, candidates);
        if (s === undefined) return;
        expect(candidates).toContain(s);
        expect(editDistance(name.toLowerCase(), s.toLowerCase())).toBeLessThanOrEqual(
          Math.max(1, Math.floor(name.length / 3)),
        );
      }),
      { numRuns },
    );
  });
});
