import { dict } from '../core/dict.js';
import { isMap, type PlainMap } from '../resolve/merge.js';
import type { ComponentInstance } from '../resolve/types.js';

/** Events Atmos Pro dispatches on, as `<settings.pro key>.<activity>`. */
export const PR_ACTIVITIES = ['opened', 'synchronize', 'reopened', 'merged'] as const;
export const RELEASE_ACTIVITIES = [
  'published',
  'released',
  'prereleased',
  'created',
  'edited',
  'deleted',
  'unpublished',
] as const;
export const DRIFT_ACTIVITIES = ['detect', 'remediate'] as const;

export type Via = 'configured' | 'backstop' | 'none' | 'disabled';

export interface DispatchedWorkflow {
  file: string;
  /** Inputs as the CLI uploads them: rendered when templating is on, as written otherwise. */
  inputs: PlainMap;
}

export interface Dispatch {
  instance: ComponentInstance;
  event: string;
  via: Via;
  /** The `settings.pro` path of the activity whose workflows are used, e.g. ['pull_request','synchronize']. */
  activityPath?: (string | number)[];
  workflows: DispatchedWorkflow[];
}

export interface ParsedEvent {
  event: string;
  section: 'pull_request' | 'release' | 'merge_group' | 'drift_detection';
  activity: string;
}

/** `pull_request.synchronize`, `release.published`, `merge_group.checks_requested`, `drift_detection.detect`. */
export function parseEvent(text: string): ParsedEvent | undefined {
  const m = /^(pull_request|release|merge_group|drift_detection)\.([a-z_]+)$/.exec(text);
  if (!m) return undefined;
  const section = m[1] as ParsedEvent['section'];
  const activity = m[2]!;
  const ok =
    section === 'pull_request'
      ? (PR_ACTIVITIES as readonly string[]).includes(activity)
      : section === 'release'
        ? (RELEASE_ACTIVITIES as readonly string[]).includes(activity)
        : section === 'merge_group'
          ? activity === 'checks_requested'
          : (DRIFT_ACTIVITIES as readonly string[]).includes(activity);
  return ok ? { event: text, section, activity } : undefined;
}

export const ALL_EVENTS: readonly string[] = [
  ...PR_ACTIVITIES.map((a) => `pull_request.${a}`),
  ...RELEASE_ACTIVITIES.map((a) => `release.${a}`),
  'merge_group.checks_requested',
  ...DRIFT_ACTIVITIES.map((a) => `drift_detection.${a}`),
];

function pro(section: PlainMap): PlainMap | undefined {
  const settings = section.settings;
  return isMap(settings) && isMap(settings.pro) ? settings.pro : undefined;
}

/** The activity block at `settings.pro.<section>.<activity>`, or undefined when it has no usable workflows. */
function activityWorkflows(p: PlainMap, path: readonly string[]): PlainMap | undefined {
  let cur: unknown = p;
  for (const seg of path) cur = isMap(cur) ? cur[seg] : undefined;
  if (!isMap(cur) || !isMap(cur.workflows)) return undefined;
  return Object.keys(cur.workflows).length > 0 ? cur.workflows : undefined;
}

/**
 * What Atmos Pro dispatches for one instance on one event (server-side resolution, per the product
 * document): the configured activity; for `merge_group.checks_requested` without one, the
 * `pull_request.synchronize` backstop; nothing when the instance's Pro state (or, for drift events,
 * drift detection) is off. `merged` is `closed` with `merged: true`; apply never fires on merge_group.
 */
export function simulateDispatch(instance: ComponentInstance, ev: ParsedEvent, rendered: boolean): Dispatch {
  const section = rendered ? instance.rendered : instance.section;
  const base: Dispatch = { instance, event: ev.event, via: 'none', workflows: [] };
  const state = instance.pro;
  if (!state.enabled || (ev.section === 'drift_detection' && !state.drift))
    return { ...base, via: 'disabled' };
  const p = pro(section);
  if (!p) return { ...base, via: 'disabled' };
  let found = lookup(p, ev.section, ev.activity);
  let via: Via = 'configured';
  if (!found && ev.event === 'merge_group.checks_requested') {
    found = lookup(p, 'pull_request', 'synchronize');
    via = 'backstop';
  }
  if (!found) return base;
  return {
    ...base,
    via,
    activityPath: found.path,
    workflows: Object.entries(found.workflows).map(([file, spec]) => ({
      file,
      inputs: isMap(spec) && isMap(spec.inputs) ? spec.inputs : dict(),
    })),
  };
}

function lookup(
  p: PlainMap,
  section: string,
  activity: string,
): { path: (string | number)[]; workflows: PlainMap } | undefined {
  const workflows = activityWorkflows(p, [section, activity]);
  if (workflows) return { path: [section, activity], workflows };
  const list = p[section];
  if (section !== 'pull_request' || !Array.isArray(list)) return undefined;
  // Legacy list form `pull_request: [{on: [...], workflows: {...}}]` (`trigger:` in older examples).
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (!isMap(item) || !isMap(item.workflows)) continue;
    const on = item.on ?? item.trigger;
    const acts = Array.isArray(on) ? on : typeof on === 'string' ? [on] : [];
    if (acts.includes(activity)) return { path: [section, i], workflows: item.workflows };
  }
  return undefined;
}
