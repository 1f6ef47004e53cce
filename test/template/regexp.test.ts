import { describe, expect, it } from 'vitest';
import { compileRegexp, quoteMeta, RegexpSyntaxError } from '../../src/template/re2.js';

const noop = () => {};

function find(re: string, s: string): string | null {
  const m = compileRegexp(re).exec(s, 0, noop);
  return m === null ? null : s.slice(m[0], m[1]);
}

function findAll(re: string, s: string, n = -1): string[] {
  return compileRegexp(re)
    .findAll(s, n, noop)
    .map((m) => s.slice(m[0], m[1]));
}

function groups(re: string, s: string): (string | null)[] | null {
  const m = compileRegexp(re).exec(s, 0, noop);
  if (m === null) return null;
  const out: (string | null)[] = [];
  for (let i = 0; i < m.length; i += 2) out.push(m[i]! < 0 ? null : s.slice(m[i], m[i + 1]));
  return out;
}

describe('RE2 matching semantics (Go regexp)', () => {
  const cases: [string, string, string | null][] = [
    ['a|ab', 'ab', 'a'],
    ['ab|a', 'ab', 'ab'],
    ['a+?', 'aaa', 'a'],
    ['a+', 'baaab', 'aaa'],
    ['a$', 'a\n', null],
    ['(?m)a$', 'a\nb', 'a'],
    ['^b', 'a\nb', null],
    ['(?m)^b', 'a\nb', 'b'],
    ['a.c', 'a\nc', null],
    ['(?s)a.c', 'a\nc', 'a\nc'],
    ['(?i)abc', 'xABCx', 'ABC'],
    ['a(?i:b)c', 'aBc', 'aBc'],
    ['a(?i:b)c', 'aBC', null],
    ['\\bfoo\\b', 'a foo b', 'foo'],
    ['\\Bfoo', 'afoo', 'foo'],
    ['\\pL+', 'héllo123', 'héllo'],
    ['\\p{Greek}+', 'abc αβγ', 'αβγ'],
    ['[[:alpha:]]+', 'héllo', 'h'],
    ['[^a-z]+', 'abcDEF', 'DEF'],
    ['\\d{2,3}', 'a12345', '123'],
    ['x{2}', 'xxx', 'xx'],
    ['x{2,}?', 'xxxx', 'xx'],
    ['\\x41\\x{42}\\103', 'ABC', 'ABC'],
    ['\\Qa.b\\E', 'a.b axb', 'a.b'],
    ['[\\d\\s]+', 'ab1 2c', '1 2'],
    ['\\.', 'a.b', '.'],
    ['(?U)a+', 'aaa', 'a'],
    ['', 'abc', ''],
    ['a{,2}', 'a{,2}', 'a{,2}'],
    ['\\A\\w+\\z', 'word', 'word'],
  ];
  it.each(cases)('%s on %j', (re, s, expected) => {
    expect(find(re, s)).toBe(expected);
  });

  it('reports submatches leftmost-first', () => {
    expect(groups('(a|ab)(c|bcd)(d*)', 'abcd')).toEqual(['abcd', 'a', 'bcd', '']);
    expect(groups('(a)|(b)', 'b')).toEqual(['b', null, 'b']);
    expect(groups('(?P<first>\\w+) (?<last>\\w+)', 'Ada Lovelace')).toEqual([
      'Ada Lovelace',
      'Ada',
      'Lovelace',
    ]);
  });

  it('finds all non-overlapping matches like Go', () => {
    expect(findAll('a*', 'baaab')).toEqual(['', 'aaa', '']);
    expect(findAll('a.', 'paranormal')).toEqual(['ar', 'an', 'al']);
    expect(findAll('a.', 'paranormal', 2)).toEqual(['ar', 'an']);
    expect(findAll('', 'abc')).toEqual(['', '', '', '']);
  });

  it('replaces like ReplaceAllString, with $ expansion', () => {
    const r = (re: string, src: string, repl: string) => {
      const g = compileRegexp(re);
      return g.replaceAll(src, (m) => g.expand(repl, src, m), noop);
    };
    expect(r('a*', 'baaab', '-')).toBe('-b-b-');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Go template or regexp syntax, not a JS template
    expect(r('a(x*)b', '-ab-axxb-', '${1}W')).toBe('-W-xxW-');
    expect(r('a(x*)b', '-ab-axxb-', '$1W')).toBe('---');
    expect(r('a(x*)b', '-ab-axxb-', '$$1')).toBe('-$1-$1-');
    expect(r('(?P<k>\\w+)=(?P<v>\\w+)', 'a=1 b=2', '$v:$k')).toBe('1:a 2:b');
  });

  it('splits like Regexp.Split', () => {
    const split = (re: string, s: string, n: number) => compileRegexp(re).split(s, n, noop);
    expect(split('z+', 'pizza', -1)).toEqual(['pi', 'a']);
    expect(split('a', 'banana', -1)).toEqual(['b', 'n', 'n', '']);
    expect(split('a', 'banana', 2)).toEqual(['b', 'nana']);
    expect(split('a', 'banana', 0)).toEqual([]);
    expect(split('', 'abc', -1)).toEqual(['a', 'b', 'c']);
    expect(split('x', '', -1)).toEqual(['']);
  });

  it('quotes metacharacters', () => {
    expect(quoteMeta('1.2.3 [a]+(b)?')).toBe('1\\.2\\.3 \\[a\\]\\+\\(b\\)\\?');
  });

  it('runs in linear time on patterns that make backtracking engines explode', () => {
    const input = `${'a'.repeat(5000)}!`;
    const start = Date.now();
    expect(find('(a+)+$', input)).toBeNull();
    expect(find('(a|a)*b', input)).toBeNull();
    expect(find('.*.*.*.*x', input)).toBeNull();
    expect(Date.now() - start).toBeLessThan(5000);
  });
});

describe('RE2 syntax errors (Go messages)', () => {
  const cases: [string, string][] = [
    ['(', 'missing closing ): `(`'],
    ['a)', 'unexpected ): `a)`'],
    ['[a', 'missing closing ]: `[a`'],
    ['a**', 'invalid nested repetition operator: `**`'],
    ['*', 'missing argument to repetition operator: `*`'],
    ['a{1001}', 'invalid repeat count: `{1001}`'],
    ['\\8', 'invalid escape sequence: `\\8`'],
    ['\\1', 'invalid escape sequence: `\\1`'],
    ['(?=x)', 'invalid or unsupported Perl syntax: `(?=`'],
    ['[z-a]', 'invalid character class range: `z-a`'],
    ['\\p{Nope}', 'invalid character class range: `\\p{Nope}`'],
    ['(?P<1a-b>x)', 'invalid named capture: `(?P<1a-b>`'],
  ];
  it.each(cases)('%s', (re, message) => {
    expect(() => compileRegexp(re)).toThrow(RegexpSyntaxError);
    expect(() => compileRegexp(re)).toThrow(`error parsing regexp: ${message}`);
  });
});
