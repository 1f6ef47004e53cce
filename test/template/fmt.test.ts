import { describe, expect, it } from 'vitest';
import { formatFloat } from '../../src/template/gofloat.js';
import { formatV, sprint, sprintf, sprintln } from '../../src/template/gofmt.js';
import { GoFloat, GoInt, renderTemplate } from '../../src/template/index.js';
import { newMap } from '../../src/template/values.js';

describe('fmt.Sprintf verbs (fmt_test.go style)', () => {
  const cases: [string, unknown[], string][] = [
    ['%s', ['hello'], 'hello'],
    ['%5s|%-5s|', ['ab', 'cd'], '   ab|cd   |'],
    ['%05s', ['ab'], '000ab'],
    ['%.1s|%5.1s', ['abc', 'abc'], 'a|    a'],
    ['%q', ['hi\n"x"'], '"hi\\n\\"x\\""'],
    ['%#q', ['hi'], '`hi`'],
    ['%+q', ['é'], '"\\u00e9"'],
    ['%x|% x|%#x|%X', ['hello', 'hi', 'hi', 'hi'], '68656c6c6f|68 69|0x6869|6869'],
    ['%d|%5d|%-5d|%05d|%+d|% d', [42, 42, 42, -42, 42, 42], '42|   42|42   |-0042|+42| 42'],
    ['%x|%X|%#x|%o|%#o|%O|%b|%#b', [255, 255, 255, 8, 8, 8, 5, 5], 'ff|FF|0xff|10|010|0o10|101|0b101'],
    ['%x', [-255], '-ff'],
    ['%c|%q|%U|%#U', [65, 65, 0x1f600, 65], "A|'A'|U+1F600|U+0041 'A'"],
    ['%.3d|%8.3d', [7, 7], '007|     007'],
    [
      '%f|%.2f|%8.3f|%-8.3f|%08.3f',
      [2.34567, 2.34567, 2.34567, 2.34567, 2.34567],
      '2.345670|2.35|   2.346|2.346   |0002.346',
    ],
    ['%e|%E|%+.1e', [1234.5678, 1234.5678, 12345.678], '1.234568e+03|1.234568E+03|+1.2e+04'],
    [
      '%g|%g|%g|%G|%.3g|%g',
      [new GoFloat(100000), new GoFloat(1000000), 0.00001234, 1e-10, 2.34567, 100000],
      '100000|1e+06|1.234e-05|1E-10|2.35|%!g(int=100000)',
    ],
    ['%#g|%#.3g', [new GoFloat(1), new GoFloat(2)], '1.00000|2.00'],
    ['%v|%v|%v|%v', [0.1, 1e21, 123456789.5, -0.000001], '0.1|1e+21|1.234567895e+08|-1e-06'],
    ['%.0f|%.0f|%.1f|%.2f', [2.5, 3.5, 0.25, 1.005], '2|4|0.2|1.00'],
    [
      '%f|%v|%v|%05f|%+f|%+v',
      [
        Number.POSITIVE_INFINITY,
        Number.NEGATIVE_INFINITY,
        Number.NaN,
        Number.POSITIVE_INFINITY,
        Number.NaN,
        Number.NaN,
      ],
      '+Inf|-Inf|NaN| +Inf|+NaN|NaN',
    ],
    ['%x|%X|%.2x|%X', [new GoFloat(1), new GoFloat(3), 3.5, 255], '0x1p+00|0X1.8P+01|0x1.c0p+01|FF'],
    ['%t|%v', [true, false], 'true|false'],
    ['%t', [1], '%!t(int=1)'],
    ['%d', ['x'], '%!d(string=x)'],
    ['%s|%v|%d', [null, null, null], '%!s(<nil>)|<nil>|%!d(<nil>)'],
    [
      '%T|%T|%T|%T|%T|%T',
      [1, 1.5, 'x', [1], { a: 1 }, null],
      'int|float64|string|[]interface {}|map[string]interface {}|<nil>',
    ],
    ['%T|%T', [new GoInt('int64', 3n), new GoInt('uint8', 3n)], 'int64|uint8'],
    ['%v', [{ b: [1, 2], a: { c: null } }], 'map[a:map[c:<nil>] b:[1 2]]'],
    [
      '%d|%s',
      [
        [1, 2],
        [1, 'a'],
      ],
      '[1 2]|[%!s(int=1) a]',
    ],
    ['%q', [['a', 'b']], '["a" "b"]'],
    ['%5v', [[1, 2]], '[    1     2]'],
    ['%#v|%#v|%#v', ['x', [1, 'a'], { a: 1 }], '"x"|[]interface {}{1, "a"}|map[string]interface {}{"a":1}'],
    ['%[2]d %[1]d', [1, 2], '2 1'],
    ['%*d|%-*d|', [5, 42, 4, 7], '   42|7   |'],
    ['%.*f', [2, 2.34567], '2.35'],
    ['%d %d', [1], '1 %!d(MISSING)'],
    ['x', [1, 'a'], 'x%!(EXTRA int=1, string=a)'],
    ['%z', [1], '%!z(int=1)'],
    ['100%%', [], '100%'],
    ['%', [], '%!(NOVERB)'],
    ['%[3]d', [1], '%!d(BADINDEX)'],
    [
      '%v|%d',
      [123456789012345678901n, new GoInt('uint64', 18446744073709551615n)],
      '123456789012345678901|18446744073709551615',
    ],
  ];
  it.each(cases)('%s (case %#)', (format, args, expected) => {
    expect(sprintf(format, args)).toBe(expected);
  });
});

