import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/core/diagnostic.js';
import { markdown } from '../../src/report/index.js';
import { codeSpan, escapeInline, escapeMessage } from '../../src/report/markdown-text.js';
import { EMPTY_REPORT, options, REPORT } from './fixture.js';

function many(count: number, files: number): Diagnostic[] {
  return Array.from({ length: count }, (_, i) => ({
    ruleId: i % 2 ? 'rule-b' : 'rule-a',
    severity: i % 2 ? 'warning' : 'error',
    message: `problem ${i + 1}`,
    file: `stacks/f${i % files}.yaml`,
    line: i + 1,
    column: 1,
    endLine: i + 1,
    endColumn: 2,
    instances: [],
    fixable: false,
  }));
}

describe('markdown escaping', () => {
  it.each([
    ['a|b', 'a\\|b'],
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['*bold* _it_ [x](y) ~s~', '\\*bold\\* \\_it\\_ \\[x\\](y) \\~s\\~'],
    ['a & b', 'a &amp; b'],
    ['ping @cloudposse/team', 'ping @&#8203;cloudposse/team'],
    ['line\nbreak', 'line break'],
    ['back\\slash', 'back\\\\slash'],
  ])('escapes %j', (input, expected) => {
    expect(escapeInline(input)).toBe(expected);
  });

  it('keeps backtick spans as code and escapes the rest', () => {
    expect(escapeMessage('template `{{ .a | b }}` is <bad>')).toBe('template `{{ .a | b }}` is &lt;bad&gt;');
    expect(escapeMessage('a ``x ` y`` b')).toBe('a ``x ` y`` b');
    expect(escapeMessage('unclosed ` tick <x>')).toBe('unclosed \\` tick &lt;x&gt;');
  });

  it('builds code spans that survive backticks', () => {
    expect(codeSpan('plain')).toBe('`plain`');
    expect(codeSpan('a`b')).toBe('``a`b``');
    expect(codeSpan('`x`')).toBe('`` `x` ``');
  });
});

describe('markdown reporter', () => {
  it('shows a status emoji and the summary table', () => {
    const out = markdown(REPORT, options());
    expect(out.startsWith('## ❌ atmos-pro-lint found 6 problems\n')).toBe(true);
    expect(out).toContain('| 3 | 2 | 1 | 3 | 12 | 4 | 7 |');
    expect(markdown(EMPTY_REPORT, options()).startsWith('## ✅')).toBe(true);
    const warningsOnly = markdown(
      { ...EMPTY_REPORT, diagnostics: many(1, 1), summary: { ...EMPTY_REPORT.summary, warnings: 1 } },
      options(),
    );
    expect(warningsOnly.startsWith('## ⚠️')).toBe(true);
  });

  it('links rules to their docs', () => {
    expect(markdown(REPORT, options())).toContain(
      '| [`merge-group-missing`](docs/rules/merge-group-missing.md) | ⚠️ warning | 1 |',
    );
  });

  it('folds long files into <details> and caps the list at 200', () => {
    const diagnostics = many(250, 3);
    const out = markdown(
      { ...EMPTY_REPORT, diagnostics, summary: { ...EMPTY_REPORT.summary, errors: 125, warnings: 125 } },
      options(),
    );
    expect(out.match(/^- `/gm)).toHaveLength(200);
    expect(out).toContain('<summary><code>stacks/f0.yaml</code> (84 problems)</summary>');
    expect(out).toContain('Showing the first 200 of 250 problems.');
    expect(out).toContain('| [`rule-a`](docs/rules/rule-a.md) | ❌ error | 125 |');
    expect(out.split('<details>').length).toBe(out.split('</details>').length);
  });

  it('stays under a PR comment size limit with long messages', () => {
    const diagnostics = many(200, 1).map((d) => ({ ...d, message: 'x'.repeat(1000) }));
    const out = markdown({ ...EMPTY_REPORT, diagnostics }, options());
    expect(out.length).toBeLessThan(65_536);
    expect(out).toMatch(/Showing the first \d+ of 200 problems/);
  });

  it('escapes HTML in file names shown in <summary>', () => {
    const diagnostics = many(12, 1).map((d) => ({ ...d, file: 'stacks/<x>.yaml' }));
    const out = markdown({ ...EMPTY_REPORT, diagnostics }, options());
    expect(out).toContain('<summary><code>stacks/&lt;x&gt;.yaml</code> (12 problems)</summary>');
  });
});
