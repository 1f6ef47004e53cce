import { dirname, join, resolve } from 'node:path';
import picomatch from 'picomatch';
import { type LintSettings, loadLintSettings } from '../config/lint-config.js';
import type { Diagnostic, Finding, InstanceRef, Severity } from '../core/diagnostic.js';
import type { Loc } from '../core/source.js';
import { didYouMean } from '../core/suggest.js';
import type { Summary } from '../report/types.js';
import { type PathSegment, provenance } from '../resolve/provenance.js';
import { componentLoc, type ResolveOptions, resolveRepository } from '../resolve/resolve.js';
import type { ComponentInstance, Resolution } from '../resolve/types.js';
import type { Rule, RuleContext } from '../rules/types.js';
import { formatMessage } from '../rules/types.js';
import { loadWorkflows, type WorkflowIndex } from '../workflows/index.js';
import { aggregate, displayPath, type ResolvedFinding } from './aggregate.js';
import { SuppressionIndex } from './suppressions.js';

export interface LintOptions extends ResolveOptions {
  /** `--config FILE`: the linter's own configuration. */
  configFile?: string;
  /** Report only diagnostics located in these files (what pre-commit passes); everything is still resolved. */
  paths?: readonly string[];
  rules: readonly Rule[];
  /** Print how long each rule took to stderr (the CLI sets it from TIMING=1, as ESLint does). */
  timing?: boolean;
}

export type { Summary };

export interface PendingFix {
  ruleId: string;
  data: unknown;
}

export interface LintResult {
  diagnostics: Diagnostic[];
  summary: Summary;
  resolution: Resolution;
  settings: LintSettings;
  /** Fix data of every reported, fixable finding, for `--fix`. */
  fixes: PendingFix[];
}

/** Resolve, run every enabled rule, apply configuration and suppressions, aggregate. */
export function lint(opts: LintOptions): LintResult {
  const resolution = resolveRepository(opts);
  const config = resolution.config;
  const settings = loadLintSettings({
    explicit: opts.configFile,
    cwd: config.cwd,
    configDir: dirname(config.main.path),
    store: config.store,
  });
  const byId = new Map(opts.rules.map((r) => [r.meta.id, r]));
  const levelOf = (id: string): Severity | 'off' =>
    settings.rules[id as keyof LintSettings['rules']] ?? byId.get(id)?.meta.defaultSeverity ?? 'error';

  const findings: ResolvedFinding[] = [];
  const fixes: PendingFix[] = [];
  let workflowIndex: WorkflowIndex | undefined;
  const ctx: RuleContext = {
    resolution,
    config,
    settings,
    workflows: () => (workflowIndex ??= loadWorkflows(workflowsRoot(config))),
    mergeQueue: () => {
      if (settings.mergeQueue !== 'auto') return settings.mergeQueue === 'on';
      for (const w of ctx.workflows().workflows.values()) if (w.triggers.has('merge_group')) return true;
      return false;
    },
    provenance: (instance, path) => provenance(instance, path),
    locate: (instance, path, o) => locate(instance, path, o?.key ?? false),
    report: () => undefined,
  };

  const timing = opts.timing ? new Map<string, number>() : undefined;
  for (const rule of opts.rules) {
    const id = rule.meta.id;
    const level = levelOf(id);
    if (level === 'off') continue;
    ctx.report = (r) => {
      const template = rule.meta.messages[r.messageId];
      if (template === undefined) throw new Error(`rule ${id}: unknown message id ${r.messageId}`);
      const finding: ResolvedFinding = {
        ruleId: id,
        message: formatMessage(template, r.data),
        loc: r.loc,
        instance: r.instance ? { component: r.instance.component, stack: r.instance.stack } : undefined,
        related: r.related,
        // A severity a rule decides (e.g. missing-merge-group with a merge queue) is its default;
        // an explicit level in the configuration still wins.
        severity:
          (settings.rules[id as keyof LintSettings['rules']] as Severity | undefined) ?? r.severity ?? level,
        fixable: rule.meta.fixable && r.fix !== undefined,
      };
      findings.push(finding);
      if (r.fix !== undefined) fixes.push({ ruleId: id, data: r.fix });
    };
    const started = timing ? performance.now() : 0;
    rule.check(ctx);
    if (timing) timing.set(id, performance.now() - started);
  }
  if (timing) {
    const rows = [...timing].sort((a, b) => b[1] - a[1]).slice(0, 12);
    process.stderr.write(`${rows.map(([id, ms]) => `${ms.toFixed(1).padStart(9)} ms  ${id}`).join('\n')}\n`);
  }

  // Resolver findings whose rule is not registered still surface (under their own id).
  for (const f of resolution.findings) {
    if (byId.has(f.ruleId)) continue;
    findings.push({ ...f, severity: f.severity ?? 'error', fixable: false });
  }

  const kept = filterFindings(findings, settings, config, opts.paths, levelOf, byId);
  const diagnostics = aggregate(kept, config.cwd);
  const summary: Summary = {
    errors: 0,
    warnings: 0,
    infos: 0,
    fixable: 0,
    files: config.store.filesRead,
    stacks: resolution.stacks.length,
    instances: resolution.instances.length,
  };
  for (const d of diagnostics) {
    if (d.severity === 'error') summary.errors++;
    else if (d.severity === 'warning') summary.warnings++;
    else summary.infos++;
    if (d.fixable) summary.fixable++;
  }
  const keptKeys = new Set(kept.map((f) => f.ruleId));
  return { diagnostics, summary, resolution, settings, fixes: fixes.filter((f) => keptKeys.has(f.ruleId)) };
}

