import { describe, expect, it } from 'vitest';
import {
  byteLength,
  compareGoStrings,
  formatGoFloat,
  GoJsonError,
  goPtr,
  goStruct,
  isGoEmpty,
  marshal,
  marshalSize,
  quoteGoString,
} from '../../src/simulate/gojson.js';

/** Marshal and check the size-only path agrees on the byte count. */
function m(v: unknown): string {
  const out = marshal(v);
  expect(marshalSize(v)).toBe(Buffer.byteLength(out, 'utf8'));
  return out;
}

function nullProto(entries: Record<string, unknown>): Record<string, unknown> {
  return Object.assign(Object.create(null), entries);
}

describe('strings (Go encodeState.string with escapeHTML)', () => {
  it('escapes HTML-significant characters as \\u00XX', () => {
    expect(m('<a href="x">&</a>')).toBe('"\\u003ca href=\\"x\\"\\u003e\\u0026\\u003c/a\\u003e"');
  });

  it('writes non-ASCII and emoji as raw UTF-8', () => {
    const out = m('héllo 日本 😀');
    expect(out).toBe('"héllo 日本 😀"');
    // quotes 2 + "h" 1 + "é" 2 + "llo" 3 + " " 1 + "日本" 6 + " " 1 + "😀" 4
    expect(marshalSize('héllo 日本 😀')).toBe(2 + 1 + 2 + 3 + 1 + 6 + 1 + 4);
  });

  it('escapes U+2028 and U+2029', () => {
    expect(m('a\u2028b\u2029c')).toBe('"a\\u2028b\\u2029c"');
  });

  it('uses short escapes for " \\ \\b \\f \\n \\r \\t (Go >= 1.22) and \\u00XX for other controls', () => {
    expect(m('"\\')).toBe('"\\"\\\\"');
    expect(m('\b\f\n\r\t')).toBe('"\\b\\f\\n\\r\\t"');
    expect(m('\u0000\u0001\u000b\u001f')).toBe('"\\u0000\\u0001\\u000b\\u001f"');
    // DEL (0x7f) is not a control character for encoding/json: it passes through.
    expect(m('\u007f')).toBe('"\u007f"');
  });

  it('replaces lone surrogates with \\ufffd and keeps valid pairs', () => {
    expect(m('a\ud800b')).toBe('"a\\ufffdb"');
    expect(m('\udc00')).toBe('"\\ufffd"');
    expect(m('\ud83d')).toBe('"\\ufffd"');
    expect(m('\ud83d\ude00')).toBe('"😀"');
    // Reversed halves are two unpaired surrogates.
    expect(m('\ude00\ud83d')).toBe('"\\ufffd\\ufffd"');
  });

  it('has a fast path that returns the input unchanged when nothing needs escaping', () => {
    expect(quoteGoString('plain-ascii_text 123')).toBe('"plain-ascii_text 123"');
  });
});

