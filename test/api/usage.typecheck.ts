/**
 * Type-level test of the Node API. `tsc --noEmit -p tsconfig.json` checks it against src/index.ts;
 * declarations.test.ts checks the same file against the emitted dist/index.d.ts. Every
 * `@ts-expect-error` marks a misuse that must not compile (an unused one is itself an error).
 * Nothing here runs: the calls sit inside a function that is never called.
 */
import {
  type ComponentInstance,
  ConfigError,
  type Diagnostic,
  type DispatchEvent,
  type DispatchReport,
  type DispatchRow,
  EVENTS,
  type LintConfig,
  type LintOptions,
  type LintResult,
  lint,
  PayloadMarshalError,
  type PayloadReport,
  type ProClientSettings,
  type Resolution,
  type RuleMeta,
  resolveStacks,
  rules,
  type SettingsPro,
  type SimulatePayloadOptions,
  type Summary,
  simulateDispatch,
  simulatePayload,
  UsageError,
  VERSION,
} from '../../src/index.js';

export function usage(): void {
  // --- what must compile ---------------------------------------------------------------------
  const linted: LintResult = lint({ cwd: 'infra', configFile: '.atmos-pro-lint.yaml', paths: ['a.yaml'] });
  const defaults: LintResult = lint();
  const diagnostics: Diagnostic[] = linted.diagnostics;
  const summary: Summary = defaults.summary;
  const firstLine: number | undefined = diagnostics[0]?.line;
  const severity: 'error' | 'warning' | 'info' | undefined = diagnostics[0]?.severity;
  const errors: number = summary.errors + summary.warnings + summary.infos + summary.instances;
  const opts: LintOptions = { env: { ATMOS_BASE_PATH: undefined }, templateEnv: { STAGE: 'dev' } };
  lint(opts);

  const resolution: Resolution = resolveStacks({ cwd: 'infra', configPath: 'infra/atmos.yaml' });
  const instance: ComponentInstance | undefined = resolution.instances[0];
  const proEnabled: boolean | undefined = instance?.pro.enabled;
  const stackNames: string[] = resolution.stacks.map((s) => s.name);
  const templating: boolean = resolution.config.templates.enabled;

  const event: DispatchEvent = 'merge_group.checks_requested';
  const events: readonly DispatchEvent[] = EVENTS;
  const report: DispatchReport = simulateDispatch({ cwd: 'infra', event, stack: 'plat-*' });
  const row: DispatchRow | undefined = report.dispatches[0];
  const via: 'configured' | 'backstop' | 'none' | 'disabled' | undefined = row?.via;
  const inputs: Record<string, unknown> | undefined = row?.workflows[0]?.inputs;
  const sourceLine: number | undefined = row?.source?.line;
  const note: string | undefined = report.note;
  simulateDispatch({ event: 'drift_detection.remediate', component: 'eks/*' });
  simulateDispatch({ event: 'release.published' });

  const payload: PayloadReport = simulatePayload({ cwd: 'infra', upload: 'affected', maxPayloadBytes: 1e6 });
  const payloadOpts: SimulatePayloadOptions = { repoUrl: 'https://github.com/acme/infra.git' };
  const bytes: number | undefined = simulatePayload(payloadOpts).chunks[0]?.bytes;
  const over: boolean = payload.chunks.some((c) => c.overLimit) || payload.itemsOverLimit.length > 0;
  const repoSource: 'git-config' | 'override' | 'placeholder' = payload.repo.source;
  const fromSetting: 'flag' | 'atmos.yaml' | 'default' = payload.maxPayloadBytesSource;

  const pro: SettingsPro = {
    enabled: true,
    pull_request: {
      synchronize: { workflows: { 'plan.yaml': { inputs: { stack: '{{ .atmos_stack }}' } } } },
    },
    merge_group: { checks_requested: { workflows: { 'plan.yaml': {} } } },
  };
  const client: ProClientSettings = { workspace_id: 'ws', max_payload_bytes: 1_000_000 };
  const config: LintConfig = { rules: { 'input-not-string': 'off' }, mergeQueue: 'auto' };
  const meta: RuleMeta | undefined = rules.find((r) => r.fixable);
  const version: string = VERSION;

  try {
    lint();
  } catch (e) {
    if (e instanceof ConfigError || e instanceof UsageError || e instanceof PayloadMarshalError) {
      const message: string = e.message;
      void message;
    }
  }
  const asError: Error = new ConfigError('no atmos.yaml');

  void [firstLine, severity, errors, proEnabled, stackNames, templating, events, via, inputs, sourceLine];
  void [note, bytes, over, repoSource, fromSetting, pro, client, config, meta, version, asError];

  // --- what must not compile -----------------------------------------------------------------
  // @ts-expect-error `closed` is GitHub's activity; Atmos Pro's is `merged`
  simulateDispatch({ cwd: 'infra', event: 'pull_request.closed' });
  // @ts-expect-error the event is required
  simulateDispatch({ cwd: 'infra' });
  // @ts-expect-error apply never fires on merge_group: there is no merge_group.merged
  simulateDispatch({ event: 'merge_group.merged' });
  // @ts-expect-error the upload is `instances` or `affected`
  simulatePayload({ upload: 'all' });
  // @ts-expect-error the limit is a number of bytes
  simulatePayload({ maxPayloadBytes: '4MiB' });
  // @ts-expect-error the CLI's flag names are not option names
  simulatePayload({ 'repo-url': 'https://github.com/acme/infra.git' });
  // @ts-expect-error the rules are not an option: lint runs every rule, configured by configFile
  lint({ rules: [] });
  // @ts-expect-error formatting is the CLI's business: lint returns data
  lint({ cwd: 'infra', format: 'json' });
  // @ts-expect-error environment values are strings
  resolveStacks({ env: { ATMOS_BASE_PATH: 1 } });
  // @ts-expect-error template variables are strings, never undefined
  resolveStacks({ templateEnv: { STAGE: undefined } });
  // @ts-expect-error the rule list is read-only
  rules.push(rules[0]!);
  // @ts-expect-error `via` is a closed set
  if (row?.via === 'skipped') void row;
  const someRow = report.dispatches[0]!;
  // @ts-expect-error a dispatch row's source is null when no activity applies
  const sourceFile: string = someRow.source.file;
  // @ts-expect-error settings.pro.enabled is a boolean, not a string
  const wrongPro: SettingsPro = { enabled: 'true' };
  // @ts-expect-error merge_group sits beside pull_request, not inside it
  const nestedMergeGroup: SettingsPro = { pull_request: { merge_group: {} } };
  // @ts-expect-error unknown rule ids are rejected in the configuration
  const unknownRule: LintConfig = { rules: { 'no-such-rule': 'off' } };
  // @ts-expect-error summary counts are numbers
  const summaryText: string = summary.errors;
  // @ts-expect-error lint is synchronous: its result is not a promise
  void lint().then;
  void [sourceFile, wrongPro, nestedMergeGroup, unknownRule, summaryText];
}
