import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildAffectedPayload,
  buildInstancesPayload,
  type PayloadInstance,
  type RepoInfo,
  type UploadPayload,
} from '../../src/simulate/bodies.js';
import {
  BATCH_ID_PLACEHOLDER,
  type ChunkPlan,
  chunkBodies,
  DEFAULT_MAX_PAYLOAD_BYTES,
  placeholderBatch,
  planChunks,
  planChunksFromSizes,
  type UploadPlan,
} from '../../src/simulate/chunk.js';
import { marshal } from '../../src/simulate/gojson.js';

const RUNS = Number(process.env.FC_RUNS ?? 40);
const repo: RepoInfo = { url: 'https://github.com/org/repo', name: 'repo', owner: 'org', host: 'github.com' };

function instance(component: string, stack: string, settings: Record<string, unknown> = {}): PayloadInstance {
  return { component, stack, componentType: 'terraform', settings, metadata: {} };
}

/** Ten-char padded names keep sort order equal to creation order. */
function many(n: number, settings: (i: number) => Record<string, unknown> = () => ({})): PayloadInstance[] {
  return Array.from({ length: n }, (_, i) => instance(`c${String(i).padStart(9, '0')}`, 's1', settings(i)));
}

function plan(payload: UploadPayload, max?: number): UploadPlan {
  const result = planChunks(payload, max);
  if (!result.ok) throw result.error;
  return result.plan;
}

/** The arithmetic must equal serialising every chunk body. */
function expectArithmeticMatchesBodies(payload: UploadPayload, p: ChunkPlan): void {
  const bodies = [...chunkBodies(payload, p)];
  expect(bodies.map((b) => Buffer.byteLength(b))).toEqual(p.chunks.map((c) => c.bytes));
  expect(p.chunks.reduce((s, c) => s + c.count, 0)).toBe(p.itemCount);
}

/** A literal port of sendChunked that serialises everything: the reference for the planner. */
function referenceSendChunked(payload: UploadPayload, maxBytes: number | undefined): number[] {
  const max = maxBytes !== undefined && maxBytes > 0 ? maxBytes : 4 * 1024 * 1024;
  const items = payload.items;
  const overhead = Buffer.byteLength(marshal(payload.request([])));
  const send = (chunk: unknown[], batch?: { index: number; total: number }) =>
    Buffer.byteLength(
      marshal(
        payload.request(
          chunk,
          batch && { batchId: BATCH_ID_PLACEHOLDER, batchIndex: batch.index, batchTotal: batch.total },
        ),
      ),
    );
  if (items.length === 0) return [send(items)];
  const itemsJSON = Buffer.byteLength(marshal(items));
  if (overhead + itemsJSON <= max) return [send(items)];
  let avg = Math.trunc(itemsJSON / items.length);
  if (avg === 0) avg = 1;
  let avail = max - overhead - 200;
  if (avail <= 0) avail = Math.trunc(max / 2);
  let chunkSize = Math.trunc(avail / avg);
  if (chunkSize < 1) chunkSize = 1;
  const chunks: unknown[][] = [];
  for (let i = 0; i < items.length; i += chunkSize) chunks.push(items.slice(i, i + chunkSize));
  return chunks.map((c, index) => send(c, { index, total: chunks.length }));
}

