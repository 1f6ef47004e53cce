import { Document, isScalar, isSeq, isMap as isYamlMap, type Node } from 'yaml';
import { dict } from '../../core/dict.js';
import { UsageError } from '../../core/errors.js';
import { spanOf } from '../../core/source.js';
import { didYouMean } from '../../core/suggest.js';
import { displayPath } from '../../lint/aggregate.js';
import { isMap, type PlainMap } from '../../resolve/merge.js';
import { type PathSegment, provenance } from '../../resolve/provenance.js';
import { resolveRepository } from '../../resolve/resolve.js';
import type { ComponentInstance } from '../../resolve/types.js';
import { emit } from '../io.js';
import type { CommonArgs } from '../run.js';
import { resolveOptions } from './shared.js';

export interface DescribeArgs extends CommonArgs {
  component: string;
  stack: string;
  format: 'yaml' | 'json';
  provenance?: boolean;
}

export async function describeCommand(args: DescribeArgs): Promise<number> {
  const opts = resolveOptions(args);
  const resolution = resolveRepository(opts);
  const inStack = resolution.components.filter((c) => c.stack === args.stack);
  if (inStack.length === 0) {
    const hint = didYouMean(
      args.stack,
      resolution.stacks.map((s) => s.name),
    );
    throw new UsageError(
      `stack "${args.stack}" not found.${hint ? ` Did you mean "${hint}"?` : ''} Run \`atmos-pro-lint instances\` to list stacks.`,
    );
  }
  const matches = inStack.filter((c) => c.component === args.component);
  if (matches.length === 0) {
    const hint = didYouMean(
      args.component,
      inStack.map((c) => c.component),
    );
    throw new UsageError(
      `component "${args.component}" not found in stack "${args.stack}".${hint ? ` Did you mean "${hint}"?` : ''}`,
    );
  }
  const c = matches[0]!;
  const section = describeSection(c);
  const cwd = resolution.config.cwd;
  if (args.format === 'json') {
    const body = args.provenance
      ? { component: section, provenance: provenanceMap(c, section, cwd) }
      : section;
    emit(`${JSON.stringify(sortKeys(body), null, 2)}\n`, args.output, opts.cwd);
    return 0;
  }
  const doc = new Document(sortKeys(section));
  if (args.provenance) annotate(doc.contents as Node, c, [], cwd);
  emit(doc.toString({ lineWidth: 0, indent: 2 }), args.output, opts.cwd);
  return 0;
}

/** The component section as `atmos describe component` shows it, with the stack's sorted imports. */
export function describeSection(c: ComponentInstance): PlainMap {
  const out = Object.assign(dict(), c.rendered) as PlainMap;
  out.imports = [...c.imports];
  return out;
}

export function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (isMap(v)) {
    const o: PlainMap = {};
    for (const k of Object.keys(v).sort()) o[k] = sortKeys(v[k]);
    return o;
  }
  if (typeof v === 'bigint') return Number(v);
  return v;
}

function where(c: ComponentInstance, path: PathSegment[], cwd: string): string | undefined {
  const p = provenance(c, path)[0];
  if (!p) return undefined;
  const s = spanOf(p.value);
  return `${displayPath(cwd, p.value.file.path)}:${s.line}:${s.column}`;
}

/** Leaf paths → where they were written (JSON `--provenance`). */
function provenanceMap(c: ComponentInstance, section: PlainMap, cwd: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (v: unknown, path: PathSegment[]) => {
    if (isMap(v)) {
      for (const k of Object.keys(v).sort()) walk(v[k], [...path, k]);
      return;
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) walk(v[i], [...path, i]);
      return;
    }
    const w = where(c, path, cwd);
    if (w) out[path.join('.')] = w;
  };
  walk(section, []);
  return out;
}

/** YAML `--provenance`: a trailing comment on every leaf, as Atmos prints it. */
function annotate(node: Node, c: ComponentInstance, path: PathSegment[], cwd: string): void {
  if (isYamlMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const value = pair.value as Node | null;
      if (!value) continue;
      if (
        isScalar(value) ||
        (isYamlMap(value) && value.items.length === 0) ||
        (isSeq(value) && value.items.length === 0)
      ) {
        const w = where(c, [...path, key], cwd);
        if (w) value.comment = ` ${w}`;
      } else annotate(value, c, [...path, key], cwd);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      const n = item as Node;
      if (isScalar(n)) {
        const w = where(c, [...path, i], cwd);
        if (w) n.comment = ` ${w}`;
      } else annotate(n, c, [...path, i], cwd);
    });
  }
}
