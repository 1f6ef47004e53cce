/**
 * Go `text/template` engine for atmos-pro-lint: parse (with positions), render with Go semantics
 * and the Sprig/Gomplate/Atmos function libraries Atmos uses, print, and analyze templates.
 */

import type { TemplateTree } from './ast.js';
import type { TemplateSyntaxError } from './errors.js';
import { type Budget, execute, type MissingKey } from './exec.js';
import { atmosFunctions } from './funcs/atmos.js';
import { gomplateFunctions } from './funcs/gomplate.js';
import { sprigFunctions } from './funcs/sprig.js';
import { FunctionSet, type GoFunction } from './funcs/types.js';
import { parse } from './parser.js';
import { printTree } from './print.js';
import { GoFloat, GoInt, isMap, mapGet, mapKeys, mapSet, newMap, type Value } from './values.js';

export {
  type FieldReference,
  type FunctionCall,
  fieldReferences,
  functionCalls,
  hasActions,
} from './analyze.js';
export type * from './ast.js';
export {
  TemplateBudgetError,
  TemplateError,
  TemplateExecError,
  TemplateSyntaxError,
  UnsupportedFunctionError,
} from './errors.js';
export type { Budget, Meter, MissingKey } from './exec.js';
export { FunctionSet, type GoFunction, type ParamType } from './funcs/types.js';
export { GoFloat, GoInt, NO_VALUE } from './values.js';

export interface TemplateOptions {
  leftDelim?: string;
  rightDelim?: string;
  /** Template name used in Go-style messages (Atmos uses the file or section name). */
  name?: string;
  /**
   * Functions the template may call. When given, unknown function names are syntax errors
   * (`function "x" not defined`), as in Go. When absent, `parseTemplate` does not check names.
   */
  functions?: FunctionSet;
}

export interface RenderOptions {
  /** Go's `missingkey` option; Atmos uses `default` for component sections, `error` for imports and names. */
  missingKey?: MissingKey;
  /** Defaults to Go's builtins only. */
  functions?: FunctionSet;
  /** Environment lookup for `env`, `expandenv`, `getenv`, `env.Getenv` (default: nothing is set). */
  env?: (name: string) => string | undefined;
  budget?: Budget;
}

export function parseTemplate(
  text: string,
  opts: TemplateOptions = {},
): { tree: TemplateTree } | { error: TemplateSyntaxError } {
  const fns = opts.functions;
  return parse(text, {
    ...(opts.name !== undefined ? { name: opts.name } : {}),
    ...(opts.leftDelim !== undefined ? { leftDelim: opts.leftDelim } : {}),
    ...(opts.rightDelim !== undefined ? { rightDelim: opts.rightDelim } : {}),
    ...(fns !== undefined ? { hasFunction: (name: string) => fns.has(name) } : {}),
  });
}

/** Functions that modify their map argument in place (Go maps are references). */
const MUTATING = new Set(['set', 'unset', 'merge', 'mergeOverwrite', 'mustMerge', 'mustMergeOverwrite']);

function usesMutation(text: string): boolean {
  for (const name of MUTATING) if (text.includes(name)) return true;
  return false;
}

/** Deep copy of caller data so in-template mutation (`set`, `merge`) cannot leak out. */
function cloneData(v: Value, memo = new Map<object, Value>()): Value {
  if (typeof v !== 'object' || v === null || v instanceof GoFloat || v instanceof GoInt) return v;
  const seen = memo.get(v);
  if (seen !== undefined) return seen;
  if (Array.isArray(v)) {
    const out: Value[] = [];
    memo.set(v, out);
    for (const e of v) out.push(cloneData(e, memo));
    return out;
  }
  if (isMap(v)) {
    const out = newMap();
    memo.set(v, out);
    for (const k of mapKeys(v)) mapSet(out, k, cloneData(mapGet(v, k), memo));
    return out;
  }
  return v;
}

/**
 * Renders a template (text or parsed tree) against plain JS data.
 * Throws TemplateSyntaxError, TemplateExecError (incl. TemplateBudgetError) or UnsupportedFunctionError.
 */
export function renderTemplate(
  textOrTree: string | TemplateTree,
  data: unknown,
  opts: RenderOptions & TemplateOptions = {},
): string {
  const functions = opts.functions ?? new FunctionSet();
  let tree: TemplateTree;
  if (typeof textOrTree === 'string') {
    const parsed = parseTemplate(textOrTree, { ...opts, functions });
    if ('error' in parsed) throw parsed.error;
    tree = parsed.tree;
  } else tree = textOrTree;
  const input = usesMutation(tree.text) ? cloneData(data) : data;
  return execute(tree, input, {
    functions,
    ...(opts.missingKey !== undefined ? { missingKey: opts.missingKey } : {}),
    ...(opts.env !== undefined ? { env: opts.env } : {}),
    ...(opts.budget !== undefined ? { budget: opts.budget } : {}),
  });
}

let cachedLibraries: { sprig: GoFunction[]; gomplate: GoFunction[]; atmos: GoFunction[] } | undefined;

function libraries(): { sprig: GoFunction[]; gomplate: GoFunction[]; atmos: GoFunction[] } {
  cachedLibraries ??= { sprig: sprigFunctions(), gomplate: gomplateFunctions(), atmos: atmosFunctions() };
  return cachedLibraries;
}

/**
 * The function set Atmos builds: Gomplate first, then Sprig (overriding same-named Gomplate
 * functions), then Atmos's own. Go's builtins are always available underneath.
 */
export function functionSet(opts: { sprig: boolean; gomplate: boolean; atmos: boolean }): FunctionSet {
  const lib = libraries();
  const sources: GoFunction[][] = [];
  if (opts.gomplate) sources.push(lib.gomplate);
  if (opts.sprig) sources.push(lib.sprig);
  if (opts.atmos) sources.push(lib.atmos);
  return new FunctionSet(sources);
}

/** Canonical template source for a tree (re-parses to the same tree). */
export function printTemplate(tree: TemplateTree): string {
  return printTree(tree);
}

export { printTemplate as print };
