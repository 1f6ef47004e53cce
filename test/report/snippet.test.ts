import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeInstances } from '../../src/report/instances.js';
import { renderSnippet, snippetSource } from '../../src/report/snippet.js';
import { codePointWidth, stringWidth } from '../../src/report/width.js';

const runs = Number(process.env.FC_RUNS ?? 200);

function at(line: string, needle: string, endNeedle = needle) {
  const start = line.indexOf(needle);
  const end = line.indexOf(endNeedle, start) + endNeedle.length;
  return { line: 1, column: start + 1, endLine: 1, endColumn: end + 1 };
}

describe('display width', () => {
  it.each([
    ['a', 1],
    ['é', 1],
    ['e\u0301', 1], // combining acute accent
    ['日本', 4],
    ['ｱ', 1], // halfwidth katakana
    ['Ａ', 2], // fullwidth Latin
    ['한', 2],
    ['🚀', 2],
    ['↳', 1], // ambiguous counts narrow
    ['\u200d', 0],
    ['\u{20000}', 2],
  ])('%j is %d columns', (text, width) => {
    expect(stringWidth(text)).toBe(width);
  });

  it('gives control characters no width', () => {
    expect(codePointWidth(0x1b)).toBe(0);
    expect(codePointWidth(0x85)).toBe(0);
  });
});

describe('snippet indicator', () => {
  it('underlines an ASCII span', () => {
    const line = 'foo: bar';
    expect(renderSnippet(line, at(line, 'bar')).indicator).toBe('     ^~~');
  });

  it('counts wide characters before and inside the span double', () => {
    const line = '  title: "デプロイ {{ .名前 }}"';
    const s = renderSnippet(line, at(line, '.名前'));
    expect(s.indicator).toBe(`${' '.repeat(10 + 8 + 1 + 3)}^~~~~`);
  });

  it('expands tabs to the same columns in the line and the indicator', () => {
    const line = 'a:\t"yes"\tz';
    const s = renderSnippet(line, at(line, '"yes"'));
    expect(s.text).toBe('a:  "yes"   z');
    expect(s.indicator).toBe('    ^~~~~');
  });

  it('marks an empty span with a lone caret', () => {
    expect(renderSnippet('abc', { line: 1, column: 2, endLine: 1, endColumn: 2 }).indicator).toBe(' ^');
    expect(renderSnippet('', { line: 1, column: 1, endLine: 1, endColumn: 1 }).indicator).toBe('^');
  });

  it('underlines a multi-line span to the end of its first line', () => {
    const s = renderSnippet('  pull_request:   ', { line: 1, column: 3, endLine: 5, endColumn: 2 });
    expect(s.text).toBe('  pull_request:');
    expect(s.indicator).toBe('  ^~~~~~~~~~~~~');
  });

  it('windows a long line around the span', () => {
    const line = `${'x'.repeat(300)}TARGET${'y'.repeat(300)}`;
    const s = renderSnippet(line, at(line, 'TARGET'));
    expect(stringWidth(s.text)).toBeLessThanOrEqual(160);
    expect(s.text.startsWith('…')).toBe(true);
    expect(s.text.endsWith('…')).toBe(true);
    const caret = s.indicator.indexOf('^');
    expect([...s.text].slice(caret, caret + 6).join('')).toBe('TARGET');
    expect(s.indicator.slice(caret)).toBe('^~~~~~');
  });

  it('replaces terminal escapes in the source line', () => {
    const s = renderSnippet('a: "\u001b[31mred"', { line: 1, column: 4, endLine: 1, endColumn: 14 });
    expect(s.text).toBe('a: "\ufffd[31mred"');
  });

  it('reads lines once per file and strips CR', () => {
    let reads = 0;
    const snippet = snippetSource(() => {
      reads++;
      return 'one\r\ntwo\r\n';
    });
    expect(snippet('f', { line: 2, column: 1, endLine: 2, endColumn: 4 })).toEqual({
      lineNumber: 2,
      text: 'two',
      indicator: '^~~',
    });
    expect(snippet('f', { line: 4, column: 1, endLine: 4, endColumn: 1 })).toBeUndefined();
    expect(reads).toBe(1);
  });

  it('puts the caret under the span start for any ASCII/CJK line', () => {
    const char = fc.constantFrom('a', ' ', '日', 'ｱ', '🚀', 'é');
    fc.assert(
      fc.property(
        fc.array(char, { maxLength: 30 }),
        fc.array(char, { minLength: 1, maxLength: 10 }),
        (pre, span) => {
          const before = pre.join('');
          const inside = span.join('');
          const s = renderSnippet(before + inside, {
            line: 1,
            column: before.length + 1,
            endLine: 1,
            endColumn: before.length + inside.length + 1,
          });
          expect(s.indicator.indexOf('^')).toBe(stringWidth(before));
          expect(s.indicator.length).toBe(stringWidth(before) + Math.max(1, stringWidth(inside)));
        },
      ),
      { numRuns: runs },
    );
  });
});

describe('describeInstances', () => {
  it('lists up to three and counts the rest', () => {
    const refs = ['a', 'b', 'c', 'd'].map((c) => ({ component: c, stack: 's' }));
    expect(describeInstances([])).toBeUndefined();
    expect(describeInstances(refs.slice(0, 1))).toBe('affects 1 instance: a in s');
    expect(describeInstances(refs.slice(0, 3))).toBe('affects 3 instances: a in s, b in s, c in s');
    expect(describeInstances(refs)).toBe('affects 4 instances: a in s, b in s, c in s, +1 more');
  });
});
