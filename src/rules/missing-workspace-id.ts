import { isPair, isScalar, isMap as isYamlMap, parseDocument, visit } from 'yaml';
import { getIn } from '../config/atmos-config.js';
import type { Loc } from '../core/source.js';
import { didYouMean } from '../core/suggest.js';
import { ALL_EVENTS } from '../simulate/dispatch.js';
import { configEntry, firstLine, isYamlFunction } from './migration-config.js';
import { dispatchOn } from './migration-dispatch.js';
import { defineRule, type RuleContext } from './types.js';

const ENV_NAME = 'ATMOS_PRO_WORKSPACE_ID';

export default defineRule({
  meta: {
    id: 'missing-workspace-id',
    category: 'client',
    defaultSeverity: 'warning',
    description: 'Atmos Pro dispatch rules are configured but no workspace id is set for the Atmos CLI',
    messages: {
      missing:
        'Stacks configure Atmos Pro dispatches, but no workspace id is set: add `workspace_id` under `settings.pro` in atmos.yaml (it is not a secret), or set `ATMOS_PRO_WORKSPACE_ID` where `atmos describe affected --upload` runs. Without it the GitHub OIDC exchange fails (ErrOIDCWorkspaceIDRequired).',
    },
    fixable: false,
  },
  check(ctx) {
    const pro = ctx.config.pro;
    if (pro.workspaceId) return;
    // A YAML function (`!env ATMOS_PRO_WORKSPACE_ID`) is resolved where Atmos runs, not here.
    const written = getIn(ctx.config.raw, ['settings', 'pro', 'workspace_id']);
    if (isYamlFunction(written) || isYamlFunction(getIn(ctx.config.raw, ['settings', 'pro', 'token'])))
      return;
    // A bearer token skips the OIDC exchange, the only thing the workspace id is needed for.
    if (pro.tokenFromEnv || (typeof pro.token === 'string' && pro.token.trim() !== '')) return;
    // A misspelt `workspace_id` is config-invalid's finding (with a did-you-mean): one problem, one diagnostic.
    const raw = pro.raw ?? {};
    if (Object.keys(raw).some((k) => k !== 'workspace_id' && didYouMean(k, ['workspace_id']) !== undefined))
      return;
    if (!dispatchingInstance(ctx)) return;
    if (workflowsSetWorkspaceId(ctx)) return;
    ctx.report({ messageId: 'missing', loc: where(ctx) });
  },
});

/** Whether some enabled instance has a configured dispatch. */
function dispatchingInstance(ctx: RuleContext): boolean {
  for (const instance of ctx.resolution.instances) {
    if (!instance.pro.enabled) continue;
    if (ALL_EVENTS.some((e) => dispatchOn(instance, e).via === 'configured')) return true;
  }
  return false;
}

/**
 * Whether a workflow under `.github/workflows` sets ATMOS_PRO_WORKSPACE_ID in an `env:` map (workflow,
 * job or step level) — how the Atmos Pro examples pass it (`${{ vars.ATMOS_PRO_WORKSPACE_ID }}`).
 */
function workflowsSetWorkspaceId(ctx: RuleContext): boolean {
  for (const w of ctx.workflows().workflows.values()) {
    if (!w.file.text.includes(ENV_NAME)) continue;
    const doc = parseDocument(w.file.text, { prettyErrors: false });
    let found = false;
    visit(doc, {
      Pair(_, pair) {
        if (!isPair(pair) || !isScalar(pair.key) || pair.key.value !== 'env' || !isYamlMap(pair.value))
          return;
        for (const item of pair.value.items) {
          if (!isScalar(item.key) || item.key.value !== ENV_NAME) continue;
          const v = isScalar(item.value) ? item.value.value : undefined;
          if (v !== null && v !== undefined && String(v).trim() !== '') {
            found = true;
            return visit.BREAK;
          }
        }
        return undefined;
      },
    });
    if (found) return true;
  }
  return false;
}

/** `settings.pro` of atmos.yaml (its empty `workspace_id` when written), else the file's first line. */
function where(ctx: RuleContext): Loc {
  const id = getIn(ctx.config.raw, ['settings', 'pro', 'workspace_id']);
  if (id !== undefined) {
    const e = configEntry(ctx.config, ['settings', 'pro', 'workspace_id']);
    if (e) return e.key ?? e.value;
  }
  const e = configEntry(ctx.config, ['settings', 'pro']);
  return e ? (e.key ?? e.value) : firstLine(ctx.config);
}
