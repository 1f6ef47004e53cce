import { describe, expect, it } from 'vitest';
import { SourceFile, spanOf } from '../../src/core/source.js';
import { entryLoc } from '../../src/load/origin.js';
import { resolvePlainScalar } from '../../src/load/scalars.js';
import { parseYaml } from '../../src/load/yaml.js';

function load(text: string) {
  return parseYaml(new SourceFile('/repo/stacks/a.yaml', text), { tags: 'stack' });
}

describe('resolvePlainScalar (yaml.v3 resolve rules)', () => {
  it.each([
    ['0777', 511],
    ['0o17', 15],
    ['0x1F', 31],
    ['0b101', 5],
    ['1_000', 1000],
    ['-12', -12],
    ['1.5', 1.5],
    ['1e3', 1000],
    ['.5', 0.5],
    ['08', 8],
    ['yes', 'yes'],
    ['on', 'on'],
    ['True', true],
    ['FALSE', false],
    ['~', null],
    ['Null', null],
    ['2001-12-14', '2001-12-14'],
    ['1e400', '1e400'],
    ['12abc', '12abc'],
    ['-.inf', Number.NEGATIVE_INFINITY],
  ] as const)('%s', (text, expected) => {
    expect(resolvePlainScalar(text)).toEqual(expected);
  });

  it('keeps integers beyond 2^53 exact as bigint', () => {
    // Beyond uint64 yaml.v3 falls back to float64, as Go's ParseFloat does.
    expect(resolvePlainScalar('123456789012345678901')).toBe(1.2345678901234568e20);
    expect(resolvePlainScalar('9007199254740993')).toBe(9007199254740993n);
    expect(resolvePlainScalar('18446744073709551615')).toBe(18446744073709551615n);
  });
});

describe('parseYaml', () => {
  it('converts maps to objects without inherited properties and keeps __proto__ as an ordinary key', () => {
    const r = load('__proto__: {polluted: true}\nconstructor: 1\n');
    const v = r.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(Object.getPrototypeOf(v))).toBe(null);
    expect('toString' in v).toBe(false);
    expect('hasOwnProperty' in v).toBe(false);
    expect(Object.keys(v)).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('applies merge keys like yaml.v3: explicit keys win, earlier sources win', () => {
    const r = load('a: &a {x: 1, y: 1}\nb: &b {y: 2, z: 2}\nc:\n  <<: [*a, *b]\n  x: 0\n');
    expect((r.value as Record<string, unknown>).c).toEqual({ x: 0, y: 1, z: 2 });
  });

  it('turns Atmos function tags into "!tag args" strings and reports unknown tags with a suggestion', () => {
    const r = load('a: !env FOO bar\nb: !terraform.outptu vpc id\n');
    const v = r.value as Record<string, unknown>;
    expect(v.a).toBe('!env FOO bar');
    expect(v.b).toBe('!terraform.outptu vpc id');
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.code).toBe('unknown-yaml-tag');
    expect(r.problems[0]!.message).toContain('Did you mean "!terraform.output"?');
    expect(spanOf(r.problems[0]!.loc)).toEqual({ line: 2, column: 4, endLine: 2, endColumn: 21 });
  });

  it('wraps !append lists the way the Atmos merge expects', () => {
    const r = load('a: !append [1, 2]\n');
    expect((r.value as Record<string, unknown>).a).toEqual({ __atmos_append__: [1, 2] });
  });

  it('!literal keeps the value and clears the tag', () => {
    const r = load('a: !literal "{{ .x }}"\nb: !literal 12\n');
    expect(r.value).toEqual({ a: '{{ .x }}', b: 12 });
  });

  it('reports duplicate keys as a syntax error', () => {
    const r = load('a: 1\na: 2\n');
    expect(r.problems.map((p) => p.code)).toEqual(['yaml-syntax']);
    expect(spanOf(r.problems[0]!.loc).line).toBe(2);
  });

  it('refuses a billion-laughs document in bounded time', () => {
    let text = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 10; i++)
      text += `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(', ')}]\n`;
    const started = Date.now();
    const r = load(text);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(r.value).toBe(null);
    expect(r.problems[0]!.message).toContain('billion laughs');
  });

  it('reads only the first document, like yaml.v3 Unmarshal', () => {
    expect(load('a: 1\n---\nb: 2\n').value).toEqual({ a: 1 });
  });

  it('knows where each entry was written, through aliases and merge keys', () => {
    const text = 'base: &b\n  k: v\nuse:\n  <<: *b\n  own: 1\n';
    const r = load(text);
    const use = (r.value as Record<string, Record<string, unknown>>).use!;
    expect(spanOf(entryLoc(use, 'own')!.value)).toMatchObject({ line: 5, column: 8 });
    expect(spanOf(entryLoc(use, 'k')!.value)).toMatchObject({ line: 2, column: 6 });
  });

  it('treats an empty file as empty, not an error', () => {
    const r = load('# only a comment\n');
    expect(r.empty).toBe(true);
    expect(r.problems).toEqual([]);
  });

  it('survives a deeply nested document', () => {
    const r = load(`${'['.repeat(5000)}${']'.repeat(5000)}`);
    expect(r.problems.length).toBeGreaterThan(0);
  });
});
