import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/lint/engine.js';
import { ATMOS_TAGS, CONFIG_TAGS } from '../../src/load/tags.js';
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

/** A stack whose line 8 is `        <key>: <value>`. */
const stack = (value: string, key = 'value') =>
  `vars:\n  stage: dev\ncomponents:\n  terraform:\n    app:\n      vars:\n        name: app\n        ${key}: ${value}\n`;

const ATMOS_YAML = (extra: string) =>
  `base_path: "./"\nstacks:\n  base_path: stacks\n  included_paths: ["deploy/**/*"]\n  name_template: "{{ .vars.stage }}"\n${extra}`;

const tagIds = (files: Record<string, string>) =>
  run(files)
    .filter((d) => d.ruleId === 'unknown-yaml-tag')
    .map((d) => [d.file, d.line, d.column, d.endColumn, d.message]);

// Arguments that keep each function's value harmless for the rest of the pipeline.
const ARG: Record<string, string> = {
  '!include': 'data.yaml',
  '!include.raw': 'data.yaml',
  '!append': '\n          - a',
  '!literal': 'text',
  '!template': "'{{ .vars.name }}'",
};

describe('unknown-yaml-tag', () => {
  it(`accepts each of the ${ATMOS_TAGS.length} Atmos functions in a stack manifest`, () => {
    const lines = ATMOS_TAGS.map((tag, i) => `        v${i}: ${tag} ${ARG[tag] ?? 'arg'}`);
    const text = `${stack('1')}${lines.join('\n')}\n`;
    expect(tagIds({ 'stacks/deploy/data.yaml': 'a: 1\n', 'stacks/deploy/dev.yaml': text })).toEqual([]);
    // The same manifest with one tag misspelt is reported, so the check above can fail.
    const broken = text.replace('!terraform.state ', '!terraform.states ');
    expect(tagIds({ 'stacks/deploy/data.yaml': 'a: 1\n', 'stacks/deploy/dev.yaml': broken })).toHaveLength(1);
  });

  it.each([
    ['!!str', '8080'],
    ['!!int', '"8080"'],
    ['!!map', '{a: 1}'],
    ['!!seq', '[a]'],
    ['!!bool', 'true'],
  ])('accepts the standard YAML tag %s', (tag, value) => {
    expect(tagIds({ 'stacks/deploy/dev.yaml': stack(`${tag} ${value}`) })).toEqual([]);
  });

  it.each([
    ['!vault', 'secret/app', undefined],
    ['!Ref', 'VpcId', undefined],
    ['!terraform.outputs', 'vpc vpc_id', '!terraform.output'],
    ['!ENV', 'AWS_REGION', '!env'],
    ['!stor', 'ssm /a', '!store'],
    ['!git-sha', '', '!git.sha'],
  ])('reports %s at the tag', (tag, arg, hint) => {
    const found = tagIds({ 'stacks/deploy/dev.yaml': stack(`${tag} ${arg}`) });
    expect(found).toHaveLength(1);
    const [file, line, column, endColumn, message] = found[0] ?? [];
    expect([file, line, column, endColumn]).toEqual(['stacks/deploy/dev.yaml', 8, 16, 16 + tag.length]);
    expect(message).toContain(`Unknown YAML tag "${tag}": Atmos rejects it (ErrUnsupportedYamlTag).`);
    if (hint) expect(message).toContain(`Did you mean "${hint}"?`);
    else expect(message).toContain('Supported tags: !exec, ');
  });

  it('reports an unknown tag on a map and on a list', () => {
    const found = tagIds({
      'stacks/deploy/dev.yaml': `${stack('!settings\n          a: 1')}        more: !items\n          - a\n`,
    });
    expect(found.map((f) => f.slice(0, 3))).toEqual([
      ['stacks/deploy/dev.yaml', 8, 16],
      ['stacks/deploy/dev.yaml', 10, 15],
    ]);
  });

  it('reports the same unknown tag once per place, in every file that has it', () => {
    const catalog = 'components:\n  terraform:\n    app:\n      vars:\n        password: !vault secret/app\n';
    const found = tagIds({
      'stacks/catalog/app.yaml': catalog,
      'stacks/deploy/dev.yaml': 'import:\n  - catalog/app\nvars:\n  stage: dev\n',
      'stacks/deploy/prod.yaml': 'import:\n  - catalog/app\nvars:\n  stage: prod\n',
    });
    expect(found.map((f) => f.slice(0, 3))).toEqual([['stacks/catalog/app.yaml', 5, 19]]);
  });

  it(`accepts each of the ${CONFIG_TAGS.length} atmos.yaml functions in atmos.yaml`, () => {
    const lines = CONFIG_TAGS.map((tag, i) =>
      tag === '!append'
        ? `  v${i}: ${tag}\n    - a`
        : `  v${i}: ${tag} ${tag.startsWith('!include') ? 'data.yaml' : 'arg'}`,
    );
    expect(
      tagIds({
        'atmos.yaml': ATMOS_YAML(`custom:\n${lines.join('\n')}\n`),
        'data.yaml': 'a: 1\n',
        'stacks/deploy/dev.yaml': stack('1'),
      }),
    ).toEqual([]);
  });

  it('reports an unknown tag in atmos.yaml with the atmos.yaml vocabulary', () => {
    const found = tagIds({
      'atmos.yaml': ATMOS_YAML('logs:\n  level: !envv ATMOS_LOGS_LEVEL\n'),
      'stacks/deploy/dev.yaml': stack('1'),
    });
    expect(found).toEqual([
      [
        'atmos.yaml',
        7,
        10,
        15,
        'Unknown YAML tag "!envv": Atmos rejects it (ErrUnsupportedYamlTag). Did you mean "!env"?',
      ],
    ]);
  });

  // Atmos resolves only its atmos.yaml subset there and fails on the rest with ErrUnsupportedYamlTag
  // (pkg/config/process_yaml.go processScalarNode), stack functions included.
  it('reports a stack-only function such as !store in atmos.yaml', () => {
    const found = tagIds({
      'atmos.yaml': ATMOS_YAML('logs:\n  level: !store ssm /atmos/log-level\n'),
      'stacks/deploy/dev.yaml': stack('1'),
    });
    expect(found.map((f) => f.slice(0, 3))).toEqual([['atmos.yaml', 7, 10]]);
  });
});
