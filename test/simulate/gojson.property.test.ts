import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GoPtr, GoStruct, goPtr, goStruct, marshal, marshalSize } from '../../src/simulate/gojson.js';

const RUNS = Number(process.env.FC_RUNS ?? 150);

// Strings that exercise every escaping branch: HTML characters, controls, U+2028/9, lone and paired
// surrogates, characters whose UTF-8 and UTF-16 orders disagree.
const specialChar = fc.constantFrom(
  '<',
  '>',
  '&',
  '"',
  '\\',
  '\n',
  '\b',
  '\u0000',
  '\u001f',
  '\u007f',
  '\u2028',
  '\u2029',
  '\ud800',
  '\udfff',
  '😀',
  '\uff61',
  '\ue000',
  'é',
  '日',
);
const tricky = fc
  .array(fc.oneof(fc.string({ unit: 'binary', maxLength: 3 }), specialChar), { maxLength: 6 })
  .map((parts) => parts.join(''));
const key = fc.oneof(fc.constantFrom('__proto__', 'a', 'B', '_', '10', '9', ''), tricky);
const finite = fc.double({ noNaN: true, noDefaultInfinity: true });

function toMap(entries: [string, unknown][], nullProto: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = nullProto ? Object.create(null) : {};
  // defineProperty keeps `__proto__` an own data property in ordinary objects too.
  for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true });
  return out;
}

/** JSON-like data, as YAML produces it. */
const { data } = fc.letrec((tie) => ({
  data: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    finite,
    fc.integer(),
    tricky,
    fc.array(tie('data'), { maxLength: 4 }),
    fc
      .tuple(fc.array(fc.tuple(key, tie('data')), { maxLength: 4 }), fc.boolean())
      .map(([entries, np]) => toMap(entries, np)),
  ),
}));

/** Data plus the Go-only shapes: structs, pointers, bigints, undefined, Map. */
const { goValue } = fc.letrec((tie) => ({
  goValue: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    data,
    fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }),
    fc.constant(undefined),
    tie('goValue').map((v) => goPtr(v)),
    fc
      .array(fc.tuple(key, tie('goValue'), fc.boolean()), { maxLength: 4 })
      .map((fields) => goStruct(fields.map(([k, v, omitempty]) => [k, v, { omitempty }] as const))),
    fc.array(fc.tuple(key, tie('goValue')), { maxLength: 3 }).map((entries) => new Map(entries)),
  ),
}));

const LONE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** What JSON.parse(marshal(v)) must give back: lone surrogates become U+FFFD. */
function expected(v: unknown): unknown {
  if (typeof v === 'string') return v.replace(LONE, '\ufffd');
  if (Array.isArray(v)) return v.map(expected);
  if (v !== null && typeof v === 'object') {
    return Object.keys(v).map((k) => [
      k.replace(LONE, '\ufffd'),
      expected((v as Record<string, unknown>)[k]),
    ]);
  }
  return v;
}

/** Structural equality with key order ignored; own keys only, so `__proto__` is just a key. */
function sameData(actual: unknown, exp: unknown): boolean {
  if (
    Array.isArray(exp) &&
    exp.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string')
  ) {
    // An expected object: a list of [key, value] pairs (it may also be an array of pairs, so fall back).
    if (actual !== null && typeof actual === 'object' && !Array.isArray(actual)) {
      const keys = Object.keys(actual);
      if (keys.length !== exp.length) return false;
      return exp.every(
        ([k, v]) => Object.hasOwn(actual, k) && sameData((actual as Record<string, unknown>)[k], v),
      );
    }
  }
  if (Array.isArray(exp)) {
    return (
      Array.isArray(actual) && actual.length === exp.length && exp.every((e, i) => sameData(actual[i], e))
    );
  }
  return actual === exp;
}

/**
 * An independent oracle: JSON.stringify already matches Go for numbers and for the escapes of
 * `"`, `\`, \b \f \n \r \t and other controls (lower-case hex); Go additionally sorts map keys by
 * UTF-8 bytes, escapes < > & and U+2028/9, and replaces lone surrogates (which JSON.stringify writes
 * as \udXXX).
 */
function goOracle(v: unknown): string {
  return stringifySorted(v)
    .replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/\\\\|\\ud[89a-f][0-9a-f]{2}/g, (t) => (t === '\\\\' ? t : '\\ufffd'));
}

function stringifySorted(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stringifySorted).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const keys = Object.keys(v).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stringifySorted((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

describe('gojson properties', () => {
  it('marshalSize(v) === Buffer.byteLength(marshal(v))', () => {
    fc.assert(
      fc.property(goValue, (v) => {
        expect(marshalSize(v)).toBe(Buffer.byteLength(marshal(v), 'utf8'));
      }),
      { numRuns: RUNS },
    );
  });

  it('marshal output is JSON that parses back to the same data (modulo key order)', () => {
    fc.assert(
      fc.property(data, (v) => {
        const parsed = JSON.parse(marshal(v));
        expect(sameData(parsed, expected(v))).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('matches JSON.stringify with Go key order and Go escaping', () => {
    const noNegZero = data.filter(
      (v) => !JSON.stringify(v, (_k, x) => (Object.is(x, -0) ? '-0!' : x)).includes('-0!'),
    );
    fc.assert(
      fc.property(noNegZero, (v) => {
        expect(marshal(v)).toBe(goOracle(v));
      }),
      { numRuns: RUNS },
    );
  });

  it('is valid compact JSON for Go-only shapes too', () => {
    fc.assert(
      fc.property(goValue, (v) => {
        const text = marshal(v);
        expect(() => JSON.parse(text)).not.toThrow();
        expect(text).not.toMatch(/[\n\r\t]/);
      }),
      { numRuns: RUNS },
    );
    expect(goPtr(1)).toBeInstanceOf(GoPtr);
    expect(goStruct([])).toBeInstanceOf(GoStruct);
  });
});
