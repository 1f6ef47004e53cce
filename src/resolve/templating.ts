import type { TemplateSettings } from '../config/atmos-config.js';
import {
  functionSet,
  type Meter,
  parseTemplate,
  renderTemplate,
  type TemplateError,
  type TemplateTree,
} from '../template/index.js';

/** Reads environment variables for templates; the linter passes a redacted view, never the process env. */
export type EnvView = (name: string) => string | undefined;

export type RenderResult = { ok: true; text: string } | { ok: false; error: TemplateError };

/**
 * Template work (steps and output characters) allowed for one component section, and for a whole
 * run. Atmos renders a section as one template; here each string is its own execution, so thousands
 * of `{{ toJson .vars }}` over a huge merged context would each stay within the executor's budget and
 * still never end together. Real sections use a few hundred steps: at most 185, and 10 million for
 * the whole run, in the 30,720-instance benchmark repository.
 */
export interface RenderLimits {
  section: number;
  run: number;
}
export const RENDER_LIMITS: RenderLimits = { section: 20_000_000, run: 200_000_000 };

const importTimeFunctions = functionSet({ sprig: true, gomplate: true, atmos: true });

/**
 * `ProcessTmpl`: import-time rendering (`.tmpl` files, imports with `context`, `locals`) and
 * `name_template`. Always the default delimiters and every function library; a missing key is an
 * error unless ignore_missing_template_values is on.
 */
export function renderImportTime(
  text: string,
  data: unknown,
  ignoreMissing: boolean,
  env: EnvView,
  meter?: Meter,
): RenderResult {
  try {
    const out = renderTemplate(text, data, {
      missingKey: ignoreMissing ? 'default' : 'error',
      functions: importTimeFunctions,
      env,
      ...(meter ? { budget: { meter } } : {}),
    });
    return { ok: true, text: out };
  } catch (e) {
    return { ok: false, error: asTemplateError(e) };
  }
}

/**
 * `ProcessTmplWithDatasources` for component sections: configured delimiters and libraries,
 * `missingkey=default` (a missing field renders `<no value>`), `evaluations` passes.
 */
export class ComponentRenderer {
  private readonly functions;
  private readonly trees = new Map<string, TemplateTree | TemplateError>();

  constructor(
    readonly settings: TemplateSettings,
    private readonly env: EnvView,
  ) {
    this.functions = functionSet({ sprig: settings.sprig, gomplate: settings.gomplate, atmos: true });
    this.options = {
      missingKey: 'default' as const,
      functions: this.functions,
      env: this.env,
      leftDelim: settings.delimiters[0],
      rightDelim: settings.delimiters[1],
    };
  }

  /** Whether a string contains the left delimiter at all (cheap pre-check). */
  hasActions(text: string): boolean {
    return text.includes(this.settings.delimiters[0]);
  }

  parse(text: string): TemplateTree | TemplateError {
    const cached = this.trees.get(text);
    if (cached) return cached;
    const r = parseTemplate(text, {
      leftDelim: this.settings.delimiters[0],
      rightDelim: this.settings.delimiters[1],
      functions: this.functions,
    });
    const v = 'tree' in r ? r.tree : r.error;
    if (this.trees.size < 100_000) this.trees.set(text, v);
    return v;
  }

  private readonly simple = new WeakMap<TemplateTree, SimplePart[] | null>();
  private readonly options;

  render(text: string, data: unknown, meter?: Meter): RenderResult {
    let current = text;
    for (let pass = 0; pass < this.settings.evaluations; pass++) {
      if (!this.hasActions(current)) break;
      const tree = this.parse(current);
      if (!isTree(tree)) return { ok: false, error: tree };
      let simple = this.simple.get(tree);
      if (simple === undefined) this.simple.set(tree, (simple = simplify(tree)));
      const fast = simple ? renderSimple(simple, data) : undefined;
      if (fast !== undefined) {
        if (meter) meter.used += fast.length + 1;
        current = fast;
        continue;
      }
      try {
        current = renderTemplate(tree, data, meter ? { ...this.options, budget: { meter } } : this.options);
      } catch (e) {
        return { ok: false, error: asTemplateError(e) };
      }
    }
    return { ok: true, text: current };
  }
}

/** Text, or a field path printed as is: the shape of nearly every Atmos Pro input template. */
type SimplePart = string | readonly string[];

/** `text {{ .a.b }} text` with nothing but plain field actions, or null. */
function simplify(tree: TemplateTree): SimplePart[] | null {
  if (tree.templates.size > 1) return null;
  const out: SimplePart[] = [];
  for (const n of tree.root.nodes) {
    if (n.type === 'text') out.push(n.text);
    else if (n.type === 'comment') continue;
    else if (n.type === 'action') {
      const { decl, cmds } = n.pipe;
      const arg = cmds.length === 1 && cmds[0]!.args.length === 1 ? cmds[0]!.args[0] : undefined;
      if (decl.length > 0 || !arg || arg.type !== 'field') return null;
      out.push(arg.ident);
    } else return null;
  }
  return out;
}

/**
 * Go's result for a simple template where it is unambiguous: map lookups ending in a string, an
 * integer, a boolean, or nil or a missing key (both `<no value>` under missingkey=default). Anything else
 * (floats, maps, lists, fields of non-maps) is left to the full executor, which has Go's rules.
 */
function renderSimple(parts: readonly SimplePart[], data: unknown): string | undefined {
  let out = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    let cur: unknown = data;
    let missing = false;
    for (let i = 0; i < part.length; i++) {
      if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
      const key = part[i]!;
      if (!Object.hasOwn(cur, key)) {
        if (i !== part.length - 1) return undefined;
        missing = true;
        break;
      }
      cur = (cur as Record<string, unknown>)[key];
    }
    if (missing) out += '<no value>';
    else if (typeof cur === 'string') out += cur;
    else if (typeof cur === 'boolean') out += cur ? 'true' : 'false';
    else if (typeof cur === 'number' && Number.isSafeInteger(cur)) out += String(cur);
    else if (cur === null)
      out += '<no value>'; // a nil interface is dug out to an invalid value
    else return undefined;
  }
  return out;
}

function isTree(v: TemplateTree | TemplateError): v is TemplateTree {
  return !(v instanceof Error);
}

function asTemplateError(e: unknown): TemplateError {
  if (e instanceof Error && 'offset' in e) return e as TemplateError;
  const err = new Error(e instanceof Error ? e.message : String(e)) as TemplateError;
  Object.assign(err, { offset: 0, end: 0 });
  return err;
}
