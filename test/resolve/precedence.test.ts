import { describe, expect, it } from 'vitest';
import { ATMOS_YAML, comp, findings, get, plain, resolveRepo, rules } from './helpers.js';

// Semantics §3.2–§3.3 (order of precedence for a component) and §4 (metadata).

describe('order of precedence (§3.2)', () => {
  it('global → terraform → base chain → component → overrides', () => {
    const r = resolveRepo({
      'stacks/deploy/dev.yaml': `
vars: {stage: dev, g: global, t: global, b: global, c: global, o: global}
terraform:
  vars: {t: terraform, b: terraform, c: terraform, o: terraform}
components:
  terraform:
    base:
      metadata: {type: abstract}
      vars: {b: base, c: base, o: base}
    app:
      metadata: {inherits: [base]}
      vars: {c: component, o: component}
      overrides:
        vars: {o: overrides}
`,
    });
    expect(plain(comp(r, 'dev', 'app').section.vars)).toEqual({
      stage: 'dev',
      g: 'global',
      t: 'terraform',
      b: 'base',
      c: 'component',
      o: 'overrides',
    });
  });

  it('scope beats file order: an imported terraform.settings beats the importing file’s settings', () => {
    const r = resolveRepo({
      'stacks/deploy/dev.yaml':
        'import: [catalog/tf]\nvars: {stage: dev}\nsettings: {x: global-in-stack}\ncomponents:\n  terraform:\n    app: {}\n',
      'stacks/catalog/tf.yaml': 'terraform:\n  settings: {x: terraform-in-import}\n',
    });
    expect(get(comp(r, 'dev', 'app').section, 'settings.x')).toBe('terraform-in-import');
  });

  it('base chain: `component:` first, then metadata.inherits in order; later entries win', () => {
    const r = resolveRepo({
      'stacks/deploy/dev.yaml': `
vars: {stage: dev}
components:
  terraform:
    top: {vars: {v: top, top: 1}}
    a: {metadata: {type: abstract}, vars: {v: a, a: 1}}
    b: {metadata: {type: abstract, inherits: [a]}, vars: {v: b, b: 1}}
    app:
      component: top
      metadata: {inherits: [b]}
      vars: {own: 1}
`,
    });
    const c = comp(r, 'dev', 'app');
    expect(plain(c.section.vars)).toEqual({ stage: 'dev', v: 'b', top: 1, a: 1, b: 1, own: 1 });
    expect(c.baseChain).toEqual(['top', 'b', 'a']);
    expect(c.section.inheritance).toEqual(['b', 'a', 'top']);
    // `component:` naming an Atmos component makes that the component folder.
    expect(c.section.component).toBe('top');
  });

  it('per-component list_merge_strategy governs its merges, including base chains', () => {
    const r = resolveRepo({
      'stacks/deploy/dev.yaml': `
vars: {stage: dev}
components:
  terraform:
    base: {metadata: {type: abstract}, vars: {l: [a]}}
    app:
      metadata: {inherits: [base]}
      settings: {list_merge_strategy: append}
      vars: {l: [b]}
    other:
      metadata: {inherits: [base]}
      vars: {l: [b]}
`,
    });
    expect(get(comp(r, 'dev', 'app').section, 'vars.l')).toEqual(['a', 'b']);
    expect(get(comp(r, 'dev', 'other').section, 'vars.l')).toEqual(['b']);
  });

  it('the last base processed sets command and backend_type, even when it has none', () => {
    const r = resolveRepo({
      'stacks/deploy/dev.yaml': `
vars: {stage: dev}
terraform: {backend_type: local}
components:
  terraform:
    a: {metadata: {type: abstract}, command: tf-a, backend_type: s3}
    b: {metadata: {type: abstract}}
    app: {metadata: {inherits: [a, b]}}
    app2: {metadata: {inherits: [b, a]}}
`,
    });
    expect(get(comp(r, 'dev', 'app').section, 'command')).toBe('tofu');
    expect(get(comp(r, 'dev', 'app').section, 'backend_type')).toBe('local');
    expect(get(comp(r, 'dev', 'app2').section, 'command')).toBe('tf-a');
    expect(get(comp(r, 'dev', 'app2').section, 'backend_type')).toBe('s3');
  });
});

