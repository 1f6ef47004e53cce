import type { Loc } from '../core/source.js';
import type { PathSegment } from '../resolve/provenance.js';
import type { ComponentInstance, Resolution } from '../resolve/types.js';
import { formatMessage, type RuleContext } from '../rules/types.js';
import {
  checkDispatch,
  type DispatchProblem,
  MAX_DISPATCH_INPUTS,
  MAX_DISPATCH_INPUTS_CHARS,
  type WorkflowIndex,
} from '../workflows/index.js';
import type { Dispatch } from './dispatch.js';
import { type ConfiguredActivity, configuredActivities } from './dispatch-all.js';

export type ContractRuleId = DispatchProblem['kind'];

const LIMIT_CHARS = MAX_DISPATCH_INPUTS_CHARS.toLocaleString('en-US');

/**
 * Message templates of the contract rules, shared by the rules (their `meta.messages`) and by
 * `resolve`, so that both say the same thing about the same dispatch.
 */
export const CONTRACT_MESSAGES = {
  'workflow-not-found': {
    missing:
      'Workflow `{file}` is not in `.github/workflows`, so GitHub cannot dispatch it; add the workflow or name an existing file',
    pathGiven: 'Workflow `{file}` is a path; Atmos Pro dispatches by file name: write `{suggestion}`',
    extension:
      'Workflow `{file}` is not in `.github/workflows`; the file there is `{suggestion}` (the extension must match)',
    caseMismatch:
      'Workflow `{file}` is not in `.github/workflows`; file names are case-sensitive: did you mean `{suggestion}`?',
    similar: 'Workflow `{file}` is not in `.github/workflows`; did you mean `{suggestion}`?',
  },
  'workflow-not-dispatchable': {
    noTrigger:
      'Workflow `{file}` has no `workflow_dispatch` trigger (it runs on {events}), so GitHub rejects the dispatch; add `workflow_dispatch:` to its `on`',
  },
  'workflow-input-unknown': {
    unknown:
      'Input `{input}` is not declared by `{file}` (it declares {declared}), so GitHub rejects the dispatch; declare it under `on.workflow_dispatch.inputs` or remove it',
    suggest:
      'Input `{input}` is not declared by `{file}`, so GitHub rejects the dispatch; did you mean `{suggestion}`?',
    noInputs:
      'Input `{input}` is not declared by `{file}`, which takes no inputs, so GitHub rejects the dispatch; declare it under `on.workflow_dispatch.inputs` or remove it',
  },
  'workflow-input-required-missing': {
    missing:
      'Workflow `{file}` requires input `{input}`, which this dispatch does not pass, so GitHub rejects it; add `{input}` under `inputs`',
    missingMany:
      'Workflow `{file}` requires inputs {inputs}, which this dispatch does not pass, so GitHub rejects it; add them under `inputs`',
  },
  'workflow-input-type': {
    boolean: 'Input `{input}` of `{file}` is a boolean; `{value}` is neither `true` nor `false`',
    number: 'Input `{input}` of `{file}` is a number; `{value}` is not a decimal number',
    choice: 'Input `{input}` of `{file}` is a choice; `{value}` is not one of its options {options}',
  },
  'workflow-too-many-inputs': {
    tooMany: `The dispatch of \`{file}\` passes {count} inputs; GitHub accepts at most ${MAX_DISPATCH_INPUTS}: remove inputs or pass related values as one JSON input`,
    tooManyUpTo: `The dispatch of \`{file}\` passes up to {count} inputs; GitHub accepts at most ${MAX_DISPATCH_INPUTS}: remove inputs or pass related values as one JSON input`,
  },
  'workflow-inputs-too-large': {
    tooLarge: `The inputs passed to \`{file}\` are {size} characters as JSON; GitHub accepts at most ${LIMIT_CHARS}: pass a reference (a path, an ID) instead of the content`,
    tooLargeUpTo: `The inputs passed to \`{file}\` are up to {size} characters as JSON; GitHub accepts at most ${LIMIT_CHARS}: pass a reference (a path, an ID) instead of the content`,
  },
} as const satisfies Record<ContractRuleId, Record<string, string>>;

