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
  return lint({ cwd: dir, env: {}, rules: allRules });
}

/** A dev stack importing `entry` on line 2 and defining nothing else. */
const importing = (entry: string) => `import:\n  - ${entry}\nvars:\n  stage: dev\n`;
const component = (name: string) =>
  `components:\n  terraform:\n    ${name}:\n      vars:\n        name: ${name}\n`;

describe('import-not-found', () => {
  it.each([
    ['no extension, .yaml', 'catalog/vpc', 'stacks/catalog/vpc.yaml'],
    ['no extension, .yml', 'catalog/vpc', 'stacks/catalog/vpc.yml'],
    ['no extension, .yaml.tmpl', 'catalog/vpc', 'stacks/catalog/vpc.yaml.tmpl'],
    ['an explicit .yml', 'catalog/vpc.yml', 'stacks/catalog/vpc.yml'],
    ['.yaml where only .yaml.tmpl exists', 'catalog/vpc.yaml', 'stacks/catalog/vpc.yaml.tmpl'],
    ['a leading / (still relative to the stacks base)', '/catalog/vpc', 'stacks/catalog/vpc.yaml'],
    ['./ relative to the importing file', './_defaults', 'stacks/deploy/_defaults.yaml'],
    ['a glob with ** ', 'catalog/**/*', 'stacks/catalog/network/vpc.yaml'],
  ])('finds %s', (_name, entry, file) => {
    const { diagnostics, resolution } = run({
      [file]: component('vpc'),
      'stacks/deploy/dev.yaml': importing(entry),
    });
    expect(diagnostics).toEqual([]);
    expect(resolution.instances.map((i) => `${i.component}@${i.stack}`)).toEqual(['vpc@dev']);
  });

  it('prefers .yaml over .yml for an import without extension, as Atmos does', () => {
    const { resolution } = run({
      'stacks/catalog/vpc.yaml': component('from-yaml'),
      'stacks/catalog/vpc.yml': component('from-yml'),
      'stacks/deploy/dev.yaml': importing('catalog/vpc'),
    });
    expect(resolution.instances.map((i) => i.component)).toEqual(['from-yaml']);
  });

  it.each([
    [
      'a missing file',
      'catalog/vpcs',
      /^Import "catalog\/vpcs" not found: catalog\/vpcs\.yaml does not exist/,
    ],
    [
      'a glob without extension over .yml files',
      'catalog/*',
      /^Import "catalog\/\*" matches no file \(the pattern catalog\/\*\.yaml/,
    ],
    [
      '../ resolved from the importing file',
      '../catalog/vpc',
      /^Import "\.\.\/catalog\/vpc" not found: deploy\/catalog\/vpc\.yaml/,
    ],
  ])('reports %s at the import entry', (_name, entry, message) => {
    const { diagnostics } = run({
      'stacks/catalog/vpc.yml': component('vpc'),
      'stacks/deploy/nested/dev.yaml': importing(entry),
    });
    expect(diagnostics.map((d) => [d.ruleId, d.severity, d.file, d.line, d.column, d.endColumn])).toEqual([
      ['import-not-found', 'error', 'stacks/deploy/nested/dev.yaml', 2, 5, 5 + entry.length],
    ]);
    expect(diagnostics[0]?.message).toMatch(message);
  });

  it.each([
    ['skip_if_missing', 'path: catalog/optional\n    skip_if_missing: true'],
    // Atmos tests the path after rendering; an unrendered template path that matches nothing is skipped.
    ['a template path left unrendered', 'path: "catalog/{{ .flavor }}"\n    skip_templates_processing: true'],
  ])('skips a missing import with %s, as Atmos does', (_name, entry) => {
    expect(run({ 'stacks/deploy/dev.yaml': importing(entry) }).diagnostics).toEqual([]);
  });

  it('reports a rendered template path that names a missing file, as Atmos does', () => {
    const { diagnostics } = run({
      'stacks/deploy/dev.yaml': importing('path: "catalog/{{ .flavor }}"\n    context:\n      flavor: large'),
    });
    expect(diagnostics.map((d) => [d.ruleId, d.line])).toEqual([['import-not-found', 2]]);
    expect(diagnostics[0]?.message).toContain('catalog/large.yaml does not exist');
  });

  it.each([
    'github.com/acme/catalog//stacks/vpc.yaml?ref=v1',
    'git::https://github.com/acme/catalog.git//stacks/vpc.yaml',
    'https://example.com/stacks/vpc.yaml',
    's3::https://s3.amazonaws.com/acme/vpc.yaml',
  ])('reports the remote import %s at info level', (entry) => {
    const { diagnostics } = run({ 'stacks/deploy/dev.yaml': importing(entry) });
    expect(diagnostics.map((d) => [d.ruleId, d.severity, d.line])).toEqual([['import-not-found', 'info', 2]]);
    expect(diagnostics[0]?.message).toContain('is not fetched by atmos-pro-lint');
  });

  it('reports a missing !include at the include, and leaves remote !include URLs alone', () => {
    const stack = `vars:\n  stage: dev\n${component('vpc')}        tags: !include ./tags.yaml\n        remote: !include https://example.com/tags.yaml\n`;
    const { diagnostics } = run({ 'stacks/deploy/dev.yaml': stack });
    expect(diagnostics.map((d) => [d.ruleId, d.line, d.column])).toEqual([['import-not-found', 8, 24]]);
  });

  it('reports a missing import once for every stack that imports the file', () => {
    const { diagnostics } = run({
      'stacks/catalog/vpc.yaml': `import:\n  - mixins/missing\n${component('vpc')}`,
      'stacks/deploy/dev.yaml': importing('catalog/vpc'),
      'stacks/deploy/prod.yaml': importing('catalog/vpc').replace('stage: dev', 'stage: prod'),
    });
    expect(diagnostics.map((d) => [d.ruleId, d.file, d.line])).toEqual([
      ['import-not-found', 'stacks/catalog/vpc.yaml', 2],
    ]);
  });
});
