import type { TemplateSettings } from '../config/atmos-config.js';
import type { Finding } from '../core/diagnostic.js';
import { newMap, type PlainMap } from './merge.js';
import { offsetInScalar } from './positions.js';
import { type PathSegment, provenance } from './provenance.js';
import {
  ComponentRenderer,
  type EnvView,
  RENDER_LIMITS,
  type RenderLimits,
  type RenderResult,
} from './templating.js';
import type { ComponentInstance } from './types.js';

/** Sections Atmos keeps out of template rendering (template_non_templated_sections.go). */
const NOT_RENDERED = new Set(['component_info']);

/** Places one broken text is reported at per section (copies of one scalar share a place anyway). */
const REPORTS_PER_TEXT = 16;

function stoppedMessage(limits: RenderLimits, wholeRun: boolean): string {
  const steps = (n: number) => n.toLocaleString('en-US');
  return wholeRun
    ? `Template rendering stopped here: the templates of this run took more than ${steps(limits.run)} steps together, the linter's limit; this and every later component section are left unrendered. Look for templates that serialise large values (\`toJson .vars\`) in many places.`
    : `Template rendering stopped here: the templates of this component section took more than ${steps(limits.section)} steps together, the linter's limit (Atmos would render all of that as one template); the rest of the section is left unrendered. Look for templates that serialise large values (\`toJson .vars\`) in many places.`;
}

/**
 * Component-time rendering (processComponentSectionTemplates). Atmos serialises the whole section to
 * YAML, renders it, and parses it back; rendering each string on its own gives the same values for
 * templates inside strings while keeping every value's origin, and lets one broken template be one
 * finding instead of a failed run. Unchanged subtrees are shared, never copied.
 */
export function makeSectionRenderer(
  settings: TemplateSettings,
  env: EnvView,
  findings: Finding[],
  limits: RenderLimits = RENDER_LIMITS,
) {
  const renderer = new ComponentRenderer(settings, env);
  const left = settings.delimiters[0];
  let runUsed = 0;
  return (c: ComponentInstance): PlainMap => {
    const data = c.section;
    if (runUsed >= limits.run) return data;
    const meter = { used: 0, limit: Math.min(limits.section, limits.run - runUsed) };
    // Once the work allowance is spent, the rest of the section stays as written (one finding).
    let exhausted = false;
    // A merged section shares subtrees (aliases, lists appended from one import); each is rendered once.
    const done = new Map<object, unknown>();
    // One path stack for the whole walk; copied only when a finding needs it.
    const path: PathSegment[] = [];
    const fail = (v: string, r: { error: import('../template/index.js').TemplateError }) => {
      const err = r.error;
      const isUnsupported = err.name === 'UnsupportedFunctionError';
      // A function the linter does not run matters where it shapes what Atmos Pro receives;
      // elsewhere (`atmos.Component` in vars is common) it would only be noise.
      if (isUnsupported && !(path[0] === 'settings' && path[1] === 'pro')) return;
      const prov = provenance(c, path.slice())[0];
      if (!prov) return;
      findings.push({
        ruleId: isUnsupported ? 'template-unsupported-function' : 'template-syntax',
        message: isUnsupported
          ? `${err.message}. atmos-pro-lint does not run it, so this value cannot be simulated.`
          : exhausted
            ? stoppedMessage(limits, meter.limit < limits.section)
            : `Template does not ${err.name === 'TemplateSyntaxError' ? 'parse' : 'render'}: ${err.message}. Atmos fails on this component.`,
        loc: offsetInScalar(prov.value, v, err.offset ?? 0, Math.max(1, (err.end ?? 0) - (err.offset ?? 0))),
        instance: { component: c.component, stack: c.stack },
      });
    };
    // The same text renders the same within a section (the functions that would not, random and
    // clock ones, are never run): a list that appending made a million copies long is rendered once,
    // and a broken copy is reported where it is written a few times, not a million.
    const texts = new Map<string, RenderResult & { reports?: number }>();
    const walk = (v: unknown): unknown => {
      if (typeof v === 'string') {
        if (exhausted || !v.includes(left)) return v;
        const known = texts.get(v);
        if (known) {
          if (known.ok) return known.text;
          if ((known.reports = (known.reports ?? 0) + 1) <= REPORTS_PER_TEXT) fail(v, known);
          return v;
        }
        const r = renderer.render(v, data, meter);
        if (r.ok) {
          texts.set(v, r);
          return r.text;
        }
        if (meter.used > meter.limit) exhausted = true;
        else texts.set(v, r);
        fail(v, r);
        return v;
      }
      if (v === null || typeof v !== 'object') return v;
      const seen = done.get(v);
      if (seen !== undefined) return seen;
      const r = walkObject(v);
      done.set(v, r);
      return r;
    };
    const walkObject = (v: object): unknown => {
      if (Array.isArray(v)) {
        let out: unknown[] | undefined;
        for (let i = 0; i < v.length; i++) {
          path.push(i);
          const r = walk(v[i]);
          path.pop();
          if (r !== v[i]) {
            out ??= v.slice();
            out[i] = r;
          }
        }
        return out ?? v;
      }
      const m = v as PlainMap;
      let out: PlainMap | undefined;
      for (const k of Object.keys(m)) {
        if (path.length === 0 && NOT_RENDERED.has(k)) continue;
        path.push(k);
        const r = walk(m[k]);
        path.pop();
        if (r !== m[k]) {
          out ??= Object.assign(newMap(), m);
          out[k] = r;
        }
      }
      return out ?? v;
    };
    try {
      return walk(c.section) as PlainMap;
    } finally {
      runUsed += meter.used;
    }
  };
}
