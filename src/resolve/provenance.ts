import type { Loc, SourceFile } from '../core/source.js';
import { entryLoc } from '../load/origin.js';
import { isMap } from './merge.js';
import type { Layer, Manifest } from './types.js';

export type PathSegment = string | number;

/** One place that wrote a value; the first entry of a provenance answer is the winner. */
export interface ProvenanceEntry {
  /** The value as written. */
  value: Loc;
  /** The key as written, for map entries. */
  key?: Loc;
  /** Raw-manifest path that held it, e.g. ['components','terraform','vpc','settings','pro']. */
  path: PathSegment[];
  layer: Layer;
}

export interface ProvenanceSubject {
  componentType: string;
  component: string;
  baseChain: readonly string[];
  layers: readonly Layer[];
}

/** Sections merged as global → `<type>` → base chain → component → overrides. */
const SCOPED = new Set(['vars', 'settings', 'env', 'auth', 'hooks', 'generate', 'dependencies', 'providers']);
const OVERRIDABLE = new Set(['vars', 'settings', 'env', 'auth', 'hooks', 'generate', 'providers']);

interface Candidate {
  path: PathSegment[];
  /** A file-scoped `overrides` path: only layers whose overrides reached this component count. */
  fileOverrides?: boolean;
}

/**
 * The candidate raw paths a merged component path can come from, lowest precedence first. Scope
 * beats file order: every layer's global `settings` ranks below every layer's `terraform.settings`.
 */
function candidates(s: ProvenanceSubject, path: readonly PathSegment[]): Candidate[] {
  const [section, ...rest] = path;
  if (typeof section !== 'string') return [];
  const t = s.componentType;
  const own = ['components', t, s.component];
  const out: Candidate[] = [];
  const add = (p: PathSegment[], fileOverrides = false) =>
    out.push(fileOverrides ? { path: p, fileOverrides } : { path: p });
  if (section === 'metadata') {
    add(['metadata', ...rest]);
    for (const b of s.baseChain)
      if (rest[0] !== 'inherits' && rest[0] !== 'type') add(['components', t, b, 'metadata', ...rest]);
    add([...own, 'metadata', ...rest]);
    return out;
  }
  if (SCOPED.has(section)) {
    if (section !== 'providers') add([section, ...rest]);
    add([t, section, ...rest]);
  }
  for (const b of s.baseChain) add(['components', t, b, section, ...rest]);
  add([...own, section, ...rest]);
  if (OVERRIDABLE.has(section)) {
    add([...own, 'overrides', section, ...rest]);
    // Atmos writes file-scoped overrides into terraform and helmfile components only.
    if (t === 'terraform' || t === 'helmfile') {
      add(['overrides', section, ...rest], true);
      add([t, 'overrides', section, ...rest], true);
    }
  }
  return out;
}

/**
 * `depth` is the length of the longest prefix of the path holding a map (or list) in this layer:
 * a lower layer's scalar at a prefix no longer than that was overwritten by it.
 */
type Probe =
  | { kind: 'hit'; container: object; key: PathSegment; depth: number }
  | { kind: 'blocked'; depth: number }
  | { kind: 'absent'; depth: number };

/** Follows a path; a non-map met inside the section part blocks everything of lower precedence. */
function probe(root: unknown, path: readonly PathSegment[], sectionDepth: number): Probe {
  let cur: unknown = root;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    const isLast = i === path.length - 1;
    if (Array.isArray(cur)) {
      if (typeof seg !== 'number' || seg >= cur.length)
        return i > sectionDepth ? { kind: 'blocked', depth: i } : { kind: 'absent', depth: -1 };
      if (isLast) return { kind: 'hit', container: cur, key: seg, depth: i };
      cur = cur[seg];
      continue;
    }
    if (!isMap(cur)) return i > sectionDepth ? { kind: 'blocked', depth: i } : { kind: 'absent', depth: -1 };
    if (!Object.hasOwn(cur, String(seg))) return { kind: 'absent', depth: i };
    if (isLast) return { kind: 'hit', container: cur, key: seg, depth: i };
    cur = cur[String(seg)];
  }
  return { kind: 'absent', depth: -1 };
}