describe('planChunks', () => {
  it('under the limit: one request, no batch fields', () => {
    const payload = buildInstancesPayload(many(3), repo);
    const p = plan(payload);
    expect(p.chunked).toBe(false);
    expect(p.chunks).toHaveLength(1);
    expect(p.maxPayloadBytes).toBe(DEFAULT_MAX_PAYLOAD_BYTES);
    const [body] = [...chunkBodies(payload, p)];
    expect(body).not.toContain('batch_');
    expect(p.chunks[0]!.bytes).toBe(Buffer.byteLength(body!));
    expect(p.singleRequestBytes).toBe(p.chunks[0]!.bytes);
    // The CLI's estimate counts the "[]" of the overhead and the brackets of the items array.
    expect(p.estimatedBytes).toBe(p.singleRequestBytes + 2);
    expect(p.totalBytes).toBe(p.singleRequestBytes);
  });

  it('exactly at the limit: estimated == max is still one request; one byte less chunks', () => {
    const payload = buildInstancesPayload(many(5), repo);
    const estimated = plan(payload).estimatedBytes;
    const at = plan(payload, estimated);
    expect(at.chunked).toBe(false);
    expect(at.chunks[0]!.overLimit).toBe(false);
    const below = plan(payload, estimated - 1);
    expect(below.chunked).toBe(true);
    expect(below.chunks.length).toBeGreaterThan(1);
    expectArithmeticMatchesBodies(payload, below);
  });

  it('max_payload_bytes <= 0, unset or not a number uses the 4 MiB default', () => {
    const payload = buildInstancesPayload(many(2), repo);
    for (const max of [undefined, 0, -5, Number.NaN]) {
      expect(plan(payload, max).maxPayloadBytes).toBe(4194304);
    }
    expect(plan(payload, 1000).maxPayloadBytes).toBe(1000);
  });

  it('empty item list: one request with an empty array', () => {
    const payload = buildInstancesPayload([], repo);
    const p = plan(payload, 10);
    expect(p.chunked).toBe(false);
    expect(p.chunks).toEqual([
      { index: 0, start: 0, count: 0, bytes: p.overhead, overLimit: true, overServerLimit: false },
    ]);
  });

  it('heterogeneous items: the average hides big items, a chunk exceeds the limit', () => {
    // 20 small items, then 5 with a large pro block: chunks are sized by the average item.
    const big = {
      pro: {
        pull_request: { opened: { workflows: { 'plan.yaml': { inputs: { blob: 'x'.repeat(560) } } } } },
      },
    };
    const payload = buildInstancesPayload(
      many(25, (i) => (i >= 20 ? big : {})),
      repo,
    );
    const p = plan(payload, 2000);
    expect(p.chunked).toBe(true);
    expect(p.avgItemBytes).toBeGreaterThan(100);
    expect(p.chunks.some((c) => c.overLimit)).toBe(true);
    expect(p.chunks[0]!.overLimit).toBe(false);
    expect(p.oversizedItems).toEqual([]);
    expectArithmeticMatchesBodies(payload, p);
    expect(p.worstCaseChunkBytes).toBeGreaterThanOrEqual(Math.max(...p.chunks.map((c) => c.bytes)));
  });

  it('one item larger than the limit: sent alone with batch fields, reported as oversized', () => {
    const payload = buildInstancesPayload([instance('huge', 's', { pro: { blob: 'y'.repeat(3000) } })], repo);
    const p = plan(payload, 1000);
    expect(p.chunked).toBe(true);
    expect(p.chunkSize).toBe(1);
    expect(p.chunks).toHaveLength(1);
    expect(p.chunks[0]!.overLimit).toBe(true);
    expect(p.oversizedItems).toHaveLength(1);
    expect(p.oversizedItems[0]!.index).toBe(0);
    expect(p.oversizedItems[0]!.requestBytes).toBe(p.chunks[0]!.bytes);
    const [body] = [...chunkBodies(payload, p)];
    expect(body).toContain(`"batch_id":"${BATCH_ID_PLACEHOLDER}","batch_index":0,"batch_total":1}`);
    expectArithmeticMatchesBodies(payload, p);
  });

  it('overhead larger than the room: availableForItems falls back to max/2', () => {
    // A 923-byte repo URL makes the metadata overhead 120 - 27 + 923 = 1016 bytes.
    const longRepo: RepoInfo = { ...repo, url: `https://github.com/org/${'r'.repeat(900)}` };
    const payload = buildInstancesPayload(many(30), longRepo);
    const p = plan(payload, 1200);
    expect(p.overhead).toBe(1016);
    expect(p.availableForItems).toBe(600);
    expect(p.chunkSize).toBe(Math.trunc(600 / p.avgItemBytes!));
    expect(p.chunks.every((c) => c.overLimit)).toBe(true);
    expectArithmeticMatchesBodies(payload, p);

    // Overhead alone above the limit: every chunk is over, chunk size still at least 1.
    const tiny = plan(payload, 100);
    expect(tiny.availableForItems).toBe(50);
    expect(tiny.chunkSize).toBe(1);
    expect(tiny.chunks).toHaveLength(30);
    expect(tiny.oversizedItems).toHaveLength(30);
  });

  it('fixture: chunk sizes derived by hand', () => {
    // Repo https://github.com/org/repo. Overhead, the request with "instances":[] and no batch:
    //   { 1 + "repo_url": 11 + "https://github.com/org/repo" 29 + , 1 + "repo_name": 12 + "repo" 6
    //   + , 1 + "repo_owner": 13 + "org" 5 + , 1 + "repo_host": 12 + "github.com" 12 + , 1
    //   + "instances": 12 + [] 2 + } 1  = 120
    // One item {"component":"ca","stack":"s1","component_type":"terraform"}:
    //   { 1 + "component": 12 + "ca" 4 + , 1 + "stack": 8 + "s1" 4 + , 1 + "component_type": 17
    //   + "terraform" 11 + } 1 = 60
    // 11 items ca..ck: itemsJSON = 2 + 11*60 + 10 commas = 672
    // estimated = 120 + 672 = 792 > max 500 -> chunked
    // avg = 672 / 11 = 61 (integer division); avail = 500 - 120 - 200 = 180; chunkSize = 180 / 61 = 2
    // 6 chunks: 2,2,2,2,2,1 items. Batch fields for one digit index and total:
    //   , 1 + "batch_id": 11 + "<36-char uuid>" 38 + , 1 + "batch_index": 14 + "0" 1 + , 1
    //   + "batch_total": 14 + "6" 1 = 82
    // Two-item chunk: 120 + (60 + 1 + 60) + 82 = 323; one-item chunk: 120 + 60 + 82 = 262.
    const items = 'abcdefghijk'.split('').map((c) => instance(`c${c}`, 's1'));
    const payload = buildInstancesPayload(items, repo);
    const p = plan(payload, 500);
    expect(p.overhead).toBe(120);
    expect(p.itemsJsonBytes).toBe(672);
    expect(p.estimatedBytes).toBe(792);
    expect(p.singleRequestBytes).toBe(790);
    expect(p.avgItemBytes).toBe(61);
    expect(p.availableForItems).toBe(180);
    expect(p.chunkSize).toBe(2);
    expect(p.chunks.map((c) => [c.start, c.count, c.bytes])).toEqual([
      [0, 2, 323],
      [2, 2, 323],
      [4, 2, 323],
      [6, 2, 323],
      [8, 2, 323],
      [10, 1, 262],
    ]);
    expect(p.totalBytes).toBe(5 * 323 + 262);
    expect(p.chunks.some((c) => c.overLimit)).toBe(false);
    // The 2 largest items in one chunk: 120 + 121 + 82.
    expect(p.worstCaseChunkBytes).toBe(323);
    expectArithmeticMatchesBodies(payload, p);
  });

  it('batch field bytes grow with the digits of index and total', () => {
    const payload = buildInstancesPayload(many(12), repo);
    const p = plan(payload, 120 + 200 + 62); // room for exactly one ~62-byte item per chunk
    expect(p.chunks).toHaveLength(12);
    // index 9 of 12 -> "9","12"; index 10 -> "10","12": one more byte.
    expect(p.chunks[10]!.bytes - p.chunks[9]!.bytes).toBe(1);
    expectArithmeticMatchesBodies(payload, p);
  });

  it('affected payloads plan the same way and flag the random order', () => {
    const payload = buildAffectedPayload(
      many(40, () => ({ pro: { enabled: true } })),
      repo,
    );
    const p = plan(payload, 3000);
    expect(p.kind).toBe('affected');
    expect(p.orderIsRandom).toBe(true);
    expect(p.chunked).toBe(true);
    expectArithmeticMatchesBodies(payload, p);
  });

  it('reports marshal failures (NaN in settings) with the instance, like the CLI aborting', () => {
    const payload = buildInstancesPayload(
      [instance('a', 's'), instance('b', 's', { pro: { ttl: Number.NaN } })],
      repo,
    );
    const result = planChunks(payload);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toBe('json: unsupported value: NaN');
      expect(result.ref).toEqual({ component: 'b', stack: 's' });
    }
  });

  it('agrees with a literal, fully serialising port of sendChunked', () => {
    const settingsArb = fc.oneof(
      fc.constant({}),
      fc.record({ pro: fc.record({ enabled: fc.boolean(), note: fc.string({ maxLength: 400 }) }) }),
    );
    fc.assert(
      fc.property(
        fc.array(settingsArb, { minLength: 0, maxLength: 40 }),
        fc.oneof(fc.integer({ min: -10, max: 6000 }), fc.constant(undefined)),
        fc.boolean(),
        (settings, max, affected) => {
          const instances = settings.map((s, i) => instance(`c${String(i).padStart(3, '0')}`, 's', s));
          const payload = affected
            ? buildAffectedPayload(instances, repo)
            : buildInstancesPayload(instances, repo);
          const p = plan(payload, max);
          expect(p.chunks.map((c) => c.bytes)).toEqual(referenceSendChunked(payload, max));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('planChunksFromSizes is linear and needs no serialisation', () => {
    const n = 200_000;
    const sizes = Array.from({ length: n }, (_, i) => 150 + (i % 7) * 40);
    const started = performance.now();
    const p = planChunksFromSizes({
      itemSizes: sizes,
      overhead: 300,
      batchFieldBytes: (index, total) => 80 + String(index).length + String(total).length,
    });
    const elapsed = performance.now() - started;
    expect(p.chunked).toBe(true);
    expect(p.chunks.reduce((s, c) => s + c.count, 0)).toBe(n);
    expect(elapsed).toBeLessThan(2000);
    expect(placeholderBatch(0, 1).batchId).toHaveLength(36);
  });
});
