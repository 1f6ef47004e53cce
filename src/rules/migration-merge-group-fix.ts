import {
  type Document,
  isAlias,
  isMap,
  isPair,
  isSeq,
  type Node,
  type Pair,
  parseDocument,
  visit,
  type YAMLMap,
} from 'yaml';
import type { SourceFile } from '../core/source.js';
import { isMergeKeyNode, keyString } from '../load/origin.js';
import type { PathSegment } from '../resolve/provenance.js';
import type { TextEdit } from './types.js';

const ANCHOR_BASE = 'synchronize-workflows';

/**
 * State shared by the fixes of one lint run: each file is parsed once (as a yaml Document, which
 * keeps exact ranges), and anchor names handed out in a file are remembered so that two fixes in
 * the same file never introduce the same anchor.
 */
export class MergeGroupFixer {
  private readonly docs = new Map<string, Document.Parsed | null>();
  private readonly anchors = new Map<string, Set<string>>();

  /**
   * Edits that add `merge_group: {checks_requested: {workflows: …}}` beside the `pull_request` entry
   * at `prPath` (a raw path inside `file`), reusing `pull_request.synchronize.workflows`: an alias
   * stays the same alias, an anchored value gets an alias to its anchor, an inline value gets a new
   * anchor and an alias to it; when none of that can be done safely the value is copied, re-indented.
   * Undefined when the file cannot be edited safely (flow-style parent, an existing `merge_group`
   * key, no `synchronize.workflows` map, YAML errors).
   */
  edits(file: SourceFile, prPath: readonly PathSegment[]): TextEdit[] | undefined {
    const doc = this.doc(file);
    if (!doc) return undefined;
    const text = file.text;
    const found = findEntry(doc, doc.contents as Node | null, prPath);
    if (!found || found.parent.flow) return undefined;
    const { pair, parent } = found;
    if (lookup(doc, parent, 'merge_group')) return undefined;
    const prRaw = pair.value as Node | null;
    const prMap = deref(doc, prRaw);
    if (!prRaw || !isMap(prMap)) return undefined;
    const syncMap = deref(doc, lookup(doc, prMap, 'synchronize')?.value as Node | null);
    if (!isMap(syncMap)) return undefined;
    const wfPair = lookup(doc, syncMap, 'workflows');
    const wfRaw = wfPair?.value as Node | null | undefined;
    const wfNode = deref(doc, wfRaw);
    if (!wfPair || !wfRaw || !isMap(wfNode) || !wfNode.range) return undefined;

    const keyNode = pair.key as Node | null;
    if (!keyNode?.range || !prRaw.range) return undefined;
    const nl = text.includes('\r\n') ? '\r\n' : '\n';
    const indent = columnOf(text, keyNode.range[0]);
    const step = childStep(text, prRaw, indent);
    const at = insertionPoint(text, prRaw.range[1]);
    const lead = `${at.prefix ? nl : ''}${' '.repeat(indent)}`;
    const block = (workflows: string) =>
      `${lead}merge_group:${nl}${' '.repeat(indent + step)}checks_requested:${nl}` +
      `${' '.repeat(indent + 2 * step)}workflows:${workflows}${nl}`;

    const edits: TextEdit[] = [];
    let ref: string | undefined;
    if (isAlias(wfRaw) && resolvesAt(doc, wfRaw.source, wfNode, at.offset)) ref = `*${wfRaw.source}`;
    else if (!isAlias(wfRaw) && wfNode.anchor && resolvesAt(doc, wfNode.anchor, wfNode, at.offset))
      ref = `*${wfNode.anchor}`;
    else if (!isAlias(wfRaw)) {
      const anchorAt = anchorOffset(text, wfPair, wfNode);
      if (anchorAt !== undefined) {
        const name = this.reserve(file, doc);
        edits.push({
          file,
          start: anchorAt.offset,
          end: anchorAt.offset,
          text: anchorAt.before ? `&${name} ` : ` &${name}`,
        });
        ref = `*${name}`;
      }
    }
    const body = ref !== undefined ? ` ${ref}` : copied(text, wfNode, indent + 3 * step, nl);
    if (body === undefined) return undefined;
    edits.push({ file, start: at.offset, end: at.offset, text: block(body) });
    return edits;
  }

  private doc(file: SourceFile): Document.Parsed | undefined {
    let doc = this.docs.get(file.path);
    if (doc === undefined) {
      const parsed = parseDocument(file.text, { keepSourceTokens: false, prettyErrors: false, merge: false });
      doc = parsed.errors.length > 0 ? null : parsed;
      this.docs.set(file.path, doc);
    }
    return doc ?? undefined;
  }

  /** A fresh anchor name for this file (none of the document's, none handed out before). */
  private reserve(file: SourceFile, doc: Document.Parsed): string {
    let used = this.anchors.get(file.path);
    if (!used) {
      used = new Set<string>();
      const names = used;
      visit(doc, {
        Node(_, node) {
          if (node.anchor) names.add(node.anchor);
        },
      });
      this.anchors.set(file.path, used);
    }
    let name = ANCHOR_BASE;
    for (let i = 2; used.has(name); i++) name = `${ANCHOR_BASE}-${i}`;
    used.add(name);
    return name;
  }
}

