/**
 * payload-chunk-over-limit on small repositories, in the spirit of typescript-eslint's RuleTester.
 * Sizes use the placeholder repository fields (request overhead 156 bytes for list instances, 261
 * for describe affected) and batch fields of 82 bytes at one-digit index and total.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/core/diagnostic.js';
import { lint } from '../../src/lint/engine.js';
import { resolveRepository } from '../../src/resolve/resolve.js';
import { payloadRules } from '../../src/rules/groups/payload.js';
import { payloadChecks } from '../../src/simulate/payload.js';

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

/** A pro block of 238 bytes as JSON (with `enabled: true` written). */
const PRO = `
      settings:
        pro:
          enabled: true
          pull_request:
            opened:
              workflows:
                atmos-terraform-plan.yaml:
                  inputs:
                    component: "{{ .atmos_component }}"
                    stack: "{{ .atmos_stack }}"
            merged:
              workflows:
                atmos-terraform-apply.yaml:
                  inputs:
                    component: "{{ .atmos_component }}"
                    stack: "{{ .atmos_stack }}"`;

/** A dev stack of three-letter components; those in `pro` carry PRO. */
function stack(components: string[], pro: string[] = []): string {
  const body = components.map((c) => `    ${c}:${pro.includes(c) ? PRO : ' {}'}`).join('\n');
  return `vars:\n  stage: dev\ncomponents:\n  terraform:\n${body}\n`;
}

