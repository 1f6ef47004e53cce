import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAtmosConfig } from '../../src/config/atmos-config.js';
import type { Finding } from '../../src/core/diagnostic.js';
import { ManifestProcessor } from '../../src/resolve/manifests.js';
import { at, describeCorpus, findingsAt, fixtureDir, instance, plain, resolveFixture } from './helpers.js';

// Fixtures where the resolver reports problems: each finding must be one Atmos itself has (or a
// difference of the corpus copy, explained), and the values Atmos's Go tests assert must match.

describeCorpus('Atmos failures and Go-test values', () => {
  it('abstract-component-backend: the concrete instance (TestAbstractComponentBackendGeneration)', () => {
    const r = resolveFixture('abstract-component-backend');
    const c = instance(r, 'tenant1-ue2-dev', 'eks/service/app1');
    expect(c.rendered.component).toBe('eks-service');
    expect(c.rendered.backend_type).toBe('s3');
    expect(at(c.rendered, 'backend.workspace_key_prefix')).toBe('eks-service');
    expect(c.rendered.inheritance).toContain('eks/service/defaults');
    expect(plain(c.rendered.vars)).toMatchObject({ name: 'app1', namespace: 'acme', enabled: true });
    expect(at(c.rendered, 'metadata.component')).toBe('eks-service');
    expect(at(c.rendered, 'metadata.inherits')).toContain('eks/service/defaults');
    expect(at(c.rendered, 'component_info.component_path')).toContain('eks-service');
    // included_paths `**/*` makes the catalog a top-level manifest; name_template needs
    // vars.tenant, which it lacks, and ProcessTmpl runs with missingkey=error: describe stacks
    // fails on it (describe component, which the Go test uses, skips that manifest).
    expect(findingsAt(r)).toEqual(['template-syntax atmos.yaml:8']);
    expect(r.findings[0]!.message).toContain('catalog/eks-service-defaults');
    expect(r.findings[0]!.message).toContain('map has no entry for key "tenant"');
  });

  it('component-inheritance-without-metadata-component (TestComponentInheritanceWithoutMetadataComponent)', () => {
    const r = resolveFixture('component-inheritance-without-metadata-component');
    const c = instance(r, 'test', 'derived-component');
    expect(plain(c.rendered.vars)).toMatchObject({
      name: 'derived-component',
      base_var: 'base-value',
      derived_var: 'derived-value',
    });
    expect(c.rendered.component).toBe('derived-component');
    expect(c.rendered.inheritance).toContain('base-component');
    expect(plain(at(c.rendered, 'metadata.inherits'))).toEqual(['base-component']);
    expect(at(c.rendered, 'component_info.component_path')).toContain('derived-component');
    // base.yaml is itself a top-level manifest without vars.stage: describe stacks fails on it.
    expect(findingsAt(r)).toEqual(['template-syntax atmos.yaml:8']);
    expect(r.findings[0]!.message).toContain('stack manifest base:');
  });

  describe('hierarchical-imports', () => {
    it('reports only the two files the corpus copy lacks', () => {
      // Atmos's fixture has stacks/catalog/components/test-component/{base,variants}.yaml; the
      // corpus copy dropped every `components/` directory, these two included. Against the full
      // Atmos fixture the resolver finds both stacks and reports nothing.
      const r = resolveFixture('hierarchical-imports');
      expect(findingsAt(r)).toEqual([
        'import-not-found stacks/deploy/dev/us-east-1.yaml:14',
        'import-not-found stacks/deploy/prod/us-west-2.yaml:7',
      ]);
      expect(r.findings.every((f) => f.message.includes('catalog/components/test-component/variants'))).toBe(
        true,
      );
    });

    it('deep-merges imports, globs and the file itself like TestHierarchicalImports_*', () => {
      const config = loadAtmosConfig({ cwd: fixtureDir('hierarchical-imports'), env: {} });
      const findings: Finding[] = [];
      const p = new ManifestProcessor(config, findings, () => undefined);
      const dev = p.processStack(join(config.stacksBasePath, 'deploy/dev/us-east-1.yaml'))!.merged;
      expect(dev.vars).toMatchObject({
        import_order_test: 'level-4-stack-dev-us-east-1',
        region: 'us-east-1',
        stage: 'dev',
        vpc_cidr: '10.1.0.0/16',
        provider_priority: 'c',
        provider_type: 'aws',
        tags: {
          ManagedBy: 'Atmos',
          CostCenter: 'engineering',
          Provider: 'AWS',
          Region: 'us-east-1',
          Stage: 'dev',
          Account: 'acme-dev',
          Stack: 'dev-us-east-1',
          Source: 'level-4-stack',
          ProviderPriority: 'C',
        },
      });
      expect(at(dev, 'settings.import_order_test')).toBe('level-4-stack-dev-us-east-1-settings');
      const prod = p.processStack(join(config.stacksBasePath, 'deploy/prod/us-west-2.yaml'))!.merged;
      expect(prod.vars).toMatchObject({
        import_order_test: 'level-4-stack-prod-us-west-2',
        region: 'us-west-2',
        stage: 'prod',
        vpc_cidr: '10.2.0.0/16',
        instance_type: 't3.large',
        min_size: 3,
        max_size: 10,
        tags: { Stage: 'prod', Account: 'acme-prod', Region: 'us-west-2' },
      });
    });
  });

  describe('atmos-yaml-functions-merge', () => {
    it('resolves base_path "../.." against the atmos.yaml directory, as Atmos does', () => {
      // In Atmos's tree that is tests/fixtures; in the corpus it is the corpus's parent, where
      // scenarios/… does not exist. The resolver is right; the copied layout differs.
      const r = resolveFixture('atmos-yaml-functions-merge');
      expect(r.config.stacksBasePath).toBe(
        join(fixtureDir('atmos-yaml-functions-merge'), '../../scenarios/atmos-yaml-functions-merge/stacks'),
      );
      expect(r.findings.map((f) => f.ruleId)).toEqual(['config-invalid']);
    });

    it('with ATMOS_BASE_PATH / ATMOS_STACKS_BASE_PATH pointing at the copy, concrete values replace functions', () => {
      const r = resolveFixture('atmos-yaml-functions-merge', {
        env: { ATMOS_BASE_PATH: '.', ATMOS_STACKS_BASE_PATH: 'stacks' },
      });
      const c = instance(r, 'test', 'test-yaml-to-concrete');
      expect(c.rendered.component).toBe('base-component');
      expect(plain(at(c.rendered, 'vars.template_config'))).toEqual({
        custom_key: 'custom_value',
        enabled: false,
      });
      // Component-time templates render inside YAML-function strings, before the functions run.
      expect(at(instance(r, 'test', 'test-yaml-to-yaml').rendered, 'vars.template_config')).toBe(
        '!template {"custom":"override","enabled":false,"timeout":60}',
      );
      // The catalog is a top-level manifest too (`**/*`) and has no vars.stage.
      expect(findingsAt(r)).toEqual(['template-syntax atmos.yaml:13']);
    });
  });

  it('invalid-stacks: each broken manifest is reported with the failure Atmos has', () => {
    const r = resolveFixture('invalid-stacks');
    const byFile = new Map<string, string[]>();
    for (const line of findingsAt(r)) {
      const [rule, where] = line.split(' ') as [string, string];
      const file = where.replace(/:\d+$/, '').replace(/^stacks\//, '');
      byFile.set(file, [...(byFile.get(file) ?? []), rule]);
    }
    expect(Object.fromEntries(byFile)).toEqual({
      'orgs/acme/platform/invalid-global-overrides.yaml': ['invalid-manifest'],
      'orgs/acme/platform/invalid-helmfile-overrides.yaml': ['invalid-manifest'],
      'orgs/acme/platform/invalid-import-enum.yaml': ['invalid-manifest'],
      'orgs/acme/platform/invalid-import-missing-path.yaml': ['invalid-manifest'],
      // Rendered with the import's context; `.not-exist` does not parse. Atmos stops there.
      'catalog/invalid-template.yaml': ['template-syntax'],
      'orgs/acme/platform/invalid-manifest-schema.yaml': ['invalid-manifest'],
      // TestProcessYAMLConfigFile_InvalidTemplateInImportPath: "unclosed".
      'orgs/acme/platform/invalid-template-import-path.yaml': ['template-syntax'],
      'orgs/acme/platform/invalid.yaml': ['yaml-syntax', 'yaml-syntax'],
      // TestProcessYAMLConfigFile_ImportNotFound_ErrorPath.
      'orgs/acme/platform/missing-import.yaml': ['import-not-found'],
    });
    expect(r.findings.find((f) => f.message.includes('{{ unclosed'))?.message).toContain('unclosed');
    // helmfile.unknown_option is only a schema violation; empty.yaml is fine (an empty result).
    expect([...byFile.keys()].some((f) => f.includes('unknown-option') || f.includes('empty'))).toBe(false);
  });

  it('testcase-yaml-unsupported-tags: an unknown tag in atmos.yaml is reported, the value stays usable', () => {
    const r = resolveFixture('testcase-yaml-unsupported-tags');
    expect(findingsAt(r)[0]).toBe('unknown-yaml-tag atmos.yaml:6');
    expect(r.config.stacksBasePath).toBe(join(fixtureDir('testcase-yaml-unsupported-tags'), 'stacks'));
    // The fixture keeps its manifests beside atmos.yaml, so `stacks/` does not exist.
    expect(r.findings.map((f) => f.ruleId)).toEqual(['unknown-yaml-tag', 'config-invalid']);
  });

  it('testcase-validate-type-mismatch: Atmos failures only', () => {
    const r = resolveFixture('testcase-validate-type-mismatch');
    const rules = r.findings.map((f) => `${f.ruleId}: ${f.message}`);
    // metadata.inherits naming undefined components: ErrComponentNotDefined.
    const unknown = rules.filter((x) => x.startsWith('unknown-base-component'));
    expect(unknown).toHaveLength(2);
    expect(unknown[0]).toMatch(/`vpc` inherits from `base` \(metadata\.inherits\).*ErrComponentNotDefined/);
    expect(unknown[1]).toMatch(/`vpc` inherits from `override` \(metadata\.inherits\)/);
    // example1, example2 and merge-conflict define `test` in dev-test differently.
    const conflicts = r.findings.filter((f) => f.ruleId === 'conflicting-component');
    expect(conflicts.map((f) => f.instance)).toEqual([
      { component: 'test', stack: 'dev-test' },
      { component: 'test', stack: 'dev-test' },
    ]);
    // name_pattern needs vars.stage; validate stacks fails, describe stacks uses the file name.
    expect(rules.filter((x) => x.startsWith('invalid-manifest'))).toHaveLength(4);
    expect(r.findings).toHaveLength(8);
  });

  it('stack-name-pattern-missing-vars: `name:` wins; the other falls back to its file name', () => {
    const r = resolveFixture('stack-name-pattern-missing-vars');
    expect(r.stacks.map((s) => s.name)).toEqual(['my-explicit-stack', 'no-explicit-name']);
    expect(findingsAt(r)).toEqual(['invalid-manifest atmos.yaml:10']);
    expect(r.findings[0]!.message).toContain('no-explicit-name');
  });

  it('complete: .tmpl files are parsed only as rendered text', () => {
    const r = resolveFixture('complete', { templateEnv: { USER: 'user' } });
    expect(r.findings.filter((f) => f.ruleId === 'yaml-syntax')).toEqual([]);
    const c = instance(r, 'tenant2-ue2-prod', 'service-iam-role/webservices/prod');
    expect(plain(c.rendered.vars)).toMatchObject({
      enabled: true,
      service_account_name: 'webservices',
      service_account_namespace: 'prod',
    });
    expect((at(c.rendered, 'vars.iam_managed_policy_arns') as unknown[]).length).toBe(9);
  });
});
