import type { Loc } from '../core/source.js';
import { DRIFT_ACTIVITIES } from '../simulate/dispatch.js';
import { dispatchOn, enclosingWriter, PRO_PATH } from './migration-dispatch.js';
import { defineRule } from './types.js';

export default defineRule({
  meta: {
    id: 'drift-missing-workflows',
    category: 'migration',
    defaultSeverity: 'error',
    description: 'Drift detection is enabled without both `detect` and `remediate` workflows',
    messages: {
      missing:
        'Drift detection is enabled without {missing}: Atmos Pro rejects the upload (HTTP 400, "Drift detection requires `detect` and `remediate` workflows under `settings.pro.drift_detection`"). Add {add} under `drift_detection`.',
    },
    fixable: false,
  },
  check(ctx) {
    for (const instance of ctx.resolution.instances) {
      if (!instance.pro.drift) continue;
      const absent = DRIFT_ACTIVITIES.filter(
        (a) => dispatchOn(instance, `drift_detection.${a}`).via !== 'configured',
      );
      if (absent.length === 0) continue;
      // Point at the drift_detection block that turned drift on: that is where the workflows go.
      const enabledPath = [...PRO_PATH, 'drift_detection', 'enabled'];
      const blockPath = [...PRO_PATH, 'drift_detection'];
      const enabled = ctx.provenance(instance, enabledPath)[0];
      const block = enclosingWriter(ctx, instance, blockPath, enabledPath, enabled);
      const loc: Loc = block ? (block.key ?? block.value) : ctx.locate(instance, blockPath, { key: true });
      ctx.report({
        messageId: 'missing',
        data: {
          missing: `${absent.map((a) => `\`${a}\``).join(' and ')} workflows`,
          add: absent.map((a) => `\`${a}.workflows\``).join(' and '),
        },
        loc,
        instance,
      });
    }
  },
});
