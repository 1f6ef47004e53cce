import type { Loc } from './source.js';

export type Severity = 'error' | 'warning' | 'info';
export type RuleLevel = Severity | 'off';

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export interface InstanceRef {
  component: string;
  stack: string;
}

/** What a rule or the resolver reports, before aggregation and configuration. */
export interface Finding {
  ruleId: string;
  message: string;
  loc: Loc;
  /** The instance this finding is about, when it is about one. */
  instance?: InstanceRef;
  /** Other places worth showing, e.g. the setting in `atmos.yaml` that causes the problem. */
  related?: { loc: Loc; message: string }[];
  /** A safe, mechanical edit that resolves the finding (see src/fix). */
  fix?: FixRef;
  /** Overrides the rule's default severity for this finding (e.g. missing-merge-group with a merge queue). */
  severity?: Severity;
}

/** An opaque handle the rule's `fix` function understands; kept small so aggregation stays cheap. */
export interface FixRef {
  ruleId: string;
  key: string;
  data: unknown;
}

export interface RelatedLocation {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}

/** A reported problem: the public JSON contract of `--format json` (keys in this order). */
export interface Diagnostic {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  instances: InstanceRef[];
  fixable: boolean;
  related?: RelatedLocation[];
}
