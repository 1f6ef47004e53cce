import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { lint } from '../../src/lint/engine.js';
import { allRules } from '../../src/rules/index.js';
import { materialize } from '../helpers/docs-examples.js';

const RULE = 'config-invalid';
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const ATMOS = `base_path: "./"
stacks:
  base_path: stacks
  included_paths:
    - "deploy/**/*"
  name_template: "{{ .vars.stage }}"
`;
const STACK = 'vars:\n  stage: dev\ncomponents:\n  terraform:\n    vpc: {}\n';

function run(atmos: string, files: Record<string, string> = {}) {
  const dir = materialize({ 'atmos.yaml': atmos, 'stacks/deploy/dev.yaml': STACK, ...files });
  dirs.push(dir);
  return lint({ cwd: dir, env: {}, rules: allRules }).diagnostics.filter((d) => d.ruleId === RULE);
}

const pro = (body: string) => `${ATMOS}settings:\n  pro:\n    workspace_id: ws\n${body}`;

describe('config-invalid: settings.pro of atmos.yaml', () => {
  it('an unknown key gets a did-you-mean, at the key', () => {
    const [d, ...rest] = run(pro('    base-url: https://atmos-pro.com\n'));
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ severity: 'error', line: 10, column: 5, endLine: 10, endColumn: 13 });
    expect(d?.message).toBe(
      'Unknown key `base-url` in `settings.pro` of atmos.yaml; did you mean `base_url`?',
    );
  });

  it('an unknown key without a close match lists the known ones; nested keys name their path', () => {
    const [d] = run(pro('    colour: blue\n'));
    expect(d?.message).toContain('Atmos reads only `base_url`, `endpoint`, `workspace_id`, `token`');
    const [e] = run(pro('    github_oidc:\n      request_urll: !env ACTIONS_ID_TOKEN_REQUEST_URL\n'));
    expect(e).toMatchObject({ line: 11, column: 7 });
    expect(e?.message).toBe(
      'Unknown key `request_urll` in `settings.pro.github_oidc` of atmos.yaml; did you mean `request_url`?',
    );
  });

  it.each(['pull_request', 'release', 'drift_detection', 'merge_group', 'enabled'])(
    'stack configuration (`%s`) in atmos.yaml gets its own message',
    (key) => {
      const [d, ...rest] = run(pro(`    ${key}:\n      opened:\n        workflows:\n          x.yaml: {}\n`));
      expect(rest).toEqual([]);
      expect(d).toMatchObject({ line: 10, column: 5, endColumn: 5 + key.length });
      expect(d?.message).toContain(`\`${key}\` is stack configuration`);
    },
  );

  it('a bad value is reported at the value with the schema message', () => {
    const [d] = run(pro('    max_payload_bytes: lots\n'));
    expect(d).toMatchObject({ line: 10, column: 24, endColumn: 28 });
    expect(d?.message).toMatch(
      /^`settings\.pro\.max_payload_bytes` in atmos\.yaml: `max_payload_bytes` must be a positive integer/,
    );
    const [e] = run(pro('    base_url: ftp://atmos-pro.com\n'));
    expect(e?.message).toContain('`base_url` must be an http(s) URL');
  });

  it('settings.pro that is not a map is reported at its value', () => {
    const [d] = run(`${ATMOS}settings:\n  pro: true\n`);
    expect(d).toMatchObject({ line: 8, column: 8, endColumn: 12 });
  });

  it('reports what an atmos.d fragment wrote in that fragment', () => {
    const [d] = run(`${ATMOS}settings:\n  pro:\n    workspace_id: ws\n`, {
      'atmos.d/pro.yaml': 'settings:\n  pro:\n    endpont: api/v1\n',
    });
    expect(d).toMatchObject({ file: 'atmos.d/pro.yaml', line: 3, column: 5, endColumn: 12 });
    expect(d?.message).toContain('did you mean `endpoint`?');
  });

  it.each([
    [
      'valid client settings',
      pro(
        '    base_url: https://atmos-pro.com\n    max_payload_bytes: 1048576\n    github_oidc:\n      request_url: !env ACTIONS_ID_TOKEN_REQUEST_URL\n      request_token: !env ACTIONS_ID_TOKEN_REQUEST_TOKEN\n',
      ),
    ],
    [
      'YAML functions everywhere',
      pro('    base_url: !env ATMOS_PRO_BASE_URL\n    max_payload_bytes: !env MAX\n'),
    ],
    ['an empty settings.pro', `${ATMOS}settings:\n  pro:\n`],
    ['no settings.pro', ATMOS],
  ])('does not report %s', (_, atmos) => {
    expect(run(atmos)).toEqual([]);
  });
});

describe('config-invalid: resolver findings about atmos.yaml', () => {
  it('forwards a stacks path that matches nothing', () => {
    const [d, ...rest] = run(ATMOS.replace('"deploy/**/*"', '"orgs/**/*"'));
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ file: 'atmos.yaml', line: 4, column: 3 });
    expect(d?.message).toContain('No stack manifests match stacks.included_paths (orgs/**/*)');
  });

  it('forwards a stacks base path that is not a directory', () => {
    const [d] = run(ATMOS.replace('base_path: stacks', 'base_path: nowhere'));
    expect(d?.message).toContain('is not a directory inside the repository');
    expect(d).toMatchObject({ line: 3 });
  });
});
