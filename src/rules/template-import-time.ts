import type { InstanceRef } from '../core/diagnostic.js';
import type { Loc } from '../core/source.js';
import type { ImportTimeRender, Manifest, Resolution } from '../resolve/types.js';
import { templateAnalysis } from './template-analysis.js';
import { COMPONENT_CONTEXT_FIELDS } from './template-context.js';
import { defineRule } from './types.js';

const COMPONENT_TIME = new Set(COMPONENT_CONTEXT_FIELDS);

/** One component-time field used in a file Atmos renders at import time. */
export interface ImportTimeProblem {
  loc: Loc;
  field: string;
  reason: ImportTimeRender['reason'];
  ignoreMissing: boolean;
  contextKeys: string[];
  /** The imports that make Atmos render the file (the `context` import, or the import of a `.tmpl` file). */
  imports: Loc[];
  instances: InstanceRef[];
}

const memo = new WeakMap<Resolution, ImportTimeProblem[]>();

/**
 * Every file Atmos renders at import time (semantics §2.6: a `.yaml.tmpl` file, an import with a
 * `context`, a file with `locals`) and does not defer to component time, checked for
 * references to fields that only the component context has. Computed once per resolution: the
 * template-syntax rule uses it to leave these failures to this rule.
 */
export function importTimeProblems(resolution: Resolution): ImportTimeProblem[] {
  const cached = memo.get(resolution);
  if (cached) return cached;
  const analysis = templateAnalysis(resolution);
  // Which real instances each rendered manifest (one per import state) contributes to.
  const users = new Map<Manifest, InstanceRef[]>();
  const seenLayers = new Set<object>();
  for (const c of resolution.components) {
    if (seenLayers.has(c.layers)) {
      if (!c.abstract) for (const l of c.layers) users.get(l.manifest)?.push(c);
      continue;
    }
    seenLayers.add(c.layers);
    for (const l of c.layers) {
      const r = l.manifest.importTimeRender;
      if (!r || !rendersAtImportTime(r)) continue;
      let list = users.get(l.manifest);
      if (!list) users.set(l.manifest, (list = []));
      if (!c.abstract) list.push(c);
    }
  }

  const byPlace = new Map<string, ImportTimeProblem>();
  for (const [manifest, instances] of users) {
    const r = manifest.importTimeRender!;
    const parsed = analysis.parse(r.rawFile.text, 'import');
    if (!parsed.ok) continue; // template-syntax reports it
    const known = new Set(r.contextKeys);
    for (const ref of parsed.refs) {
      const field = ref.path[0]!;
      if (known.has(field) || !COMPONENT_TIME.has(field)) continue;
      // With missing values ignored, `.vars.x | default "y"` renders its default: deliberate.
      if (r.ignoreMissing && ref.guarded) continue;
      const span = ref.keySpans[0] ?? { pos: ref.pos, end: ref.end };
      const key = `${r.rawFile.path}\0${span.pos}\0${r.reason}\0${r.ignoreMissing}\0${[...known].sort().join(',')}`;
      let p = byPlace.get(key);
      if (!p) {
        p = {
          loc: { file: r.rawFile, start: span.pos, end: span.end },
          field,
          reason: r.reason,
          ignoreMissing: r.ignoreMissing,
          contextKeys: [...known].sort(),
          imports: [],
          instances: [],
        };
        byPlace.set(key, p);
      }
      if (r.importLoc && !p.imports.some((l) => sameLoc(l, r.importLoc!))) p.imports.push(r.importLoc);
      p.instances.push(...instances.map((i) => ({ component: i.component, stack: i.stack })));
    }
  }
  const out = [...byPlace.values()];
  memo.set(resolution, out);
  return out;
}

/**
 * Whether the file's text is rendered before any component exists. When rendering fails without an
 * import `context`, Atmos keeps the raw text (`deferred`) and its templates wait for component time.
 */
function rendersAtImportTime(r: ImportTimeRender): boolean {
  return !r.deferred;
}

const WHY: Record<ImportTimeRender['reason'], string> = {
  tmpl: 'a `.yaml.tmpl` file',
  context: 'imported with a `context`',
  locals: 'it has `locals`',
};

function sameLoc(a: Loc, b: Loc): boolean {
  return a.file.path === b.file.path && a.start === b.start && a.end === b.end;
}

export default defineRule({
  meta: {
    id: 'template-import-time',
    category: 'template',
    defaultSeverity: 'error',
    description:
      'A template uses component fields in a file Atmos renders at import time, where they do not exist',
    messages: {
      field:
        '`.{field}` exists only in the component context, but this file is rendered at import time ({why}), when the template data has {keys}: Atmos {outcome}. Escape it as `{{ "{{ .{field} }}" }}` so it waits for component time, or move it to a file imported without `context`.',
    },
    fixable: false,
  },
  check(ctx) {
    for (const p of importTimeProblems(ctx.resolution)) {
      const related = p.imports.map((loc) => ({
        loc,
        message: p.reason === 'context' ? 'imported with a `context` here' : 'imported here',
      }));
      const data = {
        field: p.field,
        why: WHY[p.reason],
        keys:
          p.contextKeys.length > 0 ? `only ${p.contextKeys.map((k) => `\`${k}\``).join(', ')}` : 'no fields',
        outcome: p.ignoreMissing
          ? 'renders `<no value>` (ignore_missing_template_values)'
          : 'fails with "map has no entry for key"',
      };
      if (p.instances.length === 0) {
        ctx.report({ messageId: 'field', data, loc: p.loc, related });
        continue;
      }
      for (const instance of p.instances)
        ctx.report({ messageId: 'field', data, loc: p.loc, instance, related });
    }
  },
});