describe('fmt.Sprint / Sprintln / %v', () => {
  it('spaces operands like Go', () => {
    expect(sprint(['a', 1, 2, 'b', 'c', 3])).toBe('a1 2bc3');
    expect(sprint([1, null, true])).toBe('1 <nil> true');
    expect(sprintln(['a', 1])).toBe('a 1\n');
  });

  it('sorts map keys by bytes and prints nested nil', () => {
    const m = newMap();
    Object.assign(m, { b: 2, B: 1, a: [null, 'x'], é: 3 });
    expect(formatV(m)).toBe('map[B:1 a:[<nil> x] b:2 é:3]');
  });

  it('prints integral floats without a fraction and large ones in exponent form', () => {
    expect(formatV(new GoFloat(3))).toBe('3');
    expect(formatV(new GoFloat(1e6))).toBe('1e+06');
    expect(formatV(999999.5)).toBe('999999.5');
    expect(formatV(1e21)).toBe('1e+21');
    expect(formatV(0.0001)).toBe('0.0001');
    expect(formatV(0.00001)).toBe('1e-05');
  });
});

describe('strconv.FormatFloat', () => {
  const cases: [number, string, number, string][] = [
    [1e6, 'g', -1, '1e+06'],
    [999999, 'g', -1, '999999'],
    [1234567, 'g', -1, '1.234567e+06'],
    [608863452348.1149, 'g', -1, '6.088634523481149e+11'],
    [0.1, 'f', 20, '0.10000000000000000555'],
    [5e-324, 'g', -1, '5e-324'],
    [1.7976931348623157e308, 'g', -1, '1.7976931348623157e+308'],
    [-0, 'g', -1, '-0'],
    [123456, 'g', 3, '1.23e+05'],
    [0, 'e', -1, '0e+00'],
    [1, 'b', -1, '4503599627370496p-52'],
  ];
  it.each(cases)('%d %s %d', (f, fmt, prec, expected) => {
    expect(formatFloat(f, fmt, prec)).toBe(expected);
  });
});

describe('printf inside templates', () => {
  it('formats values from data', () => {
    const out = renderTemplate('{{printf "%s-%d-%v-%q" .a .b .c .a}}', { a: 'x', b: 3, c: [1, 'y'] });
    expect(out).toBe('x-3-[1 y]-"x"');
  });
});
