import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lint } from '../../src/lint/engine.js';
import { FORMAT_NAMES, reporters } from '../../src/report/index.js';
import { allRules } from '../../src/rules/index.js';
import { materialize } from '../helpers/docs-examples.js';

const RULE = 'plaintext-token';
const SECRET = 'eyJhbGciOiJIUzI1NiJ9.s3cr3t-value';
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

function run(atmos: string, env: Record<string, string> = {}) {
  const dir = materialize({ 'atmos.yaml': atmos, 'stacks/deploy/dev.yaml': STACK });
  dirs.push(dir);
  const result = lint({ cwd: dir, env, rules: allRules });
  return { dir, result, mine: result.diagnostics.filter((d) => d.ruleId === RULE) };
}

describe('plaintext-token', () => {
  it('reports a literal settings.pro.token on the pro: line, naming the token line, never the value', () => {
    const { mine } = run(`${ATMOS}settings:\n  pro:\n    workspace_id: ws\n    token: ${SECRET}\n`);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      severity: 'error',
      file: 'atmos.yaml',
      line: 8,
      column: 3,
      endColumn: 6,
      related: [{ file: 'atmos.yaml', line: 10, column: 5, endColumn: 10 }],
    });
    expect(mine[0]?.message).toMatch(/^`settings\.pro\.token` on line 10 is a literal Atmos Pro token/);
    expect(JSON.stringify(mine)).not.toContain('s3cr3t');
  });

  it('no output format prints the token', () => {
    const { dir, result } = run(`${ATMOS}settings:\n  pro:\n    token: "${SECRET}"\n`);
    for (const format of FORMAT_NAMES) {
      const out = reporters[format](
        {
          diagnostics: result.diagnostics,
          summary: result.summary,
          rules: allRules.map((r) => r.meta),
          toolVersion: '0',
        },
        {
          color: false,
          readSource: (file) => readFileSync(join(dir, file), 'utf8'),
          helpMarkdown: () => undefined,
        },
      );
      expect(out, format).toContain('plaintext-token');
      expect(out, format).not.toContain('s3cr3t');
    }
  });

  it('reports an ATMOS_PRO_TOKEN entry of the env: section (Atmos exports it)', () => {
    const { mine } = run(
      `${ATMOS}env:\n  ATMOS_PRO_TOKEN: ${SECRET}\nsettings:\n  pro:\n    workspace_id: ws\n`,
    );
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ line: 7, column: 1, endColumn: 4 });
    expect(mine[0]?.message).toContain('`env.ATMOS_PRO_TOKEN` on line 8');
  });

  it('falls back to a line without the token when the whole path is on one line', () => {
    const { mine } = run(`settings: {pro: {token: "${SECRET}"}}\n${ATMOS}`);
    expect(mine[0]).toMatchObject({ line: 1, column: 1, endLine: 1, endColumn: 1 });
    const { mine: block } = run(`${ATMOS}settings:\n  pro:\n    token: |\n      ${SECRET}\n`);
    // The key's own line does not hold the value here.
    expect(block[0]).toMatchObject({ line: 9, column: 5, endColumn: 10 });
  });

  it.each([
    ['a YAML function', 'token: !env ATMOS_PRO_TOKEN'],
    ['an empty value', 'token: ""'],
    ['a null value', 'token:'],
    ['no token', 'workspace_id: ws'],
  ])('does not report %s', (_, line) => {
    expect(run(`${ATMOS}settings:\n  pro:\n    ${line}\n`).mine).toEqual([]);
  });

  it('does not report the token coming from the environment', () => {
    expect(
      run(`${ATMOS}settings:\n  pro:\n    workspace_id: ws\n`, { ATMOS_PRO_TOKEN: SECRET }).mine,
    ).toEqual([]);
  });
});
