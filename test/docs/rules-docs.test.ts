import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint/engine.js';
import { allRules } from '../../src/rules/index.js';
import { exampleFiles, materialize, parseDocPage, rulesIndex } from '../helpers/docs-examples.js';
import { golden, ROOT } from '../helpers/fixtures.js';

const DOCS = join(ROOT, 'docs', 'rules');

function ruleIdsIn(dir: string): string[] {
  return lint({ cwd: dir, env: {}, rules: allRules }).diagnostics.map((d) => d.ruleId);
}

// As actionlint re-checks its documented examples: every rule page exists, agrees with the rule's
// metadata, and its failing example fails with that rule while its passing example does not.
describe('docs/rules', () => {
  for (const rule of allRules) {
    const id = rule.meta.id;
    describe(id, () => {
      const path = join(DOCS, `${id}.md`);
      it('has a page that agrees with the rule metadata', () => {
        expect(existsSync(path), `${path} exists`).toBe(true);
        const page = parseDocPage(id, readFileSync(path, 'utf8'));
        expect(page.title).toBe(id);
        expect(page.description).toBe(`${rule.meta.description}.`);
        expect(page.table).toEqual({
          severity: rule.meta.defaultSeverity,
          category: rule.meta.category,
          fixable: rule.meta.fixable ? 'yes' : 'no',
        });
        for (const s of [
          'What it checks',
          'Why it matters',
          'Failing example',
          'Passing example',
          'How to fix',
        ]) {
          expect(page.sections.has(s), `section "${s}"`).toBe(true);
        }
      });
      it('failing example fails, passing example passes', () => {
        if (!existsSync(path)) return;
        const page = parseDocPage(id, readFileSync(path, 'utf8'));
        const failing = exampleFiles(page.sections.get('Failing example') ?? '');
        const passing = exampleFiles(page.sections.get('Passing example') ?? '');
        expect(Object.keys(failing).length).toBeGreaterThan(0);
        expect(Object.keys(passing).length).toBeGreaterThan(0);
        const bad = materialize(failing);
        const good = materialize(passing);
        try {
          expect(ruleIdsIn(bad)).toContain(id);
          expect(ruleIdsIn(good)).not.toContain(id);
        } finally {
          rmSync(bad, { recursive: true, force: true });
          rmSync(good, { recursive: true, force: true });
        }
      });
    });
  }
});

it('docs/rules/README.md lists every rule', () => {
  const actual = rulesIndex();
  expect(golden(join(DOCS, 'README.md'), actual)).toBe(actual);
});
