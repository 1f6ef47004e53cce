/**
 * payload-item-over-limit on small repositories, in the spirit of typescript-eslint's RuleTester.
 * Sizes use the placeholder repository fields: request overhead 156 bytes (list instances) and 261
 * (describe affected), batch fields 82 bytes at one-digit index and total.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/core/diagnostic.js';
import { lint } from '../../src/lint/engine.js';
import { payloadRules } from '../../src/rules/groups/payload.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function atmosYaml(pro: string): string {
  return `base_path: "./"
stacks:
  base_path: stacks
  included_paths:
    - "deploy/**/*"
  name_template: "{{ .vars.stage }}"
templates:
  settings:
    enabled: true
settings:
  pro:
    workspace_id: example-workspace
${pro}`;
}

const activity = (name: string, workflow: string) => `
            ${name}:
              workflows:
                ${workflow}:
                  inputs:
                    component: "{{ .atmos_component }}"
                    stack: "{{ .atmos_stack }}"`;

/**
 * `eks` with four pull_request activities: 515 bytes as a list instances item (753 alone in a
 * request), 623 as a describe affected item (966 alone).
 */
function stack(others: string[], eksMetadata = ''): string {
  return `vars:
  stage: dev
components:
  terraform:
${others.map((c) => `    ${c}: {}`).join('\n')}
    eks:${eksMetadata}
      settings:
        pro:
          enabled: true
          pull_request:${activity('opened', 'atmos-terraform-plan.yaml')}${activity('synchronize', 'atmos-terraform-plan.yaml')}${activity('reopened', 'atmos-terraform-plan.yaml')}${activity('merged', 'atmos-terraform-apply.yaml')}
