import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, parse as parseYaml, visit } from 'yaml';
import { functionSet, parseTemplate, renderTemplate, TemplateSyntaxError } from '../../src/template/index.js';

const CORPUS = resolve(process.cwd(), '../shared/corpus');
const fs = functionSet({ sprig: true, gomplate: true, atmos: true });

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(ya?ml|tmpl)$/.test(e)) out.push(p);
  }
  return out;
}

const files = walk(CORPUS)
  .filter((f) => readFileSync(f, 'utf8').includes('{{'))
  .map((f) => relative(CORPUS, f))
  .sort();

/**
 * GitHub Actions workflows use `${{ expr }}`, GitHub's expression language, not Go templates: Atmos
 * never renders them (`github.sha`, `||`, `contains(...)` are not Go template syntax).
 */
const isGithubWorkflow = (rel: string) =>
  rel.includes('.github/workflows/') ||
  rel.startsWith('atmos-branch-pro-templates/pro-install-cmd/workflows/');

/** Agent-skill scaffolds rendered with `<<`/`>>` delimiters (see corpus SOURCES.md). */
const usesAngleDelims = (rel: string) => rel.startsWith('atmos-branch-pro-templates/atmos-pro-skill/');

/** Deliberately invalid fixtures, with the reason Go rejects them. */
const KNOWN_INVALID: Record<string, { template: string; message: string; why: string }> = {
  'invalid-stacks/stacks/orgs/acme/platform/invalid-template-import-path.yaml': {
    template: '{{ unclosed',
    message: 'function "unclosed" not defined',
    why: 'fixture for a broken import path: the action is never closed and `unclosed` is no function',
  },
};

function templateScalars(text: string): string[] {
  const out: string[] = [];
  for (const doc of parseAllDocuments(text)) {
    visit(doc, {
      Scalar(_key, node) {
        if (typeof node.value === 'string' && node.value.includes('{{')) out.push(node.value);
      },
    });
  }
  return out;
}