/** What a file that does not parse is still reported for. */
const PARSE_RULES = new Set(['yaml-syntax', 'unknown-yaml-tag']);

/** Suppression comments, `ignore` globs and the PATHS filter; unused suppressions are reported. */
function filterFindings(
  findings: ResolvedFinding[],
  settings: LintSettings,
  config: Resolution['config'],
  paths: readonly string[] | undefined,
  levelOf: (id: string) => Severity | 'off',
  rules: Map<string, Rule>,
): ResolvedFinding[] {
  const { repoRoot, cwd } = config;
  // Every file read, not only those with findings: a stale comment in a clean file is news too.
  const suppressions = new SuppressionIndex();
  for (const f of config.store.sources()) suppressions.add(f);
  for (const f of findings) suppressions.add(f.loc.file);
  const ignore = settings.ignore.length ? picomatch(settings.ignore, { dot: true }) : undefined;
  const only = paths && paths.length > 0 ? new Set(paths.map((p) => resolve(cwd, p))) : undefined;
  const kept: ResolvedFinding[] = [];
  for (const f of findings) {
    const line = f.loc.file.position(f.loc.start).line;
    if (suppressions.suppresses(f.loc.file.path, line, f.ruleId)) continue;
    kept.push(f);
  }
  if (levelOf('unused-suppression') !== 'off') {
    for (const s of suppressions.all()) {
      for (const rule of s.rules) {
        if (s.used.has(rule)) continue;
        if (rules.has(rule) && levelOf(rule) === 'off') continue;
        const known = rules.has(rule);
        const messages = rules.get('unused-suppression')?.meta.messages ?? {};
        const template = known ? messages.unused : messages.unknownRule;
        kept.push({
          ruleId: 'unused-suppression',
          message: formatMessage(template ?? '{rule}', {
            rule,
            where: s.kind === 'file' ? 'in this file' : 'on the next line',
            hint: suggestRule(rule, rules),
          }),
          loc: { file: s.file, start: s.start, end: s.end },
          severity: levelOf('unused-suppression') as Severity,
          fixable: false,
        });
      }
    }
  }
  // A file that does not parse gets only its parse errors, as ESLint does: Atmos stops at them, and
  // whatever else is said about the recovered rest (a missing map, a key made of a broken line)
  // would be noise.
  const broken = new Set(kept.filter((f) => f.ruleId === 'yaml-syntax').map((f) => f.loc.file.path));
  return kept.filter((f) => {
    if (broken.has(f.loc.file.path) && !PARSE_RULES.has(f.ruleId)) return false;
    const rel = displayPath(repoRoot, f.loc.file.path);
    if (ignore?.(rel)) return false;
    if (only && !only.has(f.loc.file.path)) return false;
    return true;
  });
}

/**
 * The directory whose `.github/workflows` holds the dispatched workflows: the nearest one from the
 * atmos.yaml directory up to the git root (a monorepo keeps them at the root; a fixture or an
 * extracted tree keeps its own), else the git root.
 */
export function workflowsRoot(config: Resolution['config']): string {
  const stop = config.gitRoot ?? config.repoRoot;
  let dir = dirname(config.main.path);
  for (;;) {
    if (config.store.isDirectory(join(dir, '.github', 'workflows'))) return dir;
    if (dir === stop || dirname(dir) === dir) return stop;
    dir = dirname(dir);
  }
}

function suggestRule(rule: string, rules: Map<string, Rule>): string {
  const close = didYouMean(rule, rules.keys());
  return close ? ` Did you mean \`${close}\`?` : '';
}

function locate(instance: ComponentInstance, path: readonly PathSegment[], key: boolean): Loc {
  for (let n = path.length; n > 0; n--) {
    const p = provenance(instance, path.slice(0, n))[0];
    if (p) return key && p.key ? { ...p.key, end: p.key.end } : p.value;
  }
  return componentLoc(instance) ?? { file: instance.manifest.file, start: 0, end: 0 };
}

export type { Finding, InstanceRef };
