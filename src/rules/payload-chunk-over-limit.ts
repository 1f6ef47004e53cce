import { APPROX_SERVER_LIMIT_BYTES } from '../simulate/chunk.js';
import {
  describeLimit,
  describeRef,
  largestItems,
  payloadChecks,
  UPLOAD_COMMANDS,
  type UploadSimulation,
} from '../simulate/payload.js';
import { defineRule, type RuleContext } from './types.js';

const SERVER =
  ', and it is over the server limit of about 4.5 MB too, so expect HTTP 413 (Request Entity Too Large)';

/**
 * `sendChunked` sizes chunks by the average item, so a run of larger items makes a chunk bigger
 * than `max_payload_bytes`; the CLI sends it anyway. `list instances` sends its items sorted, so
 * its chunks are known exactly. `describe affected` sends them in Go map order, random per run: it
 * is checked over seeded random orders, with every instance affected (the largest upload).
 */
export default defineRule({
  meta: {
    id: 'payload-chunk-over-limit',
    category: 'payload',
    defaultSeverity: 'warning',
    description: 'A chunk the Atmos CLI plans for an Atmos Pro upload exceeds max_payload_bytes',
    messages: {
      chunk:
        'Chunk {index} of {total} of `{upload}` is {bytes} bytes, {over} over {limit}: its {count} instances ({first} to {last}) average {chunkAvg} bytes, more than the {avg}-byte average item the CLI sizes chunks by, and it sends the chunk anyway{server}. Lower max_payload_bytes to keep chunks clear of the server limit, or shrink their settings.pro',
      randomOrder:
        'With every instance affected, `{upload}` sends a chunk over {limit} in {hits} of {trials} simulated item orders (up to {bytes} bytes, {chunkSize} instances a chunk): the CLI orders items at random and sizes chunks by the {avg}-byte average item{server}. Lower max_payload_bytes to keep chunks clear of the server limit, or shrink the largest settings.pro blocks ({largest})',
    },
    fixable: false,
  },
  check(ctx) {
    const checks = payloadChecks(ctx.resolution);
    const limit = describeLimit(checks.limit);
    for (const result of checks.uploads) {
      if (!result.ok) continue;
      const sim = result.simulation;
      if (sim.plan.orderIsRandom) reportRandomOrders(ctx, sim, limit, checks.loc);
      else reportChunks(ctx, sim, limit, checks.loc);
    }
  },
});

function reportChunks(
  ctx: RuleContext,
  sim: UploadSimulation,
  limit: string,
  loc: ReturnType<typeof payloadChecks>['loc'],
): void {
  const { plan } = sim;
  const byKey = new Map(ctx.resolution.instances.map((i) => [`${i.stack}\0${i.component}`, i]));
  for (const c of sim.chunksOverLimit) {
    let itemBytes = 0;
    for (let i = c.start; i < c.start + c.count; i++) itemBytes += sim.itemSizes[i]!;
    const data = {
      index: c.index + 1,
      total: plan.chunks.length,
      upload: UPLOAD_COMMANDS[sim.upload],
      bytes: c.bytes,
      over: c.bytes - plan.maxPayloadBytes,
      limit,
      count: c.count,
      first: describeRef(plan.refs[c.start]!),
      last: describeRef(plan.refs[c.start + c.count - 1]!),
      chunkAvg: Math.round(itemBytes / c.count),
      avg: plan.avgItemBytes ?? 0,
      server: c.overServerLimit ? SERVER : '',
    };
    // One finding per instance: the aggregated diagnostic lists the chunk's instances.
    for (let i = c.start; i < c.start + c.count; i++) {
      const ref = plan.refs[i]!;
      ctx.report({
        messageId: 'chunk',
        data,
        loc,
        instance: byKey.get(`${ref.stack}\0${ref.component}`) ?? ref,
      });
    }
  }
}

function reportRandomOrders(
  ctx: RuleContext,
  sim: UploadSimulation,
  limit: string,
  loc: ReturnType<typeof payloadChecks>['loc'],
): void {
  const check = sim.randomOrders;
  if (!check || check.overLimitTrials === 0) return;
  const oversized = new Set(sim.oversized.map((o) => o.index));
  const largest = largestItems(sim, sim.itemSizes.length)
    .filter((item) => !oversized.has(item.index))
    .slice(0, 3)
    .map((item) => describeRef(item.ref));
  ctx.report({
    messageId: 'randomOrder',
    data: {
      upload: UPLOAD_COMMANDS[sim.upload],
      limit,
      hits: check.overLimitTrials,
      trials: check.trials,
      bytes: check.largestOverLimitBytes,
      chunkSize: sim.plan.chunkSize,
      avg: sim.plan.avgItemBytes ?? 0,
      server: check.largestOverLimitBytes > APPROX_SERVER_LIMIT_BYTES ? SERVER : '',
      largest: largest.join(', '),
    },
    loc,
  });
}
