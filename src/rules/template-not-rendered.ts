import type { Loc } from '../core/source.js';
import { proInputStrings, refText, templateAnalysis } from './template-analysis.js';
import { UPLOAD_FIELDS } from './template-context.js';
import { defineRule } from './types.js';

export default defineRule({
  meta: {
    id: 'template-not-rendered',
    category: 'template',
    defaultSeverity: 'warning',
    description:
      'Templating is off, so the CLI uploads a workflow input unrendered and Atmos Pro cannot resolve the fields it uses',
    messages: {
      fields:
        'templates.settings.enabled is off, so the CLI uploads this input unrendered and Atmos Pro cannot resolve {fields}: it receives only `settings.pro`, the component and the stack. Enable templating in atmos.yaml, or use only `.atmos_component` and `.atmos_stack` here.',
    },
    fixable: false,
  },
  check(ctx) {
    const config = ctx.resolution.config;
    if (config.templates.enabled) return;
    const analysis = templateAnalysis(ctx.resolution);
    const [left] = analysis.delimitersOf('upload');
    const setting = config.locate(['templates', 'settings', 'enabled']);
    const related: { loc: Loc; message: string }[] = [
      setting
        ? { loc: setting, message: 'templating is switched off here' }
        : {
            loc: { file: config.main, start: 0, end: 0 },
            message: 'templates.settings.enabled is not set in atmos.yaml (off by default)',
          },
    ];
    for (const instance of ctx.resolution.instances) {
      // Nothing is dispatched for an instance whose Pro state is off.
      if (!instance.pro.enabled) continue;
      for (const s of proInputStrings(instance.section, left)) {
        const parsed = analysis.parse(s.value, 'upload');
        if (!parsed.ok) continue; // template-syntax
        const lost = [
          ...new Set(parsed.refs.filter((r) => !UPLOAD_FIELDS.has(r.path[0]!)).map((r) => refText(r.path))),
        ];
        if (lost.length === 0) continue;
        const prov = ctx.provenance(instance, s.path)[0];
        ctx.report({
          messageId: 'fields',
          data: { fields: lost.map((f) => `\`${f}\``).join(', ') },
          loc: prov?.value ?? ctx.locate(instance, s.path),
          instance,
          related,
        });
      }
    }
  },
});