export interface ContractMessage {
  ruleId: ContractRuleId;
  messageId: string;
  data: Record<string, string | number>;
}

const NOT_FOUND_MESSAGE = {
  'path-given': 'pathGiven',
  'extension-mismatch': 'extension',
  'case-mismatch': 'caseMismatch',
  'similar-name': 'similar',
} as const;

/** The message (template id and data) for one problem of a dispatch of `file`. */
export function contractMessage(problem: DispatchProblem, file: string): ContractMessage {
  const ruleId = problem.kind;
  switch (problem.kind) {
    case 'workflow-not-found':
      return problem.suggestion !== undefined && problem.reason !== undefined
        ? {
            ruleId,
            messageId: NOT_FOUND_MESSAGE[problem.reason],
            data: { file, suggestion: problem.suggestion },
          }
        : { ruleId, messageId: 'missing', data: { file } };
    case 'workflow-not-dispatchable':
      return {
        ruleId,
        messageId: 'noTrigger',
        data: { file, events: codeList([...problem.workflow.triggers.keys()], 5) },
      };
    case 'workflow-input-unknown':
      if (problem.suggestion !== undefined)
        return {
          ruleId,
          messageId: 'suggest',
          data: { file, input: problem.input, suggestion: problem.suggestion },
        };
      if (problem.declared.length === 0)
        return { ruleId, messageId: 'noInputs', data: { file, input: problem.input } };
      return {
        ruleId,
        messageId: 'unknown',
        data: { file, input: problem.input, declared: codeList(problem.declared, 10) },
      };
    case 'workflow-input-required-missing':
      return { ruleId, messageId: 'missing', data: { file, input: problem.input.id } };
    case 'workflow-input-type': {
      const data = { file, input: problem.input, value: shown(problem.value) };
      if (problem.def.type === 'choice')
        return {
          ruleId,
          messageId: 'choice',
          data: { ...data, options: codeList(problem.def.options ?? [], 10) },
        };
      return { ruleId, messageId: problem.def.type === 'number' ? 'number' : 'boolean', data };
    }
    case 'workflow-too-many-inputs':
      return { ruleId, messageId: 'tooMany', data: { file, count: problem.count } };
    case 'workflow-inputs-too-large':
      return { ruleId, messageId: 'tooLarge', data: { file, size: problem.size.toLocaleString('en-US') } };
  }
}

/** The text of a problem, as the rule that reports it words it. */
export function contractMessageText(problem: DispatchProblem, file: string): string {
  const m = contractMessage(problem, file);
  const templates: Record<string, string> = CONTRACT_MESSAGES[m.ruleId];
  return formatMessage(templates[m.messageId] ?? m.messageId, m.data);
}

/** `a`, `b`, `c` and 2 more. */
export function codeList(names: readonly string[], max: number): string {
  const shownNames = names.slice(0, max).map((n) => `\`${n.replaceAll('`', "'")}\``);
  const more = names.length - shownNames.length;
  return more > 0 ? `${shownNames.join(', ')} and ${more} more` : shownNames.join(', ');
}

/** A value quoted inside backticks: no backticks, no line breaks, not endless. */
function shown(value: string): string {
  const flat = value.replaceAll('`', "'").replace(/\r?\n/g, '\\n');
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}

export type ContractStatus = 'ok' | 'failed' | 'unchecked';

/** The contract check of one workflow of a dispatch. */
export interface WorkflowContractCheck {
  /** The workflow file as configured. */
  file: string;
  status: ContractStatus;
  /** Why the check did not run: no `.github/workflows`, or the workflow file itself is broken. */
  reason?: 'no-workflows-dir' | 'workflow-invalid';
  problems: DispatchProblem[];
}

export interface ContractCheckOptions {
  /** The left template delimiter (`templates.settings.delimiters[0]`); `{{` is always recognised too. */
  leftDelimiter?: string;
}

/**
 * Checks each workflow of a dispatch (as `simulateDispatch` returns it: inputs rendered when
 * templating is on, as written when it is off) against the `workflow_dispatch` contract of the
 * workflow it names. A value that still holds a template — it could not be rendered, or templating
 * is off and Atmos Pro renders it server-side — is not type-checked.
 */
export function checkDispatchContract(
  dispatch: Pick<Dispatch, 'workflows'>,
  index: WorkflowIndex,
  opts: ContractCheckOptions = {},
): WorkflowContractCheck[] {
  const delimiters = ['{{'];
  if (opts.leftDelimiter && opts.leftDelimiter !== '{{') delimiters.push(opts.leftDelimiter);
  return dispatch.workflows.map(({ file, inputs }): WorkflowContractCheck => {
    if (!index.dirExists) return { file, status: 'unchecked', reason: 'no-workflows-dir', problems: [] };
    const workflow = index.workflows.get(file);
    if (workflow?.parseError) return { file, status: 'unchecked', reason: 'workflow-invalid', problems: [] };
    const rendered: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(inputs)) rendered[name] = renderedText(value, delimiters);
    const problems = cachedCheck(index, file, inputs, rendered);
    return { file, status: problems.length > 0 ? 'failed' : 'ok', problems };
  });
}

