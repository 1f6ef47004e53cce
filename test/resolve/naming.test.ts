import { describe, expect, it } from 'vitest';
import { contextPrefix, stackFileName } from '../../src/resolve/names.js';
import { comp, findings, resolveRepo, rules } from './helpers.js';

// Semantics §1.3 (which files are stacks) and §1.4 (stack names).

const config = (stacks: string) => `base_path: "."\nstacks:\n  base_path: stacks\n${stacks}`;
const component = (vars: string, extra = '') =>
  `${extra}vars: {${vars}}\ncomponents:\n  terraform:\n    app: {}\n`;

describe('stack names (§1.4)', () => {
  const files = {
    'stacks/deploy/named.yaml': component('tenant: t, environment: e, stage: s', 'name: explicit\n'),
    'stacks/deploy/plain.yaml': component('tenant: t, environment: e, stage: s'),
  };

  it('manifest `name:` > name_template > name_pattern > file name', () => {
    const both = resolveRepo(files, {
      atmosYaml: config(
        '  included_paths: ["deploy/**/*"]\n  name_template: "{{ .vars.stage }}-tmpl"\n  name_pattern: "{tenant}-{stage}"\n',
      ),
    });
    expect(both.stacks.map((s) => s.name)).toEqual(['explicit', 's-tmpl']);
    const pattern = resolveRepo(files, {
      atmosYaml: config(
        '  included_paths: ["deploy/**/*"]\n  name_pattern: "{tenant}-{environment}-{stage}"\n',
      ),
    });
    expect(pattern.stacks.map((s) => s.name)).toEqual(['explicit', 't-e-s']);
    const none = resolveRepo(files, { atmosYaml: config('  included_paths: ["deploy/**/*"]\n') });
    expect(none.stacks.map((s) => s.name)).toEqual(['deploy/plain', 'explicit']);
  });

  it('name_pattern drops literal segments and unknown tokens', () => {
    expect(contextPrefix('acme-{tenant}-{region}-{stage}', { tenant: 't', region: 'r', stage: 's' })).toEqual(
      {
        name: 't-s',
      },
    );
    expect(contextPrefix('{tenant}-{stage}', { tenant: 't', stage: 5 })).toHaveProperty('error');
  });

  it('a name_pattern var that is missing falls back to the file name, with a finding per manifest', () => {
    const r = resolveRepo(
      {
        'stacks/deploy/x.yaml': 'vars: {stage: s}\ncomponents:\n  terraform:\n    a: {}\n    b: {}\n',
      },
      { atmosYaml: config('  included_paths: ["deploy/**/*"]\n  name_pattern: "{tenant}-{stage}"\n') },
    );
    expect(r.stacks.map((s) => s.name)).toEqual(['deploy/x']);
    expect(findings(r)).toEqual(['invalid-manifest atmos.yaml:5']);
    expect(r.findings[0]!.message).toContain('(also: `b`)');
  });

  it('a failing name_template is a finding (describe stacks fails on it)', () => {
    const r = resolveRepo(
      { 'stacks/deploy/x.yaml': component('stage: s') },
      { atmosYaml: config('  included_paths: ["deploy/**/*"]\n  name_template: "{{ .vars.tenant }}"\n') },
    );
    expect(rules(r)).toEqual(['template-syntax']);
    expect(r.findings[0]!.message).toContain('map has no entry for key "tenant"');
    expect(r.stacks.map((s) => s.name)).toEqual(['deploy/x']);
  });

  it('names a stack per component: one manifest can feed several stacks', () => {
    const r = resolveRepo(
      {
        'stacks/deploy/x.yaml':
          'components:\n  terraform:\n    a: {vars: {stage: one}}\n    b: {vars: {stage: two}}\n',
      },
      { atmosYaml: config('  included_paths: ["deploy/**/*"]\n  name_template: "{{ .vars.stage }}"\n') },
    );
    expect(r.stacks.map((s) => s.name)).toEqual(['one', 'two']);
    expect(comp(r, 'two', 'b').section.atmos_stack_file).toBe('deploy/x');
  });

  it('the stack file name trims only .yaml and .yml', () => {
    expect(stackFileName('deploy/a.yaml')).toBe('deploy/a');
    expect(stackFileName('deploy/a.yml')).toBe('deploy/a');
    expect(stackFileName('deploy/a.yaml.tmpl')).toBe('deploy/a.yaml.tmpl');
  });
});

