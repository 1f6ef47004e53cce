import { UsageError } from '../core/errors.js';
import { matcherOrAll } from '../core/name-glob.js';
import type { Loc } from '../core/source.js';
import { displayPath } from '../lint/aggregate.js';
import { provenance } from '../resolve/provenance.js';
import { type ResolveOptions, resolveRepository } from '../resolve/resolve.js';
import { ALL_EVENTS, type Dispatch, parseEvent, simulateDispatch } from './dispatch.js';
import { explainNotDispatched } from './dispatch-explain.js';

export interface DispatchRow {
  component: string;
  stack: string;
  via: Dispatch['via'];
  workflows: { file: string; inputs: Record<string, unknown> }[];
  source: { file: string; line: number } | null;
}

/**
 * The JSON contract of `resolve --format json`:
 * `{"event","rendered","note"?,"dispatches":[{"component","stack","via","workflows":[{"file","inputs"}],"source"}]}`,
 * dispatches sorted by stack then component; `note` only when inputs are not rendered.
 */
export interface ResolveReport {
  event: string;
  rendered: boolean;
  note?: string;
  dispatches: DispatchRow[];
}

/** The report plus what the human formats add: why a row dispatches nothing. */
export interface ResolveView {
  report: ResolveReport;
  /** Parallel to `report.dispatches`: the reason for `none`/`disabled` rows, with where it was written. */
  reasons: (string | undefined)[];
}

export const NOT_RENDERED_NOTE =
  'templates.settings.enabled is off in atmos.yaml: the CLI uploads inputs unrendered and Atmos Pro renders server-side what it can.';

export interface DispatchQuery extends ResolveOptions {
  /** `<section>.<activity>`, e.g. `pull_request.synchronize` (see `ALL_EVENTS`). */
  event: string;
  /** Only stacks matching this glob (`*` matches any characters, `/` included). */
  stack?: string;
  /** Only components matching this glob. */
  component?: string;
}

/**
 * What Atmos Pro dispatches for every instance on one event. Throws UsageError for an unknown event
 * or an invalid glob, ConfigError for an unusable atmos.yaml.
 */
export function dispatchView(query: DispatchQuery): ResolveView {
  const ev = parseEvent(query.event);
  if (!ev) throw new UsageError(`unknown event "${query.event}"; use one of: ${ALL_EVENTS.join(', ')}`);
  const resolution = resolveRepository(query);
  const rendered = resolution.config.templates.enabled;
  const stackOk = matcherOrAll(query.stack);
  const compOk = matcherOrAll(query.component);
  const cwd = resolution.config.cwd;
  const where = (loc: Loc) => `${displayPath(cwd, loc.file.path)}:${loc.file.position(loc.start).line}`;
  const reasons: (string | undefined)[] = [];
  const dispatches = resolution.instances
    .filter((i) => stackOk(i.stack) && compOk(i.component))
    .map((i): DispatchRow => {
      const d = simulateDispatch(i, ev, rendered);
      const p = d.activityPath ? provenance(i, ['settings', 'pro', ...d.activityPath])[0] : undefined;
      const loc = p?.key ?? p?.value;
      const why = explainNotDispatched(i, d, ev, rendered);
      reasons.push(why ? (why.loc ? `${why.why} (${where(why.loc)})` : why.why) : undefined);
      return {
        component: i.component,
        stack: i.stack,
        via: d.via,
        workflows: d.workflows.map((w) => ({ file: w.file, inputs: { ...w.inputs } })),
        source: loc
          ? { file: displayPath(cwd, loc.file.path), line: loc.file.position(loc.start).line }
          : null,
      };
    });
  const report: ResolveReport = { event: ev.event, rendered, dispatches };
  if (!rendered) report.note = NOT_RENDERED_NOTE;
  return { report, reasons };
}
