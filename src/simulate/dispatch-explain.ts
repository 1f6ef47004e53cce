import type { Loc } from '../core/source.js';
import { isMap } from '../resolve/merge.js';
import { type PathSegment, provenance } from '../resolve/provenance.js';
import type { ComponentInstance } from '../resolve/types.js';
import type { Dispatch, ParsedEvent } from './dispatch.js';

/** Why an instance dispatches nothing on an event, and where the deciding value was written. */
export interface NotDispatched {
  why: string;
  loc?: Loc;
}

/**
 * Explains a `disabled` or `none` dispatch in the terms of the configuration: a missing
 * `settings.pro`, `metadata.enabled: false` or `settings.pro.enabled: false` (possibly inherited
 * from a base component), drift detection off, or no activity for the event.
 */
export function explainNotDispatched(
  instance: ComponentInstance,
  dispatch: Dispatch,
  ev: ParsedEvent,
  rendered: boolean,
): NotDispatched | undefined {
  if (dispatch.via === 'configured' || dispatch.via === 'backstop') return undefined;
  const section = rendered ? instance.rendered : instance.section;
  if (dispatch.via === 'none') {
    return {
      why:
        ev.event === 'merge_group.checks_requested'
          ? 'no `merge_group.checks_requested` and no `pull_request.synchronize` to fall back to'
          : `no \`${ev.event}\` configured`,
    };
  }
  if (!instance.pro.configured) return { why: 'no `settings.pro`' };
  const metadata = isMap(section.metadata) ? section.metadata : undefined;
  const settings = isMap(section.settings) ? section.settings : undefined;
  const pro = settings && isMap(settings.pro) ? settings.pro : undefined;
  if (metadata?.enabled === false)
    return written(instance, ['metadata', 'enabled'], '`metadata.enabled: false`');
  if (pro?.enabled === false)
    return written(instance, ['settings', 'pro', 'enabled'], '`settings.pro.enabled: false`');
  if (ev.section === 'drift_detection' && !instance.pro.drift) {
    const drift = pro && isMap(pro.drift_detection) ? pro.drift_detection : undefined;
    if (drift && Object.hasOwn(drift, 'enabled')) {
      return written(
        instance,
        ['settings', 'pro', 'drift_detection', 'enabled'],
        `drift detection is off: \`settings.pro.drift_detection.enabled: ${JSON.stringify(drift.enabled)}\``,
      );
    }
    return { why: 'drift detection is off: `settings.pro.drift_detection.enabled` is not set' };
  }
  return { why: 'Atmos Pro is off for this instance' };
}

/** `what`, naming the base component it is inherited from, with where it was written. */
function written(instance: ComponentInstance, path: PathSegment[], what: string): NotDispatched {
  const p = provenance(instance, path)[0];
  if (!p) return { why: what };
  const from = p.path[0] === 'components' && typeof p.path[2] === 'string' ? p.path[2] : undefined;
  const inherited = from !== undefined && from !== instance.component;
  return { why: inherited ? `${what} inherited from \`${from}\`` : what, loc: p.key ?? p.value };
}