describe('atmos.yaml layers', () => {
  it('integrations.github sits under settings.integrations.github; the stack wins', () => {
    const r = resolveRepo(
      {
        'stacks/deploy/dev.yaml': `
vars: {stage: dev}
components:
  terraform:
    app:
      settings:
        integrations:
          github: {gitops: {infracost-enabled: true}}
          other: {x: 1}
    plain: {}
`,
      },
      {
        atmosYaml: `${ATMOS_YAML}integrations:\n  github:\n    gitops: {infracost-enabled: false, opentofu-version: 1.8.4}\n`,
      },
    );
    expect(plain(get(comp(r, 'dev', 'app').section, 'settings.integrations'))).toEqual({
      github: { gitops: { 'infracost-enabled': true, 'opentofu-version': '1.8.4' } },
      other: { x: 1 },
    });
    expect(plain(get(comp(r, 'dev', 'plain').section, 'settings.integrations.github.gitops'))).toEqual({
      'infracost-enabled': false,
      'opentofu-version': '1.8.4',
    });
  });

  it('env is the lowest env layer, as strings; auth the lowest auth layer of terraform components', () => {
    const r = resolveRepo(
      {
        'stacks/deploy/dev.yaml':
          'vars: {stage: dev}\nenv: {B: stack}\ncomponents:\n  terraform:\n    app: {auth: {identities: {mine: {kind: x}}}}\n  helmfile:\n    chart: {}\n',
      },
      { atmosYaml: `${ATMOS_YAML}env: {A: 1, B: config}\nauth:\n  identities:\n    shared: {kind: y}\n` },
    );
    expect(plain(comp(r, 'dev', 'app').section.env)).toEqual({ A: '1', B: 'stack' });
    expect(Object.keys(get(comp(r, 'dev', 'app').section, 'auth.identities') as object).sort()).toEqual([
      'mine',
      'shared',
    ]);
    expect(plain(comp(r, 'dev', 'chart').section.auth)).toEqual({});
  });
});

describe('overrides scoping (§3.2 item 5)', () => {
  const files = {
    'stacks/deploy/dev.yaml': `
import: [catalog/x, catalog/o, catalog/y]
vars: {stage: dev}
components:
  terraform:
    f: {vars: {}}
`,
    'stacks/catalog/x.yaml': 'components:\n  terraform:\n    x: {vars: {}}\n',
    'stacks/catalog/o.yaml': `
overrides:
  vars: {o: global}
terraform:
  overrides:
    vars: {o: terraform, t: 1}
components:
  terraform:
    own: {vars: {}}
`,
    'stacks/catalog/y.yaml': 'components:\n  terraform:\n    y: {vars: {}}\n',
  };

  it('apply to the file’s components, later imports and the importer; terraform.overrides wins', () => {
    const r = resolveRepo(files);
    for (const name of ['own', 'y', 'f']) {
      expect(plain(comp(r, 'dev', name).section.vars), name).toMatchObject({ o: 'terraform', t: 1 });
    }
    expect(get(comp(r, 'dev', 'x').section, 'vars.o')).toBeUndefined();
  });

  it('inline overrides beat imported ones and reach the file’s imports', () => {
    const r = resolveRepo({
      ...files,
      'stacks/deploy/dev.yaml': files['stacks/deploy/dev.yaml'].replace(
        'vars: {stage: dev}',
        'vars: {stage: dev}\noverrides:\n  vars: {o: inline}',
      ),
    });
    expect(get(comp(r, 'dev', 'x').section, 'vars.o')).toBe('inline');
    // Inline global `overrides` vs imported `terraform.overrides`: inline is merged last.
    expect(get(comp(r, 'dev', 'f').section, 'vars.o')).toBe('inline');
  });
});

describe('metadata (§3.3, §4)', () => {
  const abstractDisabled = {
    'stacks/deploy/dev.yaml': `
vars: {stage: dev}
components:
  terraform:
    base:
      metadata: {type: abstract, enabled: false, locked: true, component: folder}
      settings: {pro: {enabled: true}}
    app:
      metadata: {inherits: [base]}
`,
  };

  it('an abstract base’s metadata.enabled: false reaches its children (inherit.metadata default on)', () => {
    const r = resolveRepo(abstractDisabled);
    const c = comp(r, 'dev', 'app');
    expect(plain(c.section.metadata)).toEqual({
      enabled: false,
      locked: true,
      component: 'folder',
      inherits: ['base'],
    });
    expect(c.pro).toEqual({ configured: true, enabled: false, drift: false });
    // metadata.type is not inherited; the component key follows its own metadata only.
    expect(c.abstract).toBe(false);
    expect(c.section.component).toBe('app');
    expect(r.instances.map((i) => i.component)).toEqual(['app']);
    expect(r.components.map((i) => i.component)).toEqual(['app', 'base']);
  });

  it('stacks.inherit.metadata: false turns metadata inheritance off', () => {
    const r = resolveRepo(abstractDisabled, { atmosYaml: `${ATMOS_YAML}  inherit:\n    metadata: false\n` });
    expect(plain(comp(r, 'dev', 'app').section.metadata)).toEqual({ inherits: ['base'] });
    expect(comp(r, 'dev', 'app').pro.enabled).toBe(true);
  });

  it('stack-level metadata only allows its documented keys', () => {
    const r = resolveRepo({
      'stacks/deploy/dev.yaml':
        'vars: {stage: dev}\nmetadata: {enabled: false, component: x}\ncomponents:\n  terraform:\n    app: {}\n',
    });
    expect(findings(r)).toEqual(['invalid-manifest stacks/deploy/dev.yaml:2']);
    expect(get(comp(r, 'dev', 'app').section, 'metadata')).toEqual({ enabled: false });
  });
});

