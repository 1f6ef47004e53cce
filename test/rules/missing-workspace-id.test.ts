import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { lint } from '../../src/lint/engine.js';
import { allRules } from '../../src/rules/index.js';
import { materialize } from '../helpers/docs-examples.js';

const RULE = 'missing-workspace-id';
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const ATMOS = `# Atmos CLI configuration
base_path: "./"
stacks:
  base_path: stacks
  included_paths:
    - "deploy/**/*"
  name_template: "{{ .vars.stage }}"
`;
const DISPATCH = `vars:
  stage: dev
settings:
  pro:
    pull_request:
      opened:
        workflows:
          atmos-terraform-plan.yaml: {}
components:
  terraform:
    vpc: {}
`;

function run(
  atmos: string,
  opts: { stack?: string; env?: Record<string, string>; files?: Record<string, string> } = {},
) {
  const dir = materialize({
    'atmos.yaml': atmos,
    'stacks/deploy/dev.yaml': opts.stack ?? DISPATCH,
    ...opts.files,
  });
  dirs.push(dir);
  return lint({ cwd: dir, env: opts.env ?? {}, rules: allRules }).diagnostics.filter(
    (d) => d.ruleId === RULE,
  );
}

describe('missing-workspace-id', () => {
  it('reports at the first line when atmos.yaml has no settings.pro', () => {
    const ds = run(ATMOS);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({
      severity: 'warning',
      file: 'atmos.yaml',
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 26,
      instances: [],
    });
    expect(ds[0]?.message).toContain('add `workspace_id` under `settings.pro` in atmos.yaml');
  });

  it('reports at settings.pro, or at an empty workspace_id', () => {
    const oidc = `${ATMOS}settings:\n  pro:\n    github_oidc:\n      request_url: !env ACTIONS_ID_TOKEN_REQUEST_URL\n`;
    expect(run(oidc)[0]).toMatchObject({ line: 9, column: 3, endColumn: 6 });
    expect(run(`${ATMOS}settings:\n  pro:\n    workspace_id: ""\n`)[0]).toMatchObject({
      line: 10,
      column: 5,
      endColumn: 17,
    });
  });

  it.each([
    ['workspace_id in atmos.yaml', `${ATMOS}settings:\n  pro:\n    workspace_id: ws-123\n`, {}],
    ['a YAML function', `${ATMOS}settings:\n  pro:\n    workspace_id: !env ATMOS_PRO_WORKSPACE_ID\n`, {}],
    ['ATMOS_PRO_WORKSPACE_ID in the environment', ATMOS, { env: { ATMOS_PRO_WORKSPACE_ID: 'ws-123' } }],
    ['an env: entry in atmos.yaml', `${ATMOS}env:\n  ATMOS_PRO_WORKSPACE_ID: ws-123\n`, {}],
    [
      'a workflow step that sets it',
      ATMOS,
      {
        files: {
          '.github/workflows/atmos-pro.yaml':
            'on: pull_request\njobs:\n  affected:\n    runs-on: ubuntu-latest\n    steps:\n      - env:\n          ATMOS_PRO_WORKSPACE_ID: $' +
            '{{ vars.ATMOS_PRO_WORKSPACE_ID }}\n        run: atmos describe affected --upload\n',
        },
      },
    ],
    ['a bearer token (no OIDC exchange)', `${ATMOS}settings:\n  pro:\n    token: !env ATMOS_PRO_TOKEN\n`, {}],
    ['ATMOS_PRO_TOKEN in the environment', ATMOS, { env: { ATMOS_PRO_TOKEN: 'x' } }],
    [
      'a misspelt workspace_id (config-invalid says so)',
      `${ATMOS}settings:\n  pro:\n    workspaceId: ws-123\n`,
      {},
    ],
    ['no dispatch rules', ATMOS, { stack: 'vars:\n  stage: dev\ncomponents:\n  terraform:\n    vpc: {}\n' }],
    [
      'dispatch rules only on disabled instances',
      ATMOS,
      { stack: DISPATCH.replace('  pro:\n', '  pro:\n    enabled: false\n') },
    ],
  ])('does not report with %s', (_, atmos, opts) => {
    expect(run(atmos, opts)).toEqual([]);
  });

  it('a workflow env entry that is empty does not count', () => {
    const files = {
      '.github/workflows/x.yaml': 'on: push\nenv:\n  ATMOS_PRO_WORKSPACE_ID: ""\njobs: {}\n',
    };
    expect(run(ATMOS, { files })).toHaveLength(1);
  });
});
