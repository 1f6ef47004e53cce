import {
  type Alias,
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseAllDocuments,
  type Scalar,
  type Tags,
  YAMLMap,
  YAMLSeq,
} from 'yaml';
import { dict } from '../core/dict.js';
import type { Loc, SourceFile } from '../core/source.js';
import { didYouMean } from '../core/suggest.js';
import {
  type ContainerOrigin,
  carriesAppend,
  isMergeKeyNode,
  keyString,
  markHoldsAppend,
  nodeLoc,
  setOrigin,
} from './origin.js';
import { resolvePlainScalar } from './scalars.js';
import { APPEND_KEY, ATMOS_TAGS, CONFIG_TAGS, isAtmosTag } from './tags.js';

export type LoadProblemCode =
  | 'yaml-syntax'
  | 'unknown-yaml-tag'
  | 'import-not-found'
  | 'import-outside-repo'
  | 'invalid-manifest';

export interface LoadProblem {
  code: LoadProblemCode;
  message: string;
  loc: Loc;
}

/** What an `!include` resolved to: a value (with its own origins if it was YAML/JSON) or a problem. */
export type IncludeResult = { value: unknown } | { problem: LoadProblem };

export interface ParseOptions {
  /** Inline `!include` / `!include.raw` (stack manifests and atmos.yaml). Without it the tag is kept as text. */
  include?: (arg: string, raw: boolean, from: SourceFile, loc: Loc) => IncludeResult;
  /**
   * Which tag vocabulary is valid: Atmos stack functions, the subset `atmos.yaml` resolves, or
   * `strip` for data files pulled in by `!include`, whose tags yaml.v3 silently drops.
   */
  tags?: 'stack' | 'config' | 'strip';
}

export interface ParsedYaml {
  file: SourceFile;
  /** The first document's value (Atmos reads only the first document), or null when empty. */
  value: unknown;
  /** True when the document has no content at all (only comments or whitespace). */
  empty: boolean;
  problems: LoadProblem[];
  /** The parsed document, for `--fix` edits that keep comments and formatting. */
  doc: Document.Parsed | undefined;
}

/**
 * Atmos's tags declared to the parser as identity tags, so it neither warns about them (a warning
 * is an Error object with a stack, costly by the thousand) nor changes their values; the converter
 * reads `node.tag` and gives them Atmos's meaning. Unknown tags still warn and are reported.
 */
const KNOWN_TAGS: Tags = [...new Set([...ATMOS_TAGS, ...CONFIG_TAGS])].flatMap((tag) => [
  { tag, resolve: (s: string) => s },
  { tag, collection: 'map' as const, nodeClass: YAMLMap, resolve: (m: unknown) => m },
  { tag, collection: 'seq' as const, nodeClass: YAMLSeq, resolve: (m: unknown) => m },
]) as Tags;

/** A YAML alias that expands to more nodes than this is a billion-laughs document. */
export const MAX_EXPANDED_NODES = 2_000_000;
/** Deeper nesting than this is refused rather than risking the stack. */
export const MAX_DEPTH = 512;
const NESTING_MESSAGE = `YAML nesting deeper than ${MAX_DEPTH} levels is not supported`;

/**
 * Parses one YAML file into plain values the way Atmos's loader (yaml.v3 + processCustomTags) sees it,
 * recording where every map and list was written. Never throws: problems are returned.
 */
