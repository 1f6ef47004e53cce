/**
 * Parser for Go templates, following `text/template/parse/parse.go`: same grammar, same error
 * messages, same parse-time checks (undefined variables, unknown functions when a function set is
 * given, `{{break}}` outside `{{range}}`). Errors are returned, never thrown.
 */

import type {
  ArgNode,
  CommandNode,
  CommentNode,
  DefineNode,
  ListNode,
  Node,
  PipeNode,
  Span,
  TemplateNode,
  TemplateTree,
  TextNode,
  VariableNode,
} from './ast.js';
import { TemplateSyntaxError } from './errors.js';
import { goQuote, goUnquote } from './gostr.js';
import { type Item, type ItemType, isKeywordItem, lex } from './lexer.js';
import { newNumber } from './numbers.js';

export interface ParseOptions {
  name?: string;
  leftDelim?: string;
  rightDelim?: string;
  /**
   * Names that are defined functions. When given, an identifier that is neither in it nor a Go
   * builtin is an error (`function "x" not defined`), exactly like Go's parser. When absent, function
   * names are not checked (Go's `SkipFuncCheck`).
   */
  hasFunction?: (name: string) => boolean;
}

/** Go's builtin functions: always defined. */
export const BUILTIN_NAMES: ReadonlySet<string> = new Set([
  'and',
  'call',
  'html',
  'index',
  'slice',
  'js',
  'len',
  'not',
  'or',
  'print',
  'printf',
  'println',
  'urlquery',
  'eq',
  'ge',
  'gt',
  'le',
  'lt',
  'ne',
]);

/** Depth limits keep hostile input from exhausting the JS stack (Go's own limit is 10000 for parens). */
const MAX_EXPR_DEPTH = 1000;
const MAX_CONTROL_DEPTH = 1000;

class ParseFailure {
  constructor(readonly error: TemplateSyntaxError) {}
}

type EndNode = Span & { type: 'end' };
type ElseNode = Span & { type: 'else'; chained: boolean };
type ParsedNode = Node | EndNode | ElseNode;

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Go's `item.String()`, used in `unexpected X in Y` messages. */
function itemString(item: Item): string {
  if (item.type === 'eof') return 'EOF';
  if (item.type === 'error') return item.val;
  if (isKeywordItem(item.type)) return `<${item.val}>`;
  const chars = [...item.val];
  if (chars.length > 10) return `${goQuote(chars.slice(0, 10).join(''))}...`;
  return goQuote(item.val);
}

export function parse(
  text: string,
  opts: ParseOptions = {},
): { tree: TemplateTree } | { error: TemplateSyntaxError } {
  const parser = new Parser(text, opts);
  try {
    return { tree: parser.parseTop() };
  } catch (e) {
    if (e instanceof ParseFailure) return { error: e.error };
    if (e instanceof RangeError) {
      return { error: parser.makeError('template nested too deeply', text.length, text.length) };
    }
    throw e;
  }
}

class Parser {
  private readonly items: Item[];
  private idx = 0;
  private vars: string[] = ['$'];
  private rangeDepth = 0;
  private exprDepth = 0;
  private controlDepth = 0;
  private actionStart: number | undefined;
  private readonly name: string;
  private readonly leftDelim: string;
  private readonly rightDelim: string;
  private readonly templates = new Map<string, ListNode>();

  constructor(
    private readonly text: string,
    private readonly opts: ParseOptions,
  ) {
    this.name = opts.name ?? '';
    this.leftDelim = opts.leftDelim || '{{';
    this.rightDelim = opts.rightDelim || '}}';
    const hasFn = opts.hasFunction;
    this.items = lex(text, {
      leftDelim: this.leftDelim,
      rightDelim: this.rightDelim,
      breakOK: !(hasFn?.('break') ?? false),
      continueOK: !(hasFn?.('continue') ?? false),
    });
  }

  makeError(message: string, offset: number, end: number): TemplateSyntaxError {
    const line = lineOf(this.text, offset);
    return new TemplateSyntaxError({
      message,
      offset,
      end,
      line,
      goMessage: `template: ${this.name}:${line}: ${message}`,
      ...(this.actionStart !== undefined ? { actionOffset: this.actionStart } : {}),
    });
  }

  private fail(message: string, at: Span): never {
    throw new ParseFailure(this.makeError(message, at.pos, at.end));
  }

