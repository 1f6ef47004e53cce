/**
 * From a resolved repository to the upload plans of `atmos list instances --upload` and
 * `atmos describe affected --upload`: which instances go into which body, how `sendChunked` splits
 * them, and what it does not check (chunks and single items over `max_payload_bytes`).
 *
 * `describe affected` collects its items from Go maps, so their order (and with it every chunk
 * boundary) is random per run. Its plan here is in stack/component order for a reproducible report,
 * and a seeded simulation of random orders says how often a chunk over the limit happens.
 */
import type { AtmosConfig } from '../config/atmos-config.js';
import type { InstanceRef } from '../core/diagnostic.js';
import type { Loc } from '../core/source.js';
import { isMap } from '../resolve/merge.js';
import type { ComponentInstance, Resolution } from '../resolve/types.js';
import {
  AFFECTED_COMPONENT_TYPES,
  affectedItem,
  affectedRequest,
  buildAffectedPayload,
  buildInstancesPayload,
  effectiveEnabledState,
  instancesRequest,
  isAbstract,
  metadataEnabled,
  type PayloadInstance,
  PLACEHOLDER_SHA,
  type RepoInfo,
  sortInstances,
  type UploadKind,
  type UploadPayload,
  uploadInstanceItem,
} from './bodies.js';
import {
  APPROX_SERVER_LIMIT_BYTES,
  DEFAULT_MAX_PAYLOAD_BYTES,
  DEFAULT_METADATA_OVERHEAD_BYTES,
  type OversizedItem,
  type PlannedChunk,
  placeholderBatch,
  planChunksFromSizes,
  type UploadPlan,
} from './chunk.js';
import { GoJsonError, isGoMap, marshalSize, quotedGoStringSize } from './gojson.js';
import { placeholderRepoInfo } from './repo.js';

export const UPLOAD_COMMANDS: Record<UploadKind, string> = {
  instances: 'list instances --upload',
  affected: 'describe affected --upload',
};

// ---------------------------------------------------------------------------------------------
// Instances

/**
 * The upload's view of a resolved instance. The CLI uploads what `describe stacks` yields: the
 * rendered sections when templating is on, the sections as written otherwise.
 */
export function toPayloadInstance(instance: ComponentInstance, rendered: boolean): PayloadInstance {
  const section = rendered ? instance.rendered : instance.section;
  const settings = section.settings;
  const metadata = section.metadata;
  return {
    component: instance.component,
    stack: instance.stack,
    componentType: instance.componentType,
    settings: isMap(settings) ? settings : {},
    metadata: isMap(metadata) ? metadata : {},
  };
}

/** Every real instance of a resolution, as the uploads see it. */
export function payloadInstances(resolution: Resolution): PayloadInstance[] {
  const rendered = resolution.config.templates.enabled;
  return resolution.instances.map((i) => toPayloadInstance(i, rendered));
}

// ---------------------------------------------------------------------------------------------
// max_payload_bytes

export type MaxPayloadSource = 'flag' | 'atmos.yaml' | 'default';

export interface MaxPayloadSetting {
  /** The limit `sendChunked` uses. */
  bytes: number;
  /** Where it came from; `default` also when a given value could not be used. */
  source: MaxPayloadSource;
  /** A given value that was not used, and why. */
  ignored?: {
    from: 'flag' | 'atmos.yaml';
    written: string;
    why: 'yaml-function' | 'not-an-integer' | 'not-positive';
  };
}

/**
 * The limit: `--max-payload-bytes`, else `settings.pro.max_payload_bytes` of atmos.yaml, else the
 * default. Atmos decodes the setting into a Go `int` with Viper's weak typing (floats truncate,
 * decimal strings parse, `true` is 1) and uses the default for anything <= 0. A YAML function such
 * as `!env X` is resolved by Atmos at load time; this tool does not resolve it.
 */
