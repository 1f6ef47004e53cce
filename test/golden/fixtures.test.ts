import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../../src/rules/index.js';
import { FIXTURES, fixtureDirs, golden, lintJson } from '../helpers/fixtures.js';

// actionlint-style goldens: every fixtures/ok/* repository lints clean; every fixtures/err/*
// repository produces exactly its expected.json (the `--format json` contract).
describe('fixtures/ok', () => {
  for (const name of fixtureDirs('ok')) {
    it(name, () => {
      const report = JSON.parse(lintJson(join(FIXTURES, 'ok', name)));
      expect(report.diagnostics).toEqual([]);
    });
  }
});

describe('fixtures/err', () => {
  for (const name of fixtureDirs('err')) {
    it(name, () => {
      const dir = join(FIXTURES, 'err', name);
      const actual = lintJson(dir);
      expect(actual).toBe(golden(join(dir, 'expected.json'), actual));
      expect(JSON.parse(actual).diagnostics.length).toBeGreaterThan(0);
    });
  }
});

describe('every rule has fixtures', () => {
  const ok = fixtureDirs('ok');
  const err = fixtureDirs('err');
  for (const rule of allRules) {
    const id = rule.meta.id;
    const mine = (names: string[]) => names.filter((n) => n === id || n.startsWith(`${id}--`));
    it(id, () => {
      expect(mine(ok), `fixtures/ok/${id}[--variant]`).not.toEqual([]);
      expect(mine(err), `fixtures/err/${id}[--variant]`).not.toEqual([]);
      for (const name of mine(err)) {
        const report = JSON.parse(lintJson(join(FIXTURES, 'err', name)));
        expect(report.diagnostics.map((d: { ruleId: string }) => d.ruleId)).toContain(id);
      }
    });
  }
});
