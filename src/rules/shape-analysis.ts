import { isMap, type PlainMap } from '../resolve/merge.js';
import type { PathSegment } from '../resolve/provenance.js';
import type { ComponentInstance, Resolution } from '../resolve/types.js';
import { type SchemaError, validateSettingsPro } from '../schema/index.js';
import { PR_ACTIVITIES } from '../simulate/dispatch.js';
import {
  describeValue,
  hasTemplate,
  proPath,
  showKey,
  structuralKey,
  typedPath,
  valueAt,
  yamlFunctionCall,
} from './shape-values.js';
import {
  activityHint,
  DOCUMENTED,
  EVENTS,
  keyHint,
  listNames,
  PRO_KEYS,
  type ProEvent,
  UNDOCUMENTED_RELEASE,
} from './shape-vocabulary.js';

export type ShapeRuleId =
  | 'unknown-key'
  | 'invalid-type'
  | 'unknown-activity'
  | 'undocumented-activity'
  | 'misplaced-merge-group'
  | 'legacy-pull-request-list'
  | 'workflow-filename'
  | 'empty-workflows'
  | 'input-not-string'
  | 'enabled-not-boolean';

/** One shape problem of a `settings.pro` value, independent of where it was written. */
export interface ShapeProblem {
  ruleId: ShapeRuleId;
  messageId: string;
  data: Record<string, string | number>;
  /** Path under `settings.pro` of the offending key or value. */
  path: PathSegment[];
  /** Report at the key as written (a key problem) or at the value. */
  at: 'key' | 'value';
}

export interface InstanceProblems {
  instance: ComponentInstance;
  problems: readonly ShapeProblem[];
}

const cache = new WeakMap<Resolution, InstanceProblems[]>();

/**
 * Shape problems of every instance's merged `settings.pro` (before component-time templates), each
 * distinct block validated once. Computed on first use and shared by all shape rules of the run.
 */
export function shapeProblems(resolution: Resolution): readonly InstanceProblems[] {
  let out = cache.get(resolution);
  if (out) return out;
  out = [];
  const byIdentity = new WeakMap<object, readonly ShapeProblem[]>();
  const byKey = new Map<string, readonly ShapeProblem[]>();
  for (const instance of resolution.instances) {
    const settings = instance.section.settings;
    if (!isMap(settings) || !Object.hasOwn(settings, 'pro')) continue;
    const pro = settings.pro;
    let problems = typeof pro === 'object' && pro !== null ? byIdentity.get(pro) : undefined;
    if (!problems) {
      const key = structuralKey(pro);
      problems = byKey.get(key);
      if (!problems) byKey.set(key, (problems = analyzePro(pro)));
      if (typeof pro === 'object' && pro !== null) byIdentity.set(pro, problems);
    }
    if (problems.length > 0) out.push({ instance, problems });
  }
  cache.set(resolution, out);
  return out;
}

/** Every shape problem of one `settings.pro` value; exactly one per problem, the most specific rule. */
export function analyzePro(pro: unknown): ShapeProblem[] {
  const problems: ShapeProblem[] = [];
  // `pro: null` (a later null overrides in Atmos's merge) is how a stack drops a mixin's block: the
  // instance is then simply not configured, which is what the author meant.
  if (pro === null || pro === undefined) return problems;
  const fn = yamlFunctionCall(pro);
  if (fn && !fn.scalar) return problems; // resolved by Atmos later; its result is unknown here
  if (!isMap(pro)) {
    problems.push(problem('invalid-type', 'pro', { actual: describeValue(pro) }, [], 'value'));
    return problems;
  }
  for (const e of validateSettingsPro(pro)) {
    const p = classify(pro, e);
    if (p) problems.push(p);
  }
  checkUndocumented(pro, problems);
  checkLegacyList(pro, problems);
  return dedupe(problems);
}

function problem(
  ruleId: ShapeRuleId,
  messageId: string,
  data: Record<string, string | number>,
  path: PathSegment[],
  at: 'key' | 'value',
): ShapeProblem {
  return { ruleId, messageId, data, path, at };
}

