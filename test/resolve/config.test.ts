import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadAtmosConfig } from '../../src/config/atmos-config.js';
import { makeRepo } from './helpers.js';

// Semantics §1.1–§1.2, §1.5: atmos.yaml discovery, base paths, environment overrides.

const load = (root: string, sub = '', env: Record<string, string> = {}, configPath?: string) =>
  loadAtmosConfig({ cwd: join(root, sub), env, ...(configPath ? { configPath } : {}) });

describe('discovery (§1.1)', () => {
  it('uses atmos.yaml in the working directory, else the nearest parent', () => {
    const root = makeRepo({ 'stacks/deploy/dev.yaml': '' }, 'stacks: {base_path: stacks}\n');
    expect(load(root).main.path).toBe(join(root, 'atmos.yaml'));
    expect(load(root, 'stacks/deploy').main.path).toBe(join(root, 'atmos.yaml'));
  });

  it('takes ATMOS_CLI_CONFIG_PATH and --config-path as a directory', () => {
    const root = makeRepo({ 'config/atmos.yaml': 'stacks: {base_path: custom}\n' }, null);
    expect(load(root, '', { ATMOS_CLI_CONFIG_PATH: 'config' }).main.path).toBe(
      join(root, 'config/atmos.yaml'),
    );
    expect(load(root, '', {}, 'config').stacksBasePath).toBe(join(root, 'custom'));
  });

  it('throws a ConfigError naming where it looked when there is none', () => {
    const root = makeRepo({}, null);
    expect(() => load(root)).toThrow(ConfigError);
    expect(() => load(root)).toThrow(/atmos\.yaml/);
  });

  it('merges atmos.d fragments and `import:` files under the main file', () => {
    const root = makeRepo(
      {
        'atmos.d/stacks.yaml': 'stacks: {base_path: from-fragment, name_pattern: "{stage}"}\n',
        'extra/naming.yaml': 'stacks: {name_template: "{{ .vars.stage }}"}\n',
      },
      'import: [extra/naming]\nstacks: {name_pattern: "{tenant}-{stage}"}\n',
    );
    const c = load(root);
    expect(c.stacksBasePath).toBe(join(root, 'from-fragment'));
    expect(c.namePattern).toBe('{tenant}-{stage}');
    expect(c.nameTemplate).toBe('{{ .vars.stage }}');
  });
});

describe('base paths (§1.2)', () => {
  it('resolves a dot base_path against the atmos.yaml directory', () => {
    const root = makeRepo(
      { 'infra/config/atmos.yaml': 'base_path: ".."\nstacks: {base_path: stacks}\n' },
      null,
    );
    expect(load(root, '', {}, 'infra/config').stacksBasePath).toBe(join(root, 'infra/stacks'));
  });

  it('resolves ATMOS_BASE_PATH against the working directory', () => {
    const root = makeRepo({ 'sub/x': '' }, 'base_path: "."\nstacks: {base_path: stacks}\n');
    expect(load(root, 'sub', { ATMOS_BASE_PATH: '.' }).stacksBasePath).toBe(join(root, 'sub/stacks'));
  });

  it('resolves a bare or empty base_path against the git root', () => {
    const root = makeRepo(
      { 'infra/stacks/x.yaml': '', 'config/atmos.yaml': 'base_path: infra\nstacks: {base_path: stacks}\n' },
      null,
    );
    expect(load(root, '', {}, 'config').stacksBasePath).toBe(join(root, 'infra/stacks'));
    const empty = makeRepo({ 'config/atmos.yaml': 'base_path: ""\nstacks: {base_path: stacks}\n' }, null);
    expect(load(empty, '', {}, 'config').stacksBasePath).toBe(join(empty, 'stacks'));
  });

  it('keeps an absolute stacks.base_path', () => {
    const root = makeRepo({}, 'stacks: {base_path: /opt/stacks}\n');
    expect(load(root).stacksBasePath).toBe('/opt/stacks');
  });

  it('applies the ATMOS_* environment overrides, and those promoted from env:', () => {
    const root = makeRepo(
      {},
      'base_path: "."\nstacks:\n  base_path: stacks\n  included_paths: [a/*]\n  name_pattern: "{stage}"\nenv:\n  ATMOS_STACKS_NAME_TEMPLATE: "{{ .vars.x }}"\n',
    );
    const c = load(root, '', {
      ATMOS_STACKS_BASE_PATH: 'other',
      ATMOS_STACKS_INCLUDED_PATHS: 'b/*,c/*',
      ATMOS_STACKS_NAME_PATTERN: '{tenant}',
      ATMOS_SETTINGS_LIST_MERGE_STRATEGY: 'append',
      ATMOS_COMPONENTS_TERRAFORM_BASE_PATH: 'tf',
    });
    expect(c.stacksBasePath).toBe(join(root, 'other'));
    expect(c.includedPaths).toEqual(['b/*', 'c/*']);
    expect(c.namePattern).toBe('{tenant}');
    expect(c.nameTemplate).toBe('{{ .vars.x }}');
    expect(c.listMergeStrategy).toBe('append');
    expect(c.componentBasePaths.terraform).toBe(join(root, 'tf'));
  });

  it('resolves !env, !repo-root and !cwd in path settings', () => {
    const root = makeRepo(
      {},
      'base_path: !repo-root\nstacks:\n  base_path: !env STACKS_DIR fallback\ncomponents:\n  terraform:\n    base_path: !env TF_DIR\n',
    );
    const c = load(root, '', { TF_DIR: 'modules' });
    expect(c.basePath).toBe(root);
    expect(c.stacksBasePath).toBe(join(root, 'fallback'));
    expect(c.componentBasePaths.terraform).toBe(join(root, 'modules'));
  });

  it('reports an unknown tag and keeps the value usable', () => {
    const root = makeRepo({}, 'stacks:\n  base_path: !wrongtag "stacks"\n');
    const c = load(root);
    expect(c.problems.map((p) => p.code)).toEqual(['unknown-yaml-tag']);
    expect(c.stacksBasePath).toBe(join(root, 'stacks'));
  });

  it('reports an invalid list_merge_strategy and falls back to replace', () => {
    const c = load(makeRepo({}, 'settings: {list_merge_strategy: zip}\n'));
    expect(c.listMergeStrategy).toBe('replace');
    expect(c.problems.map((p) => p.code)).toEqual(['invalid-manifest']);
  });
});

describe('templates settings (§1.5)', () => {
  it('are off unless atmos.yaml turns them on', () => {
    expect(load(makeRepo({}, 'stacks: {base_path: s}\n')).templates.enabled).toBe(false);
    const c = load(
      makeRepo(
        {},
        'templates:\n  settings:\n    enabled: true\n    sprig: {enabled: true}\n    evaluations: 2\n    delimiters: ["<<", ">>"]\n',
      ),
    );
    expect(c.templates).toMatchObject({
      enabled: true,
      sprig: true,
      gomplate: false,
      evaluations: 2,
      delimiters: ['<<', '>>'],
    });
  });

  it('pass integrations.github through and default inherit.metadata to on', () => {
    const c = load(makeRepo({}, 'integrations:\n  github:\n    gitops: {opentofu-version: 1.8.4}\n'));
    expect(c.integrationsGithub).toEqual({ gitops: { 'opentofu-version': '1.8.4' } });
    expect(c.inheritMetadata).toBe(true);
  });
});
