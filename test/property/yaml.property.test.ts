import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { isPlainMapPrototype } from '../../src/core/dict.js';
import { SourceFile } from '../../src/core/source.js';
import { resolvePlainScalar } from '../../src/load/scalars.js';
import { type IncludeResult, type ParseOptions, parseYaml } from '../../src/load/yaml.js';

// Issue 10: the YAML loader (src/load/yaml.ts) round-trips what the `yaml` package writes, and never
// throws, whatever the text.

const RUNS = Number(process.env.FC_RUNS ?? 300);

function toMap(entries: [string, unknown][]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // defineProperty keeps `__proto__` an own data property.
  for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true });
  return out;
}

/**
 * Strings yaml.v3 reads back as themselves when written plain. `yaml` quotes what YAML 1.2 core
 * would resolve to another type, but yaml.v3 also reads `1_000`, `0b101` or `-1_0` as numbers, so
 * those are only generated where every string is written quoted. `<<` is a merge key when plain.
 */
const plainSafe = (s: string) => resolvePlainScalar(s) === s && s !== '<<';

const anyString = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.constantFrom(
    '1_000',
    '0b101',
    '-1_0',
    'yes',
    'on',
    '---',
    '...',
    '- a',
    'a: b',
    '#x',
    '  x  ',
    '\n',
    '12:30',
  ),
  fc.constantFrom(
    'True',
    'null',
    '~',
    '0777',
    '.5',
    '1e400',
    '2001-12-14',
    '{{ .vars.x }}',
    '!env X',
    '*a',
    '&a',
  ),
);
const keyString = anyString.filter((s) => s !== '<<');
const number = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(2 ** 53 + 2, 2 ** 60, -(2 ** 63), 1e21, 5e-324, Number.MAX_VALUE),
);

function values(str: fc.Arbitrary<string>) {
  return fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      str,
      number,
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('value'), { maxLength: 4 }),
      fc
        .uniqueArray(fc.tuple(keyString, tie('value')), { maxLength: 4, selector: ([k]) => k })
        .map((e) => toMap(e as [string, unknown][])),
    ),
  })).value;
}

/** A value with one object or list used in several places, so `yaml` writes an anchor and aliases. */
function withShared(value: fc.Arbitrary<unknown>) {
  return fc
    .tuple(
      value,
      fc.oneof(
        fc.array(value, { minLength: 1, maxLength: 3 }),
        value.filter((v) => isObject(v)),
      ),
    )
    .map(([v, shared]) =>
      toMap([
        ['value', v],
        ['first', shared],
        ['again', [shared, { nested: shared }]],
      ]),
    );
}

const isObject = (v: unknown): v is object => v !== null && typeof v === 'object';

/** Equality with yaml.v3's number rules: integers beyond 2^53 come back as bigint, -0 as 0. */
function sameValue(actual: unknown, expected: unknown): boolean {
  if (typeof expected === 'number') {
    if (typeof actual === 'bigint') return Number(actual) === expected;
    if (typeof actual !== 'number') return false;
    return Number.isNaN(expected) ? Number.isNaN(actual) : actual === expected;
  }
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((x, i) => sameValue(actual[i], x))
    );
  }
  if (isObject(expected)) {
    if (!isObject(actual) || Array.isArray(actual)) return false;
    if (!isPlainMapPrototype(Object.getPrototypeOf(actual))) return false;
    const ek = Object.keys(expected);
    const ak = Object.keys(actual);
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    return ek.length === ak.length && ek.every((k) => Object.hasOwn(a, k) && sameValue(a[k], e[k]));
  }
  return Object.is(actual, expected);
}

function load(text: string, opts?: ParseOptions) {
  return parseYaml(new SourceFile('/repo/stacks/p.yaml', text), { tags: 'stack', ...opts });
}

function expectRoundTrip(v: unknown, text: string): void {
  const r = load(text);
  expect(r.problems.map((p) => p.message)).toEqual([]);
  if (!sameValue(r.value, v)) expect({ text, value: r.value }).toEqual({ text, value: v });
}

const protoNames = () => Object.getOwnPropertyNames(Object.prototype).sort();
const PROTO_BEFORE = protoNames();

describe('parseYaml round-trips documents written by the `yaml` package', () => {
  it('plain style where yaml.v3 would read the plain text back unchanged', () => {
    fc.assert(
      fc.property(withShared(values(anyString.filter(plainSafe))), (v) => {
        expectRoundTrip(v, stringify(v));
      }),
      { numRuns: RUNS },
    );
  });

  it('every string double-quoted, so no plain-scalar rule applies', () => {
    fc.assert(
      fc.property(withShared(values(anyString)), fc.boolean(), (v, flow) => {
        const text = stringify(v, {
          defaultStringType: 'QUOTE_DOUBLE',
          defaultKeyType: 'PLAIN',
          ...(flow ? { collectionStyle: 'flow' as const } : {}),
        });
        expectRoundTrip(v, text);
      }),
      { numRuns: RUNS },
    );
  });

  it('a root that is a scalar or a list', () => {
    fc.assert(
      fc.property(values(anyString.filter(plainSafe)), (v) => expectRoundTrip(v, stringify(v))),
      { numRuns: RUNS },
    );
  });
});

