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

const VPC = 'components:\n  terraform:\n    vpc:\n      vars:\n        name: vpc\n';
const catalog = { 'stacks/catalog/vpc.yaml': VPC };

describe('invalid-manifest', () => {
  it.each([
    ['a list', '- vars:\n    stage: dev\n', 'not a list'],
    ['a string', 'catalog/vpc.yaml\n', 'not a string'],
    ['a number', '42\n', 'not a number'],
    ['a boolean', 'true\n', 'not a boolean'],
  ])('reports a manifest whose root is %s', (_name, text, kind) => {
    const found = run({ 'stacks/deploy/dev.yaml': text });
    expect(found.map((d) => [d.ruleId, d.file, d.line])).toEqual([
      ['invalid-manifest', 'stacks/deploy/dev.yaml', 1],
    ]);
    expect(found[0]?.message).toContain(kind);
  });

  it('reports an imported manifest whose root is a list, in that file', () => {
    const found = run({
      'stacks/catalog/list.yaml': '- a\n- b\n',
      'stacks/deploy/dev.yaml': `import:\n  - catalog/list\nvars:\n  stage: dev\n${VPC}`,
    });
    expect(found.map((d) => [d.ruleId, d.file])).toEqual([['invalid-manifest', 'stacks/catalog/list.yaml']]);
  });

  it.each([
    ['empty', ''],
    ['only comments', '# nothing yet\n'],
    ['null', '~\n'],
    ['an empty map', '{}\n'],
  ])('accepts a manifest that is %s', (_name, text) => {
    expect(
      run({ 'stacks/deploy/empty.yaml': text, 'stacks/deploy/dev.yaml': `vars:\n  stage: dev\n${VPC}` }),
    ).toEqual([]);
  });

  it.each([
    ['a string', 'import: catalog/vpc\n', 1],
    ['a map', 'import:\n  path: catalog/vpc\n', 1],
  ])('reports `import` written as %s', (_name, imports, line) => {
    const found = run({ ...catalog, 'stacks/deploy/dev.yaml': `${imports}vars:\n  stage: dev\n` });
    expect(found.map((d) => [d.ruleId, d.line, d.column])).toEqual([['invalid-manifest', line, 1]]);
    expect(found[0]?.message).toContain('ErrInvalidImportSection');
  });

  it.each([
    ['an empty string', '""'],
    ['null', '~'],
    ['an object without path', '{context: {tenant: core}}'],
    ['an object with an empty path', '{path: ""}'],
    ['a number', '42'],
  ])('reports an import entry that is %s', (_name, entry) => {
    const found = run({
      ...catalog,
      'stacks/deploy/dev.yaml': `import:\n  - catalog/vpc\n  - ${entry}\nvars:\n  stage: dev\n`,
    });
    expect(found.map((d) => [d.ruleId, d.line])).toEqual([['invalid-manifest', 3]]);
    expect(found[0]?.message).toContain('ErrInvalidImport)');
  });

  it('accepts `import: []`, `import:` left empty, and import objects', () => {
    expect(
      run({
        ...catalog,
        'stacks/deploy/a.yaml': 'import: []\nvars:\n  stage: a\n',
        'stacks/deploy/b.yaml': 'import:\nvars:\n  stage: b\n',
        'stacks/deploy/dev.yaml':
          'import:\n  - path: catalog/vpc\n    skip_templates_processing: true\n    context: {}\nvars:\n  stage: dev\n',
      }),
    ).toEqual([]);
  });

  it.each([
    ['components: a list', 'components:\n  - vpc\n', 'components'],
    ['a component type that is a string', 'components:\n  terraform: vpc\n', 'terraform'],
    ['a component that is a list', 'components:\n  terraform:\n    vpc: [a]\n', 'vpc'],
    ['vars: a string', 'components:\n  terraform:\n    vpc:\n      vars: none\n', 'vars'],
    ['settings: null', 'components:\n  terraform:\n    vpc:\n      settings:\n', 'settings'],
    ['component: a number', 'components:\n  terraform:\n    vpc:\n      component: 42\n', 'component'],
    [
      'inherits: a string',
      'components:\n  terraform:\n    vpc:\n      metadata:\n        inherits: base\n',
      'inherits',
    ],
  ])('reports %s at the key', (_name, components, key) => {
    const text = `vars:\n  stage: dev\n${components}`;
    const found = run({ 'stacks/deploy/dev.yaml': text });
    expect(found.map((d) => d.ruleId)).toEqual(['invalid-manifest']);
    const line = text
      .split('\n')
      .findLastIndex((l) => l.trimStart().startsWith(`${key}:`) || l.trimStart().startsWith(`- ${key}`));
    expect(found[0]?.line).toBe(line + 1);
  });
});
