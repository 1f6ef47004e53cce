import type { Loc, SourceFile } from '../core/source.js';

/** The `workflow_dispatch` input types GitHub accepts. */
export type InputType = 'string' | 'boolean' | 'choice' | 'number' | 'environment';

export const INPUT_TYPES: readonly InputType[] = ['string', 'boolean', 'choice', 'number', 'environment'];

/** A problem with a workflow file itself, independent of any dispatch that names it. */
export interface WorkflowFinding {
  code: 'workflow-parse-error' | 'workflow-outside-repo' | 'workflow-too-large';
  message: string;
  loc: Loc;
}

/** One `on.workflow_dispatch.inputs.<id>` entry. */
export interface InputDef {
  /** The id as written; GitHub compares ids case-insensitively (it lowercases them at runtime). */
  id: string;
  /** `string` when `type` is absent, as GitHub assumes; also when the written type is not a known one. */
  type: InputType;
  typeWritten: boolean;
  /** The written `type` when it is not one GitHub knows (the workflow itself is then invalid). */
  invalidType?: string;
  /** True for `required: true` and for the string "true"; an expression counts as not required. */
  required: boolean;
  default?: string | number | boolean;
  /** `choice` options as GitHub reads them: the text of each scalar (`1.0` stays "1.0"). */
  options?: string[];
  description?: string;
  /** The input id key. */
  loc: Loc;
}

export interface Trigger {
  event: string;
  /** Activity types when `types:` is given (a single string becomes a one-element list). */
  types?: string[];
  /** The event name: a map key, a list item or the scalar `on: <event>`. */
  loc: Loc;
}

export interface DispatchContract {
  /** The `workflow_dispatch` key (or list item / scalar). */
  loc: Loc;
  /** Keyed by the lowercased input id, in declaration order. */
  inputs: Map<string, InputDef>;
}

export interface Workflow {
  file: SourceFile;
  /** The file name inside `.github/workflows`, e.g. `atmos-terraform-plan.yaml`. */
  fileName: string;
  name?: string;
  /** Keyed by event name as written, in declaration order. */
  triggers: Map<string, Trigger>;
  dispatch?: DispatchContract;
  /**
   * Set when the file could not be modelled (syntax error, no `on`, too large, outside the repository).
   * Such a workflow is still listed so a dispatch that names it is not reported as "not found"; its
   * problem is reported once through `WorkflowIndex.findings`.
   */
  parseError?: WorkflowFinding;
}

export interface WorkflowIndex {
  dirExists: boolean;
  /** Absolute path of `<repoRoot>/.github/workflows`. */
  dir: string;
  /** Keyed by file name, sorted by name. */
  workflows: Map<string, Workflow>;
  findings: WorkflowFinding[];
}