describe('the component folder and base components (§4)', () => {
  it('metadata.component wins; `component:` naming a folder leaves the name', () => {
    const r = resolveRepo({
      'stacks/deploy/dev.yaml': `
vars: {stage: dev}
components:
  terraform:
    a: {component: some-folder}
    b: {component: some-folder, metadata: {component: explicit}}
`,
      'components/terraform/some-folder/main.tf': '',
    });
    expect(get(comp(r, 'dev', 'a').section, 'component')).toBe('a');
    expect(get(comp(r, 'dev', 'b').section, 'component')).toBe('explicit');
    expect(r.findings).toEqual([]);
  });

  it('reports a `component:` folder only when the components base path exists and lacks it', () => {
    const manifest = 'vars: {stage: dev}\ncomponents:\n  terraform:\n    a: {component: nowhere}\n';
    expect(rules(resolveRepo({ 'stacks/deploy/dev.yaml': manifest }))).toEqual([]);
    const r = resolveRepo({ 'stacks/deploy/dev.yaml': manifest, 'components/terraform/other/main.tf': '' });
    expect(findings(r)).toEqual(['unknown-base-component stacks/deploy/dev.yaml:4']);
    expect(r.findings[0]!.message).toContain('components/terraform');
  });

  it('reports metadata.inherits naming an undefined component, also deep in a chain', () => {
    const r = resolveRepo({
      'stacks/deploy/dev.yaml': `
vars: {stage: dev}
components:
  terraform:
    mid: {metadata: {type: abstract, inherits: [gone]}}
    app: {metadata: {inherits: [mid, missing]}}
`,
    });
    expect([...new Set(findings(r))].sort()).toEqual([
      'unknown-base-component stacks/deploy/dev.yaml:5',
      'unknown-base-component stacks/deploy/dev.yaml:6',
    ]);
  });

  it('detects a `component:` cycle; reports mutual metadata.inherits, which Atmos silently skips', () => {
    const cycle = resolveRepo({
      'stacks/deploy/dev.yaml':
        'vars: {stage: dev}\ncomponents:\n  terraform:\n    a: {component: b}\n    b: {component: a}\n',
    });
    expect(rules(cycle)).toContain('inheritance-cycle');
    // processBaseComponentConfigInternal passes the original component for nested inherits, so
    // a → b → a stops at a == a.
    const mutual = resolveRepo({
      'stacks/deploy/dev.yaml':
        'vars: {stage: dev}\ncomponents:\n  terraform:\n    a: {metadata: {inherits: [b]}, vars: {a: 1}}\n    b: {metadata: {inherits: [a]}, vars: {b: 1}}\n',
    });
    // Resolved as Atmos does, but the loop is reported once (from `a`, the smaller name).
    expect(findings(mutual)).toEqual(['inheritance-cycle stacks/deploy/dev.yaml:5']);
    expect(plain(comp(mutual, 'dev', 'a').section.vars)).toEqual({ stage: 'dev', a: 1, b: 1 });
    // A third component going through the loop is a cycle (TestProcessBaseComponentConfig_CycleDetection).
    const through = resolveRepo({
      'stacks/deploy/dev.yaml':
        'vars: {stage: dev}\ncomponents:\n  terraform:\n    a: {metadata: {inherits: [b]}}\n    b: {metadata: {inherits: [a]}}\n    c: {metadata: {inherits: [a]}}\n',
    });
    // Found from `a` (silent in Atmos) and from `c` (an error in Atmos): one place, one message.
    expect([...new Set(findings(through))]).toEqual(['inheritance-cycle stacks/deploy/dev.yaml:5']);
    expect(new Set(through.findings.map((f) => f.message)).size).toBe(1);
  });
});

describe('YAML anchors (no shared structure between alias uses)', () => {
  it('a key added to one use of an alias does not leak into the others', () => {
    const r = resolveRepo({
      'stacks/deploy/dev.yaml': `
import: [mixins/pro]
vars: {stage: dev}
components:
  terraform:
    app:
      settings:
        pro:
          pull_request:
            synchronize:
              workflows:
                plan.yaml:
                  inputs: {upload: "true"}
    other: {}
`,
      'stacks/mixins/pro.yaml': `
wf: &wf
  plan.yaml:
    inputs: {component: x}
settings:
  pro:
    pull_request:
      opened: {workflows: *wf}
      synchronize: {workflows: *wf}
`,
    });
    const inputs = (name: string, event: string) =>
      plain(
        get(comp(r, 'dev', name).section, [
          'settings',
          'pro',
          'pull_request',
          event,
          'workflows',
          'plan.yaml',
          'inputs',
        ]),
      );
    expect(inputs('app', 'synchronize')).toEqual({ component: 'x', upload: 'true' });
    expect(inputs('app', 'opened')).toEqual({ component: 'x' });
    expect(inputs('other', 'synchronize')).toEqual({ component: 'x' });
  });
});