  // Token stream.

  private next(): Item {
    const item = this.items[this.idx];
    if (item === undefined) return this.items[this.items.length - 1]!;
    this.idx++;
    return item;
  }

  private backup(n = 1): void {
    this.idx -= n;
  }

  private peek(): Item {
    return this.items[this.idx] ?? this.items[this.items.length - 1]!;
  }

  private nextNonSpace(): Item {
    let item: Item;
    do item = this.next();
    while (item.type === 'space');
    return item;
  }

  private peekNonSpace(): Item {
    const save = this.idx;
    const item = this.nextNonSpace();
    this.idx = save;
    return item;
  }

  private expect(type: ItemType, context: string): Item {
    const item = this.nextNonSpace();
    if (item.type !== type) this.unexpected(item, context);
    return item;
  }

  private unexpected(item: Item, context: string): never {
    if (item.type === 'error') {
      let extra = '';
      if (this.actionStart !== undefined) {
        const actionLine = lineOf(this.text, this.actionStart);
        if (actionLine !== lineOf(this.text, item.pos)) {
          extra = ` in action started at ${this.name}:${actionLine}`;
          if (item.val.endsWith(' action')) extra = extra.slice(' in action'.length);
        }
      }
      this.fail(`${item.val}${extra}`, item);
    }
    this.fail(`unexpected ${itemString(item)} in ${context}`, item);
  }

  // Tree set.

  private addTemplate(name: string, list: ListNode, at: Span): void {
    const existing = this.templates.get(name);
    if (existing === undefined || isEmptyTree(existing)) {
      this.templates.set(name, list);
      return;
    }
    if (!isEmptyTree(list)) this.fail(`template: multiple definition of template ${goQuote(name)}`, at);
  }

