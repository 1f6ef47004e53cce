/**
 * What the template rules share: parse trees cached per text and parsing mode, field references
 * with the position of each written key, and which references sit in an existence test (`default`,
 * `if`, `hasKey`…). The engine's analysis API (`fieldReferences`) says which keys a template reads;
 * this adapter adds the per-key spans and the guards the rules need to avoid false alarms.
 */
import type { AtmosConfig } from '../config/atmos-config.js';
import { isMap, type PlainMap } from '../resolve/merge.js';
import type { PathSegment } from '../resolve/provenance.js';
import {
  type ArgNode,
  type FieldReference,
  type FunctionSet,
  fieldReferences,
  functionSet,
  type ListNode,
  type Node,
  type PipeNode,
  parseTemplate,
  type TemplateSyntaxError,
  type TemplateTree,
} from '../template/index.js';

/** How a text is parsed: as component-time rendering does, as an unrendered upload, or at import time. */
export type ParseMode = 'component' | 'upload' | 'import';

export interface TemplateRef {
  /** Keys read from the top-level data (`.vars.region`, `$.vars.region`, `$v.region` after `$v := .vars`). */
  path: string[];
  /** Span of the whole reference in the template text. */
  pos: number;
  end: number;
  /** For each key of `path`, the span of `.key` in the text when it is written there (not reached through a variable). */
  keySpans: ({ pos: number; end: number } | undefined)[];
  /** Inside an existence test: `default`, `coalesce`, `empty`, `or`, `and`, `not`, `hasKey`, `ternary`, an `if`/`with` condition, or an `if` body that tested it. */
  guarded: boolean;
}

export type Parsed =
  | { ok: true; tree: TemplateTree; refs: TemplateRef[] }
  | { ok: false; error: TemplateSyntaxError };

/** Functions whose arguments are existence or truthiness tests: a missing key there is deliberate. */
const GUARD_FUNCTIONS = new Set(['default', 'coalesce', 'empty', 'or', 'and', 'not', 'hasKey', 'ternary']);

export class TemplateAnalysis {
  readonly delimiters: [string, string];
  private readonly caches = new Map<ParseMode, Map<string, Parsed>>();
  private readonly functions: Record<ParseMode, FunctionSet | undefined>;

  constructor(readonly config: AtmosConfig) {
    this.delimiters = config.templates.delimiters;
    this.functions = {
      // The resolver's ComponentRenderer: the configured libraries plus Atmos's own.
      component: functionSet({
        sprig: config.templates.sprig,
        gomplate: config.templates.gomplate,
        atmos: true,
      }),
      // What Atmos Pro renders server-side is not known: function names are not checked.
      upload: undefined,
      // ProcessTmpl (import time, name_template): every library, default delimiters.
      import: functionSet({ sprig: true, gomplate: true, atmos: true }),
    };
  }

  /**
   * The delimiters a mode parses with: the configured ones for component-time rendering; Go's
   * defaults at import time (ProcessTmpl) and for what Atmos Pro renders server-side.
   */
  delimitersOf(mode: ParseMode): [string, string] {
    return mode === 'component' ? this.delimiters : ['{{', '}}'];
  }

  parse(text: string, mode: ParseMode): Parsed {
    let cache = this.caches.get(mode);
    if (!cache) this.caches.set(mode, (cache = new Map()));
    const hit = cache.get(text);
    if (hit) return hit;
    const fns = this.functions[mode];
    const r = parseTemplate(text, {
      leftDelim: this.delimitersOf(mode)[0],
      rightDelim: this.delimitersOf(mode)[1],
      ...(fns ? { functions: fns } : {}),
    });
    const parsed: Parsed =
      'error' in r ? { ok: false, error: r.error } : { ok: true, tree: r.tree, refs: refsOf(r.tree) };
    if (cache.size < 100_000) cache.set(text, parsed);
    return parsed;
  }
}

const analyses = new WeakMap<object, TemplateAnalysis>();

/** One analysis per resolution, shared by every template rule of a run. */
export function templateAnalysis(resolution: { config: AtmosConfig }): TemplateAnalysis {
  let a = analyses.get(resolution);
  if (!a) analyses.set(resolution, (a = new TemplateAnalysis(resolution.config)));
  return a;
}

/** Top-level field references of a tree with per-key spans and guard flags. */
function refsOf(tree: TemplateTree): TemplateRef[] {
  const top = fieldReferences(tree).filter((r) => !r.rebound);
  const guards = collectGuards(tree, top);
  const out: TemplateRef[] = [];
  for (const r of top) {
    const written = tree.text.slice(r.pos, r.end).split('.');
    // `.a.b` splits into ['', 'a', 'b'], `$v.b` into ['$v', 'b']: the written keys are the path's tail.
    const keys = written.slice(1);
    const first = r.path.length - keys.length;
    const keySpans: TemplateRef['keySpans'] = r.path.map(() => undefined);
    let cursor = r.pos + written[0]!.length;
    keys.forEach((k, j) => {
      if (first + j >= 0) keySpans[first + j] = { pos: cursor, end: cursor + 1 + k.length };
      cursor += 1 + k.length;
    });
    out.push({
      path: r.path,
      pos: r.pos,
      end: r.end,
      keySpans,
      guarded: guards.some((g) => isGuardedBy(g, r.pos, r.end, r.path)),
    });
  }
  return out;
}

