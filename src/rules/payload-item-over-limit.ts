import type { InstanceRef } from '../core/diagnostic.js';
import { APPROX_SERVER_LIMIT_BYTES } from '../simulate/chunk.js';
import { describeLimit, describeRef, payloadChecks, UPLOAD_COMMANDS } from '../simulate/payload.js';
import { defineRule } from './types.js';

interface Oversized {
  ref: InstanceRef;
  /** Request bytes per upload the item overflows. */
  requests: string[];
  bytes: number;
}

/**
 * One item is never split: an instance whose item alone makes a request over `max_payload_bytes`
 * goes out in a chunk of its own, over the limit, whatever the chunk size. Checked for both uploads
 * (their items differ: `list instances` collapses `enabled`, `describe affected` carries more
 * fields); one finding per instance names every upload it overflows.
 */
export default defineRule({
  meta: {
    id: 'payload-item-over-limit',
    category: 'payload',
    defaultSeverity: 'error',
    description: 'One instance alone makes an Atmos Pro upload request larger than max_payload_bytes',
    messages: {
      item: '{instance} alone makes a request over {limit}: {requests}; the CLI cannot split an item and sends it anyway{server}. {fix}',
    },
    fixable: false,
  },
  check(ctx) {
    const checks = payloadChecks(ctx.resolution);
    const byInstance = new Map<string, Oversized>();
    for (const result of checks.uploads) {
      if (!result.ok) continue;
      const sim = result.simulation;
      for (const o of sim.oversized) {
        const ref = sim.plan.refs[o.index]!;
        const key = `${ref.stack}\0${ref.component}`;
        let entry = byInstance.get(key);
        if (!entry) byInstance.set(key, (entry = { ref, requests: [], bytes: 0 }));
        entry.requests.push(`${o.requestBytes} bytes in \`${UPLOAD_COMMANDS[sim.upload]}\``);
        entry.bytes = Math.max(entry.bytes, o.requestBytes);
      }
    }
    const limit = describeLimit(checks.limit);
    const instances = new Map(ctx.resolution.instances.map((i) => [`${i.stack}\0${i.component}`, i]));
    for (const [key, o] of byInstance) {
      const overServer = o.bytes > APPROX_SERVER_LIMIT_BYTES;
      ctx.report({
        messageId: 'item',
        data: {
          instance: describeRef(o.ref),
          requests: o.requests.join(', '),
          limit,
          server: overServer ? ', and it is over the server limit of about 4.5 MB too' : '',
          fix: overServer
            ? 'Shrink its settings.pro'
            : `Shrink its settings.pro, or raise max_payload_bytes to at least ${o.bytes}`,
        },
        loc: checks.loc,
        instance: instances.get(key) ?? o.ref,
      });
    }
  },
});
