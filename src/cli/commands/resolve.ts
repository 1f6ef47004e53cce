import { UsageError } from '../../core/errors.js';
import { displayPath } from '../../lint/aggregate.js';
import { provenance } from '../../resolve/provenance.js';
import { resolveRepository } from '../../resolve/resolve.js';
import { ALL_EVENTS, type Dispatch, parseEvent, simulateDispatch } from '../../simulate/dispatch.js';
import { emit } from '../io.js';
import type { CommonArgs } from '../run.js';
import { matcherOrAll, resolveOptions } from './shared.js';

export interface ResolveArgs extends CommonArgs {
  event: string;
  stack?: string;
  component?: string;
  format: 'table' | 'json' | 'markdown';
}

export interface DispatchRow {
  component: string;
  stack: string;
  via: Dispatch['via'];
  workflows: { file: string; inputs: Record<string, unknown> }[];
  source: { file: string; line: number } | null;
}

export interface ResolveReport {
  event: string;
  rendered: boolean;
  note?: string;
  dispatches: DispatchRow[];
}

/** `resolve --event`: what Atmos Pro dispatches for every instance on one event. */
export function buildResolveReport(args: ResolveArgs): ResolveReport {
  const ev = parseEvent(args.event);
  if (!ev) throw new UsageError(`unknown event "${args.event}"; use one of: ${ALL_EVENTS.join(', ')}`);
  const resolution = resolveRepository(resolveOptions(args));
  const rendered = resolution.config.templates.enabled;
  const stackOk = matcherOrAll(args.stack);
  const compOk = matcherOrAll(args.component);
  const cwd = resolution.config.cwd;
  const dispatches = resolution.instances
    .filter((i) => stackOk(i.stack) && compOk(i.component))
    .map((i): DispatchRow => {
      const d = simulateDispatch(i, ev, rendered);
      const p = d.activityPath ? provenance(i, ['settings', 'pro', ...d.activityPath])[0] : undefined;
      const loc = p?.key ?? p?.value;
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
  if (!rendered) {
    report.note =
      'templates.settings.enabled is off in atmos.yaml: the CLI uploads inputs unrendered and Atmos Pro renders server-side what it can.';
  }
  return report;
}

export async function resolveCommand(args: ResolveArgs): Promise<number> {
  const report = buildResolveReport(args);
  emit(`${JSON.stringify(report, null, 2)}\n`, args.output, resolveOptions(args).cwd);
  return 0;
}
