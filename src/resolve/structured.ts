import { carriesAppend, copyOrigin, entryLoc, markHoldsAppend } from '../load/origin.js';
import { parseTemplate } from '../template/index.js';
import { isMap, newMap, type PlainMap } from './merge.js';

/**
 * `processStructuredTemplateRefs` (stack_processor_utils.go): before a manifest is rendered with a
 * context, a value that is exactly one field reference (`"{{ .locals.tags }}"`) takes the context
 * value itself, so maps, lists and typed scalars survive instead of being printed as text.
 */

/** The field path of a string that is exactly one plain field action (ExtractPlainFieldRef). */
export function plainFieldRef(s: string): string[] | undefined {
  if (!s.includes('{{')) return undefined;
  const parsed = parseTemplate(s);
  if ('error' in parsed) return undefined;
  let field: string[] | undefined;
  for (const node of parsed.tree.root.nodes) {
    if (node.type === 'text') {
      if (node.text.trim() !== '') return undefined;
      continue;
    }
    if (node.type !== 'action' || field) return undefined;
    const pipe = node.pipe;
    if (pipe.decl.length !== 0 || pipe.cmds.length !== 1) return undefined;
    const args = pipe.cmds[0]!.args;
    if (args.length !== 1 || args[0]!.type !== 'field') return undefined;
    field = args[0]!.ident;
  }
  return field;
}

function lookup(data: unknown, path: readonly string[]): { value: unknown } | undefined {
  let cur = data;
  for (const p of path) {
    if (!isMap(cur) || !Object.hasOwn(cur, p)) return undefined;
    cur = cur[p];
  }
  return { value: cur };
}

/** Text that would be rendered again by Atmos (it serialises the substituted YAML, then renders it). */
function holdsTemplate(v: unknown): boolean {
  if (typeof v === 'string') return v.includes('{{');
  if (Array.isArray(v)) return v.some(holdsTemplate);
  if (isMap(v)) return Object.values(v).some(holdsTemplate);
  return false;
}

function resolveRef(s: string, data: PlainMap): { value: unknown } | undefined {
  const ref = plainFieldRef(s);
  if (!ref) return undefined;
  const hit = lookup(data, ref);
  return hit && !holdsTemplate(hit.value) ? hit : undefined;
}

const PLACEHOLDER = '__atmos_pro_lint_structured_ref_';

/**
 * The raw text with every structured reference replaced by a placeholder scalar, and the values the
 * placeholders stand for. Only single-line scalars are replaced, so line numbers stay valid.
 */
export function structuredInput(
  value: PlainMap,
  text: string,
  data: PlainMap,
): { text: string; values: Map<string, unknown> } | undefined {
  const edits: { start: number; end: number; value: unknown }[] = [];
  const seenStarts = new Set<number>();
  const seen = new Set<object>();
  const visit = (container: PlainMap | unknown[]) => {
    if (seen.has(container)) return;
    seen.add(container);
    const keys: (string | number)[] = Array.isArray(container)
      ? container.map((_, i) => i)
      : Object.keys(container);
    for (const k of keys) {
      const v = (container as Record<string | number, unknown>)[k];
      if (typeof v === 'string') {
        const hit = resolveRef(v, data);
        if (!hit) continue;
        const loc = entryLoc(container, k)?.value;
        if (!loc || loc.file.text !== text || seenStarts.has(loc.start)) continue;
        const src = text.slice(loc.start, loc.end);
        if (src.includes('\n') || src.startsWith('*')) continue;
        seenStarts.add(loc.start);
        edits.push({ start: loc.start, end: loc.end, value: hit.value });
      } else if (Array.isArray(v) || isMap(v)) visit(v);
    }
  };
  visit(value);
  if (edits.length === 0) return undefined;
  edits.sort((a, b) => b.start - a.start);
  const values = new Map<string, unknown>();
  let out = text;
  edits.forEach((e, i) => {
    const token = `${PLACEHOLDER}${i}__`;
    values.set(token, e.value);
    out = out.slice(0, e.start) + token + out.slice(e.end);
  });
  return { text: out, values };
}

/** Puts the referenced values in place of their placeholders (copies keep their origins). */
export function restorePlaceholders(v: unknown, values: Map<string, unknown>): unknown {
  const replace = (s: string) =>
    s.startsWith(PLACEHOLDER) && values.has(s) ? { value: values.get(s) } : undefined;
  if (typeof v === 'string') return replaced(v, replace);
  return rewrite(v, replace);
}

/** The raw value with structured references substituted (the input Atmos falls back to). */
export function substituteRefs(v: PlainMap, data: PlainMap): PlainMap {
  return rewrite(v, (s) => resolveRef(s, data)) as PlainMap;
}

function replaced(s: string, replace: (s: string) => { value: unknown } | undefined): unknown {
  const hit = replace(s);
  return hit ? hit.value : s;
}

function rewrite(v: unknown, replace: (s: string) => { value: unknown } | undefined): unknown {
  if (Array.isArray(v)) {
    let out: unknown[] | undefined;
    v.forEach((x, i) => {
      const r = typeof x === 'string' ? replaced(x, replace) : rewrite(x, replace);
      if (r !== x) {
        if (!out) {
          out = v.slice();
          copyOrigin(v, out);
        }
        out[i] = r;
      }
    });
    return out ?? v;
  }
  if (isMap(v)) {
    let out: PlainMap | undefined;
    for (const k of Object.keys(v)) {
      const x = v[k];
      const r = typeof x === 'string' ? replaced(x, replace) : rewrite(x, replace);
      if (r !== x) {
        if (!out) {
          out = Object.assign(newMap(), v);
          copyOrigin(v, out);
        }
        out[k] = r;
        // A substituted `!append` wrapper (or a map holding one) must still be seen by the merge,
        // which only walks marked maps; Atmos's processAppendTags walks every map.
        if (carriesAppend(r)) markHoldsAppend(out);
      }
    }
    return out ?? v;
  }
  return v;
}
