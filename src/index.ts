/**
 * The Node API of atmos-pro-lint: the engine the CLI runs, for tools that build on it. Every
 * function is synchronous, prints nothing, and throws the typed errors exported below; results are
 * plain data (the `simulate*` results are exactly the `--format json` contracts of the commands).
 */
import { resolve } from 'node:path';
import type { Env } from './config/atmos-config.js';
import type { Diagnostic } from './core/diagnostic.js';
import type { RuleMeta } from './core/rule-meta.js';
import { lint as runLint, type Summary } from './lint/engine.js';
import { resolveRepository } from './resolve/resolve.js';
import type { Resolution } from './resolve/types.js';
import { allRules } from './rules/index.js';
import type { UploadKind } from './simulate/bodies.js';
import {
  ALL_EVENTS,
  type DRIFT_ACTIVITIES,
  type PR_ACTIVITIES,
  type RELEASE_ACTIVITIES,
} from './simulate/dispatch.js';
import { dispatchView, type ResolveReport } from './simulate/dispatch-report.js';
import { type PayloadReport, planPayload } from './simulate/payload-report.js';

export type { AtmosConfig, Env } from './config/atmos-config.js';
export { ConfigError } from './config/atmos-config.js';
export type { Diagnostic, InstanceRef, RelatedLocation, Severity } from './core/diagnostic.js';
export { UsageError } from './core/errors.js';
export type { RuleCategory, RuleMeta } from './core/rule-meta.js';
export type { Summary } from './lint/engine.js';
export type { PlainMap } from './resolve/merge.js';
export type { ComponentInstance, Layer, Manifest, ProState, Resolution, StackInfo } from './resolve/types.js';
// The types generated from the JSON Schemas in schema/ (what `settings.pro`, the `settings.pro`
// of atmos.yaml and `.atmos-pro-lint.yaml` may hold).
export type {
  DriftDetection,
  GithubOidcSettings,
  GitStsSettings,
  LegacyPullRequestList,
  LegacyPullRequestTrigger,
  LintConfig,
  MergeGroupActivities,
  ProActivity,
  ProClientSettings,
  PullRequestActivities,
  ReleaseActivities,
  RuleId,
  RuleLevel,
  SchemaError,
  SchemaName,
  SettingsPro,
  WorkflowDispatch,
  WorkflowDispatches,
  WorkflowInputs,
  YamlFunction,
} from './schema/index.js';
export type { UploadKind } from './simulate/bodies.js';
export type { Via } from './simulate/dispatch.js';
export type { DispatchRow } from './simulate/dispatch-report.js';
export type { MaxPayloadSource, RandomOrderCheck } from './simulate/payload.js';
export type { PayloadChunkRow, PayloadRepo, PayloadReport } from './simulate/payload-report.js';
export { PayloadMarshalError } from './simulate/payload-report.js';
export { VERSION } from './version.js';

/** Where the repository is: the same inputs as the CLI's `--chdir`, `--config-path` and environment. */
export interface RepositoryOptions {
  /**
   * The directory to work from, as if the CLI were started there (`--chdir`); atmos.yaml is
   * discovered from it like Atmos does. Relative paths are taken from `process.cwd()`.
   * Default: `process.cwd()`.
   */
  cwd?: string;
  /** A directory holding atmos.yaml, or the file itself (`--config-path`). Default: discovered. */
  configPath?: string;
  /**
   * The environment Atmos reads (`ATMOS_CLI_CONFIG_PATH`, `ATMOS_BASE_PATH`, `ATMOS_PRO_*`, …).
   * Default: `process.env`.
   */
  env?: Env;
  /**
   * Variables templates may read through `env`, on top of `templates.settings.env` of atmos.yaml.
   * The process environment is never visible to templates. Default: none.
   */
  templateEnv?: Readonly<Record<string, string>>;
}

export interface LintOptions extends RepositoryOptions {
  /** The linter's configuration file (`--config`). Default: `.atmos-pro-lint.yaml` found like the CLI does. */
  configFile?: string;
  /**
   * Report only diagnostics located in these files (relative to `cwd`), as pre-commit does; the
   * whole repository is still resolved. Default: every file.
   */
  paths?: readonly string[];
}

export interface LintResult {
  /** The `diagnostics` of `--format json`: one per rule and written value, sorted by file and position. */
  diagnostics: Diagnostic[];
  /** Counts by severity, plus files read, stacks and instances resolved. */
  summary: Summary;
  /** The resolved repository the rules ran on (what {@link resolveStacks} returns). */
  resolution: Resolution;
}