export function maxPayloadSetting(config: AtmosConfig, flag?: number): MaxPayloadSetting {
  type Why = NonNullable<MaxPayloadSetting['ignored']>['why'];
  const fallback = (
    written: string,
    why: Why,
    from: 'flag' | 'atmos.yaml' = 'atmos.yaml',
  ): MaxPayloadSetting => ({
    bytes: DEFAULT_MAX_PAYLOAD_BYTES,
    source: 'default',
    ignored: { from, written, why },
  });
  if (flag !== undefined) {
    const n = Math.trunc(flag);
    return n > 0 ? { bytes: n, source: 'flag' } : fallback(String(flag), 'not-positive', 'flag');
  }
  const written = config.pro.maxPayloadBytes;
  if (written === undefined || written === null)
    return { bytes: DEFAULT_MAX_PAYLOAD_BYTES, source: 'default' };
  let n: number;
  if (typeof written === 'number' && Number.isFinite(written)) n = Math.trunc(written);
  else if (typeof written === 'bigint') n = Number(written);
  else if (typeof written === 'boolean') n = written ? 1 : 0;
  else if (typeof written === 'string') {
    const text = written.trim();
    if (/^![\w.-]+(\s|$)/.test(text)) return fallback(text, 'yaml-function');
    if (!/^[+-]?\d+$/.test(text)) return fallback(text, 'not-an-integer');
    n = Number(text);
  } else {
    return fallback(
      typeof written === 'object' ? JSON.stringify(written) : String(written),
      'not-an-integer',
    );
  }
  return n > 0 ? { bytes: n, source: 'atmos.yaml' } : fallback(String(written), 'not-positive');
}

/** Why a given limit was not used, as a sentence for reports. */
export function ignoredLimitNote(limit: MaxPayloadSetting): string | undefined {
  const ig = limit.ignored;
  if (!ig) return undefined;
  const what = /^[+-]?\d+$/.test(ig.written) ? ig.written : `\`${ig.written}\``;
  if (ig.from === 'flag')
    return `--max-payload-bytes ${what} is not positive, so the CLI's default ${limit.bytes} applies`;
  switch (ig.why) {
    case 'yaml-function':
      return `max_payload_bytes in atmos.yaml is ${what}, a YAML function Atmos resolves when it loads atmos.yaml; this tool does not, so it uses the default ${limit.bytes} (pass --max-payload-bytes to simulate the resolved value)`;
    case 'not-an-integer':
      return `max_payload_bytes ${what} in atmos.yaml is not an integer (Atmos fails to load atmos.yaml); using the default ${limit.bytes}`;
    case 'not-positive':
      return `max_payload_bytes ${what} in atmos.yaml is not positive, so the CLI uses the default ${limit.bytes}`;
  }
}

/** Where a person changes the limit: `max_payload_bytes` in atmos.yaml, else the file's first line. */
export function maxPayloadLoc(config: AtmosConfig): Loc {
  const at = config.locate(['settings', 'pro', 'max_payload_bytes']);
  if (at) return at;
  const text = config.main.text;
  const nl = text.indexOf('\n');
  let end = nl < 0 ? text.length : nl;
  if (end > 0 && text.charCodeAt(end - 1) === 13) end--;
  return { file: config.main, start: 0, end };
}

// ---------------------------------------------------------------------------------------------
// Random item order (describe affected)

export interface RandomOrderCheck {
  /** Orders simulated (seeded, so reports are reproducible). */
  trials: number;
  /** Orders in which a chunk without an oversized item exceeds the limit. */
  overLimitTrials: number;
  /** Largest such chunk seen over all trials (0 when none). */
  largestOverLimitBytes: number;
  /** Largest chunk without an oversized item seen over all trials. */
  largestChunkBytes: number;
  /**
   * The largest chunk any order can give from items that fit alone: the `chunkSize` largest of them
   * in one chunk.
   */
  worstCaseChunkBytes: number;
}

/** mulberry32: small, fast and good enough to shuffle; seeded so reports are stable. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function maxOf(xs: readonly number[]): number {
  let m = 0;
  for (const x of xs) if (x > m) m = x;
  return m;
}

function minOf(xs: readonly number[]): number {
  let m = Number.POSITIVE_INFINITY;
  for (const x of xs) if (x < m) m = x;
  return m;
}

const RANDOM_ORDER_SEED = 0x5eed;
/** Bounds the simulation to about ten million item visits however large the repository. */
const RANDOM_ORDER_BUDGET = 10_000_000;

