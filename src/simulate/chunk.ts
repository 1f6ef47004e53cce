/**
 * How the CLI splits an upload into requests: a re-implementation of `sendChunked` /
 * `sendItemsInChunks` (pkg/pro/chunked_upload.go) that works from per-item byte sizes, so a plan
 * for any number of items costs one serialisation-free pass over them.
 */
import type { InstanceRef } from '../core/diagnostic.js';
import type { BatchInfo, UploadKind, UploadPayload } from './bodies.js';
import { GoJsonError, marshal, marshalSize } from './gojson.js';

/** `DefaultMaxPayloadBytes`: used when `settings.pro.max_payload_bytes` is unset or <= 0. */
export const DEFAULT_MAX_PAYLOAD_BYTES = 4 * 1024 * 1024;
/** `BatchFieldsOverheadBytes`: the CLI's reserve for the batch fields. */
export const BATCH_FIELDS_OVERHEAD_BYTES = 200;
/** `DefaultMetadataOverheadBytes`: the overhead the CLI assumes when it cannot marshal the metadata. */
export const DEFAULT_METADATA_OVERHEAD_BYTES = 512;
/**
 * Roughly where the Atmos Pro server (a Vercel function, "4.5 MB" body limit) answers 413. Taken as
 * decimal megabytes, the stricter reading.
 */
export const APPROX_SERVER_LIMIT_BYTES = 4_500_000;
/** A stand-in for `uuid.New().String()`: only its length (36) matters. */
export const BATCH_ID_PLACEHOLDER = '00000000-0000-4000-8000-000000000000';

/** The effective limit, as `sendChunked` computes it. */
export function effectiveMaxPayloadBytes(maxPayloadBytes: number | undefined): number {
  if (maxPayloadBytes === undefined || !Number.isFinite(maxPayloadBytes)) return DEFAULT_MAX_PAYLOAD_BYTES;
  const n = Math.trunc(maxPayloadBytes);
  return n > 0 ? n : DEFAULT_MAX_PAYLOAD_BYTES;
}

/** Go integer division of non-negative ints. */
function idiv(a: number, b: number): number {
  return Math.trunc(a / b);
}

export interface ChunkSizingInput {
  /** `len(json.Marshal(item))` for each item, in upload order. */
  itemSizes: readonly number[];
  /** `metadataOverhead`: bytes of the request with an empty item array (`[]`) and no batch fields. */
  overhead: number;
  /** Extra bytes the batch fields add to a request body at this chunk index of `total`. */
  batchFieldBytes(index: number, total: number): number;
  maxPayloadBytes?: number;
  serverLimitBytes?: number;
}

export interface PlannedChunk {
  index: number;
  /** Index of the first item. */
  start: number;
  count: number;
  /** Exact byte length of the request body the CLI sends for this chunk. */
  bytes: number;
  /** Larger than the effective `max_payload_bytes`: the CLI sends it anyway. */
  overLimit: boolean;
  /** Larger than the server's approximate body limit: expect HTTP 413. */
  overServerLimit: boolean;
}

export interface OversizedItem {
  index: number;
  /** Bytes of the item's JSON. */
  bytes: number;
  /** Bytes of a request carrying only this item (with batch fields). */
  requestBytes: number;
}

export interface ChunkPlan {
  itemCount: number;
  /** The effective limit. */
  maxPayloadBytes: number;
  overhead: number;
  /** `len(json.Marshal(items))`: the array with brackets and commas. */
  itemsJsonBytes: number;
  /** `overhead + len(itemsJSON)`: what the CLI compares with the limit (2 bytes above the real body). */
  estimatedBytes: number;
  /** Exact bytes of the single request without batch fields. */
  singleRequestBytes: number;
  chunked: boolean;
  /** Items per chunk (all items when not chunked). */
  chunkSize: number;
  /** Only when chunked: `len(itemsJSON) / n`, at least 1. */
  avgItemBytes?: number;
  /** Only when chunked: `max - overhead - 200`, or `max / 2` when that is not positive. */
  availableForItems?: number;
  chunks: PlannedChunk[];
  /** Items that exceed the limit even alone in a chunk. */
  oversizedItems: OversizedItem[];
  /** Sum of all request bodies. */
  totalBytes: number;
  /** Largest chunk any item order could produce (chunked plans only): for random-order uploads. */
  worstCaseChunkBytes?: number;
}

