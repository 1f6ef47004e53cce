import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/core/diagnostic.js';
import { json } from '../../src/report/index.js';
import { DIAGNOSTICS, EMPTY_REPORT, options, REPORT } from './fixture.js';

const DIAGNOSTIC_KEYS = [
  'ruleId',
  'severity',
  'message',
  'file',
  'line',
  'column',
  'endLine',
  'endColumn',
  'instances',
  'fixable',
];
const SUMMARY_KEYS = ['errors', 'warnings', 'infos', 'fixable', 'files', 'stacks', 'instances'];
const RELATED_KEYS = ['file', 'line', 'column', 'endLine', 'endColumn', 'message'];

describe('json reporter', () => {
  const text = json(REPORT, options());
  const parsed = JSON.parse(text) as { version: number; diagnostics: Diagnostic[]; summary: object };

  it('is pretty-printed with two spaces and a trailing newline', () => {
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "version": 1,');
  });

  it('has exactly the contract keys, in order', () => {
    expect(Object.keys(parsed)).toEqual(['version', 'diagnostics', 'summary']);
    expect(Object.keys(parsed.summary)).toEqual(SUMMARY_KEYS);
    for (const d of parsed.diagnostics) {
      const expected = d.related === undefined ? DIAGNOSTIC_KEYS : [...DIAGNOSTIC_KEYS, 'related'];
      expect(Object.keys(d)).toEqual(expected);
      expect(Object.keys(d.instances[0] ?? { component: '', stack: '' })).toEqual(['component', 'stack']);
      for (const r of d.related ?? []) expect(Object.keys(r)).toEqual(RELATED_KEYS);
    }
  });

  it('carries the diagnostics and summary unchanged', () => {
    expect(parsed.diagnostics).toEqual(DIAGNOSTICS);
    expect(parsed.summary).toEqual(REPORT.summary);
    expect(parsed.diagnostics.filter((d) => d.related).length).toBe(2);
  });

  it('reorders keys built in another order and drops properties outside the contract', () => {
    const scrambled = {
      fixable: false,
      instances: [{ stack: 's', component: 'c' }],
      endColumn: 2,
      endLine: 1,
      column: 1,
      line: 1,
      file: 'f.yaml',
      message: 'm',
      severity: 'error',
      ruleId: 'r',
      internal: 'not public',
    } as Diagnostic;
    const out = JSON.parse(json({ ...EMPTY_REPORT, diagnostics: [scrambled] }, options()));
    expect(Object.keys(out.diagnostics[0])).toEqual(DIAGNOSTIC_KEYS);
    expect(Object.keys(out.diagnostics[0].instances[0])).toEqual(['component', 'stack']);
  });

  it('emits an empty list for an empty report', () => {
    expect(JSON.parse(json(EMPTY_REPORT, options())).diagnostics).toEqual([]);
  });
});
