import type { Loc } from '../core/source.js';
import type { ComponentInstance } from '../resolve/types.js';
import { RELEASE_ACTIVITIES } from '../simulate/dispatch.js';
import { dispatchOn, MERGE_GROUP_EVENT, PRO_PATH } from './migration-dispatch.js';
import { defineRule } from './types.js';

/** Words in a workflow file name that say it changes infrastructure. */
const APPLY_WORDS = new Set(['apply', 'deploy', 'destroy']);

export default defineRule({
  meta: {
    id: 'backstop-dispatches-apply',
    category: 'migration',
    defaultSeverity: 'error',
    description:
      'The `pull_request.synchronize` backstop would dispatch an apply workflow in the merge queue',
    messages: {
      apply:
        '`{file}` would run in the merge queue: without `merge_group.checks_requested`, Atmos Pro dispatches the `pull_request.synchronize` workflows there, and `{file}` {why}, so apply would run before the pull request merges. Add `merge_group.checks_requested` with a plan workflow.',
    },
    fixable: false,
  },
  check(ctx) {
    // With no merge queue declared, the backstop never fires.
    if (ctx.settings.mergeQueue === 'off') return;
    for (const instance of ctx.resolution.instances) {
      if (!instance.pro.enabled) continue;
      const mg = dispatchOn(instance, MERGE_GROUP_EVENT);
      if (mg.via !== 'backstop' || !mg.activityPath) continue;
      const elsewhere = applyEvents(instance);
      for (const wf of mg.workflows) {
        const why = reason(wf.file, elsewhere);
        if (!why) continue;
        const path = [...PRO_PATH, ...mg.activityPath, 'workflows', wf.file];
        const entry = ctx.provenance(instance, path)[0];
        const loc: Loc = entry ? (entry.key ?? entry.value) : ctx.locate(instance, path, { key: true });
        ctx.report({ messageId: 'apply', data: { file: wf.file, why }, loc, instance });
      }
    }
  },
});

/** For each workflow file, the apply-like events (`pull_request.merged`, `release.*`) that dispatch it. */
function applyEvents(instance: ComponentInstance): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const event of ['pull_request.merged', ...RELEASE_ACTIVITIES.map((a) => `release.${a}`)]) {
    const d = dispatchOn(instance, event);
    if (d.via !== 'configured') continue;
    for (const w of d.workflows) {
      const list = out.get(w.file) ?? [];
      list.push(event);
      out.set(w.file, list);
    }
  }
  return out;
}

function reason(file: string, elsewhere: Map<string, string[]>): string | undefined {
  const events = elsewhere.get(file);
  if (events && events.length > 0)
    return `is also dispatched for ${events.map((e) => `\`${e}\``).join(' and ')}`;
  const words = file
    .replace(/\.ya?ml$/i, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/);
  const word = words.find((w) => APPLY_WORDS.has(w));
  return word ? `is named like a workflow that changes infrastructure (\`${word}\`)` : undefined;
}
