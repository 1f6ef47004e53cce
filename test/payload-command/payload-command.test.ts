/**
 * `atmos-pro-lint payload` end to end: chunk sizes of fixtures/payload derived by hand, the JSON
 * contract, golden outputs of the three formats, and how the command says what it cannot know.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  buildPayloadReport,
  type PayloadArgs,
  renderMarkdown,
  renderTable,
} from '../../src/cli/commands/payload.js';
import { run } from '../../src/cli/run.js';
import { chunkBodies } from '../../src/simulate/chunk.js';
import { FIXTURES, UPDATE } from '../helpers/fixtures.js';

const FIXTURE = join(FIXTURES, 'payload');
const REPO_URL = 'https://github.com/acme/infra';
const GOLDEN = join(import.meta.dirname, 'golden');

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tmp(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

function args(over: Partial<PayloadArgs> = {}): PayloadArgs {
  return { chdir: FIXTURE, upload: 'instances', format: 'json', 'repo-url': REPO_URL, ...over };
}

/** Compares with golden/<name>; UPDATE_GOLDEN=1 (or a missing file) writes it. */
function expectGolden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (UPDATE || !existsSync(path)) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(path, actual);
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

async function cli(...argv: string[]): Promise<{ code: number; text: string }> {
  const out = join(tmp('apl-payload-out-'), 'out');
  const code = await run(['payload', ...argv, '-o', out]);
  return { code, text: existsSync(out) ? readFileSync(out, 'utf8') : '' };
}