const checkCache = new WeakMap<WorkflowIndex, Map<string, DispatchProblem[]>>();

/**
 * `checkDispatch`, memoised on what its answer can depend on. Rendered inputs differ per instance
 * (`{{ .atmos_component }}`), but the problems depend only on the input names, the values of
 * inputs with a checked type, and the payload size — which cannot reach GitHub's limit when even
 * the worst JSON escaping (6 characters per unit) of every name and value stays below it.
 */
function cachedCheck(
  index: WorkflowIndex,
  file: string,
  inputs: Record<string, unknown>,
  rendered: Record<string, string | undefined>,
): DispatchProblem[] {
  const contract = index.workflows.get(file)?.dispatch?.inputs;
  let key = file;
  let bound = 2;
  for (const name of Object.keys(inputs)) {
    const text = rendered[name] ?? inputs[name];
    if (typeof text !== 'string' && (typeof text === 'object' || typeof text === 'function') && text !== null)
      return checkDispatch(index, { workflowFile: file, inputs, rendered });
    bound += 6 * (name.length + String(text ?? '').length) + 6;
    const type = contract?.get(name.toLowerCase())?.type;
    const typed = type === 'boolean' || type === 'number' || type === 'choice';
    key += typed ? `\u0000${name}\u0001${rendered[name] ?? '\u0002'}` : `\u0000${name}`;
  }
  if (bound > MAX_DISPATCH_INPUTS_CHARS)
    return checkDispatch(index, { workflowFile: file, inputs, rendered });
  let cache = checkCache.get(index);
  if (!cache) checkCache.set(index, (cache = new Map()));
  let problems = cache.get(key);
  if (!problems) cache.set(key, (problems = checkDispatch(index, { workflowFile: file, inputs, rendered })));
  return problems;
}

/**
 * The text GitHub receives for an input value, or `undefined` when it is not known: a template
 * left in it, no value, or a map or list (the `input-not-string` rule's business, not a type check).
 */
function renderedText(value: unknown, delimiters: readonly string[]): string | undefined {
  if (typeof value === 'string') return delimiters.some((d) => value.includes(d)) ? undefined : value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return undefined;
}

/** What `resolve` shows for a workflow of a dispatch: `{status, reason?, problems?}`. */
export interface ContractJson {
  status: ContractStatus;
  reason?: WorkflowContractCheck['reason'];
  problems?: { rule: ContractRuleId; message: string }[];
}

/**
 * The contract of each workflow of a dispatch as `resolve` shows it, in `dispatch.workflows` order:
 * `workflows[i].contract = dispatchContractJson(dispatch, index, opts)[i]`.
 */
export function dispatchContractJson(
  dispatch: Pick<Dispatch, 'workflows'>,
  index: WorkflowIndex,
  opts: ContractCheckOptions = {},
): ContractJson[] {
  return checkDispatchContract(dispatch, index, opts).map(contractJson);
}

export function contractJson(check: WorkflowContractCheck): ContractJson {
  const out: ContractJson = { status: check.status };
  if (check.reason) out.reason = check.reason;
  if (check.problems.length > 0)
    out.problems = check.problems.map((p) => ({ rule: p.kind, message: contractMessageText(p, check.file) }));
  return out;
}

