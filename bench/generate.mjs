// Generates realistic Atmos repositories for benchmarks: an org/tenant/stage/region hierarchy,
// catalogs of abstract bases, mixins carrying settings.pro (anchors, aliases), metadata.inherits,
// glob imports, templates and YAML functions. Deterministic for a given size.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const REGIONS = ['us-east-1', 'us-east-2', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-1'];
const STAGES = ['dev', 'staging', 'prod', 'sandbox'];
const COMPONENTS = [
  'vpc',
  'eks/cluster',
  'eks/alb-controller',
  'rds',
  'elasticache',
  's3-bucket',
  'iam-role',
  'sns-topic',
  'sqs-queue',
  'lambda',
  'ecr',
  'ecs/cluster',
  'ecs/service',
  'cloudfront',
  'route53',
  'acm',
  'waf',
  'kms',
  'secrets',
  'dynamodb',
  'aurora',
  'opensearch',
  'msk',
  'api-gateway',
  'cognito',
  'efs',
  'transit-gateway',
  'vpn',
  'guardduty',
  'config',
  'cloudtrail',
  'backup',
  'budgets',
  'datadog',
  'github-runners',
  'bastion',
  'redis',
  'mq',
  'glue',
  'athena',
];

/** Sizes are instance counts: stacks × components per stack. */
export function shapeFor(instances) {
  const perStack = instances >= 15000 ? 20 : instances >= 3000 ? 20 : 10;
  const stacks = Math.max(1, Math.round(instances / perStack));
  // orgs × tenants × stages × regions ≈ stacks
  const regions = Math.min(REGIONS.length, Math.max(1, Math.round(stacks / 64)) || 1);
  let orgs = 1;
  let tenants = 1;
  const stages = STAGES.length;
  while (orgs * tenants * stages * regions < stacks) {
    if (tenants <= orgs) tenants++;
    else orgs++;
  }
  return { orgs, tenants, stages, regions, perStack };
}

function w(root, path, text) {
  const p = join(root, path);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, text);
}