function write(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'apl-payload-chunk-'));
  dirs.push(dir);
  mkdirSync(join(dir, '.git'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function lintRepo(files: Record<string, string>): Diagnostic[] {
  return lint({ cwd: write(files), env: {}, rules: payloadRules }).diagnostics;
}

const NINE = ['acm', 'dns', 'ecr', 'eks', 'rds', 'sqs', 'vpc', 'waf', 'web'];

describe('payload-chunk-over-limit: valid', () => {
  it('the default limit and a small repository: one request', () => {
    expect(
      lintRepo({ 'atmos.yaml': atmosYaml(''), 'stacks/deploy/dev.yaml': stack(NINE, ['eks', 'rds']) }),
    ).toEqual([]);
  });

  it('chunked, but the items are alike: no chunk exceeds the limit in either upload or any order', () => {
    // Instances: 9 items of 312 bytes; chunk size (1000 - 156 - 200) / 313 = 2, chunks of 863 bytes.
    expect(
      lintRepo({
        'atmos.yaml': atmosYaml('    max_payload_bytes: 1000\n'),
        'stacks/deploy/dev.yaml': stack(NINE, NINE),
      }),
    ).toEqual([]);
  });

  it('a chunk over the limit only because one item alone is: that is payload-item-over-limit', () => {
    // eks carries a 300-character input: 622 bytes as an item, 156 + 622 + 82 = 860 alone > 700. The
    // other items are 62 bytes: avg (8 * 62 + 622 + 10) / 9 = 125, chunk size (700 - 356) / 125 = 2,
    // and the chunk of ecr and eks (923 bytes) is over the limit because of eks alone.
    const eks = `vars:
  stage: dev
components:
  terraform:
${NINE.filter((c) => c !== 'eks')
  .map((c) => `    ${c}: {}`)
  .join('\n')}
    eks:${PRO.replace('stack: "{{ .atmos_stack }}"', `stack: "{{ .atmos_stack }}"\n                    note: "${'n'.repeat(300)}"`)}
`;
    const dir = write({
      'atmos.yaml': atmosYaml('    max_payload_bytes: 700\n'),
      'stacks/deploy/dev.yaml': eks,
    });
    const [instances] = payloadChecks(resolveRepository({ cwd: dir, env: {} })).uploads;
    if (!instances?.ok) throw new Error('no plan');
    expect(instances.simulation.plan.chunks[1]).toMatchObject({ count: 2, bytes: 923, overLimit: true });
    const diagnostics = lint({ cwd: dir, env: {}, rules: payloadRules }).diagnostics;
    expect(diagnostics.map((d) => [d.ruleId, d.instances])).toEqual([
      ['payload-item-over-limit', [{ component: 'eks', stack: 'dev' }]],
    ]);
    expect(diagnostics[0]?.message).toContain('860 bytes in `list instances --upload`');
  });
});

describe('payload-chunk-over-limit: invalid', () => {
  it('list instances: a run of Pro-enabled components makes one chunk too big', () => {
    // Sorted items: acm 62, dns 62, ecr 312, eks 312, rds 312, sqs 62, vpc 62, waf 62, web 62.
    // items JSON = 1308 + 8 + 2 = 1318, avg 146; chunk size (900 - 156 - 200) / 146 = 3.
    // Chunk 1 = 156 + 62 + 62 + 312 + 2 + 82 = 676; chunk 2 = 156 + 312 * 2 + 62 + 2 + 82 = 926 > 900;
    // chunk 3 = 156 + 3 * 62 + 2 + 82 = 426. No item is over alone (156 + 312 + 82 = 550).
    // describe affected: items of 186 and 420 bytes, chunk size (900 - 261 - 200) / 265 = 1, never over.
    const diagnostics = lintRepo({
      'atmos.yaml': atmosYaml('    max_payload_bytes: 900\n'),
      'stacks/deploy/dev.yaml': stack(NINE, ['ecr', 'eks', 'rds']),
    });
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      ruleId: 'payload-chunk-over-limit',
      severity: 'warning',
      file: 'atmos.yaml',
      line: 13,
      column: 5,
      endLine: 13,
      endColumn: 27,
      message:
        'Chunk 2 of 3 of `list instances --upload` is 926 bytes, 26 over max_payload_bytes (900): its 3 instances (`eks` in `dev` to `sqs` in `dev`) average 229 bytes, more than the 146-byte average item the CLI sizes chunks by, and it sends the chunk anyway. Lower max_payload_bytes to keep chunks clear of the server limit, or shrink their settings.pro',
      instances: [
        { component: 'eks', stack: 'dev' },
        { component: 'rds', stack: 'dev' },
        { component: 'sqs', stack: 'dev' },
      ],
    });
  });

  it('describe affected: reported as how often a random order overflows', () => {
    // Instances fit in one request: 156 + 3 * 62 + 2 * 312 + 4 + 2 = 972 <= 1100. Affected items are
    // 186 bytes without pro and 186 - 4 + 238 = 420 with; items JSON = 558 + 840 + 4 + 2 = 1404, avg 280,
    // chunk size (1100 - 261 - 200) / 280 = 2. Two Pro items in one chunk: 261 + 840 + 1 + 82 = 1184
    // > 1100; with anything else at most 950. They share a chunk when they land in window 1-2 or 3-4
    // (5 is alone): 2 of C(5,2) = 10 placements, one order in five.
    const diagnostics = lintRepo({
      'atmos.yaml': atmosYaml('    max_payload_bytes: 1100\n'),
      'stacks/deploy/dev.yaml': stack(['acm', 'dns', 'ecr', 'eks', 'vpc'], ['dns', 'eks']),
    });
    expect(diagnostics).toHaveLength(1);
    const [d] = diagnostics;
    expect(d?.message).toMatch(
      /^With every instance affected, `describe affected --upload` sends a chunk over max_payload_bytes \(1100\) in (\d+) of 100 simulated item orders \(up to 1184 bytes, 2 instances a chunk\): the CLI orders items at random and sizes chunks by the 280-byte average item\. Lower max_payload_bytes to keep chunks clear of the server limit, or shrink the largest settings\.pro blocks \(`dns` in `dev`, `eks` in `dev`, `acm` in `dev`\)$/,
    );
    const hits = Number(/in (\d+) of 100/.exec(d!.message)![1]);
    expect(hits).toBeGreaterThan(8);
    expect(hits).toBeLessThan(35);
    expect(d?.instances).toEqual([]);
  });

  it('a YAML function limit: the default applies, so this small repository is fine', () => {
    // At 900 bytes the same stack overflows (above); the message wording is in the item rule's test.
    const diagnostics = lintRepo({
      'atmos.yaml': atmosYaml('    max_payload_bytes: !env PRO_LIMIT\n'),
      'stacks/deploy/dev.yaml': stack(NINE, ['ecr', 'eks', 'rds']),
    });
    expect(diagnostics).toEqual([]);
  });
});
