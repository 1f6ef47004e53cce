import type { SourceFile } from '../core/source.js';
import { displayPath } from '../lint/aggregate.js';
import { deepEqual, isMap, type PlainMap } from '../resolve/merge.js';
import type { PathSegment, ProvenanceEntry } from '../resolve/provenance.js';
import type { ComponentInstance } from '../resolve/types.js';
import {
  type Dispatch,
  type ParsedEvent,
  PR_ACTIVITIES,
  parseEvent,
  simulateDispatch,
} from '../simulate/dispatch.js';
import type { RuleContext } from './types.js';

/** Path of `settings.pro` inside a component section. */
export const PRO_PATH: readonly string[] = ['settings', 'pro'];

export const MERGE_GROUP_EVENT = 'merge_group.checks_requested';

const parsed = new Map<string, ParsedEvent>();

/**
 * What Atmos Pro dispatches for an instance on an event, as the dispatch simulation resolves it
 * (merge_group falls back to the synchronize backstop there). Structure only: the section before
 * component-time templates, since rules locate what was written.
 */
export function dispatchOn(instance: ComponentInstance, event: string): Dispatch {
  let ev = parsed.get(event);
  if (!ev) {
    ev = parseEvent(event);
    if (!ev) throw new Error(`not an Atmos Pro event: ${event}`);
    parsed.set(event, ev);
  }
  return simulateDispatch(instance, ev, false);
}

/** Whether an instance dispatches anything on a pull request activity. */
export function dispatchesOnPullRequest(instance: ComponentInstance): boolean {
  return PR_ACTIVITIES.some((a) => dispatchOn(instance, `pull_request.${a}`).via === 'configured');
}

/** The merged `settings.pro` map of a section, when it is one. */
export function proOf(section: PlainMap): PlainMap | undefined {
  const settings = section.settings;
  return isMap(settings) && isMap(settings.pro) ? settings.pro : undefined;
}

export function samePath(a: readonly PathSegment[], b: readonly PathSegment[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

/**
 * The writer of `outer` (a logical prefix of `innerPath`) in the same file and raw map as `inner`, a
 * writer of `innerPath`: e.g. the `pull_request` key that holds a given `synchronize.workflows`, which
 * is where a person adds a sibling block. Falls back to the winner of `outer`.
 */
export function enclosingWriter(
  ctx: RuleContext,
  instance: ComponentInstance,
  outer: readonly PathSegment[],
  innerPath: readonly PathSegment[],
  inner: ProvenanceEntry | undefined,
): ProvenanceEntry | undefined {
  const entries = ctx.provenance(instance, outer);
  if (inner) {
    const rawPrefix = inner.path.slice(0, inner.path.length - (innerPath.length - outer.length));
    const hit = entries.find((e) => e.layer === inner.layer && samePath(e.path, rawPrefix));
    if (hit) return hit;
  }
  return entries[0];
}

/**
 * The writer that defines a merged map: the winner when what it wrote is the whole merged value,
 * otherwise the lowest-precedence writer of a map (the base definition, e.g. a mixin, that stack
 * files add keys to). Adding a sibling there reaches every instance that inherits it.
 */
export function definingWriter(
  ctx: RuleContext,
  instance: ComponentInstance,
  path: readonly PathSegment[],
  merged: unknown,
): ProvenanceEntry | undefined {
  const entries = ctx.provenance(instance, path);
  const winner = entries[0];
  if (!winner || deepEqual(writtenValue(winner), merged)) return winner;
  for (let i = entries.length - 1; i >= 0; i--) if (isMap(writtenValue(entries[i]!))) return entries[i];
  return winner;
}

/** A path as the user reads it in messages, relative to where the linter runs. */
export function shownPath(ctx: RuleContext, file: SourceFile): string {
  return displayPath(ctx.config.cwd, file.path);
}

/** The value written at a raw path of a provenance entry's layer (what that file wrote there). */
export function writtenValue(entry: ProvenanceEntry): unknown {
  let cur: unknown = entry.layer.value;
  for (const seg of entry.path) {
    if (Array.isArray(cur) && typeof seg === 'number') cur = cur[seg];
    else if (isMap(cur)) cur = cur[String(seg)];
    else return undefined;
  }
  return cur;
}
