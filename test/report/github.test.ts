import { describe, expect, it } from 'vitest';
import type { Diagnostic, Severity } from '../../src/core/diagnostic.js';
import { annotationBudget, escapeData, escapeProperty, github } from '../../src/report/github.js';
import type { LintReport } from '../../src/report/types.js';
import { EMPTY_REPORT, options, REPORT } from './fixture.js';

function diag(severity: Severity, n: number, over: Partial<Diagnostic> = {}): Diagnostic {
  return {
    ruleId: 'some-rule',
    severity,
    message: `problem ${n}`,
    file: `stacks/f${String(n).padStart(2, '0')}.yaml`,
    line: n,
    column: 1,
    endLine: n,
    endColumn: 5,
    instances: [],
    fixable: false,
    ...over,
  };
}

function reportOf(diagnostics: Diagnostic[]): LintReport {
  const count = (s: Severity) => diagnostics.filter((d) => d.severity === s).length;
  return {
    ...EMPTY_REPORT,
    diagnostics,
    summary: {
      ...EMPTY_REPORT.summary,
      errors: count('error'),
      warnings: count('warning'),
      infos: count('info'),
    },
  };
}

/** Lines the runner would treat as workflow commands (it trims leading whitespace first). */
function commands(output: string, name?: string): string[] {
  return output.split('\n').filter((l) => l.trimStart().startsWith(name ? `::${name} ` : '::'));
}

describe('github escaping', () => {
  const table: [string, string, string][] = [
    // input, data, property
    ['plain', 'plain', 'plain'],
    ['100%', '100%25', '100%25'],
    ['a\nb', 'a%0Ab', 'a%0Ab'],
    ['a\r\nb', 'a%0D%0Ab', 'a%0D%0Ab'],
    ['k: v', 'k: v', 'k%3A v'],
    ['a,b', 'a,b', 'a%2Cb'],
    ['%0A', '%250A', '%250A'],
    ['::error::x', '::error::x', '%3A%3Aerror%3A%3Ax'],
    ['%3A,:', '%253A,:', '%253A%2C%3A'],
  ];
  it.each(table)('escapes %j', (input, data, property) => {
    expect(escapeData(input)).toBe(data);
    expect(escapeProperty(input)).toBe(property);
  });

  it('keeps messages and file names from injecting commands or properties', () => {
    const out = github(
      reportOf([diag('error', 1, { message: 'bad\n::warning::injected', file: 'a,line=99:b.yaml' })]),
      options(),
    );
    expect(commands(out)).toEqual([
      '::error file=a%2Cline=99%3Ab.yaml,line=1,col=1,endLine=1,endColumn=5,title=atmos-pro-lint (some-rule)::bad%0A::warning::injected',
    ]);
  });
});

describe('github annotations', () => {
  it('maps severities to commands with the rule in the title', () => {
    const lines = commands(github(REPORT, options()));
    expect(lines).toHaveLength(REPORT.diagnostics.length);
    expect(lines.filter((l) => l.startsWith('::error '))).toHaveLength(3);
    expect(lines.filter((l) => l.startsWith('::warning '))).toHaveLength(2);
    expect(lines.filter((l) => l.startsWith('::notice '))).toHaveLength(1);
    expect(lines[0]).toContain('title=atmos-pro-lint (redundant-default)::');
  });

  it('omits columns for a span over several lines', () => {
    const line = commands(github(REPORT, options())).find((l) => l.includes('merge-group-missing'))!;
    expect(line).toMatch(/^::warning file=stacks\/mixins\/atmos-pro\.yaml,line=4,endLine=10,title=/);
  });

  it('caps 25 errors at 10 annotations and a notice saying how many more', () => {
    const errors = Array.from({ length: 25 }, (_, i) => diag('error', i + 1));
    const out = github(reportOf(errors), options());
    expect(commands(out, 'error')).toHaveLength(10);
    const notices = commands(out, 'notice');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('15 more errors');
    expect(notices[0]).toContain('--format stylish');
    // The 15 are still in the log, as plain lines.
    expect(out).toContain('stacks/f25.yaml:25:1: error: problem 25 [some-rule]');
    expect(out).not.toContain('stacks/f10.yaml:10:1: error');
    expect(out).toContain('✖ 25 problems (25 errors, 0 warnings, 0 infos)');
  });

  it('honours maxAnnotationsPerSeverity', () => {
    const errors = Array.from({ length: 5 }, (_, i) => diag('error', i + 1));
    const out = github(reportOf(errors), options({ maxAnnotationsPerSeverity: 3 }));
    expect(commands(out, 'error')).toHaveLength(3);
    expect(commands(out, 'notice')[0]).toContain('2 more errors');
  });

  it('keeps all notices, cap notices included, within the notice cap', () => {
    const diagnostics = [
      ...Array.from({ length: 12 }, (_, i) => diag('error', i + 1)),
      ...Array.from({ length: 11 }, (_, i) => diag('warning', i + 20)),
      ...Array.from({ length: 30 }, (_, i) => diag('info', i + 40)),
    ];
    const out = github(reportOf(diagnostics), options());
    expect(commands(out, 'error')).toHaveLength(10);
    expect(commands(out, 'warning')).toHaveLength(10);
    const notices = commands(out, 'notice');
    expect(notices).toHaveLength(10);
    expect(notices.filter((n) => n.includes('not shown as annotations'))).toHaveLength(3);
    expect(notices.some((n) => n.includes('23 more infos'))).toBe(true);
    expect(notices.some((n) => n.includes('1 more warning '))).toBe(true);
  });

  it('budgets notices only when infos overflow', () => {
    expect(annotationBudget({ error: 3, warning: 0, info: 10 }, 10)).toEqual({
      error: 10,
      warning: 10,
      info: 10,
    });
    expect(annotationBudget({ error: 11, warning: 0, info: 9 }, 10)).toEqual({
      error: 10,
      warning: 10,
      info: 9,
    });
    expect(annotationBudget({ error: 11, warning: 0, info: 10 }, 10)).toEqual({
      error: 10,
      warning: 10,
      info: 8,
    });
  });

  it('ends with a readable summary and no commands for an empty report', () => {
    const out = github(EMPTY_REPORT, options());
    expect(commands(out)).toEqual([]);
    expect(out).toBe('atmos-pro-lint: ✓ No problems in 5 instances across 2 stacks (3 files).\n');
  });

  it('guards plain lines whose file name looks like a command', () => {
    const errors = Array.from({ length: 11 }, (_, i) => diag('error', i + 1, { file: '::error::x.yaml' }));
    const out = github(reportOf(errors), options());
    expect(commands(out, 'error')).toHaveLength(10);
    expect(out).toContain('\u200b::error::x.yaml:11:1: error: problem 11 [some-rule]');
  });
});
