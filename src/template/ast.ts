/**
 * Parse-tree nodes, mirroring Go's `text/template/parse` node kinds. Every node carries `pos` and
 * `end`: UTF-16 offsets into the template text, so findings can point at the exact source span.
 */

export interface Span {
  pos: number;
  end: number;
}

export interface ListNode extends Span {
  type: 'list';
  nodes: Node[];
}

export interface TextNode extends Span {
  type: 'text';
  /** The text after trim markers were applied (what execution writes). */
  text: string;
}

export interface CommentNode extends Span {
  type: 'comment';
  /** The comment including its markers, e.g. `/* note *\/`. */
  text: string;
}

export interface ActionNode extends Span {
  type: 'action';
  pipe: PipeNode;
}

export interface PipeNode extends Span {
  type: 'pipe';
  /** `$x = …` rather than `$x := …`. */
  isAssign: boolean;
  decl: VariableNode[];
  cmds: CommandNode[];
}

export interface CommandNode extends Span {
  type: 'command';
  args: ArgNode[];
}

/** `.a.b`: `ident` is `['a', 'b']`. */
export interface FieldNode extends Span {
  type: 'field';
  ident: string[];
}

/** `$x.a.b`: `ident` is `['$x', 'a', 'b']`. */
export interface VariableNode extends Span {
  type: 'variable';
  ident: string[];
}

/** A term followed by fields: `(pipeline).a.b` or `ident.a` (a namespace method such as `strings.Title`). */
export interface ChainNode extends Span {
  type: 'chain';
  node: ArgNode;
  field: string[];
}

/** A function name. */
export interface IdentifierNode extends Span {
  type: 'identifier';
  ident: string;
}

export interface DotNode extends Span {
  type: 'dot';
}

export interface NilNode extends Span {
  type: 'nil';
}

export interface BoolNode extends Span {
  type: 'bool';
  value: boolean;
}

/** A numeric constant, classified the way Go's `parse.NumberNode` does (one text may be several kinds). */
export interface NumberNode extends Span {
  type: 'number';
  text: string;
  isInt: boolean;
  isUint: boolean;
  isFloat: boolean;
  isComplex: boolean;
  int: bigint;
  uint: bigint;
  float: number;
  complex: [number, number];
}

export interface StringNode extends Span {
  type: 'string';
  /** The source form, quotes included (keeps raw versus interpreted strings). */
  quoted: string;
  /** The unquoted value. */
  text: string;
}

export interface BranchFields extends Span {
  pipe: PipeNode;
  list: ListNode;
  elseList: ListNode | null;
}

export interface IfNode extends BranchFields {
  type: 'if';
}

export interface RangeNode extends BranchFields {
  type: 'range';
}

export interface WithNode extends BranchFields {
  type: 'with';
}

export interface BreakNode extends Span {
  type: 'break';
}

export interface ContinueNode extends Span {
  type: 'continue';
}

/** `{{template "name" pipe}}`, or `{{block "name" pipe}}…{{end}}` when `block` is set. */
export interface TemplateNode extends Span {
  type: 'template';
  name: string;
  pipe: PipeNode | null;
  /** The body of a `{{block}}`; it is also registered as a template definition. */
  block: ListNode | null;
}

/**
 * `{{define "name"}}…{{end}}`. Go removes definitions from the tree; they stay here (execution skips
 * them) so the printer can reproduce the source and analysis can see fields used inside.
 */
export interface DefineNode extends Span {
  type: 'define';
  name: string;
  list: ListNode;
}

export type ArgNode =
  | FieldNode
  | VariableNode
  | ChainNode
  | IdentifierNode
  | DotNode
  | NilNode
  | BoolNode
  | NumberNode
  | StringNode
  | PipeNode;

export type Node =
  | TextNode
  | CommentNode
  | ActionNode
  | IfNode
  | RangeNode
  | WithNode
  | BreakNode
  | ContinueNode
  | TemplateNode
  | DefineNode
  | ListNode;

export interface TemplateTree {
  /** Name of the top-level template (used in Go-style messages and by `{{template}}` lookups). */
  name: string;
  text: string;
  leftDelim: string;
  rightDelim: string;
  root: ListNode;
  /** Every named template body, the top-level one included (Go's tree set). */
  templates: Map<string, ListNode>;
}