function dedupe(problems: ShapeProblem[]): ShapeProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const k = `${p.ruleId}\0${p.at}\0${JSON.stringify(p.path)}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function isEvent(name: PathSegment | undefined): name is ProEvent {
  return typeof name === 'string' && (EVENTS as readonly string[]).includes(name);
}

/** `pull_request.opened`, `release.published`, `merge_group.checks_requested`, `drift_detection.detect`. */
function isActivityPath(pro: PlainMap, path: readonly PathSegment[]): boolean {
  if (path.length !== 2) return false;
  const [event, activity] = path;
  if (event === 'drift_detection') return activity === 'detect' || activity === 'remediate';
  return isEvent(event) && isMap(pro[event]);
}

/** A legacy list entry: `pull_request[<i>]`. */
function isLegacyItem(path: readonly PathSegment[]): boolean {
  return path.length === 2 && path[0] === 'pull_request' && typeof path[1] === 'number';
}

function isActivityHolder(pro: PlainMap, path: readonly PathSegment[]): boolean {
  return isActivityPath(pro, path) || isLegacyItem(path);
}

/** `…workflows.<file>.inputs.<name>` */
function isInputValue(path: readonly PathSegment[]): boolean {
  const n = path.length;
  return n >= 4 && path[n - 2] === 'inputs' && path[n - 4] === 'workflows';
}

function isEnabledPath(path: readonly PathSegment[]): boolean {
  return (
    (path.length === 1 && path[0] === 'enabled') ||
    (path.length === 2 && path[0] === 'drift_detection' && path[1] === 'enabled')
  );
}

function classify(pro: PlainMap, e: SchemaError): ShapeProblem | undefined {
  const path = typedPath(pro, e.instancePath);
  switch (e.keyword) {
    case 'additionalProperties':
      return e.key === undefined ? undefined : unknownKey(pro, path, e.key);
    case 'required':
      return missingRequired(pro, path, e.key ?? '');
    case 'minProperties':
      return problem('empty-workflows', 'empty', emptyData(path.slice(0, -1)), path, 'value');
    case 'propertyNames': {
      const key = e.key ?? '';
      if (hasTemplate(key)) return undefined; // the rendered name is what counts
      return problem('workflow-filename', 'name', { key: showKey(key) }, [...path, key], 'key');
    }
    case 'type':
      return wrongType(pro, path, e);
    default:
      return problem(
        'invalid-type',
        'schema',
        { path: proPath(path), message: e.message.replace(/\.$/, '') },
        path,
        'value',
      );
  }
}

function unknownKey(pro: PlainMap, holder: PathSegment[], key: string): ShapeProblem {
  const path = [...holder, key];
  const event = holder.length === 1 ? holder[0] : undefined;
  if (holder.length === 1 && isEvent(event) && isMap(pro[event])) {
    if (key === 'merge_group' && event !== 'merge_group')
      return problem('misplaced-merge-group', 'nested', { parent: proPath(holder) }, path, 'key');
    return problem(
      'unknown-activity',
      'unknown',
      { event, name: showKey(key), hint: activityHint(event, key) },
      path,
      'key',
    );
  }
  if (holder.length === 1 && event === 'drift_detection' && key === 'merge_group')
    return problem('misplaced-merge-group', 'nested', { parent: proPath(holder) }, path, 'key');
  const known = knownKeys(pro, holder);
  const hint = keyHint(key, known, holder.length === 0);
  const data = { key: showKey(key), parent: proPath(holder) };
  if (hint.sentence)
    return problem('unknown-key', 'misplaced', { ...data, sentence: hint.sentence }, path, 'key');
  if (hint.suggestion)
    return problem('unknown-key', 'suggest', { ...data, suggestion: hint.suggestion }, path, 'key');
  return problem('unknown-key', 'unknown', { ...data, expected: listNames(known) }, path, 'key');
}

/** The keys the schema allows where an unknown key was found. */
function knownKeys(pro: PlainMap, holder: readonly PathSegment[]): string[] {
  if (holder.length === 0) return PRO_KEYS;
  if (holder.length === 1 && holder[0] === 'drift_detection') return ['enabled', 'detect', 'remediate'];
  if (isLegacyItem(holder)) return ['on', 'trigger', 'workflows'];
  if (isActivityPath(pro, holder)) return ['workflows'];
  if (holder.at(-2) === 'workflows') return ['inputs'];
  return [];
}

function emptyData(activity: readonly PathSegment[]): Record<string, string> {
  const last = activity.at(-1);
  return {
    path: proPath(activity),
    activity: typeof last === 'number' ? proPath(activity) : String(last ?? ''),
  };
}

function missingRequired(pro: PlainMap, holder: PathSegment[], key: string): ShapeProblem | undefined {
  if (key !== 'workflows') return undefined;
  // `workflow:` for `workflows:` is one problem, reported as the misspelt key.
  const value = valueAt(pro, holder);
  if (isMap(value) && Object.keys(value).some((k) => keyHint(k, ['workflows'], false).suggestion))
    return undefined;
  return problem(
    'empty-workflows',
    'missing',
    emptyData(holder),
    holder,
    isLegacyItem(holder) ? 'value' : 'key',
  );
}

/** Human words for what the schema wants at a path. */
function expectedAt(pro: PlainMap, path: readonly PathSegment[], schemaType: string): string {
  if (path.length === 1 && isEvent(path[0])) return `a map of activities (${listNames(DOCUMENTED[path[0]])})`;
  if (path.length === 1 && path[0] === 'drift_detection') return 'a map (`enabled`, `detect`, `remediate`)';
  if (isActivityHolder(pro, path)) return 'a map with `workflows`';
  if (path.at(-1) === 'workflows') return 'a map of workflow file names to their `inputs`';
  if (path.at(-2) === 'workflows') return 'a map with `inputs`';
  if (path.at(-1) === 'inputs') return 'a map of input names to string values';
  if (isLegacyItem(path.slice(0, 2)) && (path[2] === 'on' || path[2] === 'trigger'))
    return path.length === 3 ? 'a list of activity names' : 'an activity name';
  switch (schemaType) {
    case 'object':
      return 'a map';
    case 'array':
      return 'a list';
    case 'string':
      return 'a string';
    case 'boolean':
      return 'a boolean';
    default:
      return `of type ${schemaType.replace(/,/g, ' or ')}`;
  }
}

function wrongType(pro: PlainMap, path: PathSegment[], e: SchemaError): ShapeProblem | undefined {
  const value = valueAt(pro, path);
  const fn = yamlFunctionCall(value);
  // A function Atmos resolves later may well produce the right type; only scalar-valued ones are
  // clearly wrong where a map, list or boolean is expected (a string input is fine either way).
  if (fn && (!fn.scalar || isInputValue(path))) return undefined;
  // An empty value has no text of its own: point at its key.
  const at = value === null ? 'key' : 'value';
  if (isEnabledPath(path))
    return problem(
      'enabled-not-boolean',
      path.length === 1 ? 'pro' : 'drift',
      { actual: describeValue(value) },
      path,
      at,
    );
  if (isInputValue(path)) return inputProblem(path, value, at);
  // `plan.yaml:` or `inputs:` with nothing after it reads as "no inputs", which is what it means.
  if (value === null && (path.at(-2) === 'workflows' || path.at(-1) === 'inputs')) return undefined;
  if (value === null && isActivityHolder(pro, path))
    return problem('empty-workflows', 'missing', emptyData(path), path, 'key');
  if (value === null && path.at(-1) === 'workflows' && isActivityHolder(pro, path.slice(0, -1)))
    return problem('empty-workflows', 'empty', emptyData(path.slice(0, -1)), path, 'key');
  const schemaType = String(e.params.type ?? '');
  const hideValue = path.includes('inputs');
  return problem(
    'invalid-type',
    'type',
    {
      path: proPath(path),
      expected: expectedAt(pro, path, schemaType),
      actual: describeValue(value, hideValue),
    },
    path,
    at,
  );
}

function inputProblem(path: PathSegment[], value: unknown, at: 'key' | 'value'): ShapeProblem {
  const input = String(path.at(-1));
  if (value === null || value === undefined) return problem('input-not-string', 'null', { input }, path, at);
  if (typeof value === 'object')
    return problem(
      'input-not-string',
      'compound',
      { input, kind: Array.isArray(value) ? 'list' : 'map' },
      path,
      'value',
    );
  return problem(
    'input-not-string',
    'scalar',
    {
      input,
      kind: typeof value === 'boolean' ? 'boolean' : 'number',
      source: String(value),
      quoted: JSON.stringify(String(value)),
    },
    path,
    'value',
  );
}

function checkUndocumented(pro: PlainMap, out: ShapeProblem[]): void {
  const release = pro.release;
  if (!isMap(release)) return;
  const hasPublished = Object.hasOwn(release, 'published');
  for (const name of Object.keys(release)) {
    if (!UNDOCUMENTED_RELEASE.includes(name)) continue;
    out.push(
      problem(
        'undocumented-activity',
        hasPublished ? 'alongside' : 'undocumented',
        { name },
        ['release', name],
        'key',
      ),
    );
  }
}

/** The deprecated list form, and unknown names in its `on` / `trigger` lists (the schema takes any string). */
function checkLegacyList(pro: PlainMap, out: ShapeProblem[]): void {
  const list = pro.pull_request;
  if (!Array.isArray(list)) return;
  out.push(problem('legacy-pull-request-list', 'legacy', {}, ['pull_request'], 'value'));
  list.forEach((item, i) => {
    if (!isMap(item)) return;
    for (const field of ['on', 'trigger']) {
      const names = item[field];
      if (!Array.isArray(names)) continue;
      names.forEach((name, j) => {
        if (typeof name !== 'string' || (PR_ACTIVITIES as readonly string[]).includes(name)) return;
        if (yamlFunctionCall(name) || hasTemplate(name)) return;
        out.push(
          problem(
            'unknown-activity',
            'unknown',
            { event: 'pull_request', name, hint: activityHint('pull_request', name) },
            ['pull_request', i, field, j],
            'value',
          ),
        );
      });
    }
  });
}