function randomOrderTrials(n: number): number {
  return Math.max(10, Math.min(100, Math.floor(RANDOM_ORDER_BUDGET / Math.max(1, n))));
}

/**
 * Shuffles the items (Fisher-Yates) and walks the fixed chunk windows: chunk size and count do not
 * depend on the order (they come from the total and the average), only which items share a chunk.
 */
export function simulateRandomOrders(
  sizes: readonly number[],
  plan: Pick<UploadPlan, 'chunkSize' | 'overhead' | 'maxPayloadBytes'>,
  batchBytes: readonly number[],
  oversized: ReadonlySet<number>,
  trials = randomOrderTrials(sizes.length),
): RandomOrderCheck {
  const n = sizes.length;
  const { chunkSize, overhead, maxPayloadBytes: max } = plan;
  const total = Math.ceil(n / chunkSize);
  // Shuffle the sizes themselves, each with its oversized flag, in typed arrays: the hot loop.
  const size = Float64Array.from(sizes);
  const flag = new Uint8Array(n);
  for (const i of oversized) flag[i] = 1;
  const random = prng(RANDOM_ORDER_SEED ^ n);
  let overLimitTrials = 0;
  let largestOverLimitBytes = 0;
  let largestChunkBytes = 0;
  for (let t = 0; t < trials; t++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const s = size[i]!;
      size[i] = size[j]!;
      size[j] = s;
      const f = flag[i]!;
      flag[i] = flag[j]!;
      flag[j] = f;
    }
    let hit = false;
    for (let c = 0; c < total; c++) {
      const start = c * chunkSize;
      const end = Math.min(n, start + chunkSize);
      let bytes = overhead + batchBytes[c]! + (end - start - 1);
      let holdsOversized = false;
      for (let k = start; k < end; k++) {
        bytes += size[k]!;
        if (flag[k] === 1) holdsOversized = true;
      }
      if (holdsOversized) continue;
      if (bytes > largestChunkBytes) largestChunkBytes = bytes;
      if (bytes > max) {
        hit = true;
        if (bytes > largestOverLimitBytes) largestOverLimitBytes = bytes;
      }
    }
    if (hit) overLimitTrials++;
  }
  const fitting = sizes.filter((_, i) => !oversized.has(i)).sort((a, b) => b - a);
  const worst = fitting.slice(0, chunkSize);
  const worstCaseChunkBytes =
    worst.length === 0
      ? 0
      : overhead + worst.reduce((s, x) => s + x, 0) + worst.length - 1 + maxOf(batchBytes.slice(0, total));
  return { trials, overLimitTrials, largestOverLimitBytes, largestChunkBytes, worstCaseChunkBytes };
}

// ---------------------------------------------------------------------------------------------
// Upload simulation

export interface UploadSimulation {
  upload: UploadKind;
  /** The request bodies' model (built on first use: sizing does not need it). */
  readonly payload: UploadPayload;
  plan: UploadPlan;
  /** `len(json.Marshal(item))` per item, index-aligned with `plan.refs`. */
  itemSizes: number[];
  /** Bytes the batch fields add at each chunk index (chunked plans only; empty otherwise). */
  batchBytes: number[];
  /**
   * Items over the limit even alone in a request. For a random-order upload, those over it at the
   * cheapest chunk index, so in every order.
   */
  oversized: OversizedItem[];
  /** Chunks of the plan over the limit that hold no oversized item (those are the item's problem). */
  chunksOverLimit: PlannedChunk[];
  /** For a chunked random-order upload: how often some chunk exceeds the limit. */
  randomOrders?: RandomOrderCheck;
}

export type SimulationResult =
  | { ok: true; simulation: UploadSimulation }
  /** `json.Marshal` fails (NaN or Inf in settings): the CLI aborts before sending anything. */
  | { ok: false; upload: UploadKind; error: GoJsonError; ref?: InstanceRef };

