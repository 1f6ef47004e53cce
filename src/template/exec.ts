/**
 * Template executor with Go `text/template` semantics (`exec.go`): truthiness, variable scoping,
 * `range` over slices, maps (sorted keys) and integers, `with`/`else with`, `break`/`continue`,
 * `template`/`block`, missing-key modes, Go's argument type checks and error messages. Execution is
 * bounded by a step, output and depth budget so hostile templates end with an error.
 */

import type {
  ActionNode,
  ArgNode,
  ChainNode,
  CommandNode,
  FieldNode,
  IdentifierNode,
  ListNode,
  Node,
  NumberNode,
  PipeNode,
  RangeNode,
  TemplateNode,
  TemplateTree,
  VariableNode,
} from './ast.js';
import {
  FuncError,
  TemplateBudgetError,
  TemplateError,
  TemplateExecError,
  UnsupportedFunctionError,
} from './errors.js';
import { builtinFunctions } from './funcs/builtin.js';
import {
  type CallContext,
  type FunctionSet,
  type GoFunction,
  methodsOf,
  PARAM_TYPE_NAMES,
  type ParamType,
  UnsupportedCall,
} from './funcs/types.js';
import { formatV, sortedMapKeys } from './gofmt.js';
import { goQuote } from './gostr.js';
import { argString, commandString } from './parser.js';
import { nodeString } from './print.js';
import {
  GoFloat,
  intOf,
  isMap,
  isTrue,
  kindOf,
  makeInt,
  mapGet,
  mapHas,
  Namespace,
  NO_VALUE,
  typeName,
  type Value,
} from './values.js';

export type MissingKey = 'default' | 'zero' | 'error';

export interface Budget {
  /** Work units (nodes evaluated, loop iterations, elements built by functions). */
  maxSteps?: number;
  /** Characters of output, and the largest string or list a function may build. */
  maxOutput?: number;
  /** Nested `{{template}}` calls. */
  maxDepth?: number;
  /**
   * Work shared by several executions (all the templates of one component section): each one stays
   * within its own limits, yet thousands of them over a huge context must stop too.
   */
  meter?: Meter;
}

/** A work counter shared across executions; steps and output characters are charged to it. */
export interface Meter {
  used: number;
  readonly limit: number;
}

export const DEFAULT_BUDGET: Required<Omit<Budget, 'meter'>> = {
  maxSteps: 1_000_000,
  maxOutput: 1_000_000,
  maxDepth: 100,
};

export interface ExecOptions {
  missingKey?: MissingKey;
  functions?: FunctionSet;
  env?: (name: string) => string | undefined;
  budget?: Budget;
}

/** Go's `missingVal`: "no value was piped into this command". */
const MISSING: unique symbol = Symbol('missing');
type Final = Value | typeof MISSING;

class BreakSignal {}
class ContinueSignal {}
const BREAK = new BreakSignal();
const CONTINUE = new ContinueSignal();

type ErrNode = { pos: number; end: number } & ({ type: string } | ArgNode | Node | CommandNode);

function describe(n: ErrNode): string {
  switch (n.type) {
    case 'command':
      return commandString(n as CommandNode);
    case 'field':
    case 'variable':
    case 'chain':
    case 'identifier':
    case 'dot':
    case 'nil':
    case 'bool':
    case 'number':
    case 'string':
    case 'pipe':
      return argString(n as ArgNode);
    default:
      return nodeString(n as Node);
  }
}

const BUILTINS = builtinFunctions();

export function execute(tree: TemplateTree, data: unknown, opts: ExecOptions = {}): string {
  return new State(tree, opts).run(data);
}

interface Var {
  name: string;
  value: Value;
}

class State implements CallContext {
  private readonly missingKey: MissingKey;
  private readonly functions: FunctionSet | undefined;
  private readonly envFn: (name: string) => string | undefined;
  private readonly maxSteps: number;
  private readonly maxOutput: number;
  private readonly maxDepth: number;
  private readonly meter: Meter | undefined;
  private steps = 0;
  private out: string[] = [];
  private outLen = 0;
  private vars: Var[] = [];
  private depth = 0;
  private node: ErrNode | null = null;
  private templateName: string;
  /** Dot is a slice or map element (static type `interface {}` in Go), as inside `range`. */
  private dotIsInterface = false;

