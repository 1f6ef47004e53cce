import type { TemplateSettings } from '../config/atmos-config.js';
import type { Finding } from '../core/diagnostic.js';
import { isMap, newMap, type PlainMap } from './merge.js';
import { offsetInScalar } from './positions.js';
import { type PathSegment, provenance } from './provenance.js';
import { ComponentRenderer, type EnvView } from './templating.js';
import type { ComponentInstance } from './types.js';

/** Sections Atmos keeps out of template rendering (template_non_templated_sections.go). */
const NOT_RENDERED = new Set(['component_info']);

/**
 * Component-time rendering (processComponentSectionTemplates). Atmos serialises the whole section to
 * YAML, renders it, and parses it back; rendering each string on its own gives the same values for
 * templates inside strings while keeping every value's origin, and lets one broken template be one
 * finding instead of a failed run. Unchanged subtrees are shared, never copied.
 */
export function makeSectionRenderer(settings: TemplateSettings, env: EnvView, findings: Finding[]) {
  const renderer = new ComponentRenderer(settings, env);
  return (c: ComponentInstance): PlainMap => {
    const data = c.section;
    const walk = (v: unknown, path: PathSegment[]): unknown => {
      if (typeof v === 'string') {
        if (!renderer.hasActions(v)) return v;
        const r = renderer.render(v, data);
        if (r.ok) return r.text;
        const prov = provenance(c, path)[0];
        if (prov) {
          const err = r.error;
          const isUnsupported = err.name === 'UnsupportedFunctionError';
          findings.push({
            ruleId: isUnsupported ? 'template-unsupported-function' : 'template-syntax',
            message: isUnsupported
              ? `${err.message}. atmos-pro-lint does not run it, so this value cannot be simulated.`
              : `Template does not ${err.name === 'TemplateSyntaxError' ? 'parse' : 'render'}: ${err.message}. Atmos fails on this component.`,
            loc: offsetInScalar(
              prov.value,
              v,
              err.offset ?? 0,
              Math.max(1, (err.end ?? 0) - (err.offset ?? 0)),
            ),
            instance: { component: c.component, stack: c.stack },
          });
        }
        return v;
      }
      if (Array.isArray(v)) {
        let out: unknown[] | undefined;
        for (let i = 0; i < v.length; i++) {
          const r = walk(v[i], [...path, i]);
          if (r !== v[i]) {
            out ??= v.slice();
            out[i] = r;
          }
        }
        return out ?? v;
      }
      if (isMap(v)) {
        let out: PlainMap | undefined;
        for (const k of Object.keys(v)) {
          if (path.length === 0 && NOT_RENDERED.has(k)) continue;
          const r = walk(v[k], [...path, k]);
          if (r !== v[k]) {
            out ??= Object.assign(newMap(), v);
            out[k] = r;
          }
        }
        return out ?? v;
      }
      return v;
    };
    return walk(c.section, []) as PlainMap;
  };
}