export function generate(root, instances) {
  rmSync(root, { recursive: true, force: true });
  const s = shapeFor(instances);
  mkdirSync(join(root, '.git'), { recursive: true });
  w(
    root,
    'atmos.yaml',
    `base_path: "./"
components:
  terraform:
    base_path: components/terraform
stacks:
  base_path: stacks
  included_paths:
    - "orgs/**/*"
  excluded_paths:
    - "**/_defaults.yaml"
  name_template: "{{ .vars.tenant }}-{{ .vars.environment }}-{{ .vars.stage }}"
templates:
  settings:
    enabled: true
    sprig:
      enabled: true
    gomplate:
      enabled: true
settings:
  pro:
    workspace_id: bench-workspace
    github_oidc:
      request_url: !env ACTIONS_ID_TOKEN_REQUEST_URL
      request_token: !env ACTIONS_ID_TOKEN_REQUEST_TOKEN
`,
  );
  const wf = (name, extra) => `name: ${name}
on:
  workflow_dispatch:
    inputs:
      component:
        type: string
        required: true
      stack:
        type: string
        required: true
${extra}`;
  w(
    root,
    '.github/workflows/atmos-terraform-plan.yaml',
    wf('plan', '      upload:\n        type: string\n        default: "false"\n'),
  );
  w(
    root,
    '.github/workflows/atmos-terraform-apply.yaml',
    wf('apply', '      github_environment:\n        type: string\n'),
  );
  w(
    root,
    '.github/workflows/lint.yaml',
    'name: lint\non:\n  pull_request:\n  merge_group:\n    types: [checks_requested]\n',
  );

  w(
    root,
    'stacks/mixins/atmos-pro.yaml',
    `plan-wf-config: &plan-wf-config
  atmos-terraform-plan.yaml:
    inputs:
      component: "{{ .atmos_component }}"
      stack: "{{ .atmos_stack }}"

apply-wf-config: &apply-wf-config
  atmos-terraform-apply.yaml:
    inputs:
      component: "{{ .atmos_component }}"
      stack: "{{ .atmos_stack }}"
      github_environment: "{{ .vars.tenant }}-{{ .vars.stage }}"

settings:
  pro:
    enabled: true
    pull_request:
      opened:
        workflows: *plan-wf-config
      synchronize:
        workflows: *plan-wf-config
      reopened:
        workflows: *plan-wf-config
      merged:
        workflows: *apply-wf-config
    merge_group:
      checks_requested:
        workflows: *plan-wf-config
    drift_detection:
      enabled: false
      detect:
        workflows:
          atmos-terraform-plan.yaml:
            inputs:
              component: "{{ .atmos_component }}"
              stack: "{{ .atmos_stack }}"
              upload: "true"
      remediate:
        workflows: *apply-wf-config
`,
  );
  for (const region of REGIONS) {
    const short = region.replace(/-(\w)\w+-(\d)/, (_, a, b) => `${a}${b}`).replace(/^(\w\w)-/, '$1');
    w(root, `stacks/mixins/region/${region}.yaml`, `vars:\n  region: ${region}\n  environment: ${short}\n`);
  }
  for (const stage of STAGES) {
    w(
      root,
      `stacks/mixins/stage/${stage}.yaml`,
      `vars:\n  stage: ${stage}\n${stage === 'prod' ? 'settings:\n  pro:\n    drift_detection:\n      enabled: true\n' : ''}`,
    );
  }
  COMPONENTS.forEach((c, i) => {
    w(
      root,
      `stacks/catalog/${c.replaceAll('/', '-')}.yaml`,
      `components:
  terraform:
    ${c}/defaults:
      metadata:
        type: abstract
        component: ${c}
      vars:
        enabled: true
        name: ${c.replaceAll('/', '-')}
        instance_count: ${(i % 5) + 1}
        tags:
          Team: team-${i % 7}
          Service: ${c}
      settings:
        depends_on:
          1:
            component: vpc
`,
    );
  });
  for (let o = 0; o < s.orgs; o++) {
    const org = `org${o}`;
    w(
      root,
      `stacks/orgs/${org}/_defaults.yaml`,
      `import:\n  - mixins/atmos-pro\nvars:\n  namespace: ${org}\n`,
    );
    for (let t = 0; t < s.tenants; t++) {
      const tenant = `t${o}x${t}`;
      w(
        root,
        `stacks/orgs/${org}/${tenant}/_defaults.yaml`,
        `import:\n  - orgs/${org}/_defaults\nvars:\n  tenant: ${tenant}\n`,
      );
      for (let g = 0; g < s.stages; g++) {
        const stage = STAGES[g];
        for (let r = 0; r < s.regions; r++) {
          const region = REGIONS[r];
          const comps = [];
          for (let k = 0; k < s.perStack; k++) {
            const c = COMPONENTS[(k + o + t) % COMPONENTS.length];
            const name = k < COMPONENTS.length ? c : `${c}-${k}`;
            comps.push(`    ${name}:
      metadata:
        component: ${c}
        inherits:
          - ${c}/defaults
      vars:
        name: "{{ .vars.tenant }}-${name.replaceAll('/', '-')}"
        size: ${k % 3 === 0 ? 'large' : 'small'}
        password: !env DB_PASSWORD_${k % 4}${k % 6 === 0 ? `\n        vpc_id: !terraform.output vpc ".vpc_id"` : ''}${k % 9 === 0 ? '\n      settings:\n        pro:\n          pull_request:\n            synchronize:\n              workflows:\n                atmos-terraform-plan.yaml:\n                  inputs:\n                    upload: "true"' : ''}`);
          }
          w(
            root,
            `stacks/orgs/${org}/${tenant}/${stage}/${region}.yaml`,
            `import:
  - orgs/${org}/${tenant}/_defaults
  - mixins/stage/${stage}
  - mixins/region/${region}
  - catalog/*
components:
  terraform:
${comps.join('\n')}
`,
          );
        }
      }
    }
  }
  return { ...s, stacks: s.orgs * s.tenants * s.stages * s.regions };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [root, n] = process.argv.slice(2);
  console.log(generate(root, Number(n)));
}
