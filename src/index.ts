/**
 * The Node API of atmos-pro-lint: the same engine the CLI runs, for tools that build on it.
 */
import { type LintOptions, type LintResult, lint as runLint } from './lint/engine.js';
import { type ResolveOptions, resolveRepository } from './resolve/resolve.js';
import type { Resolution } from './resolve/types.js';
import { allRules } from './rules/index.js';

export type { Diagnostic, InstanceRef, Severity } from './core/diagnostic.js';
export type { RuleMeta } from './core/rule-meta.js';
export type { LintResult, Summary } from './lint/engine.js';
export type { ComponentInstance, ProState, Resolution, StackInfo } from './resolve/types.js';
export type * from './schema/index.js';
export { VERSION } from './version.js';

/** Lints a repository: `cwd` is where atmos.yaml is found from, as for the CLI. */
export function lint(opts: Omit<LintOptions, 'rules' | 'env'> & { env?: LintOptions['env'] }): LintResult {
  return runLint({ env: process.env, ...opts, rules: allRules });
}

/** Resolves every stack and component instance as Atmos does, with provenance. */
export function resolveStacks(
  opts: Omit<ResolveOptions, 'env'> & { env?: ResolveOptions['env'] },
): Resolution {
  return resolveRepository({ env: process.env, ...opts });
}

export const rules = allRules.map((r) => r.meta);
