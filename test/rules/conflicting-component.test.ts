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

const CATALOG = 'components:\n  terraform:\n    vpc:\n      vars:\n        name: vpc\n';
const top = (extra = '', imports = ['catalog/vpc']) =>
  `import:\n${imports.map((i) => `  - ${i}\n`).join('')}vars:\n  stage: dev\n${extra}`;

describe('conflicting-component', () => {
  it.each([
    // Keys Atmos computes per manifest (atmos_manifest, atmos_stack_file, ...) always differ.
    ['both import the same catalog', top(), top()],
    ['the second defines it inline exactly as the catalog does', top(), `vars:\n  stage: dev\n${CATALOG}`],
  ])('accepts two top-level manifests when %s', (_name, a, b) => {
    expect(
      run({
        'stacks/catalog/vpc.yaml': CATALOG,
        'stacks/deploy/dev/a.yaml': a,
        'stacks/deploy/dev/b.yaml': b,
      }),
    ).toEqual([]);
  });

  it.each([
    ['a stack-wide var', 'vars:\n  stage: dev\n  region: us-east-1\n'],
    ['a stack-wide setting', 'settings:\n  team: platform\n'],
    ['terraform-wide env', 'terraform:\n  env:\n    TF_LOG: DEBUG\n'],
    ['file-scoped overrides', 'overrides:\n  vars:\n    name: other\n'],
  ])('reports the same catalog imported by two top-level manifests when one adds %s', (_name, extra) => {
    const found = run({
      'stacks/catalog/vpc.yaml': CATALOG,
      'stacks/deploy/dev/a.yaml': top(),
      'stacks/deploy/dev/b.yaml': `${top()}${extra}`.replace('vars:\n  stage: dev\nvars:', 'vars:'),
    });
    expect(found.map((d) => d.ruleId)).toEqual(['conflicting-component']);
    expect(found[0]?.instances).toEqual([{ component: 'vpc', stack: 'dev' }]);
    expect(found[0]?.message).toContain('deploy/dev/a.yaml and deploy/dev/b.yaml');
  });

  it('does not compare the same component of different stacks', () => {
    expect(
      run({
        'stacks/catalog/vpc.yaml': CATALOG,
        'stacks/deploy/dev.yaml': top(),
        'stacks/deploy/prod.yaml': top(
          'components:\n  terraform:\n    vpc:\n      vars:\n        name: other\n',
        ).replace('stage: dev', 'stage: prod'),
      }),
    ).toEqual([]);
  });

  it('reports every conflicting component of the pair, each once', () => {
    const a = `vars:\n  stage: dev\ncomponents:\n  terraform:\n    vpc:\n      vars:\n        cidr: 10.0.0.0/16\n    eks:\n      vars:\n        version: "1.29"\n`;
    const b = a.replace('10.0.0.0/16', '10.1.0.0/16').replace('"1.29"', '"1.30"');
    const found = run({ 'stacks/deploy/dev/a.yaml': a, 'stacks/deploy/dev/b.yaml': b });
    expect(found.map((d) => [d.ruleId, d.file, d.line, d.instances[0]?.component])).toEqual([
      ['conflicting-component', 'stacks/deploy/dev/b.yaml', 5, 'vpc'],
      ['conflicting-component', 'stacks/deploy/dev/b.yaml', 8, 'eks'],
    ]);
    expect(found.map((d) => d.related?.map((r) => [r.file, r.line]))).toEqual([
      [['stacks/deploy/dev/a.yaml', 5]],
      [['stacks/deploy/dev/a.yaml', 8]],
    ]);
  });
});