function repo(files: Record<string, string>): string {
  const dir = tmp('apl-payload-');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const SMALL_ATMOS = (pro: string) => `base_path: "./"
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

const SMALL_STACK = `vars:
  stage: dev
components:
  terraform:
    vpc: {}
`;

describe('fixtures/payload: chunk sizes derived by hand', () => {
  it('list instances --upload', () => {
    // Repository fields from --repo-url https://github.com/acme/infra. The request with an empty
    // item array (the CLI's metadataOverhead):
    //   { 1 | "repo_url": 11 + "https://github.com/acme/infra" 31 + , 1 | "repo_name": 12 + "infra" 7 + , 1
    //   | "repo_owner": 13 + "acme" 6 + , 1 | "repo_host": 12 + "github.com" 12 + , 1 | "instances": 12 + [] 2 | } 1
    //   = 1 + 43 + 20 + 20 + 25 + 14 + 1 = 124
    // Items, sorted by stack then component; abstract `base` is not one. Without a pro key:
    //   {"component":"acm","stack":"dev","component_type":"terraform"}
    //   = 1 + 12 + 5 + 1 + 8 + 5 + 1 + 17 + 11 + 1 = 62 (acm, dns, ecr alike)
    // With one, 62 - "}" + ,"settings": (12) + S + "}" = 74 + S:
    //   dev/eks, metadata.enabled false: both flags collapse to false.
    //     S = {"pro":{"drift_detection":{"enabled":false},"enabled":false}}
    //       {"enabled":false} = 17; pro = 1 + 18 + 17 + 1 + 15 + 1 = 53; S = 1 + 6 + 53 + 1 = 61 -> 135
    //   dev/vpc, pro.enabled unset: collapsed to true, templates rendered.
    //     {"component":"vpc","stack":"dev"} = 33; {"inputs":..} = 44;
    //     {"atmos-terraform-plan.yaml":..} = 1 + 28 + 44 + 1 = 74; {"workflows":..} = 88;
    //     {"opened":..} = 99; pro = 1 + 14 + 1 + 15 + 99 + 1 = 131; S = 139 -> 213
    //   prod/vpc: the title "Apply vpc & notify" is written "Apply vpc \u0026 notify" = 25 with quotes.
    //     inputs = 1 + 12 + 5 + 1 + 8 + 6 + 1 + 8 + 25 + 1 = 68; {"inputs":..} = 79;
    //     {"atmos-terraform-apply.yaml":..} = 1 + 29 + 79 + 1 = 110; {"workflows":..} = 124;
    //     {"merged":..} = 135; pro = 1 + 14 + 1 + 15 + 135 + 1 = 167; S = 175; base item 63 -> 250
    // items JSON = [62,62,62,135,213,250] + 5 commas + [] = 784 + 5 + 2 = 791
    // estimated = 124 + 791 = 915 > 600 -> chunked
    // avg = 791 / 6 = 131; available = 600 - 124 - 200 = 276; chunk size = 276 / 131 = 2 -> 3 chunks
    // batch fields at one-digit index and total:
    //   ,"batch_id":"<36-char uuid>" 1 + 11 + 38 + ,"batch_index":0 1 + 14 + 1 + ,"batch_total":3 16 = 82
    // chunk 0: 124 + 62 + 1 + 62 + 82 = 331
    // chunk 1: 124 + 62 + 1 + 135 + 82 = 404
    // chunk 2: 124 + 213 + 1 + 250 + 82 = 670 > 600: the two Pro blocks share a chunk
    const { report, simulation } = buildPayloadReport(args());
    expect(report.overheadBytes).toBe(124);
    expect(report.items).toBe(6);
    expect(report.estimatedBytes).toBe(915);
    expect(report.chunked).toBe(true);
    expect(report.chunkSize).toBe(2);
    expect(report.chunks).toEqual([
      { index: 0, items: 2, bytes: 331, overLimit: false },
      { index: 1, items: 2, bytes: 404, overLimit: false },
      { index: 2, items: 2, bytes: 670, overLimit: true },
    ]);
    expect(report.largestItems).toEqual([
      { component: 'vpc', stack: 'prod', bytes: 250 },
      { component: 'vpc', stack: 'dev', bytes: 213 },
      { component: 'eks', stack: 'dev', bytes: 135 },
      { component: 'acm', stack: 'dev', bytes: 62 },
      { component: 'dns', stack: 'dev', bytes: 62 },
      { component: 'ecr', stack: 'dev', bytes: 62 },
    ]);
    expect(report.itemsOverLimit).toEqual([]);

    // The arithmetic is the bytes of the bodies themselves.
    const bodies = [...chunkBodies(simulation.payload, simulation.plan)];
    expect(bodies.map((b) => Buffer.byteLength(b))).toEqual([331, 404, 670]);
    expect(bodies[1]).toContain(
      '{"component":"eks","stack":"dev","component_type":"terraform","settings":{"pro":{"drift_detection":{"enabled":false},"enabled":false}}}',
    );
    expect(bodies[2]).toContain('"title":"Apply vpc \\u0026 notify"');
    expect(bodies[2]).toMatch(/"batch_index":2,"batch_total":3}$/);
    expect(bodies.join('')).not.toContain('"base"');
  });

  it('describe affected --upload (every instance affected)', () => {
    // Overhead: the instances overhead with "instances": (12) replaced by "stacks": (9), plus
    // "head_sha":"<40>", and "base_sha":"<40>", (54 each) = 124 - 3 + 108 = 229.
    // An item without a pro key: every non-omitempty field of schema.Affected, zeroed:
    //   {"component":"acm","component_type":"","component_path":"","stack":"dev","stack_slug":"",
    //    "affected":"","affected_all":null,"dependents":[],"included_in_dependents":false,"settings":null}
    //   = 1 + 12 + 5 + 20 + 20 + 14 + 16 + 14 + 20 + 16 + 31 + 16 + 1 = 186
    // dev/eks (metadata.enabled false) is left out; pro blocks go verbatim: settings null (4) -> S.
    //   dev/vpc: S is the pro block as written, without the collapsed enabled: 139 - 15 = 124 -> 306
    //   prod/vpc: S = 175 (enabled: true is written) and stack one byte longer -> 187 - 4 + 175 = 358
    // items JSON = 3 * 186 + 306 + 358 + 4 commas + 2 = 1228; estimated = 229 + 1228 = 1457
    // avg = 1228 / 5 = 245; available = 600 - 229 - 200 = 171; chunk size = max(1, 171 / 245) = 1
    // chunk bytes: 229 + item + 82 -> 497, 497, 497, 617, 669
    const { report } = buildPayloadReport(args({ upload: 'affected' }));
    expect(report.overheadBytes).toBe(229);
    expect(report.estimatedBytes).toBe(1457);
    expect(report.chunkSize).toBe(1);
    expect(report.chunks.map((c) => c.bytes)).toEqual([497, 497, 497, 617, 669]);
    // One item per chunk: the two over the limit are items that cannot be split.
    expect(report.itemsOverLimit).toEqual([
      { component: 'vpc', stack: 'dev', bytes: 306, requestBytes: 617 },
      { component: 'vpc', stack: 'prod', bytes: 358, requestBytes: 669 },
    ]);
    expect(report.orderIsRandom).toBe(true);
    // With single-item chunks the order cannot matter: no chunk of fitting items exceeds the limit.
    expect(report.randomOrders).toMatchObject({ overLimitTrials: 0, largestChunkBytes: 497 });
  });
});

describe('JSON contract', () => {
  it('starts with the contract keys in order; chunks and items have exactly theirs', () => {
    const { report } = buildPayloadReport(args());
    expect(Object.keys(report).slice(0, 9)).toEqual([
      'upload',
      'maxPayloadBytes',
      'items',
      'overheadBytes',
      'estimatedBytes',
      'chunked',
      'chunkSize',
      'chunks',
      'largestItems',
    ]);
    expect(Object.keys(report.chunks[0]!)).toEqual(['index', 'items', 'bytes', 'overLimit']);
    expect(Object.keys(report.largestItems[0]!)).toEqual(['component', 'stack', 'bytes']);
  });

  it('lists at most ten largest items', () => {
    const components = Array.from({ length: 12 }, (_, i) => `    c${String(i).padStart(2, '0')}: {}`).join(
      '\n',
    );
    const dir = repo({
      'atmos.yaml': SMALL_ATMOS(''),
      'stacks/deploy/dev.yaml': `vars:\n  stage: dev\ncomponents:\n  terraform:\n${components}\n`,
    });
    const { report } = buildPayloadReport(args({ chdir: dir }));
    expect(report.items).toBe(12);
    expect(report.largestItems).toHaveLength(10);
    expect(report.largestItems[0]).toEqual({ component: 'c00', stack: 'dev', bytes: 62 });
  });
});

describe('golden outputs of fixtures/payload', () => {
  // A `.golden` suffix keeps biome (which formats JSON and Markdown) off byte-exact outputs.
  it('json (through the CLI, exit 1 for a chunk over the limit)', async () => {
    const { code, text } = await cli('-C', FIXTURE, '--repo-url', REPO_URL, '-f', 'json');
    expect(code).toBe(1);
    expectGolden('instances.json.golden', text);
  });

  it('table', async () => {
    const { code, text } = await cli('-C', FIXTURE, '--repo-url', REPO_URL, '--no-color');
    expect(code).toBe(1);
    expect(text).toBe(renderTable(buildPayloadReport(args()).report, false));
    expectGolden('instances.table.txt.golden', text);
  });

  it('markdown', async () => {
    const { code, text } = await cli('-C', FIXTURE, '--repo-url', REPO_URL, '-f', 'markdown');
    expect(code).toBe(1);
    expect(text).toBe(renderMarkdown(buildPayloadReport(args()).report));
    expectGolden('instances.markdown.md.golden', text);
  });

  it('affected, json and table', async () => {
    const json = await cli('-C', FIXTURE, '--repo-url', REPO_URL, '-u', 'affected', '-f', 'json');
    expectGolden('affected.json.golden', json.text);
    const table = await cli('-C', FIXTURE, '--repo-url', REPO_URL, '--upload', 'affected', '--no-color');
    expectGolden('affected.table.txt.golden', table.text);
  });

  it('colour only adds escapes', () => {
    const { report } = buildPayloadReport(args());
    const colored = renderTable(report, true);
    expect(colored).toContain('\u001b[');
    expect(colored.replace(/\u001b\[[0-9;]*m/g, '')).toBe(renderTable(report, false));
  });
});

describe('limits', () => {
  it('--max-payload-bytes overrides atmos.yaml; a bigger limit sends one request', async () => {
    const { code, text } = await cli(
      '-C',
      FIXTURE,
      '--repo-url',
      REPO_URL,
      '-f',
      'json',
      '--max-payload-bytes',
      '915',
    );
    expect(code).toBe(0);
    const report = JSON.parse(text);
    expect(report.maxPayloadBytes).toBe(915);
    expect(report.maxPayloadBytesSource).toBe('flag');
    // estimated == limit is still one request, without batch fields: 2 bytes below the estimate.
    expect(report.chunked).toBe(false);
    expect(report.chunks).toEqual([{ index: 0, items: 6, bytes: 913, overLimit: false }]);
  });

  it('--max-payload-bytes 0 means the default, and says so', () => {
    const { report } = buildPayloadReport(args({ 'max-payload-bytes': 0 }));
    expect(report.maxPayloadBytes).toBe(4194304);
    expect(report.maxPayloadBytesSource).toBe('default');
    expect(report.notes.join('\n')).toContain('--max-payload-bytes 0 is not positive');
  });

  it('unset in atmos.yaml: the default, no note', () => {
    const dir = repo({ 'atmos.yaml': SMALL_ATMOS(''), 'stacks/deploy/dev.yaml': SMALL_STACK });
    const { report } = buildPayloadReport(args({ chdir: dir }));
    expect(report.maxPayloadBytes).toBe(4194304);
    expect(report.maxPayloadBytesSource).toBe('default');
    expect(report.notes.join('\n')).not.toContain('max_payload_bytes');
  });

  it('a YAML function: the default, and the note says why', () => {
    const dir = repo({
      'atmos.yaml': SMALL_ATMOS('    max_payload_bytes: !env ATMOS_PRO_MAX_PAYLOAD\n'),
      'stacks/deploy/dev.yaml': SMALL_STACK,
    });
    const { report } = buildPayloadReport(args({ chdir: dir }));
    expect(report.maxPayloadBytes).toBe(4194304);
    expect(report.maxPayloadBytesSource).toBe('default');
    expect(report.notes[0]).toBe(
      'max_payload_bytes in atmos.yaml is `!env ATMOS_PRO_MAX_PAYLOAD`, a YAML function Atmos resolves when it loads atmos.yaml; this tool does not, so it uses the default 4194304 (pass --max-payload-bytes to simulate the resolved value).',
    );
  });

  it('rejects a --max-payload-bytes that is not a number (exit 2)', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const { code } = await cli('-C', FIXTURE, '--max-payload-bytes', 'lots');
      expect(code).toBe(2);
      expect(String(stderr.mock.calls[0]?.[0])).toContain('--max-payload-bytes must be a number');
    } finally {
      stderr.mockRestore();
    }
  });
});

describe('repository fields', () => {
  const files = { 'atmos.yaml': SMALL_ATMOS(''), 'stacks/deploy/dev.yaml': SMALL_STACK };

  it('no git repository: the placeholder, named in a note', () => {
    const dir = repo(files);
    const { report } = buildPayloadReport(args({ chdir: dir, 'repo-url': undefined }));
    expect(report.repo).toEqual({
      source: 'placeholder',
      url: 'https://github.com/example-org/example-repo.git',
    });
    // 156 = 124 + (47 - 29) url + (12 - 5) name + (11 - 4) owner characters of the placeholder.
    expect(report.overheadBytes).toBe(156);
    expect(report.notes.join('\n')).toContain(
      'No git repository was found; the repository fields are sized with the placeholder https://github.com/example-org/example-repo.git (47 characters, owner example-org, name example-repo). Pass --repo-url for exact sizes.',
    );
  });

  it('a git repository without a remote: what each upload would do, then the placeholder', () => {
    const dir = repo({ ...files, '.git/config': '[core]\n\tbare = false\n' });
    const { report } = buildPayloadReport(args({ chdir: dir, 'repo-url': undefined }));
    expect(report.repo.source).toBe('placeholder');
    expect(report.notes.join('\n')).toContain(
      'The git repository has no remote (`list instances --upload` would send empty repository fields and `describe affected --upload` fails)',
    );
  });

  it('the origin remote, with credentials kept out of the output but counted', () => {
    const dir = repo({
      ...files,
      '.git/config':
        '[remote "upstream"]\n\turl = https://github.com/other/fork\n[remote "origin"]\n\turl = https://x-access-token:s3cr3t@github.com/acme/infra.git\n',
    });
    const { report } = buildPayloadReport(args({ chdir: dir, 'repo-url': undefined }));
    expect(report.repo).toEqual({
      source: 'git-config',
      url: 'https://github.com/acme/infra.git',
      remote: 'origin',
    });
    expect(JSON.stringify(report)).not.toContain('s3cr3t');
    // The masked URL keeps the length: 124 + ".git" 4 + "x-access-token:s3cr3t@" 22.
    expect(report.overheadBytes).toBe(124 + 4 + 22);
    expect(report.notes.join('\n')).toContain('The remote URL holds credentials');
  });

  it('an unparseable --repo-url is a usage error (exit 2)', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const { code } = await cli('-C', FIXTURE, '--repo-url', 'not a url');
      expect(code).toBe(2);
      expect(String(stderr.mock.calls[0]?.[0])).toContain('--repo-url: cannot derive the repository');
    } finally {
      stderr.mockRestore();
    }
  });
});

describe('what the CLI would do', () => {
  it('NaN in settings: the CLI cannot encode the request (exit 1, message on stderr)', async () => {
    const dir = repo({
      'atmos.yaml': SMALL_ATMOS(''),
      'stacks/deploy/dev.yaml': `vars:\n  stage: dev\ncomponents:\n  terraform:\n    vpc:\n      settings:\n        pro:\n          weight: .nan\n`,
    });
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const { code, text } = await cli('-C', dir, '-f', 'json');
      expect(code).toBe(1);
      expect(text).toBe('');
      expect(String(stderr.mock.calls[0]?.[0])).toBe(
        'atmos-pro-lint: json: unsupported value: NaN in the settings of `vpc` in `dev`: `atmos list instances --upload` fails to encode the request and uploads nothing\n',
      );
    } finally {
      stderr.mockRestore();
    }
  });

  it('no instances: one empty request, and list instances sends nothing', () => {
    const dir = repo({ 'atmos.yaml': SMALL_ATMOS(''), 'stacks/deploy/dev.yaml': 'vars:\n  stage: dev\n' });
    const { report } = buildPayloadReport(args({ chdir: dir }));
    expect(report.items).toBe(0);
    expect(report.chunks).toEqual([{ index: 0, items: 0, bytes: 124, overLimit: false }]);
    expect(report.notes).toContain('There are no instances: `list instances --upload` sends nothing.');
    expect(renderTable(report, false)).toContain('0 instances');
  });

  it('templating off: settings are sized as written', () => {
    const stack = `vars:\n  stage: dev\ncomponents:\n  terraform:\n    vpc:\n      settings:\n        pro:\n          pull_request:\n            opened:\n              workflows:\n                plan.yaml:\n                  inputs:\n                    component: "{{ .atmos_component }}"\n`;
    const on = repo({ 'atmos.yaml': SMALL_ATMOS(''), 'stacks/deploy/dev.yaml': stack });
    const off = repo({
      'atmos.yaml': SMALL_ATMOS('').replace('enabled: true', 'enabled: false'),
      'stacks/deploy/dev.yaml': stack,
    });
    const a = buildPayloadReport(args({ chdir: on })).report;
    const b = buildPayloadReport(args({ chdir: off })).report;
    // "{{ .atmos_component }}" (22 characters) instead of "vpc" (3).
    expect(b.largestItems[0]!.bytes - a.largestItems[0]!.bytes).toBe(19);
    expect(b.notes.join('\n')).toContain('Templating is off');
  });

  it('a limit above the server limit is called out', () => {
    const { report } = buildPayloadReport(args({ 'max-payload-bytes': 8_000_000 }));
    expect(report.notes.join('\n')).toContain("above the server's body limit of about 4.5 MB");
  });

  it('shows at most 40 chunk rows, always including those over the limit', () => {
    const pro = `\n      settings:\n        pro:\n          pull_request:\n            opened:\n              workflows:\n                atmos-terraform-plan.yaml:\n                  inputs:\n                    component: "{{ .atmos_component }}"\n                    stack: "{{ .atmos_stack }}"`;
    const components = Array.from({ length: 90 }, (_, i) => {
      const name = `c${String(i).padStart(2, '0')}`;
      return i === 80 || i === 81 ? `    ${name}:${pro}` : `    ${name}: {}`;
    }).join('\n');
    const dir = repo({
      'atmos.yaml': SMALL_ATMOS(''),
      'stacks/deploy/dev.yaml': `vars:\n  stage: dev\ncomponents:\n  terraform:\n${components}\n`,
    });
    const { report } = buildPayloadReport(args({ chdir: dir, 'max-payload-bytes': 460 }));
    expect(report.chunkSize).toBe(2);
    expect(report.chunks).toHaveLength(45);
    expect(report.chunks.filter((c) => c.overLimit).map((c) => c.index)).toEqual([40]);
    expect(report.itemsOverLimit).toEqual([]);
    const table = renderTable(report, false);
    const rows = table.split('\n').filter((l) => /^ {2}\d+\/45 /.test(l));
    expect(rows).toHaveLength(40);
    expect(rows.at(-1)).toMatch(/^ {2}41\/45 /);
    expect(table).toContain('… 5 more chunks under the limit not shown');
    expect(renderMarkdown(report)).toContain('| **');
    expect(renderMarkdown(report)).toContain('_5 more chunks under the limit not shown._');
  });
});
