import { isAlias, isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Loc, SourceFile } from '../core/source.js';
import { APPEND_KEY } from './tags.js';

/**
 * Where a loaded map or list was written. Values stay plain JavaScript (fast to merge and render);
 * this side table lets a provenance query find the YAML node of any loaded container, and from it
 * the exact range of an entry, only when someone asks.
 */
export interface ContainerOrigin {
  file: SourceFile;
  node: YAMLMap | YAMLSeq;
  /** Resolves alias nodes met while searching `<<` merge sources. */
  resolveAlias: (alias: Node) => Node | undefined;
}

/**
 * The origin lives on the value itself, as non-enumerable symbol properties (invisible to
 * `Object.keys`, `for…in`, spreads, `Object.assign` and JSON): a WeakMap side table with an entry
 * for every loaded container made garbage collection the largest cost on big repositories.
 */
const ORIGIN_NODE = Symbol('atmos-pro-lint.origin.node');
const ORIGIN_FILE = Symbol('atmos-pro-lint.origin.file');
const HOLDS_APPEND = Symbol('atmos-pro-lint.holds-append');

type FileContext = Omit<ContainerOrigin, 'node'>;
type Tagged = { [ORIGIN_NODE]?: YAMLMap | YAMLSeq; [ORIGIN_FILE]?: FileContext; [HOLDS_APPEND]?: true };

function define(target: object, key: symbol, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: false, writable: true, configurable: true });
}

/** `context` is shared by every container of one file; only the node is per container. */
export function setOrigin(value: object, origin: ContainerOrigin): void {
  define(value, ORIGIN_NODE, origin.node);
  define(value, ORIGIN_FILE, sharedContext(origin));
}

const contexts = new WeakMap<SourceFile, FileContext>();
function sharedContext(origin: FileContext): FileContext {
  let c = contexts.get(origin.file);
  if (!c || c.resolveAlias !== origin.resolveAlias) {
    c = { file: origin.file, resolveAlias: origin.resolveAlias };
    contexts.set(origin.file, c);
  }
  return c;
}

/**
 * Gives a copy of a loaded container the original's origin (its entries are found the same way) and
 * its `!append` mark.
 */
export function copyOrigin(from: object, to: object): void {
  const f = from as Tagged;
  if (f[ORIGIN_NODE] && f[ORIGIN_FILE]) {
    define(to, ORIGIN_NODE, f[ORIGIN_NODE]);
    define(to, ORIGIN_FILE, f[ORIGIN_FILE]);
  }
  // A copy holds whatever `!append` lists the original held; without the mark, merges would not
  // look inside it and the wrapper would reach the output.
  if (f[HOLDS_APPEND]) define(to, HOLDS_APPEND, true);
}

export function originOf(value: unknown): ContainerOrigin | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const v = value as Tagged;
  const node = v[ORIGIN_NODE];
  const ctx = v[ORIGIN_FILE];
  return node && ctx ? { file: ctx.file, resolveAlias: ctx.resolveAlias, node } : undefined;
}

export function nodeLoc(file: SourceFile, node: { range?: [number, number, number] | null }): Loc {
  const r = node.range;
  return r ? { file, start: r[0], end: r[1] } : { file, start: 0, end: 0 };
}

/** The location of a whole loaded container. */
export function containerLoc(value: unknown): Loc | undefined {
  const o = originOf(value);
  return o ? nodeLoc(o.file, o.node) : undefined;
}

export interface EntryLoc {
  /** The key as written (maps only). */
  key?: Loc;
  /** The value as written; for an alias, the alias itself. */
  value: Loc;
}

/**
 * Where the entry `key` of a loaded map (or index of a list) was written, following `<<` merge keys
 * the way yaml.v3 applies them: explicit keys first, then merge sources in order.
 */
export function entryLoc(container: unknown, key: string | number): EntryLoc | undefined {
  const o = originOf(container);
  if (!o) return undefined;
  if (isSeq(o.node)) {
    if (typeof key !== 'number') return undefined;
    const item = o.node.items[key] as Node | undefined;
    return item ? { value: nodeLoc(o.file, item) } : undefined;
  }
  const pair = findPair(o.node, String(key), o, new Set());
  if (!pair) return undefined;
  const keyNode = pair.key as Node | null;
  const valueNode = (pair.value as Node | null) ?? keyNode;
  return {
    key: keyNode ? nodeLoc(o.file, keyNode) : undefined,
    value: valueNode ? nodeLoc(o.file, valueNode) : nodeLoc(o.file, o.node),
  };
}

function findPair(map: YAMLMap, key: string, o: ContainerOrigin, seen: Set<Node>): Pair | undefined {
  if (seen.has(map)) return undefined;
  seen.add(map);
  let merge: Node | undefined;
  for (const item of map.items) {
    const k = item.key as Node | null;
    if (isScalar(k) && isMergeKeyNode(k)) {
      merge = (item.value as Node | null) ?? undefined;
      continue;
    }
    if (keyString(k) === key) return item;
  }
  if (!merge) return undefined;
  const sources = isSeq(merge) ? (merge.items as Node[]) : [merge];
  for (const s of sources) {
    const target = isAlias(s) ? o.resolveAlias(s) : s;
    if (isMap(target)) {
      const found = findPair(target, key, o, seen);
      if (found) return found;
    }
  }
  return undefined;
}

/** A plain `<<` is a merge key (yaml.v3 `isMerge`); a quoted one is an ordinary string key. */
export function isMergeKeyNode(node: Node): boolean {
  return isScalar(node) && node.type === 'PLAIN' && node.source === '<<' && !hasExplicitTag(node);
}

function hasExplicitTag(node: Node): boolean {
  return typeof node.tag === 'string' && node.tag !== '' && node.tag !== 'tag:yaml.org,2002:merge';
}

/** The string a map key decodes to under Atmos (yaml.v3 into map[string]any takes the scalar text). */
export function keyString(node: Node | null | undefined): string {
  if (node == null) return '';
  if (isScalar(node)) {
    if (node.type === 'PLAIN' && typeof node.source === 'string') return node.source;
    const v = node.value;
    return v === null || v === undefined ? '' : String(v);
  }
  return JSON.stringify(node.toJSON());
}

/** Marks a loaded map that holds an `!append` list somewhere below it (through maps only). */
export function markHoldsAppend(map: object): void {
  define(map, HOLDS_APPEND, true);
}

/** Whether a map may hold `!append` wrappers; merges only walk such maps to resolve them. */
export function holdsAppend(map: object): boolean {
  return (map as Tagged)[HOLDS_APPEND] === true;
}

/** A value that makes the map holding it a `holdsAppend` map: a wrapper, or a map holding one. */
export function carriesAppend(v: unknown): boolean {
  return (
    v !== null &&
    typeof v === 'object' &&
    !Array.isArray(v) &&
    (Object.hasOwn(v, APPEND_KEY) || holdsAppend(v))
  );
}