/** Fragments that lead the YAML lexer and parser into their interesting states. */
const fragment = fc.constantFrom(
  '\n',
  ' ',
  '  ',
  '\t',
  '\r\n',
  '- ',
  ': ',
  ':',
  '? ',
  ',',
  '[',
  ']',
  '{',
  '}',
  '&a ',
  '&b ',
  '*a',
  '*b',
  '<<: ',
  '<<: [*a, *b]',
  '!append ',
  '!include ./x.yaml',
  '!include.raw x.txt',
  '!env X d',
  '!literal ',
  '!!str ',
  '!!int ',
  '!!map ',
  '!!binary ',
  '!unknown ',
  '!',
  '!<tag:x> ',
  '"',
  "'",
  '\\',
  '|',
  '>-',
  '#',
  '%YAML 1.2\n',
  '%TAG !e! tag:e.com,2000:\n',
  '---\n',
  '...\n',
  'a',
  'key',
  '1',
  '0x1F',
  '1_000',
  '~',
  'null',
  'True',
  '__proto__',
  'constructor',
  '__atmos_append__',
  '\uFEFF',
  '\u0000',
  '\u0085',
  '\u2028',
  '\ud800',
  '😀',
  '{{ .x }}',
);
const soup = fc.array(fragment, { maxLength: 40 }).map((parts) => parts.join(''));

const includeResult = fc.oneof(
  fc.constant<IncludeResult>({ value: { included: [1, 2] } }),
  fc.constant<IncludeResult>({ value: 'text' }),
  fc.constant<IncludeResult>({ value: null }),
);

function expectWellFormed(text: string, opts: ParseOptions): void {
  const file = new SourceFile('/repo/stacks/any.yaml', text);
  const r = parseYaml(file, opts);
  expect(r.file).toBe(file);
  expect(r.value).not.toBe(undefined);
  for (const p of r.problems) {
    expect([
      'yaml-syntax',
      'unknown-yaml-tag',
      'import-not-found',
      'import-outside-repo',
      'invalid-manifest',
    ]).toContain(p.code);
    expect(typeof p.message === 'string' && p.message.length > 0).toBe(true);
    const len = p.loc.file.text.length;
    const ok =
      Number.isInteger(p.loc.start) &&
      Number.isInteger(p.loc.end) &&
      p.loc.start >= 0 &&
      p.loc.start <= p.loc.end &&
      p.loc.end <= len;
    if (!ok)
      expect({ text, problem: p.message, start: p.loc.start, end: p.loc.end, len }).toBe('a valid range');
  }
}

const mode = fc.constantFrom<ParseOptions['tags']>('stack', 'config', 'strip');

describe('parseYaml never throws', () => {
  it.each([
    ['fc.string()', fc.string({ maxLength: 60 })],
    ['full Unicode (binary) strings', fc.string({ unit: 'binary', maxLength: 60 })],
    ['YAML-token soup', soup],
  ] as const)('on %s, and every problem has a valid range', (_name, text) => {
    fc.assert(
      fc.property(text, mode, fc.option(includeResult), (t, tags, inc) => {
        const include = inc ? () => inc : undefined;
        expectWellFormed(t, { tags, ...(include ? { include } : {}) });
      }),
      { numRuns: RUNS },
    );
    expect(protoNames()).toEqual(PROTO_BEFORE);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('locates a syntax error at the end of the input inside the text', () => {
    // Found by the property: eemeli/yaml reports "{" as missing "}" at [1, 2], past the text.
    for (const text of ['{', '[', 'a: "x', 'a: [1,']) {
      const p = load(text).problems[0];
      expect(p?.code).toBe('yaml-syntax');
      expect(p!.loc.end).toBeLessThanOrEqual(text.length);
    }
  });

  it('on a problem from !include, whose location is in another file', () => {
    const other = new SourceFile('/repo/stacks/other.yaml', 'x');
    const problem: IncludeResult = {
      problem: { code: 'import-not-found', message: 'not found', loc: { file: other, start: 0, end: 1 } },
    };
    fc.assert(
      fc.property(soup, (t) => expectWellFormed(`${t}\nk: !include ./x.yaml\n`, { include: () => problem })),
      { numRuns: RUNS },
    );
  });
});
