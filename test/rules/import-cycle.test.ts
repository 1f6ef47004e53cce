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
  const started = performance.now();
  const result = lint({ cwd: dir, env: {}, rules: allRules });
  return { diagnostics: result.diagnostics, resolution: result.resolution, ms: performance.now() - started };
}

const STACK = (imports: string[]) =>
  `import:\n${imports.map((i) => `  - ${i}\n`).join('')}vars:\n  stage: dev\ncomponents:\n  terraform:\n    vpc:\n      vars:\n        name: vpc\n`;

describe('import-cycle', () => {
  it('finds a cycle through 120 files once, quickly, naming every file on it', () => {
    const n = 120;
    const files: Record<string, string> = { 'stacks/deploy/dev.yaml': STACK(['mixins/m0']) };
    for (let i = 0; i < n; i++)
      files[`stacks/mixins/m${i}.yaml`] = `import:\n  - mixins/m${(i + 1) % n}\nvars:\n  v${i}: ${i}\n`;
    const { diagnostics, resolution, ms } = run(files);
    expect(diagnostics.map((d) => [d.ruleId, d.file, d.line, d.column])).toEqual([
      ['import-cycle', `stacks/mixins/m${n - 1}.yaml`, 2, 5],
    ]);
    const message = diagnostics[0]?.message ?? '';
    for (let i = 0; i < n; i++) expect(message).toContain(`mixins/m${i}.yaml`);
    expect(message.startsWith('Import cycle: mixins/m0.yaml → mixins/m1.yaml →')).toBe(true);
    // The stack is still resolved from everything outside the cycle.
    expect(resolution.instances.map((i) => i.component)).toEqual(['vpc']);
    expect(ms).toBeLessThan(10_000);
  });

  it('reports a glob that matches the importing file itself', () => {
    const { diagnostics } = run({
      'stacks/deploy/dev.yaml': STACK(['catalog/base']),
      'stacks/catalog/base.yaml': 'import:\n  - catalog/*\nvars:\n  base: true\n',
      'stacks/catalog/tags.yaml': 'vars:\n  tags:\n    team: platform\n',
    });
    expect(diagnostics.map((d) => [d.ruleId, d.file, d.line, d.column])).toEqual([
      ['import-cycle', 'stacks/catalog/base.yaml', 2, 5],
    ]);
  });

  it('reports an import of the top-level manifest by one of its imports', () => {
    const { diagnostics } = run({
      'stacks/deploy/dev.yaml': STACK(['catalog/vpc']),
      'stacks/catalog/vpc.yaml': 'import:\n  - deploy/dev\n',
    });
    expect(diagnostics.map((d) => [d.ruleId, d.file, d.line])).toEqual([
      ['import-cycle', 'stacks/catalog/vpc.yaml', 2],
    ]);
    expect(diagnostics[0]?.message).toContain('deploy/dev.yaml → catalog/vpc.yaml → deploy/dev.yaml');
  });

  it('follows relative imports to the same file as base-relative ones', () => {
    const { diagnostics } = run({
      'stacks/deploy/dev.yaml': STACK(['mixins/a']),
      'stacks/mixins/a.yaml': 'import:\n  - ./b\n',
      'stacks/mixins/b.yaml': 'import:\n  - ../mixins/a.yaml\n',
    });
    expect(diagnostics.map((d) => [d.ruleId, d.file, d.line])).toEqual([
      ['import-cycle', 'stacks/mixins/b.yaml', 2],
    ]);
  });

  it.each([
    [
      'a diamond',
      {
        'stacks/mixins/a.yaml': 'import:\n  - mixins/c\n',
        'stacks/mixins/b.yaml': 'import:\n  - mixins/c\n',
      },
    ],
    [
      'the same file imported twice in one list',
      { 'stacks/mixins/a.yaml': 'import:\n  - mixins/c\n  - mixins/c\n' },
    ],
  ])('does not report %s', (_name, extra: Record<string, string>) => {
    const files: Record<string, string> = {
      'stacks/deploy/dev.yaml': STACK(['mixins/a', 'mixins/b']),
      'stacks/mixins/a.yaml': 'vars:\n  a: true\n',
      'stacks/mixins/b.yaml': 'vars:\n  b: true\n',
      'stacks/mixins/c.yaml': 'vars:\n  c: true\n',
    };
    const { diagnostics } = run(Object.assign(files, extra));
    expect(diagnostics).toEqual([]);
  });

  it('reports a cycle shared by several stacks once', () => {
    const { diagnostics } = run({
      'stacks/deploy/dev.yaml': STACK(['mixins/a']),
      'stacks/deploy/prod.yaml': STACK(['mixins/a']).replace('stage: dev', 'stage: prod'),
      'stacks/mixins/a.yaml': 'import:\n  - mixins/b\n',
      'stacks/mixins/b.yaml': 'import:\n  - mixins/a\n',
    });
    expect(diagnostics.map((d) => [d.ruleId, d.file])).toEqual([['import-cycle', 'stacks/mixins/b.yaml']]);
  });
});