// Item sizes without building the items: `extractProSettings` deep-copies every pro block, which
// costs more than the sizing itself on large repositories. The sizes are the same arithmetic on the
// values as written; test/payload-command checks them against the serialised items.

/** Sizes of shared values (catalog pro blocks are one object in many instances). */
const valueSizes = new WeakMap<object, number>();

function sizeOf(v: unknown): number {
  if (v === null || typeof v !== 'object') return marshalSize(v);
  const known = valueSizes.get(v);
  if (known !== undefined) return known;
  const n = marshalSize(v);
  valueSizes.set(v, n);
  return n;
}

function mapHas(m: Record<string, unknown> | Map<unknown, unknown>, key: string): boolean {
  return m instanceof Map ? m.has(key) : Object.hasOwn(m, key);
}

function mapGet(m: Record<string, unknown> | Map<unknown, unknown>, key: string): unknown {
  return m instanceof Map ? m.get(key) : m[key];
}

/**
 * Bytes of a map with some keys set to values of known size (added when missing). The replaced
 * values are never sized: the CLI overwrites them before encoding, so they cannot make it fail.
 */
function sizeWithOverrides(
  m: Record<string, unknown> | Map<unknown, unknown>,
  overrides: Map<string, number>,
): number {
  let bytes = 2;
  let entries = 0;
  const seen = new Set<string>();
  const keys = m instanceof Map ? [...m.keys()] : Object.keys(m);
  for (const k of keys) {
    const key = String(k);
    const override = overrides.get(key);
    bytes += quotedGoStringSize(key) + 1 + (override ?? sizeOf(m instanceof Map ? m.get(k) : m[key]));
    if (override !== undefined) seen.add(key);
    entries++;
  }
  for (const [key, valueBytes] of overrides) {
    if (seen.has(key)) continue;
    bytes += quotedGoStringSize(key) + 1 + valueBytes;
    entries++;
  }
  return bytes + Math.max(0, entries - 1);
}

/** Bytes of `extractProSettings(settings, metadata).pro`: the block with the enabled collapse. */
function collapsedProSize(pro: unknown, settings: unknown, metadata: unknown): number {
  if (!isGoMap(pro)) return sizeOf(pro);
  const state = effectiveEnabledState(settings, metadata);
  const bool = (b: boolean) => (b ? 4 : 5);
  const overrides = new Map([['enabled', bool(state.proEnabled)]]);
  const drift = mapGet(pro, 'drift_detection');
  if (isGoMap(drift)) {
    overrides.set(
      'drift_detection',
      sizeWithOverrides(drift, new Map([['enabled', bool(state.driftEnabled)]])),
    );
  }
  return sizeWithOverrides(pro, overrides);
}

/** Bytes of a pro block sent as written; its children's sizes are shared with the collapsed form. */
function verbatimProSize(pro: unknown): number {
  return isGoMap(pro) ? sizeWithOverrides(pro, new Map()) : sizeOf(pro);
}

/** `{"pro":…}` around a pro block of `proBytes`. */
function settingsSize(proBytes: number): number {
  return 2 + quotedGoStringSize('pro') + 1 + proBytes;
}

interface SizedUpload {
  refs: InstanceRef[];
  sizes: number[];
  /** The request around a slice of items (its overhead and batch fields are sized from it). */
  request: UploadPayload['request'];
  orderIsRandom: boolean;
  build(): UploadPayload;
}

type SizeFailure = { error: GoJsonError; ref: InstanceRef };

function sizeItems(
  chosen: readonly PayloadInstance[],
  itemSize: (i: PayloadInstance) => number,
): { sizes: number[] } | SizeFailure {
  const sizes = new Array<number>(chosen.length);
  for (let k = 0; k < chosen.length; k++) {
    const inst = chosen[k]!;
    try {
      sizes[k] = itemSize(inst);
    } catch (error) {
      if (error instanceof GoJsonError)
        return { error, ref: { component: inst.component, stack: inst.stack } };
      throw error;
    }
  }
  return { sizes };
}

