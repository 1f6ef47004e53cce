import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/lint/engine.js';
import { allRules } from '../../src/rules/index.js';
import { materialize } from '../helpers/docs-examples.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function run(files: Record<string, string>, folders: string[] = []) {
  const dir = materialize(files);
  dirs.push(dir);
  for (const f of folders) {
    mkdirSync(join(dir, f), { recursive: true });
    writeFileSync(join(dir, f, 'main.tf'), '');
  }
  return lint({ cwd: dir, env: {}, rules: allRules }).diagnostics;
}

const BASES =
  'components:\n  terraform:\n    vpc-defaults:\n      metadata:\n        type: abstract\n      vars:\n        cidr_block: 10.0.0.0/16\n';
const INHERITS = (base: string) =>
  `vars:\n  stage: dev\ncomponents:\n  terraform:\n    vpc:\n      metadata:\n        inherits:\n          - ${base}\n`;

describe('unknown-base-component', () => {
  it('accepts a base from an import of an import', () => {
    expect(
      run({
        'stacks/catalog/vpc/defaults.yaml': BASES,
        'stacks/catalog/vpc.yaml': 'import:\n  - catalog/vpc/defaults\n',
        'stacks/deploy/dev.yaml': `import:\n  - catalog/vpc\n${INHERITS('vpc-defaults')}`,
      }),
    ).toEqual([]);
  });

  it('reports a base that only another stack imports, in the stack that misses it', () => {
    const found = run({
      'stacks/catalog/vpc.yaml': BASES,
      'stacks/deploy/prod.yaml': `import:\n  - catalog/vpc\n${INHERITS('vpc-defaults').replace('stage: dev', 'stage: prod')}`,
      'stacks/deploy/dev.yaml': INHERITS('vpc-defaults'),
    });
    expect(found.map((d) => [d.ruleId, d.file, d.line, d.column])).toEqual([
      ['unknown-base-component', 'stacks/deploy/dev.yaml', 8, 13],
    ]);
    expect(found[0]?.message).toContain('`vpc-defaults`');
  });

  it('reports a missing base of a base, where that base names it', () => {
    const catalog =
      'components:\n  terraform:\n    vpc-defaults:\n      metadata:\n        type: abstract\n        inherits:\n          - vpc-base\n';
    const found = run({
      'stacks/catalog/vpc.yaml': catalog,
      'stacks/deploy/dev.yaml': `import:\n  - catalog/vpc\n${INHERITS('vpc-defaults')}`,
    });
    expect(found.map((d) => [d.ruleId, d.file, d.line, d.column])).toEqual([
      ['unknown-base-component', 'stacks/catalog/vpc.yaml', 7, 13],
    ]);
    expect(found[0]?.message).toContain('`vpc-base`');
  });

  it('accepts `component:` naming a component folder, and reports it when the folder is missing', () => {
    const stack =
      'vars:\n  stage: dev\ncomponents:\n  terraform:\n    vpc-main:\n      component: vpc\n      vars:\n        name: main\n';
    expect(run({ 'stacks/deploy/dev.yaml': stack }, ['vpc'])).toEqual([]);
    expect(run({ 'stacks/deploy/dev.yaml': stack }).map((d) => [d.ruleId, d.line, d.column])).toEqual([
      ['unknown-base-component', 6, 7],
    ]);
  });

  // Known resolver gap (src/resolve/components.ts `suggest`): the suggestion is a substring match
  // that can name the component itself; it should be the closest defined name (core/suggest
  // didYouMean) and never the inheriting component.
  it('suggests the closest defined base for a typo', () => {
    const found = run({
      'stacks/catalog/vpc.yaml': BASES,
      'stacks/deploy/dev.yaml': `import:\n  - catalog/vpc\n${INHERITS('vpc-defualts')}`,
    });
    expect(found[0]?.message).toContain('did you mean `vpc-defaults`?');
  });

  it('does not suggest the inheriting component itself', () => {
    const found = run({ 'stacks/deploy/dev.yaml': INHERITS('vpc-defaults') });
    expect(found[0]?.message).not.toContain('did you mean `vpc`?');
  });
});
