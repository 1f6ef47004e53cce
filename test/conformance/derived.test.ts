import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYamlText } from 'yaml';
import { at, CORPUS, describeCorpus, instance, loadGolden, plain, resolveFixture } from './helpers.js';

// Expectations hand-transcribed from Atmos's Go tests and test-case YAML (the `*.derived.yaml`
// files and `_test-cases/` of the corpus), checked against the resolver.

type Assertion = {
  stack?: string;
  component: string;
  key: string;
  expected?: unknown;
  expected_first_element?: unknown;
};

/** `vars.a.b[0]` → ['vars', 'a', 'b', 0] */
function keyPath(key: string): (string | number)[] {
  return key.split('.').flatMap((part) => {
    const m = /^(.*?)((?:\[\d+\])+)$/.exec(part);
    if (!m) return [part];
    return [m[1]!, ...[...m[2]!.matchAll(/\[(\d+)\]/g)].map((x) => Number(x[1]))];
  });
}

describeCorpus('Atmos derived expectations', () => {
  it('merge-type-override: a later type replaces, null overrides, three manifests compose one stack', () => {
    const r = resolveFixture('merge-type-override');
    const rows = loadGolden('merge-type-override', 'expected/go-test-assertions.derived.yaml') as Assertion[];
    for (const a of rows) {
      const c = instance(r, a.stack!, a.component);
      expect(plain(at(c.rendered, keyPath(a.key))), `${a.stack} ${a.component} ${a.key}`).toEqual(a.expected);
    }
    const sandbox = r.stacks.find((s) => s.name === 'sandbox-use1-sandbox');
    expect(sandbox?.manifests.map((m) => m.rel).sort()).toEqual([
      'orgs/acme/sandbox/us-east-1/eks.yaml',
      'orgs/acme/sandbox/us-east-1/s3.yaml',
      'orgs/acme/sandbox/us-east-1/vpc.yaml',
    ]);
    expect(r.findings).toEqual([]);
  });

  describe('top-level stack composition', () => {
    it.each([
      ['top-level-stack-composition', 'dev-shared'],
      ['top-level-stack-composition-explicit-name', 'imperative-shared'],
    ])('%s: two parents compose stack %s', (fixture, stackName) => {
      const r = resolveFixture(fixture);
      const d = loadGolden(fixture, 'expected/go-test-assertions.derived.yaml') as {
        stack: string;
        components_present: string[];
        assertions: (Assertion & { atmos_stack_file?: string })[];
      };
      expect(d.stack).toBe(stackName);
      expect(r.stacks.map((s) => s.name)).toEqual([stackName]);
      expect(r.components.map((c) => c.component).sort()).toEqual([...d.components_present].sort());
      for (const a of d.assertions) {
        const c = instance(r, stackName, a.component);
        expect(plain(at(c.rendered, keyPath(a.key))), `${a.component} ${a.key}`).toEqual(a.expected);
        // Identical definitions through a shared import resolve to the manifest sorting first.
        if (a.atmos_stack_file) expect(c.rendered.atmos_stack_file).toBe(a.atmos_stack_file);
      }
      expect(r.findings).toEqual([]);
    });

    it('conflict: differing definitions of one component are reported with both manifests', () => {
      const r = resolveFixture('top-level-stack-composition-conflict');
      const conflicts = r.findings.filter((f) => f.ruleId === 'conflicting-component');
      expect(conflicts).toHaveLength(1);
      const f = conflicts[0]!;
      expect(f.instance).toEqual({ component: 'conflicting', stack: 'dev-conflict' });
      expect(f.message).toContain('parents/01-network');
      expect(f.message).toContain('parents/02-platform');
      expect(f.message).toContain('more than one top-level stack manifest file');
      expect(f.message).toContain('Found duplicate config');
      expect(r.findings).toHaveLength(1);
    });

    it('isolated inheritance: metadata.inherits cannot reach a component of a peer manifest', () => {
      const r = resolveFixture('top-level-stack-composition-isolated-inheritance');
      expect(r.findings.map((f) => f.ruleId)).toEqual(['unknown-base-component']);
      expect(r.findings[0]!.message).toContain('`chatops` inherits from `dns-primary`');
    });

    it('parent scope: each parent keeps its own global vars', () => {
      const r = resolveFixture('top-level-stack-composition-parent-scope');
      const rows = loadGolden(
        'top-level-stack-composition-parent-scope',
        'expected/go-test-assertions.derived.yaml',
      ) as (Assertion & { atmos_stack_file: string })[];
      for (const a of rows) {
        const c = instance(r, a.stack!, a.component);
        expect(plain(at(c.rendered, keyPath(a.key))), a.component).toEqual(a.expected);
        expect(c.rendered.atmos_stack_file).toBe(a.atmos_stack_file);
      }
    });
  });

  it('component-list-merge-strategy: per-component strategies, through metadata.inherits', () => {
    const r = resolveFixture('component-list-merge-strategy');
    const rows = loadGolden(
      'component-list-merge-strategy',
      'expected/go-test-assertions.derived.yaml',
    ) as Assertion[];
    for (const a of rows) {
      const v = plain(at(instance(r, 'dev', a.component).rendered, keyPath(a.key)));
      if ('expected' in a) expect(v, a.component).toEqual(a.expected);
      else expect((v as unknown[])[0], a.component).toEqual(a.expected_first_element);
    }
  });

  it('atmos-overrides-section: overrides scope to the manifest and its imports (test-case YAML)', () => {
    const r = resolveFixture('atmos-overrides-section');
    const cases = parseYamlText(
      readFileSync(join(CORPUS, '_test-cases/atmos-overrides-section.yaml'), 'utf8'),
    ) as {
      tests: { args: string[]; expect: { stdout: string[] } }[];
    };
    expect(cases.tests).toHaveLength(5);
    for (const t of cases.tests) {
      const stack = t.args[t.args.indexOf('-s') + 1]!;
      const vars = at(instance(r, stack, 'c1').rendered, 'vars.test') as Record<string, string>;
      const got = Object.entries(vars).map(([k, v]) => `${k}: ${v}`);
      for (const line of t.expect.stdout) expect(got, stack).toContain(line);
    }
  });

  describe('ext-atmos-pro-example-advanced (corpus-notes §4 item 10)', () => {
    const r = resolveFixture('ext-atmos-pro-example-advanced');
    const inputs = (stack: string, component: string, event: string, file: string) =>
      plain(
        at(instance(r, stack, component).rendered, [
          'settings',
          'pro',
          'pull_request',
          event,
          'workflows',
          file,
          'inputs',
        ]),
      );

    it('my/instance adds upload only to synchronize; the aliased opened/reopened stay unchanged', () => {
      const plan = 'atmos-terraform-plan.yaml';
      expect(inputs('plat-use2-dev', 'my/instance', 'synchronize', plan)).toEqual({
        component: 'my/instance',
        stack: 'plat-use2-dev',
        upload: 'true',
      });
      for (const event of ['opened', 'reopened']) {
        expect(inputs('plat-use2-dev', 'my/instance', event, plan)).toEqual({
          component: 'my/instance',
          stack: 'plat-use2-dev',
        });
      }
      // No other instance picks up the key through the shared anchor.
      for (const c of r.instances) {
        if (c.component === 'my/instance' || !c.pro.configured) continue;
        for (const event of ['opened', 'synchronize', 'reopened']) {
          const v = at(c.rendered, [
            'settings',
            'pro',
            'pull_request',
            event,
            'workflows',
            plan,
            'inputs',
            'upload',
          ]);
          expect(v, `${c.stack}/${c.component} ${event}`).toBeUndefined();
        }
      }
    });

    it('core stacks get settings.pro.enabled: false and never the mixin', () => {
      const core = r.instances.filter((c) => c.stack.startsWith('core-'));
      expect(core.length).toBeGreaterThan(0);
      for (const c of core) {
        expect(plain(at(c.rendered, 'settings.pro')), `${c.stack}/${c.component}`).toEqual({
          enabled: false,
        });
        expect(c.pro).toEqual({ configured: true, enabled: false, drift: false });
        expect(c.imports.some((i) => i.startsWith('mixins/atmos-pro'))).toBe(false);
      }
      const plat = r.instances.filter((c) => c.stack.startsWith('plat-') && c.pro.enabled);
      expect(plat.length).toBeGreaterThan(0);
    });
  });
});
