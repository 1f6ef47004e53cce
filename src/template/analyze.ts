/**
 * Static analysis of parse trees for lint rules: which data paths a template reads and which
 * functions it calls, with source spans.
 */

import type { ArgNode, ListNode, Node, PipeNode, TemplateTree } from './ast.js';
import type { FunctionSet } from './funcs/types.js';

export interface FieldReference {
  /**
   * Keys read, from the top of the data when `rebound` is false (`.vars.region` and
   * `$.vars.region` both give `['vars', 'region']`, so does `$v.region` after `$v := .vars`).
   * When `rebound` is true, the keys as written, relative to an unknown value.
   */
  path: string[];
  pos: number;
  end: number;
  /** Evaluated on something other than the top-level data (inside `range`/`with`/`define`, a computed value...). */
  rebound: boolean;
  /** For rebound references whose base is still known (`with .vars` makes `.region` read `['vars', 'region']`). */
  resolved?: string[];
  /** How the chain starts: `.`, `$`, a variable name such as `$v`, or `()` for a parenthesized pipeline. */
  base: string;
}

export interface FunctionCall {
  /** `printf`, or `strings.Title` for a namespace method. */
  name: string;
  pos: number;
  end: number;
}

/** What a dot or variable denotes: the data root (with a key path), or an unknown value. */
type Binding = { kind: 'root'; path: string[]; exact: boolean } | { kind: 'unknown' };

const UNKNOWN: Binding = { kind: 'unknown' };
const ROOT: Binding = { kind: 'root', path: [], exact: true };

interface Scope {
  dot: Binding;
  vars: Map<string, Binding>[];
}

function lookup(scope: Scope, name: string): Binding {
  for (let i = scope.vars.length - 1; i >= 0; i--) {
    const b = scope.vars[i]!.get(name);
    if (b !== undefined) return b;
  }
  return UNKNOWN;
}

function declare(scope: Scope, name: string, b: Binding): void {
  scope.vars[scope.vars.length - 1]!.set(name, b);
}

function assign(scope: Scope, name: string): void {
  // A reassigned variable may hold different values on different paths: stop resolving it.
  for (let i = scope.vars.length - 1; i >= 0; i--) {
    if (scope.vars[i]!.has(name)) {
      scope.vars[i]!.set(name, UNKNOWN);
      return;
    }
  }
}

class RefCollector {
  readonly refs: FieldReference[] = [];

  walkList(list: ListNode, scope: Scope): void {
    for (const n of list.nodes) this.walkNode(n, scope);
  }

  private nested<T>(scope: Scope, f: () => T): T {
    scope.vars.push(new Map());
    try {
      return f();
    } finally {
      scope.vars.pop();
    }
  }

  walkNode(n: Node, scope: Scope): void {
    switch (n.type) {
      case 'action':
        this.walkPipe(n.pipe, scope);
        return;
      case 'if':
      case 'with':
      case 'range':
        this.nested(scope, () => {
          const value = this.walkPipe(n.pipe, scope);
          if (n.type === 'range') for (const d of n.pipe.decl) declare(scope, d.ident[0]!, UNKNOWN);
          const bodyDot = n.type === 'if' ? scope.dot : n.type === 'with' ? rebind(value) : UNKNOWN;
          this.nested(scope, () => this.walkList(n.list, { dot: bodyDot, vars: scope.vars }));
          if (n.elseList !== null) this.nested(scope, () => this.walkList(n.elseList!, scope));
        });
        return;
      case 'template':
        if (n.pipe !== null) {
          const value = this.walkPipe(n.pipe, scope);
          if (n.block !== null) {
            const dot = rebind(value);
            this.walkList(n.block, { dot, vars: [new Map([['$', dot]])] });
          }
        } else if (n.block !== null)
          this.walkList(n.block, { dot: UNKNOWN, vars: [new Map([['$', UNKNOWN]])] });
        return;
      case 'define':
        this.walkList(n.list, { dot: UNKNOWN, vars: [new Map([['$', UNKNOWN]])] });
        return;
      case 'list':
        this.walkList(n, scope);
        return;
      default:
        return;
    }
  }

  /** Walks a pipeline; returns what its value denotes when it is a plain field chain. */
  walkPipe(pipe: PipeNode, scope: Scope): Binding {
    let value: Binding = UNKNOWN;
    pipe.cmds.forEach((cmd, i) => {
      for (const arg of cmd.args) this.walkArg(arg, scope);
      const only = cmd.args.length === 1 ? cmd.args[0]! : undefined;
      value = i === 0 && pipe.cmds.length === 1 && only !== undefined ? this.bindingOf(only, scope) : UNKNOWN;
    });
    for (const d of pipe.decl) {
      const name = d.ident[0]!;
      if (pipe.isAssign) assign(scope, name);
      else declare(scope, name, pipe.decl.length === 1 ? value : UNKNOWN);
    }
    return value;
  }