  constructor(
    private readonly tree: TemplateTree,
    opts: ExecOptions,
  ) {
    this.missingKey = opts.missingKey ?? 'default';
    this.functions = opts.functions;
    this.envFn = opts.env ?? (() => undefined);
    this.maxSteps = opts.budget?.maxSteps ?? DEFAULT_BUDGET.maxSteps;
    this.maxOutput = opts.budget?.maxOutput ?? DEFAULT_BUDGET.maxOutput;
    this.maxDepth = opts.budget?.maxDepth ?? DEFAULT_BUDGET.maxDepth;
    this.meter = opts.budget?.meter;
    this.templateName = tree.name;
  }

  run(data: unknown): string {
    const dot: Value = data === undefined || data === null ? NO_VALUE : data;
    this.vars = [{ name: '$', value: dot }];
    try {
      this.walk(dot, this.tree.root);
    } catch (e) {
      if (e instanceof TemplateError) throw e;
      if (e instanceof RangeError) this.budgetError('template execution nested too deeply');
      throw e;
    }
    return this.out.join('');
  }

  // CallContext.

  env(name: string): string | undefined {
    return this.envFn(name);
  }

  step(n = 1): void {
    this.steps += n;
    if (this.steps > this.maxSteps) this.budgetError(`template execution exceeded ${this.maxSteps} steps`);
    if (this.meter) this.charge(n);
  }

  private charge(n: number): void {
    const m = this.meter!;
    m.used += n;
    if (m.used > m.limit)
      this.budgetError(`the templates sharing this allowance exceeded ${m.limit} steps together`);
  }

  checkSize(n: number): void {
    if (n > this.maxOutput)
      this.budgetError(`template value larger than ${this.maxOutput} characters or elements`);
  }

  // Errors.

  private at(n: ErrNode): void {
    this.node = n;
  }

  private location(n: ErrNode): string {
    const text = this.tree.text.slice(0, n.pos);
    const nl = text.lastIndexOf('\n');
    const line = 1 + (text.match(/\n/g)?.length ?? 0);
    const col = nl === -1 ? n.pos : n.pos - nl - 1;
    return `${this.templateName}:${line}:${col}`;
  }

  private goMessage(message: string): string {
    if (this.node === null) return `template: ${this.templateName}: ${message}`;
    return `template: ${this.location(this.node)}: executing ${goQuote(this.templateName)} at <${describe(this.node)}>: ${message}`;
  }

  private errorf(message: string): never {
    const n = this.node;
    throw new TemplateExecError({
      message,
      offset: n?.pos ?? 0,
      end: n?.end ?? 0,
      goMessage: this.goMessage(message),
    });
  }

  private budgetError(message: string): never {
    const n = this.node;
    throw new TemplateBudgetError({
      message,
      offset: n?.pos ?? 0,
      end: n?.end ?? 0,
      goMessage: this.goMessage(message),
    });
  }

  // Variables.

  private push(name: string, value: Value): void {
    this.vars.push({ name, value });
  }

  private pop(mark: number): void {
    this.vars.length = mark;
  }