export type ResolveStacksOptions = RepositoryOptions;

/**
 * The `resolve --format json` contract:
 * `{"event","rendered","note"?,"dispatches":[{"component","stack","via","workflows":[{"file","inputs"}],"source"}]}`.
 */
export type DispatchReport = ResolveReport;

/** An event Atmos Pro dispatches on, as `<settings.pro key>.<activity>`. */
export type DispatchEvent =
  | `pull_request.${(typeof PR_ACTIVITIES)[number]}`
  | `release.${(typeof RELEASE_ACTIVITIES)[number]}`
  | 'merge_group.checks_requested'
  | `drift_detection.${(typeof DRIFT_ACTIVITIES)[number]}`;

/** Every event {@link simulateDispatch} accepts. */
export const EVENTS = ALL_EVENTS as readonly DispatchEvent[];

export interface SimulateDispatchOptions extends RepositoryOptions {
  /**
   * The event. `pull_request.merged` stands for GitHub's `closed` with `merged: true`;
   * `merge_group.checks_requested` falls back to `pull_request.synchronize` (the backstop).
   */
  event: DispatchEvent;
  /** Only stacks matching this glob (`*` matches any characters, `/` included). Default: all. */
  stack?: string;
  /** Only components matching this glob. Default: all. */
  component?: string;
}

export interface SimulatePayloadOptions extends RepositoryOptions {
  /**
   * `instances`: `atmos list instances --upload`; `affected`: `atmos describe affected --upload`
   * with every instance affected (the worst case). Default: `instances`.
   */
  upload?: UploadKind;
  /** The chunking threshold (`--max-payload-bytes`). Default: `settings.pro.max_payload_bytes` of atmos.yaml, else 4194304. */
  maxPayloadBytes?: number;
  /** The repository URL for the `repo_*` fields (`--repo-url`). Default: the git remote (`origin` first). */
  repoUrl?: string;
}

/** The rules atmos-pro-lint runs, with their default severity and messages. */
export const rules: readonly RuleMeta[] = allRules.map((r) => r.meta);

function repository(opts: RepositoryOptions) {
  return {
    cwd: resolve(opts.cwd ?? '.'),
    configPath: opts.configPath,
    env: opts.env ?? process.env,
    templateEnv: opts.templateEnv,
  };
}

/**
 * Lints a repository as `atmos-pro-lint [paths..]` does: every rule, the configuration file,
 * suppression comments. Throws ConfigError when there is no usable atmos.yaml, UsageError when the
 * linter's configuration file is missing (given as `configFile`) or invalid.
 */
export function lint(options: LintOptions = {}): LintResult {
  const result = runLint({
    ...repository(options),
    configFile: options.configFile,
    paths: options.paths,
    rules: allRules,
  });
  return { diagnostics: result.diagnostics, summary: result.summary, resolution: result.resolution };
}

/**
 * Resolves every stack and component instance as Atmos does (imports, merges, inheritance, stack
 * names, templates), with provenance. Problems in the stacks become `findings`; only an unusable
 * atmos.yaml throws (ConfigError).
 */
export function resolveStacks(options: ResolveStacksOptions = {}): Resolution {
  return resolveRepository(repository(options));
}

/**
 * What Atmos Pro dispatches for every instance on one event: the `atmos-pro-lint resolve --format
 * json` report, dispatches sorted by stack then component. Throws UsageError for an unknown event or
 * an invalid glob, ConfigError when there is no usable atmos.yaml.
 */
export function simulateDispatch(options: SimulateDispatchOptions): DispatchReport {
  return dispatchView({
    ...repository(options),
    event: options.event,
    stack: options.stack,
    component: options.component,
  }).report;
}

/**
 * The requests `atmos list instances --upload` (or `describe affected --upload`) sends: the
 * `atmos-pro-lint payload --format json` report. A chunk with `overLimit: true` (for `affected`,
 * also `randomOrders.overLimitTrials > 0`) is what makes the CLI command exit 1. Throws UsageError
 * for an unusable `maxPayloadBytes` or `repoUrl`, ConfigError when there is no usable atmos.yaml,
 * PayloadMarshalError when a settings value makes the Atmos CLI fail to encode the request.
 */
export function simulatePayload(options: SimulatePayloadOptions = {}): PayloadReport {
  return planPayload({
    ...repository(options),
    upload: options.upload ?? 'instances',
    maxPayloadBytes: options.maxPayloadBytes,
    repoUrl: options.repoUrl,
  }).report;
}
