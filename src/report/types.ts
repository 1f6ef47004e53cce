import type { Diagnostic } from '../core/diagnostic.js';
import type { RuleMeta } from '../core/rule-meta.js';

export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
  fixable: number;
  /** Files read. */
  files: number;
  /** Resolved stacks. */
  stacks: number;
  /** Resolved component instances. */
  instances: number;
}

export interface LintReport {
  /** Already aggregated, sorted by file, line, column, ruleId. */
  diagnostics: Diagnostic[];
  summary: Summary;
  /** Every registered rule, so SARIF can describe rules that found nothing. */
  rules: RuleMeta[];
  toolVersion: string;
}

export interface ReporterOptions {
  /** Decided by the CLI (TTY, NO_COLOR, FORCE_COLOR, --no-color); reporters never auto-detect. */
  color: boolean;
  /** The file as it appears in a diagnostic (relative, forward slashes) to its text, for snippets. */
  readSource: (file: string) => string | undefined;
  /** The rule's docs page (Markdown), for SARIF `help`. */
  helpMarkdown: (ruleId: string) => string | undefined;
  /** `github` format: annotations per severity before the rest is summarised (GitHub's per-step cap). */
  maxAnnotationsPerSeverity?: number;
}

export type Reporter = (report: LintReport, opts: ReporterOptions) => string;

export type FormatName = 'stylish' | 'json' | 'sarif' | 'github' | 'markdown';
