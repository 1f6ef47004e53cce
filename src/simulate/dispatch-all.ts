import type { ComponentInstance } from '../resolve/types.js';
import { ALL_EVENTS, type Dispatch, type ParsedEvent, parseEvent, simulateDispatch } from './dispatch.js';

/** One configured activity of an instance and every event that dispatches it. */
export interface ConfiguredActivity {
  /** The dispatch of the first event that uses this activity. */
  dispatch: Dispatch;
  /** Events that dispatch this activity (several for a legacy `pull_request` list item). */
  events: string[];
}

const EVENTS: readonly ParsedEvent[] = ALL_EVENTS.map((e) => parseEvent(e)).filter(
  (e): e is ParsedEvent => e !== undefined,
);

/**
 * Every activity an instance configures, whether or not an event would reach it today: each
 * `settings.pro.<event>.<activity>.workflows` block (and each item of the legacy `pull_request`
 * list) that Atmos Pro dispatches on its own event. The `merge_group` backstop is not an activity of
 * its own — it reuses `pull_request.synchronize`, which is listed already.
 *
 * Instances whose Pro state is off configure nothing. Drift activities are listed even when drift
 * detection is off for the instance: they are configured, and turning `drift_detection.enabled` on
 * is all it takes for Atmos Pro to dispatch them.
 */
export function configuredActivities(instance: ComponentInstance, rendered: boolean): ConfiguredActivity[] {
  if (!instance.pro.enabled) return [];
  // simulateDispatch answers "what runs now", which skips drift activities while drift is off.
  const subject = instance.pro.drift ? instance : { ...instance, pro: { ...instance.pro, drift: true } };
  const byPath = new Map<string, ConfiguredActivity>();
  for (const ev of EVENTS) {
    const d = simulateDispatch(subject, ev, rendered);
    if (d.via !== 'configured' || !d.activityPath) continue;
    const key = d.activityPath.join('\u0000');
    const seen = byPath.get(key);
    if (seen) {
      seen.events.push(ev.event);
      continue;
    }
    if (subject !== instance) d.instance = instance;
    byPath.set(key, { dispatch: d, events: [ev.event] });
  }
  return [...byPath.values()];
}