export function parseYaml(file: SourceFile, opts: ParseOptions = {}): ParsedYaml {
  const problems: LoadProblem[] = [];
  const lineCounter = new LineCounter();
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(file.text, {
      lineCounter,
      merge: false,
      uniqueKeys: true,
      prettyErrors: false,
      strict: true,
      version: '1.2',
      schema: 'core',
      stringKeys: false,
      keepSourceTokens: false,
      customTags: KNOWN_TAGS,
    }) as Document.Parsed[];
  } catch (e) {
    problems.push({
      code: 'yaml-syntax',
      message: `YAML could not be parsed: ${(e as Error).message}`,
      loc: at(file, 0),
    });
    return { file, value: null, empty: false, problems, doc: undefined };
  }
  if (!Array.isArray(docs)) docs = [];
  const doc = docs[0];
  if (!doc) return { file, value: null, empty: true, problems, doc: undefined };
  // eemeli/yaml reports its own stack overflow on deep nesting as an error; the converter below
  // says the same in Atmos's terms at the level where it happens, so this one is kept back.
  let overflow: Loc | undefined;
  for (const err of doc.errors) {
    if (/Maximum call stack size exceeded/.test(err.message)) {
      overflow ??= errLoc(file, err.pos);
      continue;
    }
    problems.push({
      code: 'yaml-syntax',
      message: yamlErrorMessage(err.code, err.message),
      loc: unclosedQuoteLoc(file, err.message, err.pos) ?? errLoc(file, err.pos),
    });
  }
  const tooDeep = () => {
    if (overflow && !problems.some((p) => p.message === NESTING_MESSAGE))
      problems.push({ code: 'yaml-syntax', message: NESTING_MESSAGE, loc: overflow });
  };
  if (doc.contents === null || doc.contents === undefined) {
    tooDeep();
    return { file, value: null, empty: true, problems, doc };
  }
  const converter = new Converter(file, doc, opts, problems);
  let value: unknown;
  if (converter.expandedSize(doc.contents as Node) > MAX_EXPANDED_NODES) {
    problems.push({
      code: 'yaml-syntax',
      message: `YAML aliases expand to more than ${MAX_EXPANDED_NODES.toLocaleString('en-US')} nodes; refusing to expand them (a "billion laughs" document)`,
      loc: nodeLoc(file, doc.contents as Node),
    });
    value = null;
  } else {
    value = converter.convert(doc.contents as Node, 0);
  }
  tooDeep();
  return { file, value, empty: false, problems, doc };
}

function at(file: SourceFile, offset: number): Loc {
  return { file, start: offset, end: offset };
}

function errLoc(file: SourceFile, pos: [number, number] | undefined): Loc {
  if (!pos) return at(file, 0);
  // eemeli/yaml places errors at the end of input one past the last character ("{" gives [1, 2]).
  const len = file.text.length;
  const start = Math.min(Math.max(0, pos[0]), len);
  return { file, start, end: Math.min(Math.max(start, pos[1]), len) };
}

/**
 * eemeli/yaml reports an unclosed quoted scalar at the end of the input; the opening quote is where
 * to look. Inside an unclosed "…" every quote is escaped (\\"), inside '…' they come in pairs, so
 * the opening one is the last quote before the end that is neither.
 */
