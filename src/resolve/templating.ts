import type { TemplateSettings } from '../config/atmos-config.js';
import {
  functionSet,
  parseTemplate,
  renderTemplate,
  type TemplateError,
  type TemplateTree,
} from '../template/index.js';

/** Reads environment variables for templates; the linter passes a redacted view, never the process env. */
export type EnvView = (name: string) => string | undefined;

export type RenderResult = { ok: true; text: string } | { ok: false; error: TemplateError };

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
): RenderResult {
  try {
    const out = renderTemplate(text, data, {
      missingKey: ignoreMissing ? 'default' : 'error',
      functions: importTimeFunctions,
      env,
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

  render(text: string, data: unknown): RenderResult {
    let current = text;
    for (let pass = 0; pass < this.settings.evaluations; pass++) {
      if (!this.hasActions(current)) break;
      const tree = this.parse(current);
      if (!isTree(tree)) return { ok: false, error: tree };
      try {
        current = renderTemplate(tree, data, {
          missingKey: 'default',
          functions: this.functions,
          env: this.env,
          leftDelim: this.settings.delimiters[0],
          rightDelim: this.settings.delimiters[1],
        });
      } catch (e) {
        return { ok: false, error: asTemplateError(e) };
      }
    }
    return { ok: true, text: current };
  }
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
