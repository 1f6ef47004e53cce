import { describe, expect, it } from 'vitest';
import {
  at,
  describeCorpus,
  findingsAt,
  goldenSections,
  instance,
  loadGolden,
  ourSections,
  ourWinner,
  ourWriters,
  plain,
  provenanceNotes,
  readGolden,
  resolveFixture,
} from './helpers.js';

// Each block compares the resolver with an output Atmos itself produced (see the corpus SOURCES.md
// for the exact commands). Only the sections the linter relies on are compared; Atmos's CLI
// decorations (atmos_cli_config, component_info.terraform_config, sources, deps) are not modelled.
const SECTIONS = ['vars', 'settings', 'metadata'] as const;

describeCorpus('Atmos goldens', () => {
  describe('relative-paths: describe stacks', () => {
    const r = resolveFixture('relative-paths');
    const golden = loadGolden('relative-paths', 'expected/describe-stacks.stdout.golden') as Record<
      string,
      { components: { terraform: Record<string, Record<string, unknown>> } }
    >;

    it('finds the same stacks and instances', () => {
      const ours = r.components.map((c) => `${c.stack}/${c.componentType}/${c.component}`).sort();
      const theirs = Object.entries(golden)
        .flatMap(([stack, s]) => Object.keys(s.components.terraform).map((c) => `${stack}/terraform/${c}`))
        .sort();
      expect(ours).toEqual(theirs);
      expect(r.findings).toEqual([]);
    });

    it('produces every component entry exactly, computed keys included', () => {
      for (const [stack, s] of Object.entries(golden)) {
        for (const [name, entry] of Object.entries(s.components.terraform)) {
          expect(plain(instance(r, stack, name).rendered), `${stack}/${name}`).toEqual(entry);
        }
      }
    });
  });

  describe('provenance: describe component mock -s acme-dev-us-east-1', () => {
    const r = resolveFixture('provenance');
    const c = instance(r, 'acme-dev-us-east-1', 'mock');
    const full = loadGolden(
      'provenance',
      'expected/describe-component-mock-s-acme-dev-us-east-1--format-yaml.stdout.golden',
    );

    it('matches the values of vars, settings, metadata and the computed keys', () => {
      expect(ourSections(c, SECTIONS)).toEqual(goldenSections(full, SECTIONS));
      for (const k of [
        'component',
        'workspace',
        'atmos_stack',
        'atmos_manifest',
        'atmos_stack_file',
        'inheritance',
      ]) {
        expect(plain(c.rendered[k]), k).toEqual(at(full, [k]));
      }
      expect(c.imports).toEqual(at(full, ['imports']));
    });

    it('points each value at the file and line the --provenance golden names', () => {
      const text = readGolden(
        'provenance',
        'expected/describe-component-mock-s-acme-dev-us-east-1--provenance.stdout.golden',
      );
      const notes = [...provenanceNotes(text).values()].filter((n) => n.path.startsWith('vars.'));
      expect(notes.length).toBeGreaterThanOrEqual(10);
      for (const n of notes) {
        expect(ourWinner(r, c, n.path.split('.')), n.path).toBe(`${n.file}:${n.line}`);
      }
    });

    it('lists what each winner overrode, like the `sources` section', () => {
      const sources = at(full, ['sources', 'vars']) as Record<
        string,
        { stack_dependencies: { stack_file: string }[] }
      >;
      for (const [name, s] of Object.entries(sources)) {
        const files = ourWriters(r, c, ['vars', name]).map((w) => w.replace(/\.yaml:\d+$/, ''));
        expect(files.sort(), name).toEqual(s.stack_dependencies.map((d) => d.stack_file).sort());
      }
      // environment: the component var (mixin line 13) beats the global var (mixin line 7).
      expect(ourWriters(r, c, ['vars', 'environment'])).toEqual([
        'mixins/stage/dev.yaml:13',
        'mixins/stage/dev.yaml:7',
      ]);
    });
  });

  describe('stack-manifest-name: manifest `name:` beats the file name', () => {
    const r = resolveFixture('stack-manifest-name');

    it('lists the stacks atmos list stacks prints', () => {
      const golden = readGolden('stack-manifest-name', 'expected/list-stacks.stdout.golden')
        .trim()
        .split('\n');
      expect(r.stacks.map((s) => s.name)).toEqual(golden);
      // `component: mock` names a Terraform folder the corpus did not copy: nothing to report.
      expect(r.findings).toEqual([]);
    });

    it.each([
      ['my-legacy-prod-stack', 'describe-component-vpc-s-my-legacy-prod-stack--format-json.stdout.golden'],
      ['no-name-prod', 'describe-component-vpc-s-no-name-prod--format-json.stdout.golden'],
    ])('describe component vpc -s %s', (stack, file) => {
      const golden = loadGolden('stack-manifest-name', `expected/${file}`);
      const c = instance(r, stack, 'vpc');
      expect(ourSections(c, SECTIONS)).toEqual(goldenSections(golden, SECTIONS));
      // A top-level `component:` naming only a folder leaves the component name unchanged.
      for (const k of ['component', 'workspace', 'atmos_stack', 'atmos_manifest', 'inheritance', 'backend']) {
        expect(plain(c.rendered[k]), k).toEqual(at(golden, [k]));
      }
      expect(c.imports).toEqual(at(golden, ['imports']));
    });

    it('has no stack named after the file of a manifest with `name:`', () => {
      expect(r.stacks.map((s) => s.name)).not.toContain('legacy-prod');
    });
  });

  describe('example-stack-names: `name:` or the file name, nothing else configured', () => {
    const r = resolveFixture('example-stack-names');

    it('lists the stacks atmos list stacks prints', () => {
      const golden = readGolden('example-stack-names', 'expected/list-stacks.stdout.golden')
        .trim()
        .split('\n');
      expect(r.stacks.map((s) => s.name)).toEqual(golden);
      expect(r.findings).toEqual([]);
    });

    it.each([
      ['dev', 'describe-component-mock-s-dev--format-json.stdout.golden'],
      ['production', 'describe-component-mock-s-production--format-json.stdout.golden'],
    ])('describe component mock -s %s', (stack, file) => {
      const golden = loadGolden('example-stack-names', `expected/${file}`);
      const c = instance(r, stack, 'mock');
      expect(ourSections(c, SECTIONS)).toEqual(goldenSections(golden, SECTIONS));
      for (const k of ['component', 'workspace', 'atmos_stack', 'atmos_manifest', 'stack']) {
        expect(plain(c.rendered[k]), k).toEqual(at(golden, [k]));
      }
    });
  });

  describe('atmos-pro: list instances and the effective Pro state', () => {
    const r = resolveFixture('atmos-pro');
    const csv = (file: string) =>
      readGolden('atmos-pro', `expected/${file}`)
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(','));

    it('has the five instances of the list instances golden (abstract mock dropped)', () => {
      const rows = csv('list-instances--format-csv.stdout.golden');
      const ours = r.instances
        .map((c) => [c.component, c.stack])
        .sort((a, b) => a[0]!.localeCompare(b[0]!) || a[1]!.localeCompare(b[1]!));
      expect(ours).toEqual(rows);
      expect(r.components.some((c) => c.component === 'mock' && c.abstract)).toBe(true);
      expect(r.findings).toEqual([]);
    });

    it('keeps the natural order stack, then component (custom-columns golden)', () => {
      const rows = csv('list-instances--format-csv--columns.stdout.golden');
      expect(r.instances.map((c) => [c.stack, c.component, c.componentType])).toEqual(rows);
    });

    it('counts 4 Pro-enabled, 1 disabled, 2 drift-enabled instances', () => {
      expect(r.instances.filter((c) => c.pro.enabled)).toHaveLength(4);
      expect(r.instances.filter((c) => !c.pro.enabled)).toHaveLength(1);
      expect(r.instances.filter((c) => c.pro.drift)).toHaveLength(2);
    });

    it('matches pro-effective-state.derived.yaml', () => {
      const derived = loadGolden('atmos-pro', 'expected/pro-effective-state.derived.yaml') as {
        instances: {
          stack: string;
          component: string;
          pro_enabled: boolean;
          drift_enabled: boolean;
          settings_pro?: unknown;
          vars?: unknown;
          settings_pro_differs_from_mock_drift?: Record<string, unknown>;
        }[];
        not_instances: { component: string }[];
      };
      for (const d of derived.instances) {
        const c = instance(r, d.stack, d.component);
        expect(c.pro, `${d.stack}/${d.component}`).toEqual({
          configured: true,
          enabled: d.pro_enabled,
          drift: d.drift_enabled,
        });
        if (d.settings_pro) expect(plain(at(c.rendered, 'settings.pro'))).toEqual(d.settings_pro);
        if (d.vars) expect(plain(c.rendered.vars)).toEqual(d.vars);
        if (d.settings_pro_differs_from_mock_drift) {
          const drift = plain(at(instance(r, d.stack, 'mock/drift').rendered, 'settings.pro')) as Record<
            string,
            unknown
          >;
          const ours = plain(at(c.rendered, 'settings.pro')) as Record<string, unknown>;
          for (const [k, v] of Object.entries(d.settings_pro_differs_from_mock_drift)) {
            const want = v !== null && typeof v === 'object' ? { ...(drift[k] as object), ...v } : v;
            expect(ours[k], k).toEqual(want);
            expect(ours[k]).not.toEqual(drift[k]);
          }
        }
      }
      // `<no value>`: vars.tenant is missing and component templates use missingkey=default.
      expect(
        at(instance(r, 'nonprod', 'mock/drift').rendered, [
          'settings',
          'pro',
          'pull_request',
          'merged',
          'workflows',
          'atmos-pro-terraform-apply.yaml',
          'inputs',
          'github_environment',
        ]),
      ).toBe('<no value>-nonprod');
      for (const n of derived.not_instances) {
        expect(r.instances.some((c) => c.component === n.component)).toBe(false);
      }
    });
  });

  describe('example-native-terraform: vars from an !include of HCL tfvars', () => {
    const r = resolveFixture('example-native-terraform');

    it('lists the stacks atmos list stacks prints', () => {
      const golden = readGolden('example-native-terraform', 'expected/list-stacks.stdout.golden')
        .trim()
        .split('\n');
      expect(r.stacks.map((s) => s.name)).toEqual(golden);
      expect(r.findings).toEqual([]);
    });

    it.each([
      ['dev', 'describe-component-vpc-s-dev--format-json.stdout.golden'],
      ['production', 'describe-component-vpc-s-production--format-json.stdout.golden'],
    ])('describe component vpc -s %s', (stack, file) => {
      const golden = loadGolden('example-native-terraform', `expected/${file}`);
      const c = instance(r, stack, 'vpc');
      expect(ourSections(c, SECTIONS)).toEqual(goldenSections(golden, SECTIONS));
      for (const k of ['component', 'workspace', 'atmos_stack', 'atmos_manifest']) {
        expect(plain(c.rendered[k]), k).toEqual(at(golden, [k]));
      }
      expect(c.imports).toEqual(at(golden, ['imports']));
    });
  });

  it('example-secrets-masking: describe stacks --format json, every entry exactly', () => {
    const r = resolveFixture('example-secrets-masking');
    const golden = loadGolden(
      'example-secrets-masking',
      'expected/describe-stacks--format-json.stdout.golden',
    ) as Record<string, { components: Record<string, Record<string, Record<string, unknown>>> }>;
    const theirs = Object.entries(golden).flatMap(([stack, s]) =>
      Object.entries(s.components).flatMap(([type, comps]) =>
        Object.entries(comps).map(([name, entry]) => ({ stack, type, name, entry })),
      ),
    );
    expect(r.components.map((c) => `${c.stack}/${c.componentType}/${c.component}`)).toEqual(
      theirs.map((t) => `${t.stack}/${t.type}/${t.name}`),
    );
    for (const t of theirs) expect(plain(instance(r, t.stack, t.name).rendered)).toEqual(t.entry);
  });

  it('atmos-auth: atmos.yaml auth is the lowest layer of a terraform component’s auth', () => {
    const r = resolveFixture('atmos-auth');
    const golden = loadGolden(
      'atmos-auth',
      'expected/describe-component-mycomponent-s-component-auth--identity-off-q-.auth.stdout.golden',
    ) as Record<string, unknown>;
    const auth = plain(instance(r, 'component-auth', 'mycomponent').rendered.auth) as Record<string, unknown>;
    // keyring, logs and realm are defaults of Atmos's auth struct, not configuration.
    expect(auth.providers).toEqual(golden.providers);
    expect(auth.identities).toEqual(golden.identities);
  });

  describe('complete: describe component top-level-component1 --stack tenant1-ue2-dev', () => {
    const r = resolveFixture('complete', { templateEnv: { USER: 'user' } });
    const golden = loadGolden(
      'complete',
      'expected/describe-component-top-level-component1--stack-tenant1-ue2-dev.stdout.golden',
    ) as Record<string, unknown>;
    const c = instance(r, 'tenant1-ue2-dev', 'top-level-component1');

    it('matches settings: atmos.yaml integrations.github merged in, depends_on keys as strings', () => {
      expect(plain(c.rendered.settings)).toEqual(golden.settings);
      expect(Object.keys(at(c.rendered, 'settings.depends_on') as object)).toEqual(['1', '2']);
      expect(at(c.rendered, 'settings.integrations.github.gitops')).toMatchObject({
        'infracost-enabled': false,
        'opentofu-version': '1.8.4',
        'terraform-version': '1.9.8',
      });
    });

    it('matches vars, with the raw-string escape kept and USER read from the template env', () => {
      const ours = plain(c.rendered.vars) as Record<string, unknown>;
      const theirs = structuredClone(golden.vars) as Record<string, Record<string, unknown>>;
      // `describe component` adds spacelift_stack and atlantis_project to the template data;
      // describe stacks (what list instances and uploads use) does not, so they render <no value>.
      const tags = ours.tags as Record<string, unknown>;
      expect(tags.spacelift_stack).toBe('<no value>');
      expect(tags.atlantis_project).toBe('<no value>');
      tags.spacelift_stack = theirs.tags!.spacelift_stack;
      tags.atlantis_project = theirs.tags!.atlantis_project;
      expect(ours).toEqual(theirs);
      expect(tags.atmos_component).toBe('{{ .atmos_component }}');
      expect(tags.provisioned_by_user).toBe('user');
    });

    it('matches providers and the sorted, de-duplicated transitive imports', () => {
      expect(plain(c.rendered.providers)).toEqual(golden.providers);
      expect(c.imports).toEqual(golden.import);
    });

    it('attributes values to the files and lines of the --provenance golden', () => {
      // Atmos keys provenance by path per stack, so for a few values it names a file that set the
      // same path for another component (corpus-notes §4 item 1). Ours name the real writer.
      const quirks: Record<string, string | undefined> = {
        'vars.enabled': 'catalog/terraform/top-level-component1.yaml:28',
        'vars.service_1_name': 'catalog/terraform/services/top-level-service-1.yaml:7',
        'vars.service_2_name': 'catalog/terraform/services/top-level-service-2.yaml:7',
        'settings.spacelift.workspace_enabled': 'catalog/terraform/top-level-component1.yaml:16',
        // From atmos.yaml integrations.github, which is not a stack layer.
        'settings.integrations.github.gitops.infracost-enabled': undefined,
      };
      const text = readGolden(
        'complete',
        'expected/describe-component-top-level-component1--stack-tenant1-ue2-dev.stdout.golden',
      );
      let agreed = 0;
      for (const n of provenanceNotes(text).values()) {
        if (n.path.startsWith('import')) continue;
        const ours = ourWinner(r, c, n.path.split('.'));
        if (n.path in quirks) expect(ours, n.path).toBe(quirks[n.path]);
        else {
          expect(ours, n.path).toBe(`${n.file}:${n.line}`);
          agreed++;
        }
      }
      expect(agreed).toBeGreaterThanOrEqual(50);
    });

    it('reports only real Atmos failures', () => {
      // vpc is defined by both us-east-2.yaml and us-east-2-extras.yaml with different vars and
      // overrides: `atmos validate stacks` and `describe component vpc` fail on it too.
      expect(findingsAt(r).filter((f) => !f.startsWith('template-unsupported-function'))).toEqual([
        'conflicting-component stacks/mixins/region/us-east-2.yaml:9',
      ]);
      expect(r.stacks).toHaveLength(10);
    });
  });
});
