import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { spanOf } from '../../src/core/source.js';
import { checkDispatch, type DispatchRequest, loadWorkflows } from '../../src/workflows/index.js';

const corpus = path.resolve(fileURLToPath(new URL('../../', import.meta.url)), '../shared/corpus');
const REPOS = [
  'ext-atmos-pro-example-advanced',
  'ext-atmos-pro-example-basic',
  'ext-atmos-pro-with-ecs',
  'ext-infra-demo-atmos-pro',
];
const indexes = new Map(REPOS.map((r) => [r, loadWorkflows(path.join(corpus, r))]));
const advanced = indexes.get('ext-atmos-pro-example-advanced')!;

/** Every `workflows: {<file>: {inputs}}` block under `settings.pro` of a stack file, with where it sits. */
function dispatchesIn(file: string): (DispatchRequest & { at: string })[] {
  const doc = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const out: (DispatchRequest & { at: string })[] = [];
  const walk = (node: unknown, at: string) => {
    if (!node || typeof node !== 'object' || Array.isArray(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'workflows' && value && typeof value === 'object') {
        for (const [workflowFile, spec] of Object.entries(value)) {
          const inputs = (spec as { inputs?: Record<string, unknown> } | null)?.inputs ?? {};
          out.push({ workflowFile, inputs, at: `${at}.workflows` });
        }
      } else {
        walk(value, `${at}.${key}`);
      }
    }
  };
  const settingsOf = (section: unknown) =>
    (section as { settings?: { pro?: unknown } } | undefined)?.settings?.pro;
  walk(settingsOf(doc), 'settings.pro');
  const terraform = (doc.components as { terraform?: Record<string, unknown> } | undefined)?.terraform ?? {};
  for (const [name, component] of Object.entries(terraform)) {
    walk(settingsOf(component), `components.terraform.${name}.settings.pro`);
  }
  return out;
}

