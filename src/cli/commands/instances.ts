import { Chalk } from 'chalk';
import { displayPath } from '../../lint/aggregate.js';
import { resolveRepository } from '../../resolve/resolve.js';
import { emit, useColor } from '../io.js';
import type { CommonArgs } from '../run.js';
import { matcherOrAll, resolveOptions } from './shared.js';

export interface InstancesArgs extends CommonArgs {
  format: 'table' | 'json';
  stack?: string;
  component?: string;
}

export interface InstanceRow {
  component: string;
  stack: string;
  component_type: string;
  file: string;
  pro: { configured: boolean; enabled: boolean; drift: boolean };
}

export async function instancesCommand(args: InstancesArgs): Promise<number> {
  const opts = resolveOptions(args);
  const resolution = resolveRepository(opts);
  const stackOk = matcherOrAll(args.stack);
  const compOk = matcherOrAll(args.component);
  const rows: InstanceRow[] = resolution.instances
    .filter((i) => stackOk(i.stack) && compOk(i.component))
    .map((i) => ({
      component: i.component,
      stack: i.stack,
      component_type: i.componentType,
      file: displayPath(resolution.config.cwd, i.manifest.file.path),
      pro: { configured: i.pro.configured, enabled: i.pro.enabled, drift: i.pro.drift },
    }));
  if (args.format === 'json') {
    emit(`${JSON.stringify({ instances: rows }, null, 2)}\n`, args.output, opts.cwd);
    return 0;
  }
  emit(table(rows, useColor(args.color)), args.output, opts.cwd);
  return 0;
}

function table(rows: InstanceRow[], color: boolean): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const head = ['STACK', 'COMPONENT', 'TYPE', 'PRO', 'DRIFT', 'FILE'];
  const cells = rows.map((r) => [
    r.stack,
    r.component,
    r.component_type,
    r.pro.configured ? (r.pro.enabled ? 'enabled' : 'disabled') : '-',
    r.pro.drift ? 'on' : '-',
    r.file,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i]!.length)));
  const pad = (s: string, i: number) => s.padEnd(widths[i]!);
  const lines = [c.bold(head.map(pad).join('  ').trimEnd())];
  for (const row of cells) {
    const styled = row.map((v, i) => {
      const p = pad(v, i);
      if (i === 3) return v === 'enabled' ? c.green(p) : v === 'disabled' ? c.yellow(p) : c.dim(p);
      if (i === 4) return v === 'on' ? c.cyan(p) : c.dim(p);
      return p;
    });
    lines.push(styled.join('  ').trimEnd());
  }
  const enabled = rows.filter((r) => r.pro.enabled).length;
  const drift = rows.filter((r) => r.pro.drift).length;
  lines.push(
    '',
    c.dim(
      `${rows.length} instances (${enabled} Pro-enabled, ${rows.length - enabled} not, ${drift} with drift detection)`,
    ),
  );
  return `${lines.join('\n')}\n`;
}