/** `sendChunked` from item sizes. Linear in the number of items (plus a sort for the worst case). */
export function planChunksFromSizes(input: ChunkSizingInput): ChunkPlan {
  const max = effectiveMaxPayloadBytes(input.maxPayloadBytes);
  const server = input.serverLimitBytes ?? APPROX_SERVER_LIMIT_BYTES;
  const sizes = input.itemSizes;
  const n = sizes.length;
  const overhead = input.overhead;

  // prefix[i] = total bytes of items [0, i).
  const prefix = new Array<number>(n + 1);
  prefix[0] = 0;
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i]! + sizes[i]!;
  const sliceBytes = (start: number, end: number) =>
    prefix[end]! - prefix[start]! + Math.max(0, end - start - 1);

  const itemsJsonBytes = 2 + sliceBytes(0, n);
  const estimatedBytes = overhead + itemsJsonBytes;
  const singleRequestBytes = overhead + sliceBytes(0, n);
  const chunk = (index: number, start: number, count: number, bytes: number): PlannedChunk => ({
    index,
    start,
    count,
    bytes,
    overLimit: bytes > max,
    overServerLimit: bytes > server,
  });

  // Empty item lists and payloads that fit go out as one request without batch fields.
  if (n === 0 || estimatedBytes <= max) {
    return {
      itemCount: n,
      maxPayloadBytes: max,
      overhead,
      itemsJsonBytes,
      estimatedBytes,
      singleRequestBytes,
      chunked: false,
      chunkSize: n,
      chunks: [chunk(0, 0, n, singleRequestBytes)],
      oversizedItems: [],
      totalBytes: singleRequestBytes,
    };
  }

  const avgItemBytes = Math.max(1, idiv(itemsJsonBytes, n));
  let availableForItems = max - overhead - BATCH_FIELDS_OVERHEAD_BYTES;
  if (availableForItems <= 0) availableForItems = idiv(max, 2);
  const chunkSize = Math.max(1, idiv(availableForItems, avgItemBytes));
  const total = Math.ceil(n / chunkSize);

  const chunks: PlannedChunk[] = [];
  const oversizedItems: OversizedItem[] = [];
  let totalBytes = 0;
  let maxBatchBytes = 0;
  for (let index = 0; index < total; index++) {
    const start = index * chunkSize;
    const end = Math.min(n, start + chunkSize);
    const batchBytes = input.batchFieldBytes(index, total);
    maxBatchBytes = Math.max(maxBatchBytes, batchBytes);
    const bytes = overhead + sliceBytes(start, end) + batchBytes;
    chunks.push(chunk(index, start, end - start, bytes));
    totalBytes += bytes;
    for (let i = start; i < end; i++) {
      const alone = overhead + sizes[i]! + batchBytes;
      if (alone > max) oversizedItems.push({ index: i, bytes: sizes[i]!, requestBytes: alone });
    }
  }

  // The biggest chunk a different order could give: the chunkSize largest items together.
  const largest = [...sizes].sort((a, b) => b - a).slice(0, chunkSize);
  const worstItems = largest.reduce((s, x) => s + x, 0) + Math.max(0, largest.length - 1);

  return {
    itemCount: n,
    maxPayloadBytes: max,
    overhead,
    itemsJsonBytes,
    estimatedBytes,
    singleRequestBytes,
    chunked: true,
    chunkSize,
    avgItemBytes,
    availableForItems,
    chunks,
    oversizedItems,
    totalBytes,
    worstCaseChunkBytes: overhead + worstItems + maxBatchBytes,
  };
}

export function placeholderBatch(index: number, total: number): BatchInfo {
  return { batchId: BATCH_ID_PLACEHOLDER, batchIndex: index, batchTotal: total };
}

export interface UploadPlan extends ChunkPlan {
  kind: UploadKind;
  /** The CLI's item order is random per run (describe affected): see `worstCaseChunkBytes`. */
  orderIsRandom: boolean;
  refs: InstanceRef[];
}

export type UploadPlanResult =
  | { ok: true; plan: UploadPlan }
  /** `json.Marshal` fails (NaN/Inf, a cycle): the CLI aborts the upload before sending anything. */
  | { ok: false; error: GoJsonError; itemIndex?: number; ref?: InstanceRef };

/**
 * Plan the requests the CLI sends for a payload: per-item sizes once, then arithmetic. With zero
 * items `list instances --upload` sends nothing at all ("No instances found"); the plan still shows
 * the one empty request `sendChunked` would make.
 */
export function planChunks(
  payload: UploadPayload,
  maxPayloadBytes?: number,
  serverLimitBytes?: number,
): UploadPlanResult {
  const itemSizes: number[] = new Array(payload.items.length);
  for (let i = 0; i < payload.items.length; i++) {
    try {
      itemSizes[i] = marshalSize(payload.items[i]);
    } catch (error) {
      if (error instanceof GoJsonError) return { ok: false, error, itemIndex: i, ref: payload.refs[i] };
      throw error;
    }
  }
  let overhead: number;
  try {
    overhead = marshalSize(payload.request([]));
  } catch (error) {
    if (!(error instanceof GoJsonError)) throw error;
    overhead = DEFAULT_METADATA_OVERHEAD_BYTES;
  }
  const plan = planChunksFromSizes({
    itemSizes,
    overhead,
    batchFieldBytes: (index, total) =>
      marshalSize(payload.request([], placeholderBatch(index, total))) - overhead,
    maxPayloadBytes,
    serverLimitBytes,
  });
  return {
    ok: true,
    plan: { ...plan, kind: payload.kind, orderIsRandom: payload.orderIsRandom, refs: payload.refs },
  };
}

/** The exact request bodies of a plan (as the CLI would send them, placeholder batch id). */
export function* chunkBodies(payload: UploadPayload, plan: ChunkPlan): Generator<string> {
  for (const c of plan.chunks) {
    const items = payload.items.slice(c.start, c.start + c.count);
    yield marshal(
      payload.request(items, plan.chunked ? placeholderBatch(c.index, plan.chunks.length) : undefined),
    );
  }
}
