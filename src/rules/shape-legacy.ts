import { isAlias, isMap, isScalar, isSeq, type Node, Parser, type Scalar, type YAMLSeq } from 'yaml';
import type { Loc, SourceFile } from '../core/source.js';
import { entryLoc, originOf } from '../load/origin.js';
import { isMap as isPlainMap, type PlainMap } from '../resolve/merge.js';
import type { ProvenanceEntry } from '../resolve/provenance.js';
import { PR_ACTIVITIES } from '../simulate/dispatch.js';
import { quoteScalarEdit } from './shape-edits.js';
import { valueAt } from './shape-values.js';
import type { TextEdit } from './types.js';

/**
 * Rewrites the deprecated list form of `pull_request` to the map form, as text, so that everything
 * around it (comments, anchors, quoting) stays as written:
 *
 *   pull_request:                           pull_request:
 *     - on: [opened, synchronize]             opened:
 *       workflows: *plan            →           workflows: *plan
 *     - trigger: [merged]                     synchronize:
 *       workflows: *apply                       workflows: *plan
 *                                             merged:
 *                                               workflows: *apply
 *
 * Each listed activity gets the item's `workflows` text: an alias stays that alias, an anchored map
 * is written once and aliased after that, any other map is repeated. Comments of an item move above
 * its first activity. Returns undefined whenever the rewrite would not be exactly equivalent.
 */
export function legacyListEdit(
  written: ProvenanceEntry,
  lower: readonly ProvenanceEntry[],
): TextEdit | undefined {
  if (written.layer.manifest.importTimeRender) return undefined;
  const list = valueAt(written.layer.value, written.path);
  if (!Array.isArray(list)) return undefined;
  // A list replaces a map written below it; a map would merge with it instead.
  for (const e of lower) if (isPlainMap(valueAt(e.layer.value, e.path))) return undefined;
  const origin = originOf(list);
  if (!origin || !isSeq(origin.node)) return undefined;
  return rewrite(origin.file, origin.node, list);
}

interface Item {
  activities: string[];
  /** `workflows: …` as written, from the key to the end of the value. */
  segment: { start: number; end: number; keyColumn: number };
  /** Quoting edits for non-string inputs inside the segment (input-not-string would overlap otherwise). */
  edits: TextEdit[];
  /** Set when the value is an anchored node: later copies alias it. */
  anchor?: string;
  alias: boolean;
  range: [number, number];
}

function rewrite(file: SourceFile, seq: YAMLSeq, list: unknown[]): TextEdit | undefined {
  const text = file.text;
  const range = seq.range;
  if (!range || seq.items.length !== list.length || list.length === 0) return undefined;
  const items: Item[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < list.length; i++) {
    const item = buildItem(file, seq.items[i] as Node | null, list[i], seen);
    if (!item) return undefined;
    items.push(item);
  }
  const end = trimEnd(text, range[1]);
  let start: number;
  let column: number;
  let lead: string;
  const firstLineStart = lineStart(text, range[0]);
  if (seq.flow) {
    const parent = keyColumn(text, firstLineStart);
    if (parent === undefined) return undefined;
    column = parent + 2;
    start = range[0];
    while (start > 0 && text[start - 1] === ' ') start--;
    lead = '\n';
    for (const it of items) if (text.slice(it.segment.start, it.segment.end).includes('\n')) return undefined;
  } else {
    if (text.slice(firstLineStart, range[0]).trim() !== '') return undefined;
    const dash = range[0] - firstLineStart;
    const parent = keyColumn(text, previousContentLine(text, firstLineStart));
    if (parent === undefined) return undefined;
    column = dash > parent ? dash : parent + 2;
    start = firstLineStart;
    lead = '';
  }
  const comments = commentsIn(text, start, end, items);
  const pad = ' '.repeat(column);
  const lines: string[] = [];
  items.forEach((it, i) => {
    for (const c of comments[i] ?? []) lines.push(`${pad}${c}`);
    it.activities.forEach((activity, j) => {
      lines.push(`${pad}${activity}:`);
      const body =
        j > 0 && it.anchor !== undefined
          ? `workflows: *${it.anchor}`
          : reindent(
              applyEdits(text, it.segment.start, it.segment.end, it.edits),
              it.segment.keyColumn,
              column + 2,
            );
      lines.push(`${pad}  ${body}`);
    });
  });
  return { file, start, end, text: lead + lines.join('\n') };
}