  parseTop(): TemplateTree {
    const first = this.peek();
    const root: ListNode = { type: 'list', pos: first.pos, end: first.pos, nodes: [] };
    while (this.peek().type !== 'eof') {
      if (this.peek().type === 'leftDelim') {
        const save = this.idx;
        const delim = this.next();
        const kw = this.nextNonSpace();
        if (kw.type === 'define') {
          this.actionStart = delim.pos;
          root.nodes.push(this.parseDefinition(delim));
          this.actionStart = undefined;
          continue;
        }
        this.idx = save;
      }
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') {
        this.fail(`unexpected ${n.type === 'end' ? '{{end}}' : '{{else}}'}`, n);
      }
      root.nodes.push(n);
    }
    root.end = this.peek().pos;
    if (root.nodes.length > 0) root.end = root.nodes[root.nodes.length - 1]!.end;
    this.addTemplate(this.name, root, root);
    return {
      name: this.name,
      text: this.text,
      leftDelim: this.leftDelim,
      rightDelim: this.rightDelim,
      root,
      templates: this.templates,
    };
  }

  private parseDefinition(delim: Item): DefineNode {
    const context = 'define clause';
    const nameItem = this.nextNonSpace();
    if (nameItem.type !== 'string' && nameItem.type !== 'rawString') this.unexpected(nameItem, context);
    const name = this.unquote(nameItem);
    this.expect('rightDelim', context);
    const saveVars = this.vars;
    this.vars = ['$'];
    const [list, end] = this.itemList();
    this.vars = saveVars;
    if (end.type !== 'end') this.fail(`unexpected ${nodeLabel(end)} in ${context}`, end);
    this.addTemplate(name, list, nameItem);
    return { type: 'define', pos: delim.pos, end: end.end, name, list };
  }

  private unquote(item: Item): string {
    const r = goUnquote(item.val);
    if (!r.ok) this.fail('invalid syntax', item);
    return r.value;
  }

  /** textOrAction* up to {{end}} or {{else}}, which is returned separately. */
  private itemList(): [ListNode, EndNode | ElseNode] {
    const start = this.peekNonSpace();
    const list: ListNode = { type: 'list', pos: start.pos, end: start.pos, nodes: [] };
    while (this.peekNonSpace().type !== 'eof') {
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') {
        list.end = n.pos;
        return [list, n];
      }
      list.nodes.push(n);
      list.end = n.end;
    }
    this.fail('unexpected EOF', this.peek());
  }

  private textOrAction(): ParsedNode {
    const token = this.nextNonSpace();
    switch (token.type) {
      case 'text':
        return { type: 'text', pos: token.pos, end: token.end, text: token.val } satisfies TextNode;
      case 'leftDelim': {
        const saved = this.actionStart;
        this.actionStart = token.pos;
        try {
          return this.action(token);
        } finally {
          this.actionStart = saved;
        }
      }
      case 'comment':
        return { type: 'comment', pos: token.pos, end: token.end, text: token.val } satisfies CommentNode;
      default:
        this.unexpected(token, 'input');
    }
  }

  private action(delim: Item): ParsedNode {
    const token = this.nextNonSpace();
    switch (token.type) {
      case 'block':
        return this.blockControl(delim);
      case 'break':
      case 'continue':
        return this.breakControl(delim, token);
      case 'else':
        return this.elseControl(delim);
      case 'end': {
        const r = this.expect('rightDelim', 'end');
        return { type: 'end', pos: delim.pos, end: r.end };
      }
      case 'if':
      case 'range':
      case 'with':
        return this.control(token.type, delim);
      case 'template':
        return this.templateControl(delim);
    }
    this.backup();
    const pipe = this.pipeline('command', 'rightDelim');
    return { type: 'action', pos: delim.pos, end: this.lastEnd(), pipe };
  }

  /** End offset of the most recently consumed token. */
  private lastEnd(): number {
    return this.items[this.idx - 1]?.end ?? this.text.length;
  }

  private breakControl(delim: Item, token: Item): Node {
    const word = token.type === 'break' ? '{{break}}' : '{{continue}}';
    const t = this.nextNonSpace();
    if (t.type !== 'rightDelim') this.unexpected(t, word);
    if (this.rangeDepth === 0) this.fail(`${word} outside {{range}}`, token);
    return { type: token.type === 'break' ? 'break' : 'continue', pos: delim.pos, end: t.end };
  }

  private elseControl(delim: Item): ElseNode {
    const peek = this.peekNonSpace();
    // "{{else if ..." and "{{else with ..." are treated as "{{else}}{{if ...": leave the keyword pending.
    if (peek.type === 'if' || peek.type === 'with') {
      while (this.peek().type === 'space') this.next();
      return { type: 'else', pos: delim.pos, end: peek.pos, chained: true };
    }
    const token = this.expect('rightDelim', 'else');
    return { type: 'else', pos: delim.pos, end: token.end, chained: false };
  }

  private control(kind: 'if' | 'range' | 'with', delim: Item): Node {
    if (++this.controlDepth > MAX_CONTROL_DEPTH) this.fail('max expression depth exceeded', delim);
    const mark = this.vars.length;
    try {
      const pipe = this.pipeline(kind, 'rightDelim');
      if (kind === 'range') this.rangeDepth++;
      const [list, first] = this.itemList();
      let next = first;
      if (kind === 'range') this.rangeDepth--;
      let elseList: ListNode | null = null;
      if (next.type === 'else') {
        const elseStart = next;
        if (next.chained && kind === 'if' && this.peek().type === 'if') {
          this.next();
          const nested = this.control('if', { ...delim, pos: elseStart.pos });
          elseList = { type: 'list', pos: nested.pos, end: nested.end, nodes: [nested] };
          return { type: kind, pos: delim.pos, end: nested.end, pipe, list, elseList };
        }
        if (next.chained && kind === 'with' && this.peek().type === 'with') {
          this.next();
          const nested = this.control('with', { ...delim, pos: elseStart.pos });
          elseList = { type: 'list', pos: nested.pos, end: nested.end, nodes: [nested] };
          return { type: kind, pos: delim.pos, end: nested.end, pipe, list, elseList };
        }
        [elseList, next] = this.itemList();
        if (next.type !== 'end') this.fail(`expected end; found ${nodeLabel(next)}`, next);
      }
      return { type: kind, pos: delim.pos, end: next.end, pipe, list, elseList };
    } finally {
      this.vars.length = mark;
      this.controlDepth--;
    }
  }

  private blockControl(delim: Item): Node {
    const context = 'block clause';
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    const pipe = this.pipeline(context, 'rightDelim');
    const saveVars = this.vars;
    const saveRange = this.rangeDepth;
    this.vars = ['$'];
    this.rangeDepth = 0;
    const [list, end] = this.itemList();
    this.vars = saveVars;
    this.rangeDepth = saveRange;
    if (end.type !== 'end') this.fail(`unexpected ${nodeLabel(end)} in ${context}`, end);
    this.addTemplate(name, list, token);
    return { type: 'template', pos: delim.pos, end: end.end, name, pipe, block: list } satisfies TemplateNode;
  }

  private templateControl(delim: Item): Node {
    const context = 'template clause';
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    let pipe: PipeNode | null = null;
    const t = this.nextNonSpace();
    if (t.type !== 'rightDelim') {
      this.backup();
      pipe = this.pipeline(context, 'rightDelim');
    }
    return {
      type: 'template',
      pos: delim.pos,
      end: this.lastEnd(),
      name,
      pipe,
      block: null,
    } satisfies TemplateNode;
  }

  private parseTemplateName(token: Item, context: string): string {
    if (token.type === 'string' || token.type === 'rawString') return this.unquote(token);
    this.unexpected(token, context);
  }

  /** declarations? command ('|' command)* */
  private pipeline(context: string, end: 'rightDelim' | 'rightParen'): PipeNode {
    const startTok = this.peekNonSpace();
    const pipe: PipeNode = {
      type: 'pipe',
      pos: startTok.pos,
      end: startTok.pos,
      isAssign: false,
      decl: [],
      cmds: [],
    };
    for (;;) {
      const v = this.peekNonSpace();
      if (v.type !== 'variable') break;
      const save = this.idx;
      this.nextNonSpace();
      const nxt = this.peekNonSpace();
      if (nxt.type === 'assign' || nxt.type === 'declare') {
        pipe.isAssign = nxt.type === 'assign';
        this.nextNonSpace();
        pipe.decl.push(this.newVariable(v));
        this.vars.push(v.val);
        break;
      }
      if (nxt.type === 'char' && nxt.val === ',') {
        this.nextNonSpace();
        pipe.decl.push(this.newVariable(v));
        this.vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const p = this.peekNonSpace().type;
          if (p === 'variable' || p === 'rightDelim' || p === 'rightParen') continue;
          this.fail('range can only initialize variables', this.peekNonSpace());
        }
        this.fail(`too many declarations in ${context}`, nxt);
      }
      this.idx = save;
      break;
    }
    for (;;) {
      const token = this.nextNonSpace();
      if (token.type === end) {
        this.checkPipeline(pipe, context, token);
        pipe.end = pipe.cmds.length > 0 ? pipe.cmds[pipe.cmds.length - 1]!.end : token.pos;
        return pipe;
      }
      switch (token.type) {
        case 'bool':
        case 'charConstant':
        case 'complex':
        case 'dot':
        case 'field':
        case 'identifier':
        case 'number':
        case 'nil':
        case 'rawString':
        case 'string':
        case 'variable':
        case 'leftParen':
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(token, context);
      }
    }
  }

  private checkPipeline(pipe: PipeNode, context: string, at: Item): void {
    if (pipe.cmds.length === 0) this.fail(`missing value for ${context}`, at);
    for (let i = 1; i < pipe.cmds.length; i++) {
      const first = pipe.cmds[i]!.args[0]!;
      switch (first.type) {
        case 'bool':
        case 'dot':
        case 'nil':
        case 'number':
        case 'string':
          this.fail(`non executable command in pipeline stage ${i + 1}`, first);
      }
    }
  }

  private command(): CommandNode {
    const start = this.peekNonSpace();
    const cmd: CommandNode = { type: 'command', pos: start.pos, end: start.pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand !== null) cmd.args.push(operand);
      const token = this.next();
      if (token.type === 'space') continue;
      if (token.type === 'rightDelim' || token.type === 'rightParen') this.backup();
      else if (token.type !== 'pipe') this.unexpected(token, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.fail('empty command', this.peek());
    cmd.pos = cmd.args[0]!.pos;
    cmd.end = cmd.args[cmd.args.length - 1]!.end;
    return cmd;
  }

  /** term .Field* */
  private operand(): ArgNode | null {
    const node = this.term();
    if (node === null) return null;
    if (this.peek().type !== 'field') return node;
    const fields: string[] = [];
    let end = node.end;
    while (this.peek().type === 'field') {
      const f = this.next();
      fields.push(f.val.slice(1));
      end = f.end;
    }
    switch (node.type) {
      case 'field':
        return { type: 'field', pos: node.pos, end, ident: [...node.ident, ...fields] };
      case 'variable':
        return { type: 'variable', pos: node.pos, end, ident: [...node.ident, ...fields] };
      case 'bool':
      case 'string':
      case 'number':
      case 'nil':
      case 'dot':
        this.fail(`unexpected . after term ${goQuote(argString(node))}`, node);
    }
    return { type: 'chain', pos: node.pos, end, node, field: fields };
  }

  private term(): ArgNode | null {
    const token = this.nextNonSpace();
    switch (token.type) {
      case 'identifier': {
        const has = this.opts.hasFunction;
        if (has !== undefined && !BUILTIN_NAMES.has(token.val) && !has(token.val)) {
          this.fail(`function ${goQuote(token.val)} not defined`, token);
        }
        return { type: 'identifier', pos: token.pos, end: token.end, ident: token.val };
      }
      case 'dot':
        return { type: 'dot', pos: token.pos, end: token.end };
      case 'nil':
        return { type: 'nil', pos: token.pos, end: token.end };
      case 'variable':
        return this.useVar(token);
      case 'field':
        return { type: 'field', pos: token.pos, end: token.end, ident: [token.val.slice(1)] };
      case 'bool':
        return { type: 'bool', pos: token.pos, end: token.end, value: token.val === 'true' };
      case 'charConstant':
      case 'complex':
      case 'number': {
        const n = newNumber(token.val, token.type, token.pos, token.end);
        if (typeof n === 'string') this.fail(n, token);
        return n;
      }
      case 'leftParen': {
        if (this.exprDepth >= MAX_EXPR_DEPTH) this.fail('max expression depth exceeded', token);
        this.exprDepth++;
        try {
          const pipe = this.pipeline('parenthesized pipeline', 'rightParen');
          pipe.pos = token.pos;
          pipe.end = this.lastEnd();
          return pipe;
        } finally {
          this.exprDepth--;
        }
      }
      case 'string':
      case 'rawString':
        return {
          type: 'string',
          pos: token.pos,
          end: token.end,
          quoted: token.val,
          text: this.unquote(token),
        };
    }
    this.backup();
    return null;
  }

  private newVariable(token: Item): VariableNode {
    return { type: 'variable', pos: token.pos, end: token.end, ident: token.val.split('.') };
  }

  private useVar(token: Item): VariableNode {
    const v = this.newVariable(token);
    const name = v.ident[0]!;
    if (!this.vars.includes(name)) this.fail(`undefined variable ${goQuote(name)}`, token);
    return v;
  }
}

