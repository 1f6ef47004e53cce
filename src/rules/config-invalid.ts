import { getIn } from '../config/atmos-config.js';
import type { Loc } from '../core/source.js';
import { didYouMean } from '../core/suggest.js';
import { type SchemaError, validateProConfig } from '../schema/index.js';
import { configEntry, firstLine } from './migration-config.js';
import { forwardResolverFindings } from './resolver-finding.js';
import { defineRule, type RuleContext } from './types.js';

/** Keys of the stack-level dispatch contract, which people copy into atmos.yaml by mistake. */
const STACK_KEYS = new Set(['enabled', 'pull_request', 'release', 'drift_detection', 'merge_group']);

export default defineRule({
  meta: {
    id: 'config-invalid',
    category: 'client',
    defaultSeverity: 'error',
    description:
      'atmos.yaml is invalid where Atmos reads it: stack paths, or the Atmos Pro client settings under `settings.pro`',
    messages: {
      finding: '{message}',
      unknown: 'Unknown key `{key}` in `{at}` of atmos.yaml; {hint}',
      stackKey:
        '`{key}` is stack configuration, but `settings.pro` in atmos.yaml only holds the Atmos Pro client settings and is never merged into components; move it under `settings.pro` in a stack manifest (e.g. a mixin your stacks import).',
      value: '`{at}` in atmos.yaml: {message}.',
    },
    fixable: false,
  },
  check(ctx) {
    // Problems the resolver found in atmos.yaml (stacks base path, included paths, …).
    forwardResolverFindings(ctx, 'config-invalid', 'finding');
    const settings = getIn(ctx.config.raw, ['settings']);
    const pro = getIn(settings, ['pro']);
    if (pro === undefined || pro === null) return;
    for (const e of validateProConfig(pro)) reportSchemaError(ctx, e);
  },
});

function reportSchemaError(ctx: RuleContext, e: SchemaError): void {
  const base = ['settings', 'pro', ...e.instancePath];
  const at = base.join('.');
  if (e.keyword === 'additionalProperties' && e.key !== undefined) {
    const loc = locate(ctx, [...base, e.key], true);
    if (e.instancePath.length === 0 && STACK_KEYS.has(e.key)) {
      ctx.report({ messageId: 'stackKey', data: { key: e.key }, loc });
      return;
    }
    const known = /\(expected one of: (.*)\)$/.exec(e.message)?.[1]?.split(', ') ?? [];
    const guess = didYouMean(e.key, known);
    const hint = guess
      ? `did you mean \`${guess}\`?`
      : known.length > 0
        ? `Atmos reads only ${known.map((k) => `\`${k}\``).join(', ')}.`
        : 'Atmos ignores it.';
    ctx.report({ messageId: 'unknown', data: { key: e.key, at, hint }, loc });
    return;
  }
  const loc = locate(ctx, base, false);
  ctx.report({ messageId: 'value', data: { at, message: e.message.replace(/\.$/, '') }, loc });
}

/** The key (for key problems) or value of a path in atmos.yaml, falling back to its nearest parent. */
function locate(ctx: RuleContext, path: readonly string[], key: boolean): Loc {
  for (let n = path.length; n > 0; n--) {
    const e = configEntry(ctx.config, path.slice(0, n));
    if (e) return (n === path.length && !key) || !e.key ? e.value : e.key;
  }
  return firstLine(ctx.config);
}
