import type { ArgNode, ListNode, Node, PipeNode, TemplateTree } from '../../src/template/index.js';

/** A tree without positions or source forms, for structural comparison. */
export function strip(tree: TemplateTree): unknown {
  return {
    root: stripList(tree.root),
    templates: [...tree.templates.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => [k, stripList(v)]),
  };
}

function stripList(l: ListNode): unknown {
  return l.nodes.map(stripNode);
}

function stripPipe(p: PipeNode): unknown {
  return {
    isAssign: p.isAssign,
    decl: p.decl.map((d) => d.ident),
    cmds: p.cmds.map((c) => c.args.map(stripArg)),
  };
}

function stripArg(a: ArgNode): unknown {
  switch (a.type) {
    case 'pipe':
      return { pipe: stripPipe(a) };
    case 'chain':
      return { chain: stripArg(a.node), field: a.field };
    case 'string':
      return { string: a.text };
    case 'number':
      return { number: a.text };
    case 'bool':
      return { bool: a.value };
    case 'field':
    case 'variable':
      return { [a.type]: a.ident };
    case 'identifier':
      return { identifier: a.ident };
    default:
      return { [a.type]: true };
  }
}

function stripNode(n: Node): unknown {
  switch (n.type) {
    case 'text':
      return { text: n.text };
    case 'comment':
      return { comment: n.text };
    case 'action':
      return { action: stripPipe(n.pipe) };
    case 'if':
    case 'range':
    case 'with':
      return {
        [n.type]: stripPipe(n.pipe),
        list: stripList(n.list),
        else: n.elseList === null ? null : stripList(n.elseList),
      };
    case 'template':
      return {
        template: n.name,
        pipe: n.pipe === null ? null : stripPipe(n.pipe),
        block: n.block && stripList(n.block),
      };
    case 'define':
      return { define: n.name, list: stripList(n.list) };
    case 'list':
      return stripList(n);
    default:
      return { [n.type]: true };
  }
}
