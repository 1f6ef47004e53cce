import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/lint/engine.js';
import { allRules } from '../../src/rules/index.js';
import { materialize } from '../helpers/docs-examples.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function run(files: Record<string, string>) {
  const dir = materialize(files);
  dirs.push(dir);
  return lint({ cwd: dir, env: {}, rules: allRules }).diagnostics;
}

/** `components.terraform` of a dev stack, from `name: [inherits...]`. */
function stack(components: Record<string, string[]>, extra = ''): string {
  const body = Object.entries(components)
    .map(
      ([name, bases]) =>
        `    ${name}:\n${bases.length ? `      metadata:\n        inherits:\n${bases.map((b) => `          - ${b}\n`).join('')}` : ''}      vars:\n        name: ${name}\n`,
    )
    .join('');
  return `vars:\n  stage: dev\ncomponents:\n  terraform:\n${body}${extra}`;
}

const ids = (files: Record<string, string>) => run(files).map((d) => [d.ruleId, d.file, d.line, d.column]);

describe('inheritance-cycle', () => {
  it('reports a cycle between two bases at the inherits entry that closes it', () => {
    const text = stack({ vpc: ['a'], a: ['b'], b: ['a'] });
    expect(ids({ 'stacks/deploy/dev.yaml': text })).toEqual([
      ['inheritance-cycle', 'stacks/deploy/dev.yaml', 20, 13],
    ]);
    expect(text.split('\n')[19]).toBe('          - a');
  });

  it('reports a three-base cycle', () => {
    const found = ids({ 'stacks/deploy/dev.yaml': stack({ vpc: ['a'], a: ['b'], b: ['c'], c: ['a'] }) });
    expect(found.map((f) => f[0])).toContain('inheritance-cycle');
    expect(found.every((f) => f[0] === 'inheritance-cycle')).toBe(true);
  });

  it('reports two components naming each other with `component:`', () => {
    const found = ids({
      'stacks/deploy/dev.yaml':
        'vars:\n  stage: dev\ncomponents:\n  terraform:\n    a:\n      component: b\n    b:\n      component: a\n',
    });
    expect(found).toEqual([
      ['inheritance-cycle', 'stacks/deploy/dev.yaml', 6, 7],
      ['inheritance-cycle', 'stacks/deploy/dev.yaml', 8, 7],
    ]);
  });

  it('reports a base inheriting back from the component, which Atmos silently skips', () => {
    const found = ids({ 'stacks/deploy/dev.yaml': stack({ vpc: ['a'], a: ['vpc'] }) });
    expect(found).toHaveLength(1);
    expect(found[0]![0]).toBe('inheritance-cycle');
  });

  it.each([
    ['a component inheriting from itself', { vpc: ['vpc'] }],
    ['a diamond', { vpc: ['a', 'b'], a: ['base'], b: ['base'], base: [] }],
    ['a long chain', { vpc: ['a'], a: ['b'], b: ['c'], c: ['d'], d: [] }],
    ['the same base twice', { vpc: ['a', 'a'], a: [] }],
  ])('accepts %s, as Atmos does', (_name, components) => {
    expect(ids({ 'stacks/deploy/dev.yaml': stack(components) })).toEqual([]);
  });

  // Known resolver gap: one cycle written once in a catalog is one problem, reported once with the
  // instances it affects (the aggregation contract); today the message names each inheriting
  // component and stack, so the same line is reported once per component and stack.
  it('reports a cycle in a shared catalog once, listing the affected instances', () => {
    const catalog =
      'components:\n  terraform:\n    a:\n      metadata:\n        type: abstract\n        inherits: [b]\n    b:\n      metadata:\n        type: abstract\n        inherits: [a]\n';
    const deploy = (stage: string) =>
      `import:\n  - catalog/bases\nvars:\n  stage: ${stage}\ncomponents:\n  terraform:\n    vpc:\n      metadata:\n        inherits: [a]\n    vpc2:\n      metadata:\n        inherits: [a]\n`;
    const found = run({
      'stacks/catalog/bases.yaml': catalog,
      'stacks/deploy/dev.yaml': deploy('dev'),
      'stacks/deploy/prod.yaml': deploy('prod'),
    });
    expect(found).toHaveLength(1);
    expect(found[0]?.instances).toHaveLength(4);
  });
});
