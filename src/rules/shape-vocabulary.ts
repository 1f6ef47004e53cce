import { didYouMean } from '../core/suggest.js';
import { PR_ACTIVITIES } from '../simulate/dispatch.js';

/** The events of a stack's `settings.pro` and the activities Atmos Pro documents for each. */
export const EVENTS = ['pull_request', 'release', 'merge_group'] as const;
export type ProEvent = (typeof EVENTS)[number];

export const DOCUMENTED: Record<ProEvent, readonly string[]> = {
  pull_request: PR_ACTIVITIES,
  release: ['published'],
  merge_group: ['checks_requested'],
};

/** Release activities GitHub sends that the schema accepts but Atmos Pro does not document. */
export const UNDOCUMENTED_RELEASE = [
  'released',
  'prereleased',
  'created',
  'edited',
  'deleted',
  'unpublished',
];

/** Every `pull_request` activity type GitHub sends (webhook `action`). */
const GITHUB_PR_ACTIONS = new Set([
  'assigned',
  'unassigned',
  'labeled',
  'unlabeled',
  'opened',
  'edited',
  'closed',
  'reopened',
  'synchronize',
  'converted_to_draft',
  'ready_for_review',
  'locked',
  'unlocked',
  'review_requested',
  'review_request_removed',
  'auto_merge_enabled',
  'auto_merge_disabled',
  'milestoned',
  'demilestoned',
  'enqueued',
  'dequeued',
]);

/** Top-level keys of a stack's `settings.pro`. */
export const PRO_KEYS = ['enabled', 'pull_request', 'release', 'drift_detection', 'merge_group'];

/** Keys of the CLI's client settings (`settings.pro` in atmos.yaml), misplaced in a stack. */
export const CLIENT_KEYS = new Set([
  'workspace_id',
  'base_url',
  'endpoint',
  'token',
  'max_payload_bytes',
  'github_oidc',
]);

/** Which event an activity name belongs to, for an activity written one level too high. */
const ACTIVITY_HOME: Record<string, string> = {
  opened: 'pull_request',
  synchronize: 'pull_request',
  reopened: 'pull_request',
  merged: 'pull_request',
  published: 'release',
  checks_requested: 'merge_group',
  detect: 'drift_detection',
  remediate: 'drift_detection',
};

const ALIASES: Record<string, string> = {
  merge_queue: 'merge_group',
  mergequeue: 'merge_group',
  drift: 'drift_detection',
  workflow: 'workflows',
};

/** `a`, `b` and `c`, each in backticks. */
export function listNames(names: readonly string[]): string {
  const q = names.map((n) => `\`${n}\``);
  return q.length <= 1 ? (q[0] ?? '') : `${q.slice(0, -1).join(', ')} and ${q.at(-1)}`;
}

/** The hint that ends an unknown-activity message (after "Unknown `event` activity `name`: "). */
export function activityHint(event: ProEvent, name: string): string {
  if (event === 'pull_request' && name === 'closed')
    return 'use `merged`, which Atmos Pro synthesizes from `closed` with `merged: true`.';
  if (event === 'merge_group' && name === 'destroyed')
    return "Atmos Pro's stale-uploads reconciler handles `destroyed` itself, so nothing is configured for it; remove it.";
  if (event === 'pull_request' && (name === 'enqueued' || name === 'dequeued'))
    return 'for merge-queue checks configure `merge_group.checks_requested` as a sibling of `pull_request`.';
  if ((EVENTS as readonly string[]).includes(name) || name === 'drift_detection')
    return `\`${name}\` is an event, not an activity; move it out of \`${event}\` to sit beside it under \`settings.pro\`.`;
  if (name === 'workflows')
    return `put \`workflows\` under an activity, e.g. \`${event}.${DOCUMENTED[event][event === 'pull_request' ? 1 : 0]}.workflows\`.`;
  const documented = DOCUMENTED[event];
  const accepted = event === 'release' ? [...documented, ...UNDOCUMENTED_RELEASE] : documented;
  const suggestion = didYouMean(name, documented) ?? didYouMean(name, accepted);
  if (suggestion) return `did you mean \`${suggestion}\`?`;
  const known = `Atmos Pro dispatches on ${listNames(documented)}`;
  if (event === 'pull_request' && GITHUB_PR_ACTIONS.has(name))
    return `GitHub sends \`${name}\`, but ${known} only.`;
  return `${known}.`;
}

export interface KeyHint {
  /** A did-you-mean suggestion, when there is one. */
  suggestion?: string;
  /** A sentence that explains where the key belongs. */
  sentence?: string;
}

/** Help for an unknown key among `known`; `topLevel` when it sits directly under `settings.pro`. */
export function keyHint(key: string, known: readonly string[], topLevel: boolean): KeyHint {
  if (topLevel && CLIENT_KEYS.has(key))
    return {
      sentence: `\`${key}\` is an Atmos Pro client setting: it belongs in \`settings.pro\` of \`atmos.yaml\` (or an \`ATMOS_PRO_*\` environment variable), not in a stack manifest`,
    };
  if (topLevel && ACTIVITY_HOME[key])
    return {
      sentence: `\`${key}\` is an activity: nest it under \`${ACTIVITY_HOME[key]}\` (\`settings.pro.${ACTIVITY_HOME[key]}.${key}\`)`,
    };
  if (topLevel && (key === 'workflows' || key === 'workflow'))
    return { sentence: 'workflows belong under an activity, e.g. `pull_request.synchronize.workflows`' };
  const alias = ALIASES[key];
  if (alias && known.includes(alias)) return { suggestion: alias };
  const suggestion = didYouMean(key, known);
  return suggestion ? { suggestion } : {};
}