  private setVar(name: string, value: Value): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i]!.name === name) {
        this.vars[i]!.value = value;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  private setTopVar(n: number, value: Value): void {
    this.vars[this.vars.length - n]!.value = value;
  }

  private varValue(name: string): Value {
    for (let i = this.vars.length - 1; i >= 0; i--)
      if (this.vars[i]!.name === name) return this.vars[i]!.value;
    this.errorf(`undefined variable: ${name}`);
  }

  // Output.

  private write(s: string): void {
    if (s === '') return;
    this.outLen += s.length;
    if (this.outLen > this.maxOutput)
      this.budgetError(`template output exceeded ${this.maxOutput} characters`);
    if (this.meter) this.charge(s.length);
    this.out.push(s);
  }

  // Walking.

  private walk(dot: Value, node: Node): void {
    this.step();
    this.at(node);
    switch (node.type) {
      case 'action': {
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, val);
        return;
      }
      case 'break':
        throw BREAK;
      case 'continue':
        throw CONTINUE;
      case 'comment':
      case 'define':
        return;
      case 'if':
      case 'with':
        this.walkIfOrWith(node.type, dot, node.pipe, node.list, node.elseList);
        return;
      case 'list':
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case 'range':
        this.walkRange(dot, node);
        return;
      case 'template':
        this.walkTemplate(dot, node);
        return;
      case 'text':
        this.write(node.text);
        return;
    }
  }

  private walkIfOrWith(
    kind: 'if' | 'with',
    dot: Value,
    pipe: PipeNode,
    list: ListNode,
    elseList: ListNode | null,
  ): void {
    const mark = this.vars.length;
    try {
      const val = this.evalPipeline(dot, pipe);
      const [truth, ok] = isTrue(val);
      if (!ok) this.errorf(`if/with can't use ${formatV(val)}`);
      if (truth && kind === 'with') this.withDot(false, () => this.walk(val, list));
      else if (truth) this.walk(dot, list);
      else if (elseList !== null) this.walk(dot, elseList);
    } finally {
      this.pop(mark);
    }
  }

  private walkRange(dot: Value, r: RangeNode): void {
    this.at(r);
    const mark0 = this.vars.length;
    try {
      const val = this.evalPipeline(dot, r.pipe);
      const mark = this.vars.length;
      const decl = r.pipe.decl;
      const oneIteration = (index: Value, elem: Value): void => {
        this.at(r);
        this.step();
        if (decl.length > 0) {
          if (r.pipe.isAssign) this.setVar(decl[0]!.ident[0]!, decl.length > 1 ? index : elem);
          else this.setTopVar(1, elem);
        }
        if (decl.length > 1) {
          if (r.pipe.isAssign) this.setVar(decl[1]!.ident[0]!, elem);
          else this.setTopVar(2, index);
        }
        try {
          this.withDot(true, () => this.walk(elem, r.list));
        } catch (e) {
          if (e !== CONTINUE) throw e;
        } finally {
          this.pop(mark);
        }
      };
      let ran = false;
      try {
        switch (kindOf(val)) {
          case 'int':
          case 'uint': {
            if (decl.length > 1) {
              this.at(r);
              this.errorf(`can't use ${formatV(val)} to iterate over more than one variable`);
            }
            const n = intOf(val);
            for (let i = 0n; i < n; i++) {
              ran = true;
              oneIteration(NO_VALUE, makeInt(i));
            }
            break;
          }
          case 'slice': {
            const arr = val as unknown[];
            for (let i = 0; i < arr.length; i++) {
              ran = true;
              oneIteration(i, arr[i] ?? null);
            }
            break;
          }
          case 'map': {
            const m = val as Record<string, unknown>;
            for (const k of sortedMapKeys(m)) {
              ran = true;
              oneIteration(k, mapGet(m, k) ?? null);
            }
            break;
          }
          case 'invalid':
          case 'nil':
            break;
          default:
            this.at(r);
            this.errorf(`range can't iterate over ${formatV(val)}`);
        }
      } catch (e) {
        if (e !== BREAK) throw e;
        return;
      }
      if (!ran && r.elseList !== null) this.walk(dot, r.elseList);
    } finally {
      this.pop(mark0);
    }
  }

  private walkTemplate(dot: Value, t: TemplateNode): void {
    this.at(t);
    const tmpl = this.tree.templates.get(t.name);
    if (tmpl === undefined) this.errorf(`template ${goQuote(t.name)} not defined`);
    if (this.depth >= this.maxDepth) this.budgetError(`exceeded maximum template depth (${this.maxDepth})`);
    const newDot = t.pipe === null ? NO_VALUE : this.evalPipeline(dot, t.pipe);
    const saveVars = this.vars;
    const saveName = this.templateName;
    this.vars = [{ name: '$', value: newDot }];
    this.templateName = t.name;
    this.depth++;
    try {
      this.withDot(false, () => this.walk(newDot, tmpl));
    } finally {
      this.depth--;
      this.vars = saveVars;
      this.templateName = saveName;
    }
  }

  private withDot(isInterface: boolean, f: () => void): void {
    const save = this.dotIsInterface;
    this.dotIsInterface = isInterface;
    try {
      f();
    } finally {
      this.dotIsInterface = save;
    }
  }

  private printValue(n: ActionNode, v: Value): void {
    this.at(n);
    if (v === NO_VALUE) {
      this.write('<no value>');
      return;
    }
    if (typeof v === 'function') this.errorf(`can't print ${describe(n)} of type ${typeName(v)}`);
    this.write(formatV(v));
  }

  // Evaluation.

  private evalPipeline(dot: Value, pipe: PipeNode): Value {
    this.at(pipe);
    let value: Final = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, value);
      // A nil interface{} result is "no value", as Go's evalPipeline unwraps interfaces.
      if (value === null || value === undefined) value = NO_VALUE;
    }
    const v = value === MISSING ? NO_VALUE : value;
    for (const variable of pipe.decl) {
      if (pipe.isAssign) this.setVar(variable.ident[0]!, v);
      else this.push(variable.ident[0]!, v);
    }
    return v;
  }

  private notAFunction(args: readonly ArgNode[], final: Final): void {
    if (args.length > 1 || final !== MISSING)
      this.errorf(`can't give argument to non-function ${argString(args[0]!)}`);
  }

  private evalCommand(dot: Value, cmd: CommandNode, final: Final): Value {
    this.step();
    const first = cmd.args[0]!;
    switch (first.type) {
      case 'field':
        return this.evalFieldNode(dot, first, cmd.args, final);
      case 'chain':
        return this.evalChainNode(dot, first, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe':
        this.at(first);
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariableNode(dot, first, cmd.args, final);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case 'bool':
        return first.value;
      case 'dot':
        return dot;
      case 'nil':
        this.errorf('nil is not a command');
        break;
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return first.text;
    }
    this.errorf(`can't evaluate command ${goQuote(argString(first))}`);
  }

  private idealConstant(n: NumberNode): Value {
    this.at(n);
    if (n.isComplex) this.errorf(`complex constant ${n.text} is not supported`);
    const hexInt = /^[+-]?0[xX]/.test(n.text) && !/[pP]/.test(n.text);
    const runeInt = n.text.startsWith("'");
    if (n.isFloat && !hexInt && !runeInt && /[.eEpP]/.test(n.text)) return new GoFloat(n.float);
    if (n.isInt) return makeInt(n.int);
    if (n.isUint) this.errorf(`${n.text} overflows int`);
    return NO_VALUE;
  }

  private evalFieldNode(dot: Value, field: FieldNode, args: readonly ArgNode[], final: Final): Value {
    this.at(field);
    return this.evalFieldChain(dot, dot, field, field.ident, args, final, this.dotIsInterface);
  }

  private evalChainNode(dot: Value, chain: ChainNode, args: readonly ArgNode[], final: Final): Value {
    this.at(chain);
    if (chain.node.type === 'nil') this.errorf(`indirection through explicit nil in ${argString(chain)}`);
    const pipe = this.evalArg(dot, null, chain.node);
    return this.evalFieldChain(dot, pipe, chain, chain.field, args, final);
  }

  private evalVariableNode(
    dot: Value,
    v: VariableNode,
    args: readonly ArgNode[] | null,
    final: Final,
  ): Value {
    this.at(v);
    const value = this.varValue(v.ident[0]!);
    if (v.ident.length === 1) {
      if (args !== null) this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(dot, value, v, v.ident.slice(1), args, final);
  }

  private evalFieldChain(
    dot: Value,
    receiver: Value,
    node: ErrNode,
    ident: readonly string[],
    args: readonly ArgNode[] | null,
    final: Final,
    receiverIsInterface = false,
  ): Value {
    const n = ident.length;
    let iface = receiverIsInterface;
    for (let i = 0; i < n - 1; i++) {
      receiver = this.evalField(dot, ident[i]!, node, null, MISSING, receiver, iface);
      iface = true;
    }
    return this.evalField(dot, ident[n - 1]!, node, args, final, receiver, iface);
  }

  private evalField(
    dot: Value,
    fieldName: string,
    node: ErrNode,
    args: readonly ArgNode[] | null,
    final: Final,
    receiver: Value,
    receiverIsInterface: boolean,
  ): Value {
    if (receiver === NO_VALUE) {
      if (this.missingKey === 'error') this.errorf(`nil data; no entry for key ${goQuote(fieldName)}`);
      return NO_VALUE;
    }
    const typ = receiverIsInterface ? 'interface {}' : typeName(receiver);
    if (receiver === null || receiver === undefined)
      this.errorf(`nil pointer evaluating interface {}.${fieldName}`);
    if (receiver instanceof Namespace) {
      const method = methodsOf(receiver).get(fieldName);
      if (method !== undefined) return this.evalCall(dot, method, node, fieldName, args, final);
      this.errorf(`can't evaluate field ${fieldName} in type ${receiver.typeName}`);
    }
    if (isMap(receiver) || receiver instanceof Map) {
      const hasArgs = (args !== null && args.length > 1) || final !== MISSING;
      if (hasArgs) this.errorf(`${fieldName} is not a method but has arguments`);
      const m = receiver as Record<string, unknown>;
      if (mapHas(m, fieldName)) return mapGet(m, fieldName) ?? null;
      switch (this.missingKey) {
        case 'default':
          return NO_VALUE;
        case 'zero':
          return zeroOfMapElem(receiver);
        case 'error':
          this.errorf(`map has no entry for key ${goQuote(fieldName)}`);
      }
    }
    this.errorf(`can't evaluate field ${fieldName} in type ${typ}`);
  }

  private lookupFunction(name: string): [GoFunction, boolean] | undefined {
    const f = this.functions?.get(name);
    if (f !== undefined) return [f, false];
    const b = BUILTINS.get(name);
    if (b !== undefined) return [b, true];
    return undefined;
  }

  private evalFunction(
    dot: Value,
    node: IdentifierNode,
    cmd: ErrNode,
    args: readonly ArgNode[] | null,
    final: Final,
  ): Value {
    this.at(node);
    const found = this.lookupFunction(node.ident);
    if (found === undefined) this.errorf(`${goQuote(node.ident)} is not a defined function`);
    return this.evalCall(dot, found[0], cmd, node.ident, args, final, node);
  }

  private evalCall(
    dot: Value,
    fn: GoFunction,
    node: ErrNode,
    name: string,
    argNodes: readonly ArgNode[] | null,
    final: Final,
    nameNode?: ErrNode,
  ): Value {
    const args = argNodes !== null ? argNodes.slice(1) : [];
    const numIn = args.length + (final !== MISSING ? 1 : 0);
    let numFixed = args.length;
    if (fn.variadic !== undefined) {
      numFixed = fn.params.length;
      if (numIn < numFixed) {
        this.errorf(`wrong number of args for ${name}: want at least ${fn.params.length} got ${args.length}`);
      }
    } else if (numIn !== fn.params.length) {
      this.errorf(`wrong number of args for ${name}: want ${fn.params.length} got ${numIn}`);
    }

    if (fn.builtin === true && (name === 'and' || name === 'or')) {
      let v: Value = NO_VALUE;
      for (const arg of args) {
        v = this.evalArg(dot, 'value', arg);
        if (isTrue(v)[0] === (name === 'or')) return v;
      }
      if (final !== MISSING) v = this.validateType(final, 'value');
      return v;
    }

    const argv: Value[] = [];
    let i = 0;
    for (; i < numFixed && i < args.length; i++) argv.push(this.evalArg(dot, fn.params[i]!, args[i]!));
    if (fn.variadic !== undefined)
      for (; i < args.length; i++) argv.push(this.evalArg(dot, fn.variadic, args[i]!));
    if (final !== MISSING) {
      let t: ParamType;
      if (fn.variadic !== undefined) t = numIn - 1 < numFixed ? fn.params[numIn - 1]! : fn.variadic;
      else t = fn.params[fn.params.length - 1]!;
      argv.push(this.validateType(final, t));
    }

    if (fn.impl === undefined) {
      const at = nameNode ?? node;
      throw new UnsupportedFunctionError({
        functionName: fn.qualifiedName,
        reason: fn.unsupported ?? 'it is not implemented',
        offset: at.pos,
        end: at.end,
      });
    }
    if (fn.builtin === true && name === 'call')
      argv.unshift(args.length > 0 ? argString(args[0]!) : formatV(final));
    try {
      const result = fn.impl(argv, this);
      // Values that grow across calls (`$x = cat $x $x` in a loop) must stop at the budget.
      if (typeof result === 'string' || Array.isArray(result)) {
        this.at(node);
        this.checkSize(result.length);
      }
      return result;
    } catch (e) {
      if (e instanceof TemplateError) throw e;
      if (e instanceof UnsupportedCall) {
        const at = nameNode ?? node;
        throw new UnsupportedFunctionError({
          functionName: fn.qualifiedName,
          reason: e.message,
          offset: at.pos,
          end: at.end,
        });
      }
      if (e instanceof FuncError) {
        this.at(node);
        this.errorf(`error calling ${name}: ${e.message}`);
      }
      if (e instanceof RangeError) {
        this.at(node);
        this.budgetError(`error calling ${name}: value too large or too deeply nested`);
      }
      throw e;
    }
  }

  private validateType(value: Value, typ: ParamType | null): Value {
    if (value === NO_VALUE || value === MISSING) {
      if (typ === null || typ === 'value') return NO_VALUE;
      if (typ === 'any' || typ === 'map' || typ === 'slice' || typ === 'strings') return null;
      this.errorf(`invalid value; expected ${PARAM_TYPE_NAMES[typ]}`);
    }
    if (typ === null || typ === 'value' || typ === 'any') return value;
    const expected = PARAM_TYPE_NAMES[typ];
    if (value === null || value === undefined)
      this.errorf(`wrong type for value; expected ${expected}; got interface {}`);
    const got = typeName(value);
    if (got !== expected) this.errorf(`wrong type for value; expected ${expected}; got ${got}`);
    return value;
  }

  private evalArg(dot: Value, typ: ParamType | null, n: ArgNode): Value {
    this.at(n);
    switch (n.type) {
      case 'dot':
        return this.validateType(dot, typ);
      case 'nil':
        if (typ === null || typ === 'value') return NO_VALUE;
        if (typ === 'any' || typ === 'map' || typ === 'slice' || typ === 'strings') return null;
        this.errorf(`cannot assign nil to ${PARAM_TYPE_NAMES[typ]}`);
        break;
      case 'field':
        return this.validateType(this.evalFieldNode(dot, n, [n], MISSING), typ);
      case 'variable':
        return this.validateType(this.evalVariableNode(dot, n, null, MISSING), typ);
      case 'pipe':
        return this.validateType(this.evalPipeline(dot, n), typ);
      case 'identifier':
        return this.validateType(this.evalFunction(dot, n, n, null, MISSING), typ);
      case 'chain':
        return this.validateType(this.evalChainNode(dot, n, [], MISSING), typ);
    }
    switch (typ) {
      case 'bool':
        if (n.type === 'bool') return n.value;
        this.errorf(`expected bool; found ${argString(n)}`);
        break;
      case 'float64':
        if (n.type === 'number' && n.isFloat) return new GoFloat(n.float);
        this.errorf(`expected float; found ${argString(n)}`);
        break;
      case 'int':
      case 'int64':
        if (n.type === 'number' && n.isInt) return makeInt(n.int);
        this.errorf(`expected integer; found ${argString(n)}`);
        break;
      case 'string':
        if (n.type === 'string') return n.text;
        this.errorf(`expected string; found ${argString(n)}`);
        break;
      case 'any':
      case 'value':
      case null:
        return this.evalEmptyInterface(dot, n);
    }
    this.errorf(`can't handle ${argString(n)} for arg of type ${PARAM_TYPE_NAMES[typ]}`);
  }

  private evalEmptyInterface(dot: Value, n: ArgNode): Value {
    this.at(n);
    switch (n.type) {
      case 'bool':
        return n.value;
      case 'number':
        return this.idealConstant(n);
      case 'string':
        return n.text;
      default:
        return this.evalArg(dot, 'any', n);
    }
  }
}

/** The zero value of a map's element type (`missingkey=zero`). */
function zeroOfMapElem(m: Value): Value {
  const t = typeName(m);
  if (t === 'map[string]string') return '';
  if (t === 'map[string]int') return 0;
  return null;
}
