/**
 * The Node API at run time, on fixtures/demo and on the Atmos `atmos-pro` scenario of the corpus:
 * real values, the same JSON as the CLI's `--format json`, silence, and typed errors.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { run } from '../../src/cli/run.js';
import {
  ConfigError,
  type DispatchEvent,
  type DispatchRow,
  EVENTS,
  lint,
  PayloadMarshalError,
  resolveStacks,
  rules,
  simulateDispatch,
  simulatePayload,
  UsageError,
  VERSION,
} from '../../src/index.js';
import { CORPUS, FIXTURES } from '../helpers/fixtures.js';

const DEMO = join(FIXTURES, 'demo');
const ATMOS_PRO = join(CORPUS, 'atmos-pro');
const REPO_URL = 'https://github.com/acme/infra.git';

const temps: string[] = [];
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

function tmp(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'apl-api-'));
  temps.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** What the CLI writes with `--format json` (through -o, so nothing reaches the test's stdout). */
async function cliJson(...argv: string[]): Promise<unknown> {
  const out = join(tmp(), 'out.json');
  const code = await run([...argv, '-f', 'json', '-o', out]);
  expect([0, 1]).toContain(code);
  return JSON.parse(readFileSync(out, 'utf8'));
}

/** Plain JSON data, as a consumer serialising the result would see it. */
function json(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

function row(rows: DispatchRow[], stack: string, component: string): DispatchRow {
  const found = rows.find((r) => r.stack === stack && r.component === component);
  if (!found) throw new Error(`no dispatch row for ${component} in ${stack}`);
  return found;
}

// Every test runs with stdout and stderr watched: the API prints nothing.
let writes: MockInstance[] = [];
beforeEach(() => {
  writes = [
    vi.spyOn(process.stdout, 'write'),
    vi.spyOn(process.stderr, 'write'),
    vi.spyOn(console, 'log'),
    vi.spyOn(console, 'error'),
    vi.spyOn(console, 'warn'),
  ];
});
afterEach(() => {
  for (const w of writes) w.mockRestore();
  vi.unstubAllEnvs();
});
function expectSilence(): void {
  for (const w of writes) expect(w).not.toHaveBeenCalled();
}

describe('fixtures/demo', () => {
  it('lint: the diagnostics and summary of `--format json`', async () => {
    const result = lint({ cwd: DEMO });
    expectSilence();
    expect(result.summary).toEqual({
      errors: 7,
      warnings: 1,
      infos: 1,
      fixable: 2,
      files: 10,
      stacks: 3,
      instances: 6,
    });
    expect(result.resolution.instances).toHaveLength(6);
    const first = result.diagnostics[0]!;
    expect([first.ruleId, first.file, first.line, first.column]).toEqual([
      'template-unknown-field',
      'stacks/mixins/atmos-pro.yaml',
      13,
      55,
    ]);
    expect(first.instances).toHaveLength(6);
    const cli = (await cliJson('lint', '-C', DEMO)) as { diagnostics: unknown; summary: unknown };
    expect(json(result.diagnostics)).toEqual(cli.diagnostics);
    expect(json(result.summary)).toEqual(cli.summary);
  });

  it('lint: paths keep only the diagnostics in those files', () => {
    const result = lint({ cwd: DEMO, paths: ['stacks/mixins/atmos-pro.yaml'] });
    expect(result.diagnostics.map((d) => `${d.ruleId}:${d.line}`)).toEqual([
      'template-unknown-field:13',
      'missing-merge-group:18',
      'unknown-activity:23',
      'undocumented-activity:28',
    ]);
    // Everything is still resolved.
    expect(result.summary.instances).toBe(6);
  });

  it('lint: a configuration file turns rules off', () => {
    const dir = tmp({ 'quiet.yaml': 'rules:\n  template-unknown-field: off\n  missing-merge-group: off\n' });
    const result = lint({ cwd: DEMO, configFile: join(dir, 'quiet.yaml') });
    const ids = new Set(result.diagnostics.map((d) => d.ruleId));
    expect(ids.has('template-unknown-field')).toBe(false);
    expect(ids.has('missing-merge-group')).toBe(false);
    expect(ids.has('unknown-activity')).toBe(true);
    expect(result.summary.errors).toBe(result.diagnostics.filter((d) => d.severity === 'error').length);
  });

  it('resolveStacks: stacks, instances and their Pro state', () => {
    const resolution = resolveStacks({ cwd: DEMO });
    expectSilence();
    expect(resolution.stacks.map((s) => s.name).sort()).toEqual([
      'core-ue2-prod',
      'plat-ue2-dev',
      'plat-ue2-prod',
    ]);
    const state = resolution.instances.map(
      (i) => `${i.stack} ${i.component} ${i.pro.enabled ? 'on' : 'off'}${i.pro.drift ? ' drift' : ''}`,
    );
    expect(state).toEqual([
      'core-ue2-prod vpc on',
      'plat-ue2-dev eks/cluster on',
      'plat-ue2-dev vpc on',
      'plat-ue2-prod eks/cluster on drift',
      'plat-ue2-prod eks/legacy-cluster off',
      'plat-ue2-prod vpc on drift',
    ]);
    expect(resolution.instances.every((i) => i.componentType === 'terraform')).toBe(true);
  });

  it('simulateDispatch: merge_group falls back to the pull_request.synchronize backstop', async () => {
    const report = simulateDispatch({ cwd: DEMO, event: 'merge_group.checks_requested' });
    expectSilence();
    expect(report.event).toBe('merge_group.checks_requested');
    expect(report.rendered).toBe(true);
    expect(report.note).toBeUndefined();
    expect(report.dispatches.map((d) => d.via)).toEqual([
      'backstop',
      'backstop',
      'backstop',
      'backstop',
      'disabled',
      'backstop',
    ]);
    const eks = row(report.dispatches, 'plat-ue2-dev', 'eks/cluster');
    expect(eks.workflows).toEqual([
      {
        file: 'atmos-terraform-plan.yaml',
        inputs: { component: 'eks/cluster', stack: 'plat-ue2-dev', upload: true, sha: '<no value>' },
      },
    ]);
    expect(eks.source).toEqual({ file: 'stacks/orgs/acme/plat/dev/us-east-2.yaml', line: 21 });
    expect(row(report.dispatches, 'plat-ue2-prod', 'eks/legacy-cluster')).toMatchObject({
      via: 'disabled',
      workflows: [],
      source: null,
    });
    expect(json(report)).toEqual(
      await cliJson('resolve', '-C', DEMO, '--event', 'merge_group.checks_requested'),
    );
  });

  it('simulateDispatch: pull_request.merged renders the apply inputs per instance', () => {
    const report = simulateDispatch({ cwd: DEMO, event: 'pull_request.merged', stack: 'plat-*' });
    expect(report.dispatches.map((d) => d.stack)).not.toContain('core-ue2-prod');
    const vpc = row(report.dispatches, 'plat-ue2-prod', 'vpc');
    expect(vpc.via).toBe('configured');
    expect(vpc.workflows).toEqual([
      {
        file: 'atmos-terraform-apply.yaml',
        inputs: { component: 'vpc', stack: 'plat-ue2-prod', github_environment: 'plat-<no value>' },
      },
    ]);
  });

  it('simulateDispatch: stack and component globs filter the rows', () => {
    const report = simulateDispatch({ cwd: DEMO, event: 'pull_request.opened', component: 'eks/*' });
    expect(report.dispatches.map((d) => `${d.stack} ${d.component}`)).toEqual([
      'plat-ue2-dev eks/cluster',
      'plat-ue2-prod eks/cluster',
      'plat-ue2-prod eks/legacy-cluster',
    ]);
  });

  it('simulateDispatch: every event is accepted, and only instances with drift detection take part in it', () => {
    expect(EVENTS).toContain('pull_request.merged');
    expect(EVENTS).not.toContain('pull_request.closed');
    const drift = simulateDispatch({ cwd: DEMO, event: 'drift_detection.detect' });
    const taking = drift.dispatches
      .filter((d) => d.via !== 'disabled')
      .map((d) => `${d.stack} ${d.component}`);
    expect(taking).toEqual(['plat-ue2-prod eks/cluster', 'plat-ue2-prod vpc']);
    for (const event of EVENTS) {
      expect(simulateDispatch({ cwd: DEMO, event }).dispatches).toHaveLength(6);
    }
  });

  it('simulatePayload: one request of 7,043 bytes for six instances', async () => {
    const report = simulatePayload({ cwd: DEMO, repoUrl: REPO_URL });
    expectSilence();
    expect(report).toMatchObject({
      upload: 'instances',
      maxPayloadBytes: 4194304,
      maxPayloadBytesSource: 'default',
      items: 6,
      overheadBytes: 128,
      estimatedBytes: 7045,
      chunked: false,
      chunks: [{ index: 0, items: 6, bytes: 7043, overLimit: false }],
      repo: { source: 'override', url: REPO_URL },
    });
    expect(report.largestItems[0]).toEqual({
      component: 'eks/legacy-cluster',
      stack: 'plat-ue2-prod',
      bytes: 1227,
    });
    expect(json(report)).toEqual(await cliJson('payload', '-C', DEMO, '--repo-url', REPO_URL));
  });

  it('simulatePayload: a small limit splits the items into chunks, and flags those over it', async () => {
    const report = simulatePayload({ cwd: DEMO, repoUrl: REPO_URL, maxPayloadBytes: 2500 });
    expect(report.maxPayloadBytesSource).toBe('flag');
    expect(report.chunked).toBe(true);
    expect(report.chunks.length).toBe(Math.ceil(6 / report.chunkSize));
    expect(report.chunks.reduce((n, c) => n + c.items, 0)).toBe(6);
    for (const c of report.chunks) expect(c.overLimit).toBe(c.bytes > 2500);
    expect(json(report)).toEqual(
      await cliJson('payload', '-C', DEMO, '--repo-url', REPO_URL, '--max-payload-bytes', '2500'),
    );
    // The README's example.
    expect(simulatePayload({ cwd: DEMO, repoUrl: REPO_URL, maxPayloadBytes: 4000 }).chunks).toEqual([
      { index: 0, items: 3, bytes: 3621, overLimit: false },
      { index: 1, items: 3, bytes: 3713, overLimit: false },
    ]);
  });

  it('simulatePayload: describe affected, in random order', async () => {
    const report = simulatePayload({ cwd: DEMO, repoUrl: REPO_URL, upload: 'affected' });
    expect(report.upload).toBe('affected');
    expect(report.orderIsRandom).toBe(true);
    expect(report.items).toBeGreaterThan(0);
    expect(report.items).toBeLessThanOrEqual(6);
    expect(json(report)).toEqual(
      await cliJson('payload', '-C', DEMO, '--repo-url', REPO_URL, '--upload', 'affected'),
    );
  });
});

describe('options and errors', () => {
  it('env defaults to process.env', () => {
    const elsewhere = tmp();
    vi.stubEnv('ATMOS_CLI_CONFIG_PATH', DEMO);
    expect(resolveStacks({ cwd: elsewhere }).instances).toHaveLength(6);
    expect(lint({ cwd: elsewhere }).summary.instances).toBe(6);
    // An explicit environment replaces it.
    expect(() => resolveStacks({ cwd: elsewhere, env: {} })).toThrow(ConfigError);
  });

  it('cwd defaults to the process working directory', () => {
    const spy = vi.spyOn(process, 'cwd').mockReturnValue(DEMO);
    try {
      expect(resolveStacks().instances).toHaveLength(6);
    } finally {
      spy.mockRestore();
    }
  });

  it('a missing atmos.yaml is a ConfigError from every function', () => {
    const empty = tmp();
    const calls = [
      () => lint({ cwd: empty, env: {} }),
      () => resolveStacks({ cwd: empty, env: {} }),
      () => simulateDispatch({ cwd: empty, env: {}, event: 'pull_request.opened' }),
      () => simulatePayload({ cwd: empty, env: {}, repoUrl: REPO_URL }),
    ];
    for (const call of calls) {
      expect(call).toThrow(ConfigError);
      expect(call).toThrow(/No atmos\.yaml found/);
    }
    expectSilence();
  });

  it('unusable options are UsageErrors', () => {
    const unknownEvent = { cwd: DEMO, event: 'pull_request.closed' as DispatchEvent };
    expect(() => simulateDispatch(unknownEvent)).toThrow(UsageError);
    expect(() => simulateDispatch(unknownEvent)).toThrow(/unknown event "pull_request.closed"/);
    expect(() => simulatePayload({ cwd: DEMO, maxPayloadBytes: Number.NaN })).toThrow(UsageError);
    expect(() => simulatePayload({ cwd: DEMO, repoUrl: 'not a repository' })).toThrow(UsageError);
    const broken = tmp({ 'bad.yaml': 'rules:\n  no-such-rule: off\n' });
    expect(() => lint({ cwd: DEMO, configFile: join(broken, 'bad.yaml') })).toThrow(UsageError);
    expect(() => lint({ cwd: DEMO, configFile: join(broken, 'missing.yaml') })).toThrow(UsageError);
    expectSilence();
  });

  it('a value Go cannot encode is a PayloadMarshalError', () => {
    const dir = tmp({
      'atmos.yaml':
        'base_path: "./"\nstacks:\n  base_path: stacks\n  included_paths: ["deploy/**/*"]\n  name_template: "{{ .vars.stage }}"\n',
      'stacks/deploy/dev.yaml':
        'vars:\n  stage: dev\ncomponents:\n  terraform:\n    vpc:\n      settings:\n        pro:\n          weight: .nan\n',
    });
    expect(() => simulatePayload({ cwd: dir, repoUrl: REPO_URL })).toThrow(PayloadMarshalError);
    expect(() => simulatePayload({ cwd: dir, repoUrl: REPO_URL })).toThrow(/unsupported value: NaN/);
    expectSilence();
  });

  it('exports the rules and the version', () => {
    expect(rules.length).toBeGreaterThan(40);
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    expect(rules.find((r) => r.id === 'missing-merge-group')?.category).toBeDefined();
    expect(VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe.skipIf(!existsSync(ATMOS_PRO))('corpus: atmos-pro scenario', () => {
  it('resolveStacks: the five instances of `atmos list instances`, with their Pro state', () => {
    const resolution = resolveStacks({ cwd: ATMOS_PRO, env: {} });
    const golden = readFileSync(
      join(ATMOS_PRO, 'expected', 'list-instances--format-csv.stdout.golden'),
      'utf8',
    )
      .trim()
      .split('\n')
      .slice(1);
    const listed = resolution.instances.map((i) => `${i.component},${i.stack}`).sort();
    expect(listed).toEqual(golden);
    // pro-effective-state.derived.yaml: only mock/disabled is off; drift on for mock/drift only.
    const state = Object.fromEntries(
      resolution.instances.map((i) => [`${i.stack} ${i.component}`, [i.pro.enabled, i.pro.drift]]),
    );
    expect(state).toEqual({
      'nonprod mock/disabled': [false, false],
      'nonprod mock/drift': [true, true],
      'nonprod mock/nodrift': [true, false],
      'prod mock/drift': [true, true],
      'prod mock/nodrift': [true, false],
    });
    expect(resolution.components.some((c) => c.component === 'mock' && c.abstract)).toBe(true);
  });

  it('simulateDispatch: pull_request.merged dispatches the apply workflow with rendered inputs', async () => {
    const report = simulateDispatch({ cwd: ATMOS_PRO, env: {}, event: 'pull_request.merged' });
    expect(report.dispatches).toHaveLength(5);
    const drift = row(report.dispatches, 'nonprod', 'mock/drift');
    expect(drift.via).toBe('configured');
    expect(drift.workflows).toEqual([
      {
        file: 'atmos-pro-terraform-apply.yaml',
        inputs: { component: 'mock/drift', stack: 'nonprod', github_environment: '<no value>-nonprod' },
      },
    ]);
    expect(drift.source).toEqual({ file: 'stacks/mixins/atmos-pro.yaml', line: 25 });
    expect(row(report.dispatches, 'nonprod', 'mock/disabled').via).toBe('disabled');
    expect(json(report)).toEqual(await cliJson('resolve', '-C', ATMOS_PRO, '--event', 'pull_request.merged'));
  });

  it('simulateDispatch: no merge_group and no drift workflows', () => {
    const queue = simulateDispatch({ cwd: ATMOS_PRO, env: {}, event: 'merge_group.checks_requested' });
    const vias = Object.fromEntries(queue.dispatches.map((d) => [`${d.stack} ${d.component}`, d.via]));
    expect(vias).toEqual({
      'nonprod mock/disabled': 'disabled',
      'nonprod mock/drift': 'backstop',
      'nonprod mock/nodrift': 'backstop',
      'prod mock/drift': 'backstop',
      'prod mock/nodrift': 'backstop',
    });
    expect(row(queue.dispatches, 'prod', 'mock/drift').workflows).toEqual([
      { file: 'atmos-pro-terraform-plan.yaml', inputs: { component: 'mock/drift', stack: 'prod' } },
    ]);
    const detect = simulateDispatch({ cwd: ATMOS_PRO, env: {}, event: 'drift_detection.detect' });
    const none = detect.dispatches.filter((d) => d.via === 'none').map((d) => `${d.stack} ${d.component}`);
    expect(none).toEqual(['nonprod mock/drift', 'prod mock/drift']);
    expect(detect.dispatches.every((d) => d.workflows.length === 0)).toBe(true);
  });

  it('simulatePayload: the five instances of the upload tally in one request', async () => {
    const report = simulatePayload({ cwd: ATMOS_PRO, env: {}, repoUrl: REPO_URL });
    expect(report.items).toBe(5);
    expect(report.chunked).toBe(false);
    expect(report.chunks).toHaveLength(1);
    expect(report.chunks[0]!.items).toBe(5);
    expect(report.chunks[0]!.bytes).toBeGreaterThan(report.overheadBytes);
    expect(report.largestItems.map((i) => `${i.stack} ${i.component}`).sort()).toEqual([
      'nonprod mock/disabled',
      'nonprod mock/drift',
      'nonprod mock/nodrift',
      'prod mock/drift',
      'prod mock/nodrift',
    ]);
    expect(json(report)).toEqual(await cliJson('payload', '-C', ATMOS_PRO, '--repo-url', REPO_URL));
  });

  it('lint: resolves the same five instances', () => {
    const result = lint({ cwd: ATMOS_PRO, env: {} });
    expect(result.summary.instances).toBe(5);
    expect(result.summary.stacks).toBe(2);
    expect(result.summary.errors).toBe(result.diagnostics.filter((d) => d.severity === 'error').length);
  });
});