/** The `list instances --upload` items, as `buildInstancesPayload` selects, orders and encodes them. */
function sizeInstancesUpload(
  instances: readonly PayloadInstance[],
  repo: RepoInfo,
): SizedUpload | SizeFailure {
  const chosen = sortInstances(instances.filter((i) => !isAbstract(i.metadata)));
  // An item with empty names and no settings; each name adds its quoted size minus the 2 of "".
  const base = marshalSize(
    uploadInstanceItem({ component: '', stack: '', componentType: '', settings: {}, metadata: {} }),
  );
  const settingsKey = 1 + quotedGoStringSize('settings') + 1;
  const sized = sizeItems(chosen, (i) => {
    let n =
      base -
      6 +
      quotedGoStringSize(i.component) +
      quotedGoStringSize(i.stack) +
      quotedGoStringSize(i.componentType);
    if (isGoMap(i.settings) && mapHas(i.settings, 'pro')) {
      n += settingsKey + settingsSize(collapsedProSize(mapGet(i.settings, 'pro'), i.settings, i.metadata));
    }
    return n;
  });
  if ('error' in sized) return sized;
  return {
    refs: chosen.map((i) => ({ component: i.component, stack: i.stack })),
    sizes: sized.sizes,
    request: (items, batch) => instancesRequest(repo, items, batch),
    orderIsRandom: false,
    build: () => buildInstancesPayload(instances, repo),
  };
}

/** The worst-case `describe affected --upload` items, as `buildAffectedPayload` builds them. */
function sizeAffectedUpload(
  instances: readonly PayloadInstance[],
  repo: RepoInfo,
): SizedUpload | SizeFailure {
  const chosen = sortInstances(
    instances.filter(
      (i) =>
        !isAbstract(i.metadata) &&
        metadataEnabled(i.metadata) &&
        AFFECTED_COMPONENT_TYPES.includes(i.componentType),
    ),
  );
  // Settings null (4 bytes) and empty names; the pro block is sent as written.
  const base = marshalSize(affectedItem({ component: '', stack: '', settings: undefined }));
  const sized = sizeItems(chosen, (i) => {
    let n = base - 4 + quotedGoStringSize(i.component) + quotedGoStringSize(i.stack);
    n +=
      isGoMap(i.settings) && mapHas(i.settings, 'pro')
        ? settingsSize(verbatimProSize(mapGet(i.settings, 'pro'))) - 4
        : 0;
    return n;
  });
  if ('error' in sized) return sized;
  const shas = { head: PLACEHOLDER_SHA, base: PLACEHOLDER_SHA };
  return {
    refs: chosen.map((i) => ({ component: i.component, stack: i.stack })),
    sizes: sized.sizes,
    request: (items, batch) => affectedRequest(repo, shas, items, batch),
    orderIsRandom: true,
    build: () => buildAffectedPayload(instances, repo),
  };
}

