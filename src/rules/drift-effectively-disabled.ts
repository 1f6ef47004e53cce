import type { Loc } from '../core/source.js';
import { isMap } from '../resolve/merge.js';
import type { ProvenanceEntry } from '../resolve/provenance.js';
import type { ComponentInstance } from '../resolve/types.js';
import { PRO_PATH, proOf, shownPath } from './migration-dispatch.js';
import { defineRule, type RuleContext } from './types.js';

export default defineRule({
  meta: {
    id: 'drift-effectively-disabled',
    category: 'migration',
    defaultSeverity: 'info',
    description: '`drift_detection.enabled: true` has no effect because Atmos Pro is off for the instance',
    messages: {
      off: 'Drift detection is enabled here but has no effect: Atmos Pro is off for this instance ({cause}), and Atmos uploads `drift_detection.enabled: false`. Remove this setting for the instance, or turn Atmos Pro back on.',
    },
    fixable: false,
  },
  check(ctx) {
    for (const instance of ctx.resolution.instances) {
      const state = instance.pro;
      if (!state.configured || state.enabled) continue;
      const pro = proOf(instance.rendered);
      if (!pro || !isMap(pro.drift_detection) || pro.drift_detection.enabled !== true) continue;
      const path = [...PRO_PATH, 'drift_detection', 'enabled'];
      const written = ctx.provenance(instance, path)[0];
      const loc: Loc = written ? written.value : ctx.locate(instance, path);
      const cause = whatTurnedItOff(ctx, instance);
      ctx.report({
        messageId: 'off',
        data: { cause: cause.text },
        loc,
        instance,
        related: cause.loc ? [{ loc: cause.loc, message: 'Atmos Pro is turned off here' }] : undefined,
      });
    }
  },
});

/**
 * The outer switch that wins (`metadata.enabled` > `settings.pro.enabled`, as `effectiveEnabledState`
 * collapses them), named with the file that wrote it and, for metadata, the base component it came from.
 */
function whatTurnedItOff(ctx: RuleContext, instance: ComponentInstance): { text: string; loc?: Loc } {
  const md = instance.rendered.metadata;
  if (isMap(md) && md.enabled === false) {
    const e = ctx.provenance(instance, ['metadata', 'enabled'])[0];
    const base = e ? inheritedFrom(e, instance) : undefined;
    const from = base ? ` inherited from \`${base}\`` : '';
    return {
      text: `\`metadata.enabled: false\`${from}${e ? ` in ${shownPath(ctx, e.value.file)}` : ''}`,
      loc: e?.value,
    };
  }
  const e = ctx.provenance(instance, [...PRO_PATH, 'enabled'])[0];
  return {
    text: `\`settings.pro.enabled: false\`${e ? ` in ${shownPath(ctx, e.value.file)}` : ''}`,
    loc: e?.value,
  };
}

/** The base component whose section wrote a value, when it is not the instance's own. */
function inheritedFrom(e: ProvenanceEntry, instance: ComponentInstance): string | undefined {
  const [scope, , name] = e.path;
  return scope === 'components' && typeof name === 'string' && name !== instance.component ? name : undefined;
}
