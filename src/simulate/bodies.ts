/**
 * The two Atmos Pro upload request bodies, built the way the CLI builds them:
 * - `atmos list instances --upload` -> `dtos.InstancesUploadRequest` (pkg/list/list_instances.go
 *   `uploadInstancesWithDeps`, `extractProSettings`, `effectiveEnabledState`);
 * - `atmos describe affected --upload` -> `dtos.UploadAffectedStacksRequest` whose `stacks` are
 *   `schema.Affected` values after `StripAffectedForUpload` (internal/exec/describe_affected_upload.go).
 * Struct field order and `omitempty` tags follow pkg/pro/dtos and pkg/schema/schema.go.
 */
import type { InstanceRef } from '../core/diagnostic.js';
import { dict } from '../core/dict.js';
import { compareGoStrings, type GoStruct, goPtr, goStruct, isGoMap } from './gojson.js';

/** One component instance in one stack, after stack processing. */
export interface PayloadInstance {
  component: string;
  stack: string;
  componentType: string;
  /** The merged, rendered component `settings`. */
  settings: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

/** The repository fields every request repeats (`pkg/git` `RepoInfo`). */
export interface RepoInfo {
  url: string;
  name: string;
  owner: string;
  host: string;
}

/** `pro.BatchInfo`: present only when a request is one chunk of several. */
export interface BatchInfo {
  batchId: string;
  batchIndex: number;
  batchTotal: number;
}

export type UploadKind = 'instances' | 'affected';

/** Component types `describe affected` walks (describe_affected_utils_parallel.go). */
export const AFFECTED_COMPONENT_TYPES: readonly string[] = [
  'terraform',
  'helmfile',
  'packer',
  'kubernetes',
  'helm',
];

/** Same byte length as a real SHA-1 commit id; the simulator does not need the real one. */
export const PLACEHOLDER_SHA = '0'.repeat(40);

const PRO = 'pro';
const ENABLED = 'enabled';
const DRIFT = 'drift_detection';

function hasKey(m: unknown, key: string): boolean {
  if (m instanceof Map) return m.has(key);
  return isGoMap(m) && Object.hasOwn(m, key);
}

function get(m: unknown, key: string): unknown {
  if (m instanceof Map) return m.get(key);
  return isGoMap(m) && Object.hasOwn(m, key) ? (m as Record<string, unknown>)[key] : undefined;
}

/** `sanitizeForJSON`: a deep copy in which every map is a fresh null-prototype object. */
function deepCopy(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(deepCopy);
  if (isGoMap(v)) {
    const out: Record<string, unknown> = dict();
    const entries: [unknown, unknown][] = v instanceof Map ? [...v] : Object.entries(v);
    for (const [k, val] of entries) out[String(k)] = deepCopy(val);
    return out;
  }
  return v;
}

/** `metadata.type: abstract` components are never instances (createInstance, shouldSkipComponent). */
export function isAbstract(metadata: unknown): boolean {
  return get(metadata, 'type') === 'abstract';
}

/** `isComponentEnabled`: only a boolean `metadata.enabled: false` disables. */
export function metadataEnabled(metadata: unknown): boolean {
  const enabled = get(metadata, ENABLED);
  return typeof enabled === 'boolean' ? enabled : true;
}

function proSettingEnabled(pro: unknown): boolean {
  const enabled = get(pro, ENABLED);
  return typeof enabled === 'boolean' ? enabled : true;
}

function driftSettingEnabled(pro: unknown): boolean {
  const drift = get(pro, DRIFT);
  return isGoMap(drift) && get(drift, ENABLED) === true;
}

export interface EnabledState {
  proEnabled: boolean;
  driftEnabled: boolean;
}

/**
 * `effectiveEnabledState`: metadata.enabled > settings.pro.enabled > drift_detection.enabled. No `pro`
 * map (absent, or not a map) means not Pro-enabled.
 */
export function effectiveEnabledState(settings: unknown, metadata: unknown): EnabledState {
  const pro = get(settings, PRO);
  if (!isGoMap(pro)) return { proEnabled: false, driftEnabled: false };
  const proEnabled = metadataEnabled(metadata) && proSettingEnabled(pro);
  return { proEnabled, driftEnabled: proEnabled && driftSettingEnabled(pro) };
}

/**
 * `metadataDisabledPro`: the pro block alone would be enabled, but `metadata.enabled: false` makes
 * the upload say `enabled: false`.
 */
export function metadataDisabledPro(settings: unknown, metadata: unknown): boolean {
  const pro = get(settings, PRO);
  return isGoMap(pro) && proSettingEnabled(pro) && !metadataEnabled(metadata);
}

/**
 * `extractProSettings`: `{pro: <collapsed copy>}`, or `undefined` when settings have no `pro` key.
 * `pro.enabled` is always written; `drift_detection.enabled` only into an existing drift map; a
 * non-map `pro` (including null) passes through. The input is never mutated or aliased.
 */
export function extractProSettings(
  settings: unknown,
  metadata: unknown,
): Record<string, unknown> | undefined {
  if (!hasKey(settings, PRO)) return undefined;
  const copy = deepCopy(get(settings, PRO));
  const out: Record<string, unknown> = dict();
  out[PRO] = copy;
  if (!isGoMap(copy)) return out;
  const { proEnabled, driftEnabled } = effectiveEnabledState(settings, metadata);
  const proMap = copy as Record<string, unknown>;
  proMap[ENABLED] = proEnabled;
  const drift = proMap[DRIFT];
  if (isGoMap(drift)) (drift as Record<string, unknown>)[ENABLED] = driftEnabled;
  return out;
}

/** `countEnabledDisabled`: the tally in the CLI's success line. */
export function countEnabledDisabled(instances: readonly PayloadInstance[]): {
  enabled: number;
  disabled: number;
  drift: number;
} {
  let enabled = 0;
  let disabled = 0;
  let drift = 0;
  for (const inst of instances) {
    const state = effectiveEnabledState(inst.settings, inst.metadata);
    if (state.proEnabled) enabled++;
    else disabled++;
    if (state.driftEnabled) drift++;
  }
  return { enabled, disabled, drift };
}

/** `sortInstances`: stable, by stack then component, comparing Go strings byte-wise. */
export function sortInstances<T extends { stack: string; component: string }>(instances: readonly T[]): T[] {
  return [...instances].sort(
    (a, b) => compareGoStrings(a.stack, b.stack) || compareGoStrings(a.component, b.component),
  );
}

function batchFields(batch: BatchInfo | undefined) {
  return [
    ['batch_id', batch?.batchId ?? '', { omitempty: true }],
    ['batch_index', batch ? goPtr(batch.batchIndex) : null, { omitempty: true }],
    ['batch_total', batch ? goPtr(batch.batchTotal) : null, { omitempty: true }],
  ] as const;
}

// ---------------------------------------------------------------------------------------------
// list instances

/** `dtos.UploadInstance` for one instance. */
export function uploadInstanceItem(inst: PayloadInstance): GoStruct {
  return goStruct([
    ['component', inst.component],
    ['stack', inst.stack],
    ['component_type', inst.componentType],
    ['settings', extractProSettings(inst.settings, inst.metadata) ?? null, { omitempty: true }],
  ]);
}

/** `dtos.InstancesUploadRequest`. */
export function instancesRequest(repo: RepoInfo, items: readonly unknown[], batch?: BatchInfo): GoStruct {
  return goStruct([
    ['repo_url', repo.url],
    ['repo_name', repo.name],
    ['repo_owner', repo.owner],
    ['repo_host', repo.host],
    ['instances', items],
    ...batchFields(batch),
  ]);
}

// ---------------------------------------------------------------------------------------------
// describe affected

/** `stripSettings`: only `pro`, verbatim (no collapse), or nil when there is no `pro` key. */
export function stripSettings(settings: unknown): Record<string, unknown> | null {
  if (!hasKey(settings, PRO)) return null;
  const out: Record<string, unknown> = dict();
  out[PRO] = get(settings, PRO);
  return out;
}

export interface DependentInput {
  component: string;
  stack: string;
  settings?: unknown;
  includedInDependents?: boolean;
  dependents?: readonly DependentInput[];
}

export interface AffectedInput extends DependentInput {
  deleted?: boolean;
  deletionType?: string;
}

/** A stripped `schema.Dependent`, with every field of the Go struct in declaration order. */
export function dependentItem(d: DependentInput): GoStruct {
  return goStruct([
    ['component', d.component],
    ['component_type', ''],
    ['component_path', ''],
    ['namespace', '', { omitempty: true }],
    ['tenant', '', { omitempty: true }],
    ['environment', '', { omitempty: true }],
    ['stage', '', { omitempty: true }],
    ['stack', d.stack],
    ['stack_slug', ''],
    ['spacelift_stack', '', { omitempty: true }],
    ['atlantis_project', '', { omitempty: true }],
    // stripDependents turns nil into an empty slice, so this is always a list.
    ['dependents', (d.dependents ?? []).map(dependentItem)],
    ['included_in_dependents', d.includedInDependents ?? false],
    ['settings', stripSettings(d.settings)],
  ]);
}

/** A stripped `schema.Affected`, with every field of the Go struct in declaration order. */
export function affectedItem(a: AffectedInput): GoStruct {
  return goStruct([
    ['component', a.component],
    ['component_type', ''],
    ['component_path', ''],
    ['namespace', '', { omitempty: true }],
    ['tenant', '', { omitempty: true }],
    ['environment', '', { omitempty: true }],
    ['stage', '', { omitempty: true }],
    ['stack', a.stack],
    ['stack_slug', ''],
    ['spacelift_stack', '', { omitempty: true }],
    ['atlantis_project', '', { omitempty: true }],
    ['affected', ''],
    // A nil []string after stripping.
    ['affected_all', null],
    ['file', '', { omitempty: true }],
    ['folder', '', { omitempty: true }],
    ['dependents', (a.dependents ?? []).map(dependentItem)],
    ['included_in_dependents', a.includedInDependents ?? false],
    ['settings', stripSettings(a.settings)],
    ['deleted', a.deleted ?? false, { omitempty: true }],
    ['deletion_type', a.deletionType ?? '', { omitempty: true }],
  ]);
}

export interface CommitShas {
  head: string;
  base: string;
}

/** `dtos.UploadAffectedStacksRequest`. */
export function affectedRequest(
  repo: RepoInfo,
  shas: CommitShas,
  stacks: readonly unknown[],
  batch?: BatchInfo,
): GoStruct {
  return goStruct([
    ['head_sha', shas.head],
    ['base_sha', shas.base],
    ['repo_url', repo.url],
    ['repo_name', repo.name],
    ['repo_owner', repo.owner],
    ['repo_host', repo.host],
    ['stacks', stacks],
    ...batchFields(batch),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Whole payloads

/** Everything the chunk planner needs: the items and how the CLI wraps a slice of them. */
export interface UploadPayload {
  kind: UploadKind;
  items: GoStruct[];
  /** Which instance each item stands for, index-aligned with `items`. */
  refs: InstanceRef[];
  /** The request body around `items` (the CLI's per-chunk DTO); `[]` gives the metadata overhead. */
  request(items: readonly unknown[], batch?: BatchInfo): GoStruct;
  /**
   * True when the CLI's item order is Go map iteration order (random per run), so chunk boundaries
   * are not reproducible.
   */
  orderIsRandom: boolean;
}

export interface InstancesPayload extends UploadPayload {
  kind: 'instances';
  counts: { enabled: number; disabled: number; drift: number };
}

/** The `list instances --upload` payload: every non-abstract instance, sorted, with collapsed pro. */
export function buildInstancesPayload(
  instances: readonly PayloadInstance[],
  repo: RepoInfo,
): InstancesPayload {
  const real = sortInstances(instances.filter((i) => !isAbstract(i.metadata)));
  return {
    kind: 'instances',
    items: real.map(uploadInstanceItem),
    refs: real.map((i) => ({ component: i.component, stack: i.stack })),
    request: (items, batch) => instancesRequest(repo, items, batch),
    orderIsRandom: false,
    counts: countEnabledDisabled(real),
  };
}

export interface AffectedOptions {
  shas?: CommitShas;
  /** Restrict to the component types `describe affected` walks (default true). */
  affectedTypesOnly?: boolean;
}

/**
 * The worst-case `describe affected --upload` payload: every real, enabled instance is affected,
 * with no dependents. Abstract and `metadata.enabled: false` components are skipped, as
 * `shouldSkipComponent` does. Sorted for a deterministic report; the CLI's order is random.
 */
export function buildAffectedPayload(
  instances: readonly PayloadInstance[],
  repo: RepoInfo,
  options: AffectedOptions = {},
): UploadPayload {
  const shas = options.shas ?? { head: PLACEHOLDER_SHA, base: PLACEHOLDER_SHA };
  const typesOnly = options.affectedTypesOnly ?? true;
  const real = sortInstances(
    instances.filter(
      (i) =>
        !isAbstract(i.metadata) &&
        metadataEnabled(i.metadata) &&
        (!typesOnly || AFFECTED_COMPONENT_TYPES.includes(i.componentType)),
    ),
  );
  return {
    kind: 'affected',
    items: real.map((i) => affectedItem({ component: i.component, stack: i.stack, settings: i.settings })),
    refs: real.map((i) => ({ component: i.component, stack: i.stack })),
    request: (items, batch) => affectedRequest(repo, shas, items, batch),
    orderIsRandom: true,
  };
}