describe('numbers (encoding/json floatEncoder, 64 bits)', () => {
  const cases: [number, string][] = [
    [0.1, '0.1'],
    [1e21, '1e+21'],
    [2.5e21, '2.5e+21'],
    [1e-7, '1e-7'],
    [-1.5e-7, '-1.5e-7'],
    [1.5e-10, '1.5e-10'],
    [1e-6, '0.000001'],
    [0.000123, '0.000123'],
    [100, '100'],
    [-0, '-0'],
    [0, '0'],
    [123456789.123, '123456789.123'],
    [1e20, '100000000000000000000'],
    [999999999999999900000, '999999999999999900000'],
    [5e-324, '5e-324'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
    [1.23e-100, '1.23e-100'],
    [2 ** 53, '9007199254740992'],
    [-42, '-42'],
  ];
  for (const [value, expected] of cases) {
    it(`${Object.is(value, -0) ? '-0' : value} -> ${expected}`, () => {
      expect(m(value)).toBe(expected);
      expect(formatGoFloat(value)).toBe(expected);
    });
  }

  it('writes bigint as exact integer digits (2^53+1)', () => {
    expect(m(9007199254740993n)).toBe('9007199254740993');
    expect(m(-(2n ** 63n))).toBe('-9223372036854775808');
  });

  it('rejects NaN and infinities like Go (UnsupportedValueError)', () => {
    expect(() => marshal(Number.NaN)).toThrow(new GoJsonError('json: unsupported value: NaN'));
    expect(() => marshal(Number.POSITIVE_INFINITY)).toThrow('json: unsupported value: +Inf');
    expect(() => marshalSize({ a: [Number.NEGATIVE_INFINITY] })).toThrow('json: unsupported value: -Inf');
  });
});

describe('maps (map[string]any)', () => {
  it('sorts keys at every level', () => {
    expect(m({ b: 1, a: { d: 2, c: 3 }, C: true })).toBe('{"C":true,"a":{"c":3,"d":2},"b":1}');
  });

  it('sorts by UTF-8 bytes, not UTF-16 code units', () => {
    // U+FF61 is EF BD A1 in UTF-8 and 0xFF61 in UTF-16; U+1F600 is F0 9F 98 80 and 0xD83D 0xDE00.
    // UTF-16 order puts the emoji first, Go's byte order puts U+FF61 first.
    const v = { '😀': 2, '\uff61': 1, '\ue000': 0 };
    expect(Object.keys(v).sort()).toEqual(['😀', '\ue000', '\uff61']);
    expect(m(v)).toBe('{"\ue000":0,"\uff61":1,"😀":2}');
    expect(compareGoStrings('\uff61', '😀')).toBeLessThan(0);
    expect(compareGoStrings('Z', '_')).toBeLessThan(0);
    expect(compareGoStrings('_', 'a')).toBeLessThan(0);
    expect(compareGoStrings('a', 'a')).toBe(0);
  });

  it('orders integer-like keys as strings, not numerically', () => {
    expect(m({ 10: 'x', 9: 'y', 1: 'z' })).toBe('{"1":"z","10":"x","9":"y"}');
  });

  it('treats __proto__ as an ordinary key, in plain and null-prototype objects', () => {
    const parsed = JSON.parse('{"a":2,"__proto__":{"x":1}}');
    expect(m(parsed)).toBe('{"__proto__":{"x":1},"a":2}');
    const np = nullProto({ z: 1 });
    // No prototype, so assignment creates an own property rather than calling a setter.
    Reflect.set(np, '__proto__', 'p');
    expect(m(np)).toBe('{"__proto__":"p","z":1}');
  });

  it('serialises Map like a Go map', () => {
    expect(
      m(
        new Map<unknown, unknown>([
          ['b', 1],
          ['a', [true]],
        ]),
      ),
    ).toBe('{"a":[true],"b":1}');
  });

  it('escapes keys like strings', () => {
    expect(m({ '<k>': 1 })).toBe('{"\\u003ck\\u003e":1}');
  });

  it('distinguishes empty map, empty slice and nil', () => {
    expect(m({ m: {}, s: [], n: null, u: undefined })).toBe('{"m":{},"n":null,"s":[],"u":null}');
  });

  it('reports cycles instead of looping', () => {
    const a: Record<string, unknown> = {};
    a.self = a;
    expect(() => marshal(a)).toThrow(GoJsonError);
    expect(() => marshalSize([a])).toThrow('encountered a cycle');
  });

  it('allows the same object twice when it is not a cycle (YAML aliases)', () => {
    const shared = { k: 'v' };
    expect(m({ a: shared, b: shared })).toBe('{"a":{"k":"v"},"b":{"k":"v"}}');
  });

  it('rejects values JSON cannot represent', () => {
    expect(() => marshal({ f: () => 1 })).toThrow(GoJsonError);
    expect(() => marshal(Symbol('s'))).toThrow(GoJsonError);
    expect(() => marshal(new Date(0))).toThrow('unsupported type: Date');
  });
});

describe('structs', () => {
  it('keeps declaration order and applies omitempty', () => {
    const s = goStruct([
      ['z', 1],
      ['a', 'x'],
      ['gone_false', false, { omitempty: true }],
      ['gone_zero', 0, { omitempty: true }],
      ['gone_empty_string', '', { omitempty: true }],
      ['gone_nil', null, { omitempty: true }],
      ['gone_empty_map', {}, { omitempty: true }],
      ['gone_empty_slice', [], { omitempty: true }],
      ['kept_map', {}],
      ['kept_slice', []],
      ['kept_nil', null],
      ['kept_false', false],
      ['kept_nonempty', [0], { omitempty: true }],
    ]);
    expect(m(s)).toBe(
      '{"z":1,"a":"x","kept_map":{},"kept_slice":[],"kept_nil":null,"kept_false":false,"kept_nonempty":[0]}',
    );
  });

  it('never omits a non-nil pointer, even to zero', () => {
    const s = goStruct([
      ['batch_index', goPtr(0), { omitempty: true }],
      ['nil_ptr', null, { omitempty: true }],
    ]);
    expect(m(s)).toBe('{"batch_index":0}');
  });

  it('writes {} when every field is omitted, and never omits a nested struct', () => {
    expect(m(goStruct([['a', '', { omitempty: true }]]))).toBe('{}');
    expect(m(goStruct([['inner', goStruct([]), { omitempty: true }]]))).toBe('{"inner":{}}');
    expect(isGoEmpty(goStruct([]))).toBe(false);
  });

  it('HTML-escapes field names as Go precomputes nameEscHTML', () => {
    expect(m(goStruct([['a&b', 1]]))).toBe('{"a\\u0026b":1}');
  });
});

describe('byteLength', () => {
  it('counts UTF-8 bytes, lone surrogates as U+FFFD', () => {
    expect(byteLength('abc')).toBe(3);
    expect(byteLength('é')).toBe(2);
    expect(byteLength('日')).toBe(3);
    expect(byteLength('😀')).toBe(4);
    expect(byteLength('\ud800')).toBe(3);
  });
});