/** Plan one upload of these instances: item sizes once, then `planChunksFromSizes`. */
export function simulateUpload(
  instances: readonly PayloadInstance[],
  upload: UploadKind,
  repo: RepoInfo,
  maxPayloadBytes: number,
): SimulationResult {
  const sized =
    upload === 'instances' ? sizeInstancesUpload(instances, repo) : sizeAffectedUpload(instances, repo);
  if ('error' in sized) return { ok: false, upload, error: sized.error, ref: sized.ref };
  const { refs, sizes: itemSizes, request } = sized;
  const n = itemSizes.length;
  let overhead: number;
  try {
    overhead = marshalSize(request([]));
  } catch (error) {
    if (!(error instanceof GoJsonError)) throw error;
    overhead = DEFAULT_METADATA_OVERHEAD_BYTES;
  }
  const batchField = (index: number, total: number) =>
    marshalSize(request([], placeholderBatch(index, total))) - overhead;
  const base = planChunksFromSizes({
    itemSizes,
    overhead,
    batchFieldBytes: batchField,
    maxPayloadBytes,
    serverLimitBytes: APPROX_SERVER_LIMIT_BYTES,
  });
  const plan: UploadPlan = { ...base, kind: upload, orderIsRandom: sized.orderIsRandom, refs };
  const total = plan.chunks.length;
  const batchBytes = plan.chunked ? plan.chunks.map((c) => batchField(c.index, total)) : [];

  let oversized: OversizedItem[];
  if (!plan.chunked) {
    oversized = [];
  } else if (plan.orderIsRandom) {
    const cheapest = minOf(batchBytes);
    oversized = [];
    for (let i = 0; i < n; i++) {
      const alone = overhead + itemSizes[i]! + cheapest;
      if (alone > plan.maxPayloadBytes)
        oversized.push({ index: i, bytes: itemSizes[i]!, requestBytes: alone });
    }
  } else {
    oversized = plan.oversizedItems;
  }
  const oversizedSet = new Set(oversized.map((o) => o.index));
  const chunksOverLimit = plan.chunks.filter((c) => {
    if (!c.overLimit) return false;
    for (let i = c.start; i < c.start + c.count; i++) if (oversizedSet.has(i)) return false;
    return true;
  });
  let payload: UploadPayload | undefined;
  const simulation: UploadSimulation = {
    upload,
    get payload() {
      payload ??= sized.build();
      return payload;
    },
    plan,
    itemSizes,
    batchBytes,
    oversized,
    chunksOverLimit,
  };
  if (plan.chunked && plan.orderIsRandom) {
    simulation.randomOrders = simulateRandomOrders(itemSizes, plan, batchBytes, oversizedSet);
  }
  return { ok: true, simulation };
}

/** The largest items, biggest first; ties keep upload order. */
export function largestItems(
  simulation: UploadSimulation,
  count = 10,
): { ref: InstanceRef; bytes: number; index: number }[] {
  const { itemSizes, plan } = simulation;
  const indices = itemSizes.map((_, i) => i);
  indices.sort((a, b) => itemSizes[b]! - itemSizes[a]! || a - b);
  return indices.slice(0, count).map((i) => ({ ref: plan.refs[i]!, bytes: itemSizes[i]!, index: i }));
}

// ---------------------------------------------------------------------------------------------
// What the rules check

export interface PayloadChecks {
  limit: MaxPayloadSetting;
  loc: Loc;
  uploads: SimulationResult[];
}

const checksCache = new WeakMap<Resolution, PayloadChecks>();

/**
 * Both uploads of a resolution at the atmos.yaml limit, once per lint run. The rules size requests
 * with the placeholder repository fields (`placeholderRepoInfo`): a finding must not depend on how
 * the checkout was cloned, and the few bytes of difference are far below any realistic limit.
 */
export function payloadChecks(resolution: Resolution): PayloadChecks {
  const cached = checksCache.get(resolution);
  if (cached) return cached;
  const config = resolution.config;
  const limit = maxPayloadSetting(config);
  const instances = payloadInstances(resolution);
  const repo = placeholderRepoInfo();
  const checks: PayloadChecks = {
    limit,
    loc: maxPayloadLoc(config),
    uploads: (['instances', 'affected'] as const).map((u) => simulateUpload(instances, u, repo, limit.bytes)),
  };
  checksCache.set(resolution, checks);
  return checks;
}

/** How a message names the limit: its value and, when a written value was not used, why. */
export function describeLimit(limit: MaxPayloadSetting): string {
  const ig = limit.ignored;
  if (!ig)
    return limit.source === 'default'
      ? `the default max_payload_bytes (${limit.bytes})`
      : `max_payload_bytes (${limit.bytes})`;
  const why =
    ig.why === 'yaml-function'
      ? `\`${ig.written}\` is not resolved here`
      : ig.why === 'not-an-integer'
        ? `\`${ig.written}\` is not an integer`
        : `${ig.written} is not positive`;
  return `the default max_payload_bytes (${limit.bytes}; ${why})`;
}

export function describeRef(ref: InstanceRef): string {
  return `\`${ref.component}\` in \`${ref.stack}\``;
}
