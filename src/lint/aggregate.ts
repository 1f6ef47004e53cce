import { relative, sep } from 'node:path';
import type { Diagnostic, Finding, InstanceRef, Severity } from '../core/diagnostic.js';
import { spanOf } from '../core/source.js';

export interface ResolvedFinding extends Finding {
  severity: Severity;
  fixable: boolean;
}

export function displayPath(cwd: string, abs: string): string {
  const r = relative(cwd, abs);
  return (r === '' ? '.' : r).split(sep).join('/');
}

/**
 * One diagnostic per rule and source location: findings for many instances of the same written
 * value collapse into one, listing every instance it affects.
 */
export function aggregate(findings: readonly ResolvedFinding[], cwd: string): Diagnostic[] {
  const groups = new Map<string, { f: ResolvedFinding; instances: Map<string, InstanceRef> }>();
  for (const f of findings) {
    const key = `${f.ruleId}\0${f.loc.file.path}\0${f.loc.start}\0${f.loc.end}\0${f.message}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { f, instances: new Map() }));
    if (f.instance) g.instances.set(`${f.instance.stack}\0${f.instance.component}`, f.instance);
    if (SEVERITY_RANK[f.severity] < SEVERITY_RANK[g.f.severity]) g.f = { ...g.f, severity: f.severity };
    // Fixable only when --fix can repair it for every instance it lists.
    if (!f.fixable && g.f.fixable) g.f = { ...g.f, fixable: false };
  }
  const out: Diagnostic[] = [];
  for (const { f, instances } of groups.values()) {
    const span = spanOf(f.loc);
    const d: Diagnostic = {
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      file: displayPath(cwd, f.loc.file.path),
      line: span.line,
      column: span.column,
      endLine: span.endLine,
      endColumn: span.endColumn,
      instances: [...instances.values()]
        .map((i) => ({ component: i.component, stack: i.stack }))
        .sort((a, b) => cmp(a.stack, b.stack) || cmp(a.component, b.component)),
      fixable: f.fixable,
    };
    if (f.related && f.related.length > 0) {
      d.related = f.related.map((r) => {
        const s = spanOf(r.loc);
        return { file: displayPath(cwd, r.loc.file.path), ...s, message: r.message };
      });
    }
    out.push(d);
  }
  return out.sort(
    (a, b) =>
      cmp(a.file, b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      cmp(a.ruleId, b.ruleId) ||
      cmp(a.message, b.message),
  );
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
