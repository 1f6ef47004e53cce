import type { InstanceRef } from '../core/diagnostic.js';
import { plural } from './text.js';

/** How many instances are named before the rest is summarised as `+N more`. */
export const MAX_LISTED_INSTANCES = 3;

export function instanceName(instance: InstanceRef): string {
  return `${instance.component} in ${instance.stack}`;
}

/** `affects 5 instances: vpc in plat-ue2-dev, …, +2 more`, or undefined when there are none. */
export function describeInstances(
  instances: readonly InstanceRef[],
  max: number = MAX_LISTED_INSTANCES,
): string | undefined {
  if (instances.length === 0) return undefined;
  const shown = instances.slice(0, Math.max(1, max)).map(instanceName);
  const rest = instances.length - shown.length;
  if (rest > 0) shown.push(`+${rest} more`);
  return `affects ${plural(instances.length, 'instance')}: ${shown.join(', ')}`;
}