function deref(doc: Document.Parsed, node: Node | null | undefined): Node | undefined {
  if (!node) return undefined;
  if (!isAlias(node)) return node;
  try {
    return (node.resolve(doc) as Node | undefined) ?? undefined;
  } catch {
    return undefined;
  }
}

/** A map entry by key, explicit keys first, then `<<` merge sources (as yaml.v3 reads them). */
function lookup(doc: Document.Parsed, map: YAMLMap, key: string, seen = new Set<Node>()): Pair | undefined {
  if (seen.has(map)) return undefined;
  seen.add(map);
  let merge: Node | undefined;
  for (const item of map.items) {
    const k = item.key as Node | null;
    if (k && isMergeKeyNode(k)) merge = (item.value as Node | null) ?? undefined;
    else if (keyString(k) === key) return item as Pair;
  }
  if (!merge) return undefined;
  for (const source of isSeq(merge) ? (merge.items as Node[]) : [merge]) {
    const target = deref(doc, source);
    if (isMap(target)) {
      const hit = lookup(doc, target, key, seen);
      if (hit) return hit;
    }
  }
  return undefined;
}

/** The pair at a raw map path and the map that holds it (through aliases and merge keys). */
function findEntry(
  doc: Document.Parsed,
  root: Node | null,
  path: readonly PathSegment[],
): { pair: Pair; parent: YAMLMap } | undefined {
  let cur = deref(doc, root);
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (!isMap(cur) || typeof seg !== 'string') return undefined;
    const pair = lookup(doc, cur, seg);
    if (!pair) return undefined;
    if (i === path.length - 1) return { pair, parent: findHolder(doc, cur, pair) };
    cur = deref(doc, pair.value as Node | null);
  }
  return undefined;
}

/** The map whose items hold `pair` (the map itself, or a `<<` merge source of it). */
function findHolder(doc: Document.Parsed, map: YAMLMap, pair: Pair): YAMLMap {
  if (map.items.includes(pair as never)) return map;
  let holder: YAMLMap = map;
  visit(doc, {
    Map(_, node) {
      if (node.items.includes(pair as never)) {
        holder = node;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return holder;
}

/** Whether `*name` written at `offset` would refer to `target` (the last `&name` before it). */
function resolvesAt(doc: Document.Parsed, name: string, target: Node, offset: number): boolean {
  let last: Node | undefined;
  visit(doc, {
    Node(_, node) {
      if (node.anchor === name && node.range && node.range[0] < offset) {
        if (!last?.range || (last.range && node.range[0] > last.range[0])) last = node;
      }
    },
  });
  return last === target;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The column (0-based) of an offset; the text before it on its line is indentation or `- `. */
function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

/** The indentation step of a block map value (its first key's column minus the parent key's). */
function childStep(text: string, value: Node, parentColumn: number): number {
  if (isMap(value) && !value.flow) {
    const first = value.items[0];
    const key = isPair(first) ? (first.key as Node | null) : null;
    if (key?.range) {
      const step = columnOf(text, key.range[0]) - parentColumn;
      if (step > 0) return step;
    }
  }
  return 2;
}

/** The start of the line after the last content line of a value (its range end, minus blank lines). */
function insertionPoint(text: string, end: number): { offset: number; prefix: boolean } {
  let e = end;
  while (e > 0 && /\s/.test(text[e - 1] ?? '')) e--;
  const eol = text.indexOf('\n', e);
  return eol === -1 ? { offset: text.length, prefix: true } : { offset: eol + 1, prefix: false };
}

/**
 * Where an anchor for the `workflows` value goes: before a flow map, or after the colon of the
 * `workflows:` key for a block map (an anchor in front of the first nested key would anchor that key).
 */
function anchorOffset(
  text: string,
  pair: Pair,
  value: YAMLMap,
): { offset: number; before: boolean } | undefined {
  if (value.flow) return value.range ? { offset: value.range[0], before: true } : undefined;
  const key = pair.key as Node | null;
  if (!key?.range) return undefined;
  let i = key.range[1];
  while (text[i] === ' ' || text[i] === '\t') i++;
  return text[i] === ':' ? { offset: i + 1, before: false } : undefined;
}

/** The text of a map value, re-indented for a `workflows:` key whose value sits at `column`. */
function copied(text: string, value: YAMLMap, column: number, nl: string): string | undefined {
  if (!value.range) return undefined;
  let end = value.range[1];
  while (end > value.range[0] && /\s/.test(text[end - 1] ?? '')) end--;
  if (value.flow) {
    const body = text.slice(value.range[0], end);
    return ` ${reindent(body, columnOf(text, value.range[0]), column, nl)}`;
  }
  // The first key may share its line with other tokens (`? key` / `: value`), so it is taken from
  // its own column; the lines after it keep their indentation relative to it.
  const eol = text.indexOf('\n', end);
  const body = text.slice(value.range[0], eol === -1 ? text.length : eol).replace(/\r$/, '');
  return `${nl}${' '.repeat(column)}${reindent(body, columnOf(text, value.range[0]), column, nl)}`;
}

/** Shifts every line after the first from `from` columns of indentation to `to`. */
function reindent(body: string, from: number, to: number, nl: string): string {
  return body
    .split(/\r?\n/)
    .map((line, i) => {
      if (i === 0) return line;
      if (line.trim() === '') return '';
      const lead = line.length - line.trimStart().length;
      return ' '.repeat(to) + (lead >= from ? line.slice(from) : line.trimStart());
    })
    .join(nl);
}
