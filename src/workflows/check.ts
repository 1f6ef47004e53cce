import { didYouMean } from '../core/suggest.js';
import type { InputDef, Workflow, WorkflowIndex } from './types.js';
import { isDispatchBoolean, isDispatchChoice, isDispatchNumber } from './values.js';

/** GitHub's limit on top-level `inputs` since 2025-12-04 (it was 10 before). */
export const MAX_DISPATCH_INPUTS = 25;
/** GitHub's limit on the `inputs` payload, in characters. */
export const MAX_DISPATCH_INPUTS_CHARS = 65_535;

export interface DispatchRequest {
  /** The workflow file name as configured (`settings.pro.<event>.<activity>.workflows.<file>`). */
  workflowFile: string;
  /** The inputs as configured, before rendering. */
  inputs: Record<string, unknown>;
  /** Values rendered for one instance; `undefined` means the value could not be rendered. */
  rendered?: Record<string, string | undefined>;
}

export type NotFoundReason = 'extension-mismatch' | 'case-mismatch' | 'path-given' | 'similar-name';

export type DispatchProblem =
  | { kind: 'workflow-not-found'; file: string; suggestion?: string; reason?: NotFoundReason }
  | { kind: 'workflow-not-dispatchable'; workflow: Workflow }
  | { kind: 'workflow-input-unknown'; input: string; declared: string[]; suggestion?: string }
  | { kind: 'workflow-input-required-missing'; input: InputDef }
  | { kind: 'workflow-input-type'; input: string; def: InputDef; value: string; reason: string }
  | { kind: 'workflow-too-many-inputs'; count: number }
  | { kind: 'workflow-inputs-too-large'; size: number };

/**
 * Cross-checks one configured dispatch against the workflow it names, as GitHub's
 * `POST /repos/{owner}/{repo}/actions/workflows/{file}/dispatches` would judge it.
 *
 * A workflow that could not be read or parsed yields no problems here: its finding is already in
 * `index.findings`, and guessing at its contract would only add noise. Problems come in a fixed
 * order: limits, unknown inputs (request order), missing required inputs (declaration order), then
 * type mismatches (request order).
 */
export function checkDispatch(index: WorkflowIndex, req: DispatchRequest): DispatchProblem[] {
  const workflow = index.workflows.get(req.workflowFile);
  if (!workflow) return [notFound(index, req.workflowFile)];
  if (workflow.parseError) return [];
  const dispatch = workflow.dispatch;
  if (!dispatch) return [{ kind: 'workflow-not-dispatchable', workflow }];

  const problems: DispatchProblem[] = [];
  const names = Object.keys(req.inputs);
  if (names.length > MAX_DISPATCH_INPUTS)
    problems.push({ kind: 'workflow-too-many-inputs', count: names.length });
  const size = dispatchPayloadSize(req);
  if (size > MAX_DISPATCH_INPUTS_CHARS) problems.push({ kind: 'workflow-inputs-too-large', size });

  const declared = [...dispatch.inputs.values()].map((d) => d.id);
  const passed = new Set<string>();
  for (const name of names) {
    const id = name.toLowerCase();
    passed.add(id);
    if (dispatch.inputs.has(id)) continue;
    const problem: DispatchProblem = { kind: 'workflow-input-unknown', input: name, declared };
    const suggestion = didYouMean(name, declared);
    if (suggestion !== undefined) problem.suggestion = suggestion;
    problems.push(problem);
  }

  for (const [id, def] of dispatch.inputs) {
    if (def.required && def.default === undefined && !passed.has(id)) {
      problems.push({ kind: 'workflow-input-required-missing', input: def });
    }
  }

  if (req.rendered) {
    for (const name of names) {
      const value = req.rendered[name];
      // Unrenderable or still-templated values say nothing about what GitHub will receive.
      if (value === undefined || value.includes('{{')) continue;
      const def = dispatch.inputs.get(name.toLowerCase());
      if (!def) continue;
      const reason = typeMismatch(def, value);
      if (reason !== undefined)
        problems.push({ kind: 'workflow-input-type', input: name, def, value, reason });
    }
  }
  return problems;
}

/** Why `value` is not acceptable for `def`, or `undefined` when it is (or cannot be judged). */
export function typeMismatch(def: InputDef, value: string): string | undefined {
  switch (def.type) {
    case 'boolean':
      return isDispatchBoolean(value) ? undefined : `"${value}" is not "true" or "false"`;
    case 'number':
      return isDispatchNumber(value) ? undefined : `"${value}" is not a decimal number`;
    case 'choice': {
      // A choice without options makes the workflow itself invalid; that is not this dispatch's fault.
      const options = def.options;
      if (!options || options.length === 0) return undefined;
      if (isDispatchChoice(value, options)) return undefined;
      return `"${value}" is not one of the options ${options.map((o) => `"${o}"`).join(', ')}`;
    }
    default:
      // `string` takes anything; `environment` names an environment we cannot see from the repository.
      return undefined;
  }
}

/**
 * Characters of the `inputs` object GitHub would receive: `JSON.stringify` of the name → string map,
 * in UTF-16 code units (JavaScript's `length`). GitHub does not say how it counts; the serialised
 * object (braces, quotes, escapes included) counted in UTF-16 units is never smaller than the count
 * of code points of the same text, so this errs towards reporting. Rendered values are used when
 * present; otherwise the configured value stands in for it.
 */
export function dispatchPayloadSize(req: DispatchRequest): number {
  const payload: Record<string, string> = {};
  for (const [name, raw] of Object.entries(req.inputs)) {
    const rendered = req.rendered?.[name];
    payload[name] = rendered !== undefined ? rendered : asText(raw);
  }
  return JSON.stringify(payload).length;
}

function asText(raw: unknown): string {
  if (typeof raw === 'string') return raw;
  if (raw === null || raw === undefined) return '';
  if (typeof raw === 'object') return JSON.stringify(raw) ?? '';
  return String(raw);
}

function notFound(index: WorkflowIndex, file: string): DispatchProblem {
  const names = [...index.workflows.keys()];
  const found = (suggestion: string, reason: NotFoundReason): DispatchProblem => ({
    kind: 'workflow-not-found',
    file,
    suggestion,
    reason,
  });

  // GitHub takes the bare file name; a path (`.github/workflows/x.yaml`) is a common slip.
  const base = file.split(/[\\/]/).pop() ?? file;
  if (base !== file && index.workflows.has(base)) return found(base, 'path-given');

  const swapped = base.endsWith('.yaml')
    ? `${base.slice(0, -'.yaml'.length)}.yml`
    : base.endsWith('.yml')
      ? `${base.slice(0, -'.yml'.length)}.yaml`
      : undefined;
  if (swapped !== undefined && index.workflows.has(swapped)) return found(swapped, 'extension-mismatch');

  const lower = base.toLowerCase();
  const sameLetters = names.filter((n) => n.toLowerCase() === lower).sort();
  if (sameLetters[0] !== undefined) return found(sameLetters[0], 'case-mismatch');

  const similar = didYouMean(base, names);
  if (similar !== undefined) return found(similar, 'similar-name');
  return { kind: 'workflow-not-found', file };
}