describe('top-level manifests (§1.3)', () => {
  const files = {
    'stacks/deploy/a.yaml': component('stage: a'),
    'stacks/deploy/b.yml': component('stage: b'),
    'stacks/deploy/c.yaml.tmpl': component('stage: c'),
    'stacks/deploy/_defaults.yaml': component('stage: defaults'),
    'stacks/deploy/notes.txt': 'not a manifest',
    'stacks/deploy/sub/d.yaml': component('stage: d'),
    'stacks/catalog/e.yaml': component('stage: e'),
  };

  it('expands an extension-less include to .yaml, .yml, .yaml.tmpl, .yml.tmpl and applies excludes', () => {
    const r = resolveRepo(files, {
      atmosYaml: config(
        '  included_paths: ["deploy/**/*"]\n  excluded_paths: ["**/_defaults.yaml"]\n  name_template: "{{ .vars.stage }}"\n',
      ),
    });
    expect(r.stackFiles.map((m) => m.rel).sort()).toEqual([
      'deploy/a.yaml',
      'deploy/b.yml',
      'deploy/c.yaml.tmpl',
      'deploy/sub/d.yaml',
    ]);
  });

  it('uses a pattern with an extension verbatim; environment variables override the lists', () => {
    const r = resolveRepo(files, {
      atmosYaml: config(
        '  included_paths: ["deploy/*.yml", "catalog/*"]\n  name_template: "{{ .vars.stage }}"\n',
      ),
    });
    expect(r.stackFiles.map((m) => m.rel)).toEqual(['deploy/b.yml', 'catalog/e.yaml']);
    const env = resolveRepo(files, {
      atmosYaml: config('  included_paths: ["nothing/*"]\n  name_template: "{{ .vars.stage }}"\n'),
      env: {
        ATMOS_STACKS_INCLUDED_PATHS: 'deploy/*,catalog/*',
        ATMOS_STACKS_EXCLUDED_PATHS: '**/b.yml,**/_defaults.yaml',
      },
    });
    expect(env.stackFiles.map((m) => m.rel)).toEqual([
      'deploy/a.yaml',
      'deploy/c.yaml.tmpl',
      'catalog/e.yaml',
    ]);
  });

  it('reports when nothing matches', () => {
    const r = resolveRepo(files, { atmosYaml: config('  included_paths: ["nope/**/*"]\n') });
    expect(rules(r)).toEqual(['config-invalid']);
  });
});

describe('the same component in several top-level manifests of one stack', () => {
  const atmosYaml = config('  included_paths: ["deploy/**/*"]\n  name_template: "{{ .vars.stage }}"\n');

  it('is fine when identical: the manifest sorting first is kept', () => {
    const shared = 'components:\n  terraform:\n    app: {vars: {x: 1}}\n';
    const r = resolveRepo(
      {
        'stacks/deploy/b.yaml': 'import: [catalog/shared]\nvars: {stage: dev}\n',
        'stacks/deploy/a.yaml': 'import: [catalog/shared]\nvars: {stage: dev}\n',
        'stacks/catalog/shared.yaml': shared,
      },
      { atmosYaml },
    );
    expect(r.findings).toEqual([]);
    expect(comp(r, 'dev', 'app').section.atmos_stack_file).toBe('deploy/a');
    expect(r.stacks[0]!.manifests.map((m) => m.rel).sort()).toEqual(['deploy/a.yaml', 'deploy/b.yaml']);
  });

  it('is a conflict when they differ, unless the component is abstract', () => {
    const r = resolveRepo(
      {
        'stacks/deploy/a.yaml':
          'vars: {stage: dev}\ncomponents:\n  terraform:\n    app: {vars: {x: 1}}\n    base: {metadata: {type: abstract}, vars: {x: 1}}\n',
        'stacks/deploy/b.yaml':
          'vars: {stage: dev}\ncomponents:\n  terraform:\n    app: {vars: {x: 2}}\n    base: {metadata: {type: abstract}, vars: {x: 2}}\n',
      },
      { atmosYaml },
    );
    expect(findings(r)).toEqual(['conflicting-component stacks/deploy/b.yaml:4']);
    expect(r.findings[0]!.related?.[0]?.loc.file.path).toMatch(/deploy\/a\.yaml$/);
  });
});

