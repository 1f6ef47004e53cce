import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/core/diagnostic.js';
import { stylish } from '../../src/report/index.js';
import { EMPTY_REPORT, options, REPORT } from './fixture.js';

const ANSI = /\u001b\[\d+(;\d+)*m/;

function one(over: Partial<Diagnostic>): Diagnostic {
  return {
    ruleId: 'r',
    severity: 'error',
    message: 'm',
    file: 'atmos.yaml',
    line: 11,
    column: 5,
    endLine: 11,
    endColumn: 22,
    instances: [],
    fixable: false,
    ...over,
  };
}

describe('stylish reporter', () => {
  it('has no escape codes without colour', () => {
    expect(stylish(REPORT, options())).not.toMatch(ANSI);
    expect(stylish(EMPTY_REPORT, options())).not.toMatch(ANSI);
  });

  it('colours severities, dims rule ids and underlines files when asked', () => {
    const out = stylish(REPORT, options({ color: true }));
    expect(out).toMatch(ANSI);
    expect(out).toContain('\u001b[31merror  \u001b[39m'); // red
    expect(out).toContain('\u001b[33mwarning\u001b[39m'); // yellow
    expect(out).toContain('\u001b[34minfo\u001b[39m'); // blue
    expect(out).toContain('\u001b[2mredundant-default\u001b[22m'); // dim
    expect(out).toContain('\u001b[4matmos.yaml\u001b[24m'); // underline
    expect(stylish(EMPTY_REPORT, options({ color: true }))).toContain('\u001b[32m✓ No problems');
  });

  it('caps the instance list and counts the rest', () => {
    expect(stylish(REPORT, options())).toContain(
      'affects 5 instances: vpc in plat-ue2-dev, vpc in plat-ue2-staging, vpc in plat-ue2-prod, +2 more',
    );
  });

  it('shows no snippet when the source cannot be read', () => {
    const out = stylish({ ...REPORT, diagnostics: [one({})] }, options({ readSource: () => undefined }));
    expect(out).not.toContain(' | ');
    expect(out).toContain('  11:5  error  m  r\n');
  });

  it('shows no snippet for a line past the end of the file', () => {
    const out = stylish({ ...REPORT, diagnostics: [one({ line: 99, endLine: 99 })] }, options());
    expect(out).not.toContain(' | ');
  });

  it('never lets a message or a file name start a workflow command line', () => {
    const out = stylish(
      { ...REPORT, diagnostics: [one({ file: '::error::f.yaml', message: 'x\n::warning::y\u001b[2J' })] },
      options(),
    );
    for (const line of out.split('\n')) expect(line.trimStart().startsWith('::')).toBe(false);
    expect(out).toContain('x\\n::warning::y\ufffd[2J');
    expect(out).not.toContain('\u001b');
  });

  it('uses singular nouns for one of a kind', () => {
    const out = stylish(
      {
        ...REPORT,
        diagnostics: [one({})],
        summary: { errors: 1, warnings: 0, infos: 0, fixable: 0, files: 1, stacks: 1, instances: 1 },
      },
      options(),
    );
    expect(out).toContain('✖ 1 problem (1 error, 0 warnings, 0 infos)\n');
    expect(out).toContain('Checked 1 instance in 1 stack (1 file).\n');
  });
});