/** A region where references are existence tests; with `paths`, only references to those paths (or below). */
interface Guard {
  pos: number;
  end: number;
  paths?: string[][];
}

function isGuardedBy(g: Guard, pos: number, end: number, path: readonly string[]): boolean {
  if (pos < g.pos || end > g.end) return false;
  if (!g.paths) return true;
  return g.paths.some((p) => p.length <= path.length && p.every((k, i) => path[i] === k));
}

function collectGuards(tree: TemplateTree, topRefs: readonly FieldReference[]): Guard[] {
  const guards: Guard[] = [];
  const pathsIn = (pos: number, end: number): string[][] =>
    topRefs.filter((r) => r.pos >= pos && r.end <= end).map((r) => r.path);

  const pipe = (p: PipeNode): void => {
    p.cmds.forEach((cmd, i) => {
      const head = cmd.args[0];
      if (head?.type === 'identifier' && GUARD_FUNCTIONS.has(head.ident)) {
        for (const a of cmd.args.slice(1)) guards.push({ pos: a.pos, end: a.end });
        // `.vars.x | default "y"`: the piped value is the test's argument too.
        for (const before of p.cmds.slice(0, i)) guards.push({ pos: before.pos, end: before.end });
      }
      for (const a of cmd.args) arg(a);
    });
  };
  const arg = (a: ArgNode): void => {
    if (a.type === 'pipe') pipe(a);
    else if (a.type === 'chain') arg(a.node);
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
        if (n.type !== 'range') {
          guards.push({ pos: n.pipe.pos, end: n.pipe.end });
          // `{{ if .vars.x }}{{ .vars.x }}{{ end }}` and `{{ if hasKey .vars "x" }}{{ .vars.x }}{{ end }}`.
          const tested = [...pathsIn(n.pipe.pos, n.pipe.end), ...hasKeyPaths(n.pipe, topRefs)];
          if (n.type === 'if' && tested.length > 0) {
            for (const body of [n.list, n.elseList])
              if (body) guards.push({ pos: body.pos, end: body.end, paths: tested });
          }
        }
        list(n.list);
        if (n.elseList) list(n.elseList);
        return;
      case 'template':
        if (n.pipe) pipe(n.pipe);
        if (n.block) list(n.block);
        return;
      case 'define':
      case 'list':
        list(n.type === 'list' ? n : n.list);
        return;
      default:
        return;
    }
  };
  const list = (l: ListNode): void => {
    for (const n of l.nodes) node(n);
  };
  list(tree.root);
  return guards;
}

/** `hasKey .vars "x"` in a condition tests `vars.x`. */
function hasKeyPaths(p: PipeNode, refs: readonly { path: string[]; pos: number; end: number }[]): string[][] {
  const out: string[][] = [];
  const visit = (pp: PipeNode): void => {
    for (const cmd of pp.cmds) {
      const [head, map, key] = cmd.args;
      if (head?.type === 'identifier' && head.ident === 'hasKey' && map && key?.type === 'string') {
        const ref = refs.find((r) => r.pos === map.pos && r.end === map.end);
        if (ref) out.push([...ref.path, key.text]);
      }
      for (const a of cmd.args) if (a.type === 'pipe') visit(a);
    }
  };
  visit(p);
  return out;
}

export interface StringAt {
  path: PathSegment[];
  value: string;
}

/** Sections Atmos keeps out of component-time rendering (template_non_templated_sections.go). */
const NOT_RENDERED = new Set(['component_info']);

/** Every string of a merged component section that may hold a template, with its path. */
export function templatedStrings(section: PlainMap, delimiter: string): StringAt[] {
  const out: StringAt[] = [];
  const path: PathSegment[] = [];
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      if (v.includes(delimiter)) out.push({ path: path.slice(), value: v });
      return;
    }
    if (v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        visit(v[i]);
        path.pop();
      }
    } else {
      for (const k of Object.keys(v)) {
        if (path.length === 0 && NOT_RENDERED.has(k)) continue;
        path.push(k);
        visit((v as PlainMap)[k]);
        path.pop();
      }
    }
  };
  visit(section);
  return out;
}

/**
 * The workflow inputs of `settings.pro` (strings under `…workflows.<file>.inputs`), in both the map
 * form and the legacy `pull_request: [{on, workflows}]` list form.
 */
export function proInputStrings(section: PlainMap, delimiter: string): StringAt[] {
  const settings = section.settings;
  if (!isMap(settings) || !isMap(settings.pro)) return [];
  const wrapper: PlainMap = { settings: { pro: settings.pro } };
  return templatedStrings(wrapper, delimiter).filter((s) => {
    const i = s.path.indexOf('workflows');
    return i > 2 && s.path[i + 2] === 'inputs' && s.path.length > i + 3;
  });
}

/** Where a reference ends up being written: `.vars.region` as text, for messages. */
export function refText(path: readonly string[], upTo = path.length): string {
  return `.${path.slice(0, upTo).join('.')}`;
}