describe('real workflows of the ext-* corpus repositories', () => {
  it.each(REPOS)('%s loads without findings', (repo) => {
    const index = indexes.get(repo)!;
    expect(index.dirExists).toBe(true);
    expect(index.findings).toEqual([]);
    expect(index.workflows.size).toBeGreaterThan(3);
    for (const wf of index.workflows.values()) {
      expect(wf.parseError, wf.fileName).toBeUndefined();
      expect(wf.triggers.size, wf.fileName).toBeGreaterThan(0);
    }
  });

  it('reads the `on` forms these repositories use', () => {
    const ecs = indexes.get('ext-atmos-pro-with-ecs')!;
    expect([...ecs.workflows.get('labeler.yaml')!.triggers.keys()]).toEqual(['pull_request']);
    expect(ecs.workflows.get('atmos-pro-list-deployments.yaml')!.dispatch?.inputs.size).toBe(0);
    expect(ecs.workflows.get('feature-branch.yml')!.triggers.get('pull_request')!.types).toEqual([
      'opened',
      'synchronize',
      'reopened',
      'labeled',
    ]);
    expect(advanced.workflows.get('atmos-pro.yaml')!.dispatch).toBeUndefined();
    expect(advanced.workflows.get('atmos-upload-instances.yaml')!.dispatch?.inputs.size).toBe(0);
  });

  it('ext-atmos-pro-example-advanced atmos-terraform-plan.yaml: the dispatch contract as written', () => {
    const plan = advanced.workflows.get('atmos-terraform-plan.yaml')!;
    expect(plan.name).toBe('👽 Atmos Pro Terraform Plan');
    expect(spanOf(plan.dispatch!.loc)).toEqual({ line: 5, column: 3, endLine: 5, endColumn: 20 });
    const contract = [...plan.dispatch!.inputs.values()].map((d) => ({
      id: d.id,
      type: d.type,
      typeWritten: d.typeWritten,
      required: d.required,
      default: d.default,
      line: spanOf(d.loc).line,
    }));
    expect(contract).toEqual([
      {
        id: 'atmos_pro_run_id',
        type: 'string',
        typeWritten: true,
        required: false,
        default: undefined,
        line: 7,
      },
      { id: 'sha', type: 'string', typeWritten: true, required: false, default: undefined, line: 10 },
      { id: 'component', type: 'string', typeWritten: true, required: true, default: undefined, line: 13 },
      { id: 'stack', type: 'string', typeWritten: true, required: true, default: undefined, line: 17 },
      { id: 'upload', type: 'string', typeWritten: true, required: false, default: 'false', line: 21 },
    ]);
    expect(plan.dispatch!.inputs.get('upload')!.description).toBe('Upload plan status to Atmos Pro');
    const apply = advanced.workflows.get('atmos-terraform-apply.yaml')!;
    expect([...apply.dispatch!.inputs.keys()]).toEqual([
      'atmos_pro_run_id',
      'sha',
      'component',
      'stack',
      'github_environment',
    ]);
    expect(apply.dispatch!.inputs.get('github_environment')!.required).toBe(true);
  });

  describe('ext-atmos-pro-example-advanced stacks/mixins/atmos-pro/default.yaml', () => {
    const mixin = path.join(corpus, 'ext-atmos-pro-example-advanced/stacks/mixins/atmos-pro/default.yaml');
    const plan = { component: '{{ .atmos_component }}', stack: '{{ .atmos_stack }}' };
    const requests: Record<string, DispatchRequest> = {
      'pull_request opened/synchronize/reopened': { workflowFile: 'atmos-terraform-plan.yaml', inputs: plan },
      'drift_detection.detect': {
        workflowFile: 'atmos-terraform-plan.yaml',
        inputs: { ...plan, upload: 'true' },
      },
      'pull_request.merged, release.released, drift_detection.remediate': {
        workflowFile: 'atmos-terraform-apply.yaml',
        inputs: { ...plan, github_environment: '{{ .vars.tenant }}-{{ .vars.stage }}' },
      },
    };

    it('the hand-built requests are exactly what the mixin configures', () => {
      const configured = dispatchesIn(mixin).map(({ workflowFile, inputs }) =>
        JSON.stringify([workflowFile, inputs]),
      );
      const built = Object.values(requests).map((r) => JSON.stringify([r.workflowFile, r.inputs]));
      expect(new Set(configured)).toEqual(new Set(built));
      expect(configured).toHaveLength(7);
    });

    it.each(Object.entries(requests))('%s: no problems, configured or rendered', (_, req) => {
      expect(checkDispatch(advanced, req)).toEqual([]);
      const rendered: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.inputs)) {
        rendered[name] = String(value)
          .replace('{{ .atmos_component }}', 'vpc')
          .replace('{{ .atmos_stack }}', 'plat-use2-dev')
          .replace('{{ .vars.tenant }}-{{ .vars.stage }}', 'plat-dev');
      }
      expect(checkDispatch(advanced, { ...req, rendered })).toEqual([]);
    });

    it('the my/instance override (upload on synchronize) merged with the mixin is still valid', () => {
      expect(
        checkDispatch(advanced, {
          workflowFile: 'atmos-terraform-plan.yaml',
          inputs: { ...plan, upload: 'true' },
          rendered: { component: 'my/instance', stack: 'plat-use2-dev', upload: 'true' },
        }),
      ).toEqual([]);
    });
  });

  it.each([
    ['ext-atmos-pro-example-advanced', 'stacks/mixins/atmos-pro/default.yaml', 7],
    ['ext-atmos-pro-example-advanced', 'stacks/orgs/ex1/plat/dev/us-east-2/demo.yaml', 1],
    ['ext-atmos-pro-example-basic', 'stacks/deploy/_defaults.yaml', 4],
    ['ext-infra-demo-atmos-pro', 'stacks/mixins/atmos-pro/default.yaml', 5],
  ])('%s %s: every configured dispatch names a workflow and only declared inputs', (repo, file, count) => {
    const found = dispatchesIn(path.join(corpus, repo, file));
    expect(found).toHaveLength(count);
    for (const req of found) {
      const problems = checkDispatch(indexes.get(repo)!, req).filter(
        (p) => p.kind === 'workflow-not-found' || p.kind === 'workflow-input-unknown',
      );
      expect(problems, `${req.at}.${req.workflowFile}`).toEqual([]);
    }
  });
});