function nodeLabel(n: { type: string }): string {
  if (n.type === 'end') return '{{end}}';
  if (n.type === 'else') return '{{else}}';
  return n.type;
}

/** Go's `IsEmptyTree`: only whitespace text and comments. */
export function isEmptyTree(list: ListNode): boolean {
  for (const n of list.nodes) {
    if (n.type === 'comment' || n.type === 'define') continue;
    if (n.type === 'text' && n.text.trim() === '') continue;
    if (n.type === 'list' && isEmptyTree(n)) continue;
    return false;
  }
  return true;
}

/** Go's `Node.String()` for argument nodes (used in messages). */
export function argString(n: ArgNode): string {
  switch (n.type) {
    case 'field':
      return `.${n.ident.join('.')}`;
    case 'variable':
      return n.ident.join('.');
    case 'identifier':
      return n.ident;
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return n.value ? 'true' : 'false';
    case 'number':
      return n.text;
    case 'string':
      return n.quoted;
    case 'chain': {
      const base = n.node.type === 'pipe' ? `(${pipeString(n.node)})` : argString(n.node);
      return `${base}.${n.field.join('.')}`;
    }
    case 'pipe':
      return `(${pipeString(n)})`;
  }
}

export function commandString(c: CommandNode): string {
  return c.args.map((a) => argString(a)).join(' ');
}

export function pipeString(p: PipeNode): string {
  let s = '';
  if (p.decl.length > 0) s = `${p.decl.map((d) => d.ident.join('.')).join(', ')} ${p.isAssign ? '=' : ':='} `;
  return s + p.cmds.map(commandString).join(' | ');
}