describe('terraform workspace as describe stacks computes it', () => {
  const manifest = `
vars: {tenant: t, environment: e, stage: s}
components:
  terraform:
    base: {metadata: {type: abstract}}
    derived: {metadata: {component: base, inherits: [base]}}
    pinned: {metadata: {terraform_workspace: "pin/ned", terraform_workspace_pattern: "{stage}"}}
    patterned: {metadata: {terraform_workspace_pattern: "{tenant}-{stage}-{component}"}}
    templated: {metadata: {terraform_workspace_template: "{{ .vars.stage }}-{{ .component }}"}}
    http: {backend_type: http}
`;
  const ws = (r: ReturnType<typeof resolveRepo>, stack: string, name: string) =>
    comp(r, stack, name).section.workspace;

  it('is the stack name, even for a derived component; explicit settings win', () => {
    const r = resolveRepo(
      { 'stacks/deploy/x.yaml': manifest },
      { atmosYaml: config('  included_paths: ["deploy/**/*"]\n  name_pattern: "{tenant}-{stage}"\n') },
    );
    expect(ws(r, 't-s', 'derived')).toBe('t-s');
    expect(ws(r, 't-s', 'pinned')).toBe('pin-ned');
    // The explicit workspace drops the pattern from the described metadata.
    expect(comp(r, 't-s', 'pinned').section.metadata).toEqual({ terraform_workspace: 'pin/ned' });
    // Patterns see the name_pattern vars; {component} is never set by describe stacks.
    expect(ws(r, 't-s', 'patterned')).toBe('t-s-');
    expect(ws(r, 't-s', 'templated')).toBe('s-templated');
    expect(ws(r, 't-s', 'http')).toBe('default');
  });

  it('leaves pattern tokens empty when the stack is named by name_template', () => {
    const r = resolveRepo(
      { 'stacks/deploy/x.yaml': manifest },
      { atmosYaml: config('  included_paths: ["deploy/**/*"]\n  name_template: "{{ .vars.stage }}"\n') },
    );
    expect(ws(r, 's', 'patterned')).toBe('--');
  });

  it('is "default" when workspaces are disabled', () => {
    const r = resolveRepo(
      { 'stacks/deploy/x.yaml': manifest },
      {
        atmosYaml: `${config('  included_paths: ["deploy/**/*"]\n  name_template: "{{ .vars.stage }}"\n')}components:\n  terraform:\n    workspaces_enabled: false\n`,
      },
    );
    expect(ws(r, 's', 'derived')).toBe('default');
  });

  it('name_template sees only the sections describe stacks gives it', () => {
    const r = resolveRepo(
      { 'stacks/deploy/x.yaml': component('stage: s') },
      { atmosYaml: config('  included_paths: ["deploy/**/*"]\n  name_template: "{{ .command }}"\n') },
    );
    expect(rules(r)).toEqual(['template-syntax']);
  });
});

describe('component types', () => {
  it('describes the built-in types only; custom types are not instances', () => {
    const r = resolveRepo(
      {
        'stacks/deploy/x.yaml':
          'vars: {stage: s}\ncomponents:\n  terraform:\n    tf: {}\n  helmfile:\n    hf: {}\n  packer:\n    pk: {}\n  mycustom:\n    thing: {}\n',
      },
      { atmosYaml: config('  included_paths: ["deploy/**/*"]\n  name_template: "{{ .vars.stage }}"\n') },
    );
    expect(r.instances.map((c) => `${c.componentType}/${c.component}`)).toEqual([
      'helmfile/hf',
      'packer/pk',
      'terraform/tf',
    ]);
    expect(comp(r, 's', 'hf').section.command).toBe('helmfile');
  });
});

describe('name_template over many components', () => {
  it('shares one run allowance; past it, names fall back to the file name with a finding', () => {
    // ~110 steps per name (100 values encoded, a few nodes): a run allowance of 1,000 names about 9.
    const big = Array.from({ length: 100 }, (_, i) => i).join(', ');
    const comps = Array.from({ length: 30 }, (_, i) => `    c${i}: {}\n`).join('');
    const r = resolveRepo(
      { 'stacks/deploy/dev.yaml': `vars:\n  big: [${big}]\ncomponents:\n  terraform:\n${comps}` },
      {
        atmosYaml: config(
          '  included_paths: ["deploy/**/*"]\n  name_template: "{{ len (toJson .vars.big) }}"\n',
        ),
        renderLimits: { section: 1_000_000, run: 1000 },
      },
    );
    const names = new Set(r.components.map((c) => c.stack));
    expect([...names].sort()).toEqual(['291', 'deploy/dev']);
    expect(rules(r)).toEqual(['template-syntax']);
    expect(r.findings[0]!.message).toMatch(/exceeded 1000 steps together/);
  });
});