describe('corpus: every Go template in the real stack trees parses', () => {
  it('finds the corpus', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  const stackFiles = files.filter((f) => !isGithubWorkflow(f));

  it.each(stackFiles)('%s', (rel) => {
    const text = readFileSync(join(CORPUS, rel), 'utf8');
    if (rel.endsWith('.tmpl')) {
      // Import-time rendering parses the whole file.
      const delims = usesAngleDelims(rel) ? { leftDelim: '<<', rightDelim: '>>' } : {};
      const r = parseTemplate(text, { functions: fs, name: rel, ...delims });
      expect('error' in r ? r.error.goMessage : 'ok').toBe('ok');
      return;
    }
    if (rel === 'invalid-stacks/stacks/catalog/invalid-template.yaml') {
      // Not even valid YAML; as an import-time template Go stops at `.not-exist` (no `-` in field names).
      const r = parseTemplate(text, { functions: fs });
      expect('error' in r && r.error.message).toBe("bad character U+002D '-'");
      return;
    }
    // Component-section rendering sees the decoded YAML strings.
    const scalars = templateScalars(text);
    expect(scalars.length).toBeGreaterThan(0);
    const failures: string[] = [];
    for (const s of scalars) {
      const r = parseTemplate(s, { functions: fs });
      if ('error' in r) {
        const known = KNOWN_INVALID[rel];
        if (known !== undefined && known.template === s) expect(r.error.message).toBe(known.message);
        else failures.push(`${JSON.stringify(s)}: ${r.error.message}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('GitHub workflow expressions are not Go templates, and the parser rejects them without throwing', () => {
    const workflows = files.filter(isGithubWorkflow);
    expect(workflows.length).toBeGreaterThan(20);
    let rejected = 0;
    for (const rel of workflows) {
      for (const s of templateScalars(readFileSync(join(CORPUS, rel), 'utf8'))) {
        expect(s).toContain('${{');
        const r = parseTemplate(s, { functions: fs });
        if ('error' in r) {
          expect(r.error).toBeInstanceOf(TemplateSyntaxError);
          rejected++;
        }
      }
    }
    expect(rejected).toBeGreaterThan(100);
  });
});

describe('corpus: rendering real templates', () => {
  const section = {
    atmos_component: 'mock/drift',
    atmos_stack: 'plat-ue2-dev',
    atmos_stack_file: 'orgs/cp/tenant1/dev/us-east-2',
    workspace: 'plat-ue2-dev',
    component: 'infra/vpc',
    spacelift_stack: 'plat-ue2-dev-mock-drift',
    atlantis_project: 'plat-ue2-dev-mock-drift',
    vars: { namespace: 'cp', tenant: 'plat', environment: 'ue2', stage: 'dev', region: 'us-east-2' },
  };

  it('renders complete/stacks/orgs/cp/_defaults.yaml tags as Atmos would', () => {
    const doc = parseYaml(readFileSync(join(CORPUS, 'complete/stacks/orgs/cp/_defaults.yaml'), 'utf8'));
    const tags = doc.terraform.vars.tags as Record<string, string>;
    const rendered = Object.fromEntries(
      Object.entries(tags).map(([k, v]) => [
        k,
        renderTemplate(v, section, {
          functions: fs,
          env: (n) => (n === 'USER' ? 'ci' : undefined),
          missingKey: 'default',
        }),
      ]),
    );
    expect(rendered).toEqual({
      atmos_component: '{{ .atmos_component }}',
      atmos_stack: 'plat-ue2-dev',
      atmos_manifest: 'orgs/cp/tenant1/dev/us-east-2',
      terraform_workspace: 'plat-ue2-dev',
      terraform_component: 'infra/vpc',
      provisioned_by_user: 'ci',
      atmos_component_description: 'Mock/Drift component provisioned in the stack "plat-ue2-dev"',
      spacelift_stack: 'plat-ue2-dev-mock-drift',
      atlantis_project: 'plat-ue2-dev-mock-drift',
      region: 'us-east-2',
    });
  });

  it('renders the multi-line name_template of stack-name-template/atmos.yaml', () => {
    const cfg = parseYaml(readFileSync(join(CORPUS, 'stack-name-template/atmos.yaml'), 'utf8'));
    const tmpl = cfg.stacks.name_template as string;
    const name = (vars: Record<string, string>) =>
      renderTemplate(tmpl, { vars }, { functions: fs, missingKey: 'error' });
    expect(name({ namespace: 'acme', tenant: 'plat', environment: 'ue2', stage: 'dev' })).toBe(
      'plat-ue2-dev',
    );
    expect(name({ namespace: 'acme', tenant: '', environment: '', stage: '' })).toBe('');
    expect(() => name({ namespace: '', tenant: 'plat', environment: '', stage: '' })).toThrow(
      "error calling fail: Error: 'namespace' is required.",
    );
    expect(() => name({ namespace: 'acme', tenant: 'plat', environment: 'ue2' })).toThrow(
      'map has no entry for key "stage"',
    );
  });

  it('renders complete/.../service-iam-role/defaults.tmpl with import context', () => {
    const text = readFileSync(
      join(CORPUS, 'complete/stacks/catalog/terraform/service-iam-role/defaults.tmpl'),
      'utf8',
    );
    const out = renderTemplate(
      text,
      {
        app_name: 'svc',
        service_environment: 'dev',
        enabled: true,
        service_account_namespace: 'ns',
        iam_managed_policy_arns: ['arn:a', 'arn:b'],
      },
      { functions: fs, missingKey: 'error' },
    );
    const doc = parseYaml(out);
    const comp = doc.components.terraform['service-iam-role/svc/dev'];
    expect(comp.vars).toMatchObject({
      enabled: true,
      service_account_name: 'svc',
      iam_managed_policy_arns: ['arn:a', 'arn:b'],
    });
    expect(comp.vars.iam_source_policy_documents).toBeUndefined();
  });

  it('renders the atmos-pro skill scaffold with << >> delimiters', () => {
    const rel = 'atmos-branch-pro-templates/atmos-pro-skill/mixins/atmos-pro.yaml.tmpl';
    const text = readFileSync(join(CORPUS, rel), 'utf8');
    const out = renderTemplate(
      text,
      { target_org: 'acme', org: 'acme', repo: 'infra', namespace: 'cp' },
      {
        functions: fs,
        leftDelim: '<<',
        rightDelim: '>>',
      },
    );
    expect(out).not.toContain('<<');
    expect(out).toContain('{{ .atmos_component }}');
  });
});