`;
}

function lintRepo(files: Record<string, string>): Diagnostic[] {
  const dir = mkdtempSync(join(tmpdir(), 'apl-payload-item-'));
  dirs.push(dir);
  mkdirSync(join(dir, '.git'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return lint({ cwd: dir, env: {}, rules: payloadRules }).diagnostics;
}

const FIVE = ['dns', 'ecr', 'rds', 'vpc', 'waf'];

describe('payload-item-over-limit: valid', () => {
  it('the largest item fits in a request of its own', () => {
    // list instances: one request (156 + 832 = 988 <= 1200); describe affected: chunks of two,
    // the largest 261 + 623 + 186 + 1 + 82 = 1153.
    expect(
      lintRepo({
        'atmos.yaml': atmosYaml('    max_payload_bytes: 1200\n'),
        'stacks/deploy/dev.yaml': stack(FIVE),
      }),
    ).toEqual([]);
  });

  it('exactly at the limit alone is not over', () => {
    // describe affected alone: 966 bytes; list instances is one request of 156 + 515 + 62 + 1 + 2 = 736.
    expect(
      lintRepo({
        'atmos.yaml': atmosYaml('    max_payload_bytes: 966\n'),
        'stacks/deploy/dev.yaml': stack(['dns']),
      }),
    ).toEqual([]);
  });
});

describe('payload-item-over-limit: invalid', () => {
  it('over the limit in both uploads: one finding naming both requests', () => {
    const diagnostics = lintRepo({
      'atmos.yaml': atmosYaml('    max_payload_bytes: 600\n'),
      'stacks/deploy/dev.yaml': stack(FIVE),
    });
    expect(diagnostics).toEqual([
      {
        ruleId: 'payload-item-over-limit',
        severity: 'error',
        message:
          '`eks` in `dev` alone makes a request over max_payload_bytes (600): 753 bytes in `list instances --upload`, 966 bytes in `describe affected --upload`; the CLI cannot split an item and sends it anyway. Shrink its settings.pro, or raise max_payload_bytes to at least 966',
        file: 'atmos.yaml',
        line: 13,
        column: 5,
        endLine: 13,
        endColumn: 27,
        instances: [{ component: 'eks', stack: 'dev' }],
        fixable: false,
      },
    ]);
  });

  it('only describe affected, whose items are bigger', () => {
    // list instances fits in one request (736 <= 965); describe affected is chunked one item a
    // chunk and eks alone needs 966 bytes.
    const diagnostics = lintRepo({
      'atmos.yaml': atmosYaml('    max_payload_bytes: 965\n'),
      'stacks/deploy/dev.yaml': stack(['dns']),
    });
    expect(diagnostics.map((d) => d.message)).toEqual([
      '`eks` in `dev` alone makes a request over max_payload_bytes (965): 966 bytes in `describe affected --upload`; the CLI cannot split an item and sends it anyway. Shrink its settings.pro, or raise max_payload_bytes to at least 966',
    ]);
  });

  it('a disabled component is only in list instances (enabled collapsed to false: one byte more)', () => {
    const diagnostics = lintRepo({
      'atmos.yaml': atmosYaml('    max_payload_bytes: 600\n'),
      'stacks/deploy/dev.yaml': stack(FIVE, '\n      metadata:\n        enabled: false'),
    });
    expect(diagnostics.map((d) => d.message)).toEqual([
      '`eks` in `dev` alone makes a request over max_payload_bytes (600): 754 bytes in `list instances --upload`; the CLI cannot split an item and sends it anyway. Shrink its settings.pro, or raise max_payload_bytes to at least 754',
    ]);
  });

  it('every instance over a tiny limit: one finding each', () => {
    const diagnostics = lintRepo({
      'atmos.yaml': atmosYaml('    max_payload_bytes: 100\n'),
      'stacks/deploy/dev.yaml': stack(['dns', 'vpc']),
    });
    expect(diagnostics.map((d) => d.instances)).toEqual([
      [{ component: 'dns', stack: 'dev' }],
      [{ component: 'eks', stack: 'dev' }],
      [{ component: 'vpc', stack: 'dev' }],
    ]);
  });

  describe('at the default limit (4 MiB)', () => {
    /** One component whose pro block carries a note of `size` characters. */
    const big = (size: number) =>
      `vars:\n  stage: dev\ncomponents:\n  terraform:\n    vpc: {}\n    blob:\n      settings:\n        pro:\n          note: "${'x'.repeat(size)}"\n`;

    it('unset: located at the first line of atmos.yaml; above the server limit only shrinking helps', () => {
      // The item: {"component":"blob","stack":"dev","component_type":"terraform","settings":
      // {"pro":{"enabled":true,"note":"x…"}}} = 63 + 12 + 1 + 6 + 1 + 15 + 8 + (4,600,000 + 2) + 1 + 1
      // = 4,600,109; alone with the batch fields: 156 + 4,600,109 + 82 = 4,600,347.
      const diagnostics = lintRepo({ 'atmos.yaml': atmosYaml(''), 'stacks/deploy/dev.yaml': big(4_600_000) });
      expect(diagnostics).toHaveLength(1);
      expect(diagnostics[0]).toMatchObject({
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 16,
        instances: [{ component: 'blob', stack: 'dev' }],
      });
      expect(diagnostics[0]?.message).toMatch(
        /^`blob` in `dev` alone makes a request over the default max_payload_bytes \(4194304\): 4600347 bytes in `list instances --upload`, \d+ bytes in `describe affected --upload`; the CLI cannot split an item and sends it anyway, and it is over the server limit of about 4\.5 MB too\. Shrink its settings\.pro$/,
      );
    });

    it('a YAML function: the default applies, located at the value, and the message says so', () => {
      const diagnostics = lintRepo({
        'atmos.yaml': atmosYaml('    max_payload_bytes: !env PRO_MAX_PAYLOAD_BYTES\n'),
        'stacks/deploy/dev.yaml': big(4_300_000),
      });
      expect(diagnostics).toHaveLength(1);
      expect(diagnostics[0]).toMatchObject({ line: 13, column: 5, endLine: 13, endColumn: 50 });
      expect(diagnostics[0]?.message).toContain(
        'over the default max_payload_bytes (4194304; `!env PRO_MAX_PAYLOAD_BYTES` is not resolved here): 4300347 bytes in `list instances --upload`',
      );
      expect(diagnostics[0]?.message).toMatch(
        /Shrink its settings\.pro, or raise max_payload_bytes to at least \d+$/,
      );
    });
  });
});