/** Manifests whose file-scoped overrides were written into this component (in any of its layers). */
function overrideSources(s: ProvenanceSubject): Set<Manifest> {
  const out = new Set<Manifest>();
  const type = s.componentType === 'helmfile' ? 'helmfile' : 'terraform';
  for (const layer of s.layers) {
    const from = layer.overridesFrom?.[type];
    if (!from || from.length === 0) continue;
    const components = layer.value.components;
    const typed = isMap(components) ? components[s.componentType] : undefined;
    if (!isMap(typed) || !Object.hasOwn(typed, s.component)) continue;
    for (const m of from) out.add(m);
  }
  return out;
}

/**
 * Where the value at `path` of a merged component section was written, and what it overrode,
 * computed lazily from the raw manifests: the highest-precedence writer comes first.
 */
export function provenance(s: ProvenanceSubject, path: readonly PathSegment[]): ProvenanceEntry[] {
  const out: ProvenanceEntry[] = [];
  const cands = candidates(s, path);
  let scope: Set<Manifest> | undefined;
  const seen = new Set<string>();
  for (let c = cands.length - 1; c >= 0; c--) {
    const cand = cands[c]!;
    const sectionDepth = cand.path.length - (path.length - 1);
    if (cand.fileOverrides) scope ??= overrideSources(s);
    // Each candidate is merged across layers before the candidates are merged in order (Atmos
    // merges every file's `overrides`, say, into one map first). A scalar on the way that a higher
    // layer of the same candidate replaced with a map hides only this candidate's lower layers; a
    // scalar that wins its candidate hides everything of lower precedence.
    let covered = -1;
    for (let i = s.layers.length - 1; i >= 0; i--) {
      const layer = s.layers[i]!;
      if (cand.fileOverrides && !scope!.has(layer.manifest)) continue;
      const p = probe(layer.value, cand.path, sectionDepth);
      if (p.kind === 'blocked') {
        if (p.depth <= covered) break;
        return out;
      }
      covered = Math.max(covered, p.depth);
      if (p.kind !== 'hit') continue;
      const e = entryLoc(p.container, p.key);
      if (!e) continue;
      // Merged maps share untouched subtrees with their sources, so one written value can be
      // reached through two paths (a file's `overrides` and the copy written into a component).
      const seenKey = `${e.value.file.path}\0${e.value.start}`;
      if (seen.has(seenKey)) continue;
      seen.add(seenKey);
      out.push({
        value: toRaw(e.value, layer),
        key: e.key ? toRaw(e.key, layer) : undefined,
        path: cand.path,
        layer,
      });
    }
  }
  return out;
}

/** Locations in a file rendered at import time are mapped back to the file on disk by line. */
function toRaw(loc: Loc, layer: Layer): Loc {
  const render = layer.manifest.importTimeRender;
  if (!render || loc.file === render.rawFile) return loc;
  return mapByLine(loc, render.rawFile);
}

/**
 * A location in rendered text, moved to the same line and column of the raw file (rendering keeps
 * lines where they are, mostly): cut at the end of that raw line; the file start when the line is
 * past the raw file's end.
 */
export function mapByLine(loc: Loc, raw: SourceFile): Loc {
  const p = loc.file.position(loc.start);
  if (p.line > raw.lineCount) return { file: raw, start: 0, end: 0 };
  const lineEnd = raw.offset(p.line, raw.line(p.line).length + 1);
  const start = Math.min(raw.offset(p.line, p.column), lineEnd);
  return { file: raw, start, end: Math.min(lineEnd, start + Math.max(0, loc.end - loc.start)) };
}