/** One problem of one configured dispatch of one instance. */
export interface ContractFinding {
  instance: ComponentInstance;
  activity: ConfiguredActivity;
  /** The workflow file as configured. */
  file: string;
  problem: DispatchProblem;
}

export interface ContractAnalysis {
  index: WorkflowIndex;
  /** Configured dispatches (instance × activity × workflow) of Pro-enabled instances. */
  dispatches: number;
  /** Workflow file names configured by at least one Pro-enabled instance. */
  workflows: Set<string>;
  /** Problems by the rule that reports them, in instance order. */
  findings: Map<ContractRuleId, ContractFinding[]>;
}

const analyses = new WeakMap<Resolution, ContractAnalysis>();

/**
 * Every configured dispatch of every Pro-enabled instance checked against its workflow, once per
 * resolution (the contract rules share it). Inputs are the values rendered per instance when
 * templating is on, as `resolve` shows them.
 */
export function analyzeContracts(resolution: Resolution, index: WorkflowIndex): ContractAnalysis {
  const cached = analyses.get(resolution);
  if (cached && cached.index === index) return cached;
  const templates = resolution.config.templates;
  const opts: ContractCheckOptions = { leftDelimiter: templates.delimiters[0] };
  const analysis: ContractAnalysis = { index, dispatches: 0, workflows: new Set(), findings: new Map() };
  for (const instance of resolution.instances) {
    for (const activity of configuredActivities(instance, templates.enabled)) {
      analysis.dispatches += activity.dispatch.workflows.length;
      for (const w of activity.dispatch.workflows) analysis.workflows.add(w.file);
      if (!index.dirExists) continue;
      for (const check of checkDispatchContract(activity.dispatch, index, opts)) {
        for (const problem of check.problems) {
          let list = analysis.findings.get(problem.kind);
          if (!list) analysis.findings.set(problem.kind, (list = []));
          list.push({ instance, activity, file: check.file, problem });
        }
      }
    }
  }
  analyses.set(resolution, analysis);
  return analysis;
}

/** The problems of one kind, with the narrowed problem type. */
export function findingsOf<K extends ContractRuleId>(
  analysis: ContractAnalysis,
  kind: K,
): (ContractFinding & { problem: Extract<DispatchProblem, { kind: K }> })[] {
  return (analysis.findings.get(kind) ?? []) as (ContractFinding & {
    problem: Extract<DispatchProblem, { kind: K }>;
  })[];
}

/** `settings.pro` path of the configured workflow of a finding, plus `tail` (e.g. `inputs`, `<name>`). */
export function dispatchPath(finding: ContractFinding, ...tail: PathSegment[]): PathSegment[] {
  return [
    'settings',
    'pro',
    ...(finding.activity.dispatch.activityPath ?? []),
    'workflows',
    finding.file,
    ...tail,
  ];
}

/** The findings of one contract rule in a lint run (the analysis runs once per run). */
export function contractFindings<K extends ContractRuleId>(
  ctx: Pick<RuleContext, 'resolution' | 'workflows'>,
  kind: K,
): (ContractFinding & { problem: Extract<DispatchProblem, { kind: K }> })[] {
  return findingsOf(analyzeContracts(ctx.resolution, ctx.workflows()), kind);
}

export interface LocGroup<T> {
  loc: Loc;
  items: T[];
  /** The largest amount in the group, and whether the amounts differ between its items. */
  max: number;
  varies: boolean;
}

/**
 * Groups findings by where they are reported, so that a count or a size that differs per instance
 * (rendered values differ) still makes one diagnostic per place, naming the largest.
 */
export function groupByLoc<T>(
  items: readonly T[],
  locOf: (t: T) => Loc,
  amount: (t: T) => number,
): LocGroup<T>[] {
  const groups = new Map<string, LocGroup<T>>();
  for (const item of items) {
    const loc = locOf(item);
    const n = amount(item);
    const key = `${loc.file.path}\0${loc.start}\0${loc.end}`;
    const g = groups.get(key);
    if (!g) {
      groups.set(key, { loc, items: [item], max: n, varies: false });
      continue;
    }
    g.items.push(item);
    if (n !== g.max) g.varies = true;
    if (n > g.max) g.max = n;
  }
  return [...groups.values()];
}