function buildItem(file: SourceFile, node: Node | null, value: unknown, seen: Set<string>): Item | undefined {
  if (!node || !isMap(node) || !node.range || node.anchor || !isPlainMap(value)) return undefined;
  // Which of the two spellings wins when both are written is not specified anywhere.
  if (Object.hasOwn(value, 'on') && Object.hasOwn(value, 'trigger')) return undefined;
  const activities: string[] = [];
  let workflowsPair: { key: Scalar; value: Node } | undefined;
  for (const pair of node.items) {
    const key = pair.key as Node | null;
    if (!isScalar(key) || typeof key.value !== 'string' || !key.range) return undefined;
    const name = key.value;
    const v = pair.value as Node | null;
    if (name === 'workflows') {
      if (!v) return undefined;
      workflowsPair = { key, value: v };
    } else if (name === 'on' || name === 'trigger') {
      if (anchorsIn(v).length > 0) return undefined;
      const names = (value as PlainMap)[name];
      if (!Array.isArray(names)) return undefined;
      for (const a of names) {
        if (typeof a !== 'string' || !(PR_ACTIVITIES as readonly string[]).includes(a) || seen.has(a))
          return undefined;
        seen.add(a);
        activities.push(a);
      }
    } else return undefined;
  }
  const workflows = (value as PlainMap).workflows;
  if (!workflowsPair || activities.length === 0 || !isPlainMap(workflows)) return undefined;
  if (Object.keys(workflows).length === 0) return undefined;
  const v = workflowsPair.value;
  const keyStart = workflowsPair.key.range![0];
  const segEnd = trimEnd(file.text, v.range?.[1] ?? keyStart);
  const alias = isAlias(v);
  const anchor = !alias && v.anchor ? v.anchor : undefined;
  // Anchors below the value would be defined twice when the map is repeated for several activities.
  if (!alias && activities.length > 1 && anchorsIn(v).length > (anchor === undefined ? 0 : 1))
    return undefined;
  const segment = { start: keyStart, end: segEnd, keyColumn: keyStart - lineStart(file.text, keyStart) };
  return {
    activities,
    segment,
    edits: alias ? [] : inputEdits(workflows, file, segment.start, segment.end),
    anchor,
    alias,
    range: [node.range[0], node.range[1]],
  };
}

/** Anchors defined in a node or below it. */
function anchorsIn(node: Node | null | undefined, out: string[] = []): string[] {
  if (!node || isAlias(node)) return out;
  if (node.anchor) out.push(node.anchor);
  if (isMap(node))
    for (const p of node.items) {
      anchorsIn(p.key as Node | null, out);
      anchorsIn(p.value as Node | null, out);
    }
  else if (isSeq(node)) for (const x of node.items) anchorsIn(x as Node | null, out);
  return out;
}

/** Quoting edits for the non-string inputs written inside `[start, end)` of this file. */
function inputEdits(workflows: PlainMap, file: SourceFile, start: number, end: number): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const spec of Object.values(workflows)) {
    if (!isPlainMap(spec) || !isPlainMap(spec.inputs)) continue;
    for (const [name, v] of Object.entries(spec.inputs)) {
      if (typeof v !== 'boolean' && typeof v !== 'number' && typeof v !== 'bigint') continue;
      const loc = entryLoc(spec.inputs, name)?.value;
      if (!loc || loc.file !== file || loc.start < start || loc.end > end) continue;
      const edit = quoteScalarEdit(loc as Loc);
      if (edit) edits.push(edit);
    }
  }
  return edits.sort((a, b) => a.start - b.start);
}

function applyEdits(text: string, start: number, end: number, edits: readonly TextEdit[]): string {
  let out = '';
  let at = start;
  for (const e of edits) {
    if (e.start < at) continue;
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at, end);
}

/** Shifts every line after the first from `from` to `to` columns (the first line is placed by the caller). */
function reindent(segment: string, from: number, to: number): string {
  const delta = to - from;
  if (delta === 0) return segment;
  const lines = segment.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') {
      lines[i] = '';
      continue;
    }
    if (delta > 0) lines[i] = ' '.repeat(delta) + line;
    else {
      const lead = line.length - line.trimStart().length;
      lines[i] = line.slice(Math.min(lead, -delta));
    }
  }
  return lines.join('\n');
}

/** Comment texts in `[start, end)` outside the copied segments, grouped by the item they precede or sit in. */
function commentsIn(text: string, start: number, end: number, items: readonly Item[]): string[][] {
  const out: string[][] = items.map(() => []);
  const tokens = new Parser().parse(text);
  const found: { offset: number; source: string }[] = [];
  const walk = (o: unknown): void => {
    if (Array.isArray(o)) {
      for (const x of o) walk(x);
      return;
    }
    if (o === null || typeof o !== 'object') return;
    const t = o as { type?: unknown; offset?: unknown; source?: unknown };
    if (t.type === 'comment' && typeof t.offset === 'number' && typeof t.source === 'string') {
      if (t.offset >= start && t.offset < end) found.push({ offset: t.offset, source: t.source });
      return;
    }
    for (const v of Object.values(o)) if (v !== null && typeof v === 'object') walk(v);
  };
  for (const token of tokens) walk(token);
  found.sort((a, b) => a.offset - b.offset);
  for (const c of found) {
    if (items.some((it) => c.offset >= it.segment.start && c.offset < it.segment.end)) continue;
    let index = items.findIndex((it) => c.offset < it.range[1]);
    if (index === -1) index = items.length - 1;
    out[index]!.push(c.source.trimEnd());
  }
  return out;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function trimEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && /\s/.test(text[e - 1]!)) e--;
  return e;
}

/** The start of the nearest line above `from` that has content other than a comment. */
function previousContentLine(text: string, from: number): number {
  let start = from;
  while (start > 0) {
    start = lineStart(text, start - 1);
    const line = text.slice(
      start,
      text.indexOf('\n', start) === -1 ? text.length : text.indexOf('\n', start),
    );
    const trimmed = line.trim();
    if (trimmed !== '' && !trimmed.startsWith('#')) return start;
  }
  return 0;
}

/** The column of the mapping key on the line starting at `start` (after any `- ` list markers). */
function keyColumn(text: string, start: number): number | undefined {
  let i = start;
  for (;;) {
    while (text[i] === ' ') i++;
    if (text[i] === '-' && (text[i + 1] === ' ' || text[i + 1] === '\t')) {
      i++;
      continue;
    }
    break;
  }
  if (text[i] === '\t') return undefined;
  return i - start;
}