function unclosedQuoteLoc(
  file: SourceFile,
  message: string,
  pos: [number, number] | undefined,
): Loc | undefined {
  const m = /^Missing closing (["'])quote/.exec(message);
  if (!m || !pos) return undefined;
  const q = m[1]!;
  const text = file.text;
  let i = Math.min(pos[0], text.length) - 1;
  for (; i >= 0; i--) {
    if (text[i] !== q) continue;
    if (q === '"') {
      let slashes = 0;
      for (let j = i - 1; j >= 0 && text[j] === '\\'; j--) slashes++;
      if (slashes % 2 === 0) break;
    } else if (text[i - 1] === "'") {
      i--;
    } else break;
  }
  if (i < 0) return undefined;
  const eol = text.indexOf('\n', i);
  return { file, start: i, end: eol < 0 ? text.length : eol };
}

function yamlErrorMessage(code: string, message: string): string {
  // eemeli/yaml messages end with a location excerpt when prettyErrors is on; ours is off, so the
  // message is one sentence. Make duplicate keys read like yaml.v3's "mapping key already defined".
  if (code === 'DUPLICATE_KEY')
    return `${message.replace(/\.$/, '')}: Atmos (yaml.v3) rejects duplicate mapping keys`;
  return message;
}

class Converter {
  private readonly anchored = new Map<Node, unknown>();
  private readonly inProgress = new Set<Node>();
  private readonly sizes = new Map<Node, number>();
  private readonly origin: Omit<ContainerOrigin, 'node'>;

  constructor(
    private readonly file: SourceFile,
    private readonly doc: Document.Parsed,
    private readonly opts: ParseOptions,
    private readonly problems: LoadProblem[],
  ) {
    this.origin = { file, resolveAlias: (a) => this.resolveAlias(a as Alias) };
  }

  resolveAlias(alias: Alias): Node | undefined {
    try {
      return (alias.resolve(this.doc) as Node | undefined) ?? undefined;
    } catch {
      return undefined;
    }
  }

  /** Number of nodes the value expands to once every alias is followed (memoised: linear time). */
  expandedSize(node: Node, depth = 0): number {
    const memo = this.sizes.get(node);
    if (memo !== undefined) return memo;
    if (depth > MAX_DEPTH) return 1;
    this.sizes.set(node, 1); // breaks alias cycles
    let size = 1;
    if (isAlias(node)) {
      const target = this.resolveAlias(node);
      size = target ? this.expandedSize(target, depth + 1) : 1;
    } else if (isMap(node)) {
      for (const p of node.items) {
        size += 1 + (p.value ? this.expandedSize(p.value as Node, depth + 1) : 0);
        if (size > MAX_EXPANDED_NODES) break;
      }
    } else if (isSeq(node)) {
      for (const item of node.items) {
        size += this.expandedSize(item as Node, depth + 1);
        if (size > MAX_EXPANDED_NODES) break;
      }
    }
    this.sizes.set(node, size);
    return size;
  }

  convert(node: Node | null | undefined, depth: number): unknown {
    if (node === null || node === undefined) return null;
    if (depth > MAX_DEPTH) {
      this.problem('yaml-syntax', NESTING_MESSAGE, node);
      return null;
    }
    if (isAlias(node)) {
      const target = this.resolveAlias(node);
      if (!target) {
        this.problem('yaml-syntax', `unknown anchor "${node.source}" referenced`, node);
        return null;
      }
      if (this.inProgress.has(target)) {
        this.problem('yaml-syntax', `alias "*${node.source}" refers to the node that contains it`, node);
        return null;
      }
      return this.convertAnchored(target, depth);
    }
    if (node.anchor) return this.convertAnchored(node, depth);
    return this.convertNode(node, depth);
  }

  /**
   * An anchored node is converted once and shared by its aliases. That is safe because loaded values
   * are never mutated: every merge builds new maps, so a key merged into one use of an alias can
   * never show up in another.
   */
  private convertAnchored(node: Node, depth: number): unknown {
    if (this.anchored.has(node)) return this.anchored.get(node);
    this.inProgress.add(node);
    const value = this.convertNode(node, depth);
    this.inProgress.delete(node);
    this.anchored.set(node, value);
    return value;
  }

  private convertNode(node: Node, depth: number): unknown {
    const tag = localTag(node);
    if (tag !== undefined) return this.convertTagged(node, tag, depth);
    if (isScalar(node)) return scalarValue(node);
    if (isMap(node)) return this.convertMap(node, depth);
    if (isSeq(node)) return this.convertSeq(node, depth);
    return null;
  }

  private convertTagged(node: Node, tag: string, depth: number): unknown {
    const mode = this.opts.tags ?? 'stack';
    if (mode === 'strip')
      return isScalar(node) ? untaggedScalarValue(node) : this.convertNode(untag(node), depth);
    // atmos.yaml resolves only its own subset at load time; any other tag, stack functions such as
    // `!store` included, fails there (pkg/config/process_yaml.go processScalarNode).
    const known = mode === 'config' ? CONFIG_TAGS.includes(tag) : isAtmosTag(tag);
    if (!known) {
      const vocabulary = mode === 'config' ? CONFIG_TAGS : ATMOS_TAGS;
      const hint = didYouMean(tag, vocabulary);
      const what =
        mode === 'config' && isAtmosTag(tag)
          ? `YAML function "${tag}" is not supported in atmos.yaml, only in stack manifests: Atmos rejects it (ErrUnsupportedYamlTag).`
          : `Unknown YAML tag "${tag}": Atmos rejects it (ErrUnsupportedYamlTag).`;
      this.problem(
        'unknown-yaml-tag',
        what + (hint ? ` Did you mean "${hint}"?` : ` Supported tags: ${vocabulary.join(', ')}.`),
        node,
        tagRange(this.file, node, tag),
      );
      // atmos.yaml: keep the value as yaml.v3 would decode it, so one bad tag does not also turn
      // the setting into "!tag value" (a stack manifest with it fails in Atmos anyway).
      if (mode === 'config')
        return isScalar(node) ? untaggedScalarValue(node) : this.convertNode(untag(node), depth);
      return isScalar(node) ? taggedString(tag, node) : this.convertNode(untag(node), depth);
    }
    if (tag === '!literal')
      return isScalar(node) ? untaggedScalarValue(node) : this.convertNode(untag(node), depth);
    if (tag === '!append') {
      if (!isSeq(node)) return this.convertNode(untag(node), depth);
      const wrapper = dict();
      wrapper[APPEND_KEY] = this.convertSeq(node, depth + 1);
      return wrapper;
    }
    if ((tag === '!include' || tag === '!include.raw') && isScalar(node) && this.opts.include) {
      const arg = String(node.value ?? '').trim();
      const result = this.opts.include(arg, tag === '!include.raw', this.file, nodeLoc(this.file, node));
      if ('problem' in result) {
        this.problems.push(result.problem);
        return taggedString(tag, node);
      }
      return result.value;
    }
    // Every other function tag: Atmos keeps the scalar as the string "!tag args" and resolves it
    // after merging (we never execute it). Tagged maps and lists keep their content.
    if (isScalar(node)) return taggedString(tag, node);
    return this.convertNode(untag(node), depth);
  }

  private convertMap(node: YAMLMap, depth: number): Record<string, unknown> {
    const out = dict();
    setOrigin(out, { ...this.origin, node });
    let merge: Node | undefined;
    for (const pair of node.items) {
      const k = pair.key as Node | null;
      if (k && isMergeKeyNode(k)) {
        merge = (pair.value as Node | null) ?? undefined;
        continue;
      }
      out[keyString(k)] = this.convert(pair.value as Node | null, depth + 1);
    }
    if (merge) this.applyMerge(out, merge, depth);
    for (const k in out) {
      if (carriesAppend(out[k])) {
        markHoldsAppend(out);
        break;
      }
    }
    return out;
  }

  /** yaml.v3 merge keys: shallow, explicit keys win, earlier merge sources win over later ones. */
  private applyMerge(out: Record<string, unknown>, merge: Node, depth: number): void {
    const sources = isSeq(merge) ? (merge.items as Node[]) : [merge];
    for (const source of sources) {
      const value = this.convert(source, depth + 1);
      if (value === null) continue;
      if (typeof value !== 'object' || Array.isArray(value)) {
        this.problem(
          'yaml-syntax',
          'map merge requires a map or a list of maps as the value of "<<"',
          source,
        );
        continue;
      }
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (!Object.hasOwn(out, k)) out[k] = v;
      }
    }
  }

  private convertSeq(node: YAMLSeq, depth: number): unknown[] {
    const out = node.items.map((item) => this.convert(item as Node, depth + 1));
    setOrigin(out, { ...this.origin, node });
    return out;
  }

  private problem(
    code: LoadProblem['code'],
    message: string,
    node: Node,
    range?: { start: number; end: number },
  ): void {
    const loc = range ? { file: this.file, ...range } : nodeLoc(this.file, node);
    this.problems.push({ code, message, loc });
  }
}

/** The local tag (`!name`) of a node, or undefined for untagged nodes and standard `!!` tags. */
function localTag(node: Node): string | undefined {
  const tag = node.tag;
  if (typeof tag !== 'string' || tag === '') return undefined;
  if (tag.startsWith('tag:yaml.org,2002:')) return undefined;
  if (!tag.startsWith('!') || tag.startsWith('!!')) return undefined;
  return tag.trim();
}

/** The tag token itself, which precedes the node's range in the source. */
function tagRange(file: SourceFile, node: Node, tag: string): { start: number; end: number } {
  const start = node.range ? node.range[0] : 0;
  const idx = file.text.lastIndexOf(tag, start);
  if (idx >= 0 && start - idx <= tag.length + 256) return { start: idx, end: idx + tag.length };
  return { start, end: node.range ? node.range[1] : start };
}

function untag(node: Node): Node {
  const copy = node.clone() as Node;
  copy.tag = undefined;
  return copy;
}

function taggedString(tag: string, node: Scalar): string {
  const v = node.value;
  const text = v === null || v === undefined ? '' : typeof v === 'string' ? v : String(node.source ?? v);
  return `${tag} ${text.trim()}`.trim();
}

/** A scalar whose tag Atmos cleared (`!literal`): resolved as if it had never been tagged. */
function untaggedScalarValue(node: Scalar): unknown {
  if (node.type === 'PLAIN')
    return resolvePlainScalar(typeof node.source === 'string' ? node.source : String(node.value ?? ''));
  return node.value === null || node.value === undefined ? '' : String(node.value);
}

function scalarValue(node: Scalar): unknown {
  const v = node.value;
  if (node.type === 'PLAIN') {
    const tag = node.tag;
    if (tag === undefined || tag === '' || tag === '!') {
      return resolvePlainScalar(typeof node.source === 'string' ? node.source : String(v ?? ''));
    }
    if (tag === 'tag:yaml.org,2002:str')
      return typeof node.source === 'string' ? node.source : String(v ?? '');
  }
  if (
    typeof v === 'number' &&
    Number.isInteger(v) &&
    !Number.isSafeInteger(v) &&
    typeof node.source === 'string'
  ) {
    try {
      return BigInt(node.source.replaceAll('_', ''));
    } catch {
      return v;
    }
  }
  if (v === undefined) return null;
  if (typeof v === 'object' && v !== null && !(v instanceof Uint8Array)) return String(v);
  if (v instanceof Uint8Array) return typeof node.source === 'string' ? node.source : '';
  return v;
}
