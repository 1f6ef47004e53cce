/**
 * Validation against the JSON Schemas in schema/, through the validators precompiled by
 * scripts/generate.mjs (no Ajv compilation at startup).
 */
import type { LintConfig, RuleId } from '../generated/lint-config.js';
import { RULE_IDS } from '../generated/lint-config.js';
import type { ProClientSettings } from '../generated/pro-config.js';
import type { SettingsPro } from '../generated/settings-pro.js';
import {
  validateLintConfig as lintConfigValidator,
  validateProConfig as proConfigValidator,
  type StandaloneValidator,
  validateSettingsPro as settingsProValidator,
  validateStackManifest as stackManifestValidator,
} from '../generated/validators.js';
import { normalizeErrors, type SchemaError } from './errors.js';

export type { LintConfig, RuleId, RuleLevel } from '../generated/lint-config.js';
export type {
  GithubOidcSettings,
  GitStsSettings,
  ProClientSettings,
  YamlFunction,
} from '../generated/pro-config.js';
export { SCHEMAS, type SchemaName } from '../generated/schemas.js';
export type {
  DriftDetection,
  LegacyPullRequestList,
  LegacyPullRequestTrigger,
  MergeGroupActivities,
  ProActivity,
  PullRequestActivities,
  ReleaseActivities,
  SettingsPro,
  WorkflowDispatch,
  WorkflowDispatches,
  WorkflowInputs,
} from '../generated/settings-pro.js';
export { decodePointer, normalizeErrors, type SchemaError } from './errors.js';
export { schemaDir, schemaPath, schemaPaths, schemaText } from './files.js';
export { RULE_IDS };

function run(validator: StandaloneValidator, value: unknown): SchemaError[] {
  return validator(value) ? [] : normalizeErrors(validator.errors);
}

/** Checks a stack-level `settings.pro` block (the Atmos Pro dispatch contract). */
export function validateSettingsPro(value: unknown): SchemaError[] {
  return run(settingsProValidator, value);
}

/** Checks the `settings.pro` block of `atmos.yaml` (the CLI's Atmos Pro client settings). */
export function validateProConfig(value: unknown): SchemaError[] {
  return run(proConfigValidator, value);
}

/** Checks an `.atmos-pro-lint.yaml` configuration. */
export function validateLintConfig(value: unknown): SchemaError[] {
  return run(lintConfigValidator, value);
}

/** Checks a whole stack manifest, only where `settings.pro` can appear (everything else is open). */
export function validateStackManifest(value: unknown): SchemaError[] {
  return run(stackManifestValidator, value);
}

export function isSettingsPro(value: unknown): value is SettingsPro {
  return settingsProValidator(value);
}

export function isProClientSettings(value: unknown): value is ProClientSettings {
  return proConfigValidator(value);
}

export function isLintConfig(value: unknown): value is LintConfig {
  return lintConfigValidator(value);
}

const RULE_ID_SET: ReadonlySet<string> = new Set(RULE_IDS);

export function isRuleId(value: unknown): value is RuleId {
  return typeof value === 'string' && RULE_ID_SET.has(value);
}