  private bindingOf(arg: ArgNode, scope: Scope): Binding {
    switch (arg.type) {
      case 'dot':
        return scope.dot;
      case 'field':
        return extend(scope.dot, arg.ident);
      case 'variable':
        return extend(lookup(scope, arg.ident[0]!), arg.ident.slice(1));
      default:
        return UNKNOWN;
    }
  }

  private report(base: string, binding: Binding, fields: string[], pos: number, end: number): void {
    if (fields.length === 0) return;
    if (binding.kind === 'root' && binding.exact) {
      this.refs.push({ path: [...binding.path, ...fields], pos, end, rebound: false, base });
    } else if (binding.kind === 'root') {
      this.refs.push({ path: fields, pos, end, rebound: true, resolved: [...binding.path, ...fields], base });
    } else this.refs.push({ path: fields, pos, end, rebound: true, base });
  }

  private walkArg(arg: ArgNode, scope: Scope): void {
    switch (arg.type) {
      case 'field':
        this.report('.', scope.dot, arg.ident, arg.pos, arg.end);
        return;
      case 'variable': {
        const name = arg.ident[0]!;
        this.report(name, lookup(scope, name), arg.ident.slice(1), arg.pos, arg.end);
        return;
      }
      case 'chain':
        if (arg.node.type === 'pipe') {
          this.walkPipe(arg.node, scope);
          this.report('()', UNKNOWN, arg.field, arg.pos, arg.end);
        } else this.walkArg(arg.node, scope);
        return;
      case 'pipe':
        this.walkPipe(arg, scope);
        return;
      default:
        return;
    }
  }
}

function extend(b: Binding, fields: string[]): Binding {
  if (b.kind === 'unknown') return UNKNOWN;
  return { kind: 'root', path: [...b.path, ...fields], exact: b.exact };
}

/** Dot inside `with`/`block`: the same data, reached through a new base. */
function rebind(b: Binding): Binding {
  if (b.kind === 'unknown') return UNKNOWN;
  return { kind: 'root', path: b.path, exact: false };
}

/**
 * Every field chain the template reads, in source order. References on the top-level data (outside
 * `with`/`range`/`define`, or through `$`, or through a variable bound to a top-level field) have
 * `rebound: false`; the rest are reported with `rebound: true`.
 */
export function fieldReferences(tree: TemplateTree): FieldReference[] {
  const c = new RefCollector();
  c.walkList(tree.root, { dot: ROOT, vars: [new Map([['$', ROOT]])] });
  return c.refs.sort((a, b) => a.pos - b.pos || a.end - b.end);
}

/**
 * Every function called (identifiers and namespace methods such as `atmos.Component`). Without a
 * function set, `name.Method` counts as a namespace call when the method name is capitalized.
 */
export function functionCalls(tree: TemplateTree, functions?: FunctionSet): FunctionCall[] {
  const out: FunctionCall[] = [];
  const isNs = (ident: string, field: string) =>
    functions !== undefined ? functions.isNamespace(ident) : /^[A-Z]/.test(field);
  const arg = (a: ArgNode): void => {
    switch (a.type) {
      case 'identifier':
        out.push({ name: a.ident, pos: a.pos, end: a.end });
        return;
      case 'chain':
        if (a.node.type === 'identifier' && isNs(a.node.ident, a.field[0]!)) {
          const name = `${a.node.ident}.${a.field[0]}`;
          out.push({ name, pos: a.node.pos, end: a.node.pos + name.length });
        } else arg(a.node);
        return;
      case 'pipe':
        pipe(a);
        return;
      default:
        return;
    }
  };
  const pipe = (p: PipeNode): void => {
    for (const c of p.cmds) for (const a of c.args) arg(a);
  };
  const node = (n: Node): void => {
    switch (n.type) {
      case 'action':
        pipe(n.pipe);
        return;
      case 'if':
      case 'with':
      case 'range':
        pipe(n.pipe);
        list(n.list);
        if (n.elseList !== null) list(n.elseList);
        return;
      case 'template':
        if (n.pipe !== null) pipe(n.pipe);
        if (n.block !== null) list(n.block);
        return;
      case 'define':
        list(n.list);
        return;
      case 'list':
        list(n);
        return;
      default:
        return;
    }
  };
  const list = (l: ListNode): void => {
    for (const n of l.nodes) node(n);
  };
  list(tree.root);
  return out.sort((a, b) => a.pos - b.pos);
}

/** Cheap check: could this string contain a template action? */
export function hasActions(
  text: string,
  delims?: { leftDelim?: string } | readonly [string, string],
): boolean {
  const left = Array.isArray(delims)
    ? delims[0]
    : ((delims as { leftDelim?: string } | undefined)?.leftDelim ?? '{{');
  return text.includes(left || '{{');
}
