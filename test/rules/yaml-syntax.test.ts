import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/core/diagnostic.js';
import { lint } from '../../src/lint/engine.js';
import { allRules } from '../../src/rules/index.js';
import { materialize } from '../helpers/docs-examples.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Lints a tmp repository (docs defaults for atmos.yaml and workflows) plus raw byte files. */
function lintRepo(files: Record<string, string>, bytes: Record<string, Buffer> = {}) {
  const dir = materialize(files);
  dirs.push(dir);
  for (const [path, data] of Object.entries(bytes)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), data);
  }
  const started = performance.now();
  const result = lint({ cwd: dir, env: {}, rules: allRules });
  return { result, ms: performance.now() - started };
}

const brief = (ds: Diagnostic[]) => ds.map((d) => [d.ruleId, d.file, d.line, d.column]);

const VPC = 'components:\n  terraform:\n    vpc:\n      vars:\n        name: vpc\n';

describe('yaml-syntax', () => {
  it('reads BOM and CRLF files as Atmos does, and counts lines and columns in them', () => {
    const clean = lintRepo({
      'stacks/deploy/dev.yaml': `\uFEFFvars:\r\n  stage: dev\r\n${VPC.replaceAll('\n', '\r\n')}`,
    });
    expect(clean.result.diagnostics).toEqual([]);
    expect(clean.result.resolution.instances.map((i) => `${i.component}@${i.stack}`)).toEqual(['vpc@dev']);

    const broken = lintRepo({
      'stacks/deploy/dev.yaml':
        '\uFEFFvars:\r\n  stage: dev\r\ncomponents:\r\n  terraform:\r\n    vpc:\r\n      vars:\r\n        name: vpc\r\n        name: other\r\n',
    });
    expect(brief(broken.result.diagnostics)).toEqual([['yaml-syntax', 'stacks/deploy/dev.yaml', 8, 9]]);
    expect(broken.result.diagnostics[0]?.message).toMatch(/unique.*duplicate mapping keys/);
  });

  it.each([
    ['a mis-indented key', `${VPC}       cidr_block: 10.0.0.0/16\n`, 6],
    ['a flow list that is never closed', `${VPC}        azs: [us-east-1a, us-east-1b\n`, 7],
    ['a key and a nested map on one line', `${VPC}        tags: team: platform\n`, 6],
    ['an alias to an anchor that does not exist', `${VPC}        tags: *common-tags\n`, 6],
    ['a merge key whose value is not a map', `${VPC}        tags:\n          <<: [1, 2]\n`, 7],
  ])('reports %s in an imported catalog, in the catalog', (_name, catalog, line) => {
    const { result } = lintRepo({
      'stacks/catalog/vpc.yaml': catalog,
      'stacks/deploy/dev.yaml': 'import:\n  - catalog/vpc\nvars:\n  stage: dev\n',
    });
    const found = result.diagnostics.filter((d) => d.ruleId === 'yaml-syntax');
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((d) => d.file === 'stacks/catalog/vpc.yaml')).toBe(true);
    expect(found[0]?.line).toBeGreaterThanOrEqual(line);
    expect(found[0]?.line).toBeLessThanOrEqual(line + 1);
  });

  it('reports a syntax error in atmos.yaml at its position', () => {
    const { result } = lintRepo({
      'atmos.yaml':
        'base_path: "./"\nstacks:\n  base_path: stacks\n  included_paths: ["deploy/**/*"\n  name_template: "{{ .vars.stage }}"\n',
      'stacks/deploy/dev.yaml': `vars:\n  stage: dev\n${VPC}`,
    });
    expect(result.diagnostics.map((d) => [d.ruleId, d.file])).toContainEqual(['yaml-syntax', 'atmos.yaml']);
  });

  it('refuses an alias bomb quickly instead of expanding it', () => {
    const levels = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    }
    const { result, ms } = lintRepo({
      'stacks/deploy/dev.yaml': `vars:\n  stage: dev\n${levels.map((l) => `  ${l}`).join('\n')}\n${VPC}`,
    });
    expect(brief(result.diagnostics)).toEqual([['yaml-syntax', 'stacks/deploy/dev.yaml', 1, 1]]);
    expect(result.diagnostics[0]?.message).toMatch(/billion laughs/);
    expect(ms).toBeLessThan(5000);
  });

  it('refuses nesting deeper than 512 levels without crashing', () => {
    const deep = `${'['.repeat(2000)}${']'.repeat(2000)}`;
    const { result } = lintRepo({ 'stacks/deploy/dev.yaml': `vars:\n  stage: dev\n  deep: ${deep}\n` });
    expect(result.diagnostics.length).toBeGreaterThan(0);
    expect(result.diagnostics.every((d) => d.ruleId === 'yaml-syntax' && d.line === 3)).toBe(true);
    expect(result.diagnostics.map((d) => d.message)).toContain(
      'YAML nesting deeper than 512 levels is not supported',
    );
  });

  it.each([
    ['binary', Buffer.from([0x76, 0x61, 0x72, 0x73, 0x3a, 0x0a, 0x00, 0x00, 0x01])],
    ['not UTF-8', Buffer.from('vars:\n  stage: dev\n  name: caf\xe9\n', 'latin1')],
  ])('reports a top-level manifest that is %s, naming the file', (_name, data) => {
    const { result } = lintRepo(
      { 'stacks/deploy/prod.yaml': `vars:\n  stage: prod\n${VPC}` },
      { 'stacks/deploy/dev.yaml': data },
    );
    const found = result.diagnostics.filter((d) => d.ruleId === 'yaml-syntax');
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain('deploy/dev.yaml');
    // The other stack is still resolved.
    expect(result.resolution.instances.map((i) => i.stack)).toEqual(['prod']);
  });

  it('reports an unreadable top-level manifest in that file, not in atmos.yaml', () => {
    const { result } = lintRepo({}, { 'stacks/deploy/dev.yaml': Buffer.from([0x00, 0x01, 0x02]) });
    expect(brief(result.diagnostics)).toEqual([['yaml-syntax', 'stacks/deploy/dev.yaml', 1, 1]]);
  });

  it('reports an imported file that is not text as yaml-syntax (it exists, so it is found)', () => {
    const { result } = lintRepo(
      { 'stacks/deploy/dev.yaml': 'import:\n  - catalog/blob\nvars:\n  stage: dev\n' },
      { 'stacks/catalog/blob.yaml': Buffer.from([0x00, 0x01, 0x02]) },
    );
    expect(result.diagnostics.map((d) => d.ruleId)).toEqual(['yaml-syntax']);
  });

  // A file that does not parse gets only its parse errors, each once and at the place to fix.
  it('reports tab indentation once, without a follow-up structure error', () => {
    const { result } = lintRepo({
      'stacks/deploy/dev.yaml':
        'vars:\n  stage: dev\ncomponents:\n  terraform:\n    vpc:\n      vars:\n\tname: vpc\n',
    });
    expect(result.diagnostics.map((d) => d.ruleId)).toEqual(['yaml-syntax']);
  });

  it('reports deep nesting once, without the JavaScript stack-overflow message', () => {
    const deep = `${'['.repeat(2000)}${']'.repeat(2000)}`;
    const { result } = lintRepo({ 'stacks/deploy/dev.yaml': `vars:\n  stage: dev\n  deep: ${deep}\n` });
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      'YAML nesting deeper than 512 levels is not supported',
    ]);
  });

  it('points at the opening quote of an unclosed string, not past the end of the file', () => {
    const { result } = lintRepo({
      'stacks/deploy/dev.yaml': `vars:\n  stage: dev\n${VPC}        description: "never closed\n        region: us-east-1\n`,
    });
    expect(brief(result.diagnostics)).toEqual([['yaml-syntax', 'stacks/deploy/dev.yaml', 8, 22]]);
  });
});
