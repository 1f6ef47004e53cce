/**
 * Prints a parse tree back to canonical template source (Go's `Node.String()` style: no trim
 * markers, no padding inside delimiters). Re-parsing the output yields the same tree, positions aside.
 */

import type { ListNode, Node, TemplateTree } from './ast.js';
import { goQuote } from './gostr.js';
import { pipeString } from './parser.js';

interface Delims {
  left: string;
  right: string;
}

function printList(list: ListNode, d: Delims): string {
  return list.nodes.map((n) => printNode(n, d)).join('');
}

function printElse(kind: 'if' | 'range' | 'with', elseList: ListNode, d: Delims): string {
  const only = elseList.nodes.length === 1 ? elseList.nodes[0]! : undefined;
  // `{{else if}}` / `{{else with}}` parse to an else list holding just that node; print it back that way.
  if (only !== undefined && only.type === kind && kind !== 'range') {
    const nested = printNode(only, d);
    return `${d.left}else ${nested.slice(d.left.length, -(d.left.length + 3 + d.right.length))}`;
  }
  return `${d.left}else${d.right}${printList(elseList, d)}`;
}

export function printNode(n: Node, d: Delims): string {
  const { left: L, right: R } = d;
  switch (n.type) {
    case 'text':
      return n.text;
    case 'comment':
      return `${L}${n.text}${R}`;
    case 'action':
      return `${L}${pipeString(n.pipe)}${R}`;
    case 'if':
    case 'range':
    case 'with': {
      let s = `${L}${n.type} ${pipeString(n.pipe)}${R}${printList(n.list, d)}`;
      if (n.elseList !== null) s += printElse(n.type, n.elseList, d);
      return `${s}${L}end${R}`;
    }
    case 'break':
      return `${L}break${R}`;
    case 'continue':
      return `${L}continue${R}`;
    case 'template': {
      const head = `${n.block !== null ? 'block' : 'template'} ${goQuote(n.name)}`;
      const pipe = n.pipe !== null ? ` ${pipeString(n.pipe)}` : '';
      if (n.block !== null) return `${L}${head}${pipe}${R}${printList(n.block, d)}${L}end${R}`;
      return `${L}${head}${pipe}${R}`;
    }
    case 'define':
      return `${L}define ${goQuote(n.name)}${R}${printList(n.list, d)}${L}end${R}`;
    case 'list':
      return printList(n, d);
  }
}

/** Canonical source for a whole tree, using the tree's delimiters. */
export function printTree(tree: TemplateTree): string {
  return printList(tree.root, { left: tree.leftDelim, right: tree.rightDelim });
}

/** Go's `String()` of a node with the default delimiters (used in execution error messages). */
export function nodeString(n: Node): string {
  return printNode(n, { left: '{{', right: '}}' });
}
