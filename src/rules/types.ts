import type { AtmosConfig } from '../config/atmos-config.js';
import type { LintSettings } from '../config/lint-config.js';
import type { Finding, InstanceRef, Severity } from '../core/diagnostic.js';
import type { RuleMeta } from '../core/rule-meta.js';
import type { Loc, SourceFile } from '../core/source.js';
import type { PathSegment, ProvenanceEntry } from '../resolve/provenance.js';
import type { ComponentInstance, Resolution } from '../resolve/types.js';
import type { WorkflowIndex } from '../workflows/index.js';

/** What a rule reports: a message template id and its data, or a ready message. */
export interface Report {
  messageId: string;
  data?: Record<string, string | number>;
  loc: Loc;
  instance?: InstanceRef | ComponentInstance;
  related?: { loc: Loc; message: string }[];
  severity?: Severity;
  fix?: unknown;
}

export interface RuleContext {
  readonly resolution: Resolution;
  readonly config: AtmosConfig;
  readonly settings: LintSettings;
  /** The repository's `.github/workflows`, read once on first use. */
  workflows(): WorkflowIndex;
  /** Whether the repository uses a merge queue (config `mergeQueue`, else detected from workflows). */
  mergeQueue(): boolean;
  /** Where a path of an instance's merged section was written; the winner first. */
  provenance(instance: ComponentInstance, path: readonly PathSegment[]): ProvenanceEntry[];
  /** Location of the value (or the key with `key: true`) at `path`, falling back to the nearest parent. */
  locate(instance: ComponentInstance, path: readonly PathSegment[], opts?: { key?: boolean }): Loc;
  report(report: Report): void;
}

/** One rule per file: its metadata and the check. */
export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
  /** For fixable rules: the text edits that resolve one finding, from the fix data it reported. */
  fix?: (data: unknown) => TextEdit[];
}

/** Replace `start..end` of a file with `text` (offsets into the file as read). */
export interface TextEdit {
  file: SourceFile;
  start: number;
  end: number;
  text: string;
}

export function defineRule(rule: Rule): Rule {
  for (const id of Object.keys(rule.meta.messages)) if (!id) throw new Error('empty message id');
  return rule;
}

/** Fills `{name}` placeholders of a message template. */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in data ? String(data[k]) : m));
}

export type { Finding };
