import { dict } from '../core/dict.js';
import { holdsAppend } from '../load/origin.js';
import { APPEND_KEY } from '../load/tags.js';

export type ListMergeStrategy = 'replace' | 'append' | 'merge';
export const LIST_MERGE_STRATEGIES: readonly ListMergeStrategy[] = ['replace', 'append', 'merge'];

export type PlainMap = Record<string, unknown>;

export function isMap(v: unknown): v is PlainMap {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function newMap(): PlainMap {
  return dict();
}

function isAppendWrapper(v: unknown): v is PlainMap {
  return isMap(v) && Object.hasOwn(v, APPEND_KEY) && Array.isArray(v[APPEND_KEY]);
}

/**
 * Lists longer than this are not built. Real stacks hold a few hundred elements at most; more comes
 * from appending a list to itself once per level of a chain that imports a file twice, which would
 * double it up to an out-of-memory crash (Atmos builds those lists too, as slowly). Every later merge,
 * hash and render walks such a list again, so the cap is kept well below what memory allows.
 */
export const MAX_MERGED_LIST = 100_000;

/** Thrown by mergeMaps when appending would build a list longer than MAX_MERGED_LIST. */
export class MergeLimitError extends Error {
  constructor(readonly key: string) {
    super(
      `appending to \`${key}\` would build a list of more than ${MAX_MERGED_LIST.toLocaleString('en-US')} elements`,
    );
  }
}

function concat(key: string, a: readonly unknown[], b: readonly unknown[]): unknown[] {
  if (a.length + b.length > MAX_MERGED_LIST) throw new MergeLimitError(key);
  return [...a, ...b];
}

/**
 * Atmos's deep merge (pkg/merge/merge.go `MergeWithOptions` + merge_native.go), written without
 * mutation: inputs are never changed and untouched subtrees are shared, so two instances merging the
 * same catalog cannot leak keys into each other. Semantics:
 * - maps merge recursively; any other type change replaces; a later `null` overrides;
 * - lists: `replace` (default) takes the later list, `append` concatenates, `merge` merges index-wise
 *   (maps at the same index deep-merge, a later non-map element does NOT override the earlier one);
 * - `!append` lists (`{__atmos_append__: [...]}`) are appended to the list accumulated so far.
 */
export function mergeMaps(inputs: readonly unknown[], strategy: ListMergeStrategy = 'replace'): PlainMap {
  let result: PlainMap | undefined;
  for (const input of inputs) {
    if (!isMap(input)) continue;
    let empty = true;
    for (const _ in input) {
      empty = false;
      break;
    }
    if (empty) continue;
    if (result === undefined) {
      result = newMap();
      for (const k of Object.keys(input)) result[k] = resolveAppends(input[k], undefined);
      continue;
    }
    mergeInto(result, input, strategy);
  }
  return result ?? newMap();
}

/**
 * Merges `src` into `dst`, which the caller owns (a fresh map); `src` is only read. `appends` is
 * false inside list elements: Atmos resolves `!append` (processAppendTags) only along map paths, and
 * list elements merged index-wise go through deepMergeNative alone, which sees a wrapper as a map.
 */
function mergeInto(dst: PlainMap, src: PlainMap, strategy: ListMergeStrategy, appends = true): void {
  for (const k of Object.keys(src)) {
    const sv = src[k];
    const has = Object.hasOwn(dst, k);
    const dv = has ? dst[k] : undefined;
    if (appends && isAppendWrapper(sv)) {
      const list = sv[APPEND_KEY] as unknown[];
      dst[k] = Array.isArray(dv) ? concat(k, dv, list) : list.slice();
      continue;
    }
    if (!has) {
      dst[k] = appends ? resolveAppends(sv, undefined) : sv;
      continue;
    }
    if (isMap(sv)) {
      if (isMap(dv)) {
        const merged = newMap();
        for (const dk of Object.keys(dv)) merged[dk] = dv[dk];
        mergeInto(merged, sv, strategy, appends);
        dst[k] = merged;
      } else {
        dst[k] = appends ? resolveAppends(sv, undefined) : sv;
      }
      continue;
    }
    if (strategy !== 'replace' && Array.isArray(dv) && Array.isArray(sv)) {
      dst[k] = strategy === 'append' ? concat(k, dv, sv) : mergeLists(dv, sv, strategy);
      continue;
    }
    dst[k] = sv;
  }
}

function mergeLists(
  dst: readonly unknown[],
  src: readonly unknown[],
  strategy: ListMergeStrategy,
): unknown[] {
  const out: unknown[] = new Array(Math.max(dst.length, src.length));
  const overlap = Math.min(dst.length, src.length);
  for (let i = 0; i < overlap; i++) {
    const s = src[i];
    const d = dst[i];
    if (isMap(s) && isMap(d)) {
      const merged = newMap();
      for (const dk of Object.keys(d)) merged[dk] = d[dk];
      mergeInto(merged, s, strategy, false);
      out[i] = merged;
    } else {
      out[i] = d;
    }
  }
  for (let i = overlap; i < dst.length; i++) out[i] = dst[i];
  for (let i = overlap; i < src.length; i++) out[i] = src[i];
  return out;
}

/** A value copied into a slot with nothing to append to: `!append` wrappers inside become plain lists. */
function resolveAppends(v: unknown, _existing: undefined): unknown {
  if (!isMap(v)) return v;
  if (isAppendWrapper(v)) return (v[APPEND_KEY] as unknown[]).slice();
  if (!holdsAppend(v)) return v;
  let copy: PlainMap | undefined;
  for (const k of Object.keys(v)) {
    const child = v[k];
    if (!isMap(child)) continue;
    const r = resolveAppends(child, undefined);
    if (r !== child) {
      if (!copy) {
        copy = newMap();
        for (const ck of Object.keys(v)) copy[ck] = v[ck];
      }
      copy[k] = r;
    }
  }
  return copy ?? v;
}

/** Structural equality of loaded values (NaN equals NaN, key order does not matter). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') {
    return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.hasOwn(b as object, k) && deepEqual((a as PlainMap)[k], (b as PlainMap)[k]));
}
