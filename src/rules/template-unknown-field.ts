import { didYouMean } from '../core/suggest.js';
import { offsetInScalar } from '../resolve/positions.js';
import { refText, templateAnalysis, templatedStrings } from './template-analysis.js';
import { COMMAND_ONLY_FIELDS, componentContextType, missingField } from './template-context.js';
import { defineRule } from './types.js';

export default defineRule({
  meta: {
    id: 'template-unknown-field',
    category: 'template',
    defaultSeverity: 'error',
    description:
      'A template reads a field the component context does not have, so Atmos renders `<no value>`',
    messages: {
      unknown: 'Unknown field `{ref}`: {owner} has no `{key}`{hint}. Atmos renders `<no value>` here.',
      commandOnly:
        '`{ref}` exists only when Atmos runs a command on one component; `describe affected --upload` renders settings without it, so Atmos Pro receives `<no value>`.',
    },
    fixable: false,
  },
  check(ctx) {
    const config = ctx.resolution.config;
    // With templating off the component section is never rendered (template-not-rendered covers the inputs).
    if (!config.templates.enabled) return;
    const analysis = templateAnalysis(ctx.resolution);
    const [left] = analysis.delimitersOf('component');
    for (const instance of ctx.resolution.instances) {
      const strings = templatedStrings(instance.section, left);
      if (strings.length === 0) continue;
      const inPro = componentContextType(instance.section, { delimiter: left, commandFields: false });
      const elsewhere = componentContextType(instance.section, { delimiter: left, commandFields: true });
      for (const s of strings) {
        const parsed = analysis.parse(s.value, 'component');
        if (!parsed.ok) continue; // template-syntax
        const pro = s.path[0] === 'settings' && s.path[1] === 'pro';
        for (const ref of parsed.refs) {
          if (ref.guarded) continue;
          const miss = missingField(pro ? inPro : elsewhere, ref.path);
          if (!miss) continue;
          const key = ref.path[miss.index]!;
          const span = ref.keySpans[miss.index] ?? { pos: ref.pos, end: ref.end };
          const prov = ctx.provenance(instance, s.path)[0];
          const loc = prov
            ? offsetInScalar(prov.value, s.value, span.pos, span.end - span.pos)
            : ctx.locate(instance, s.path);
          const ref_ = refText(ref.path, miss.index + 1);
          if (miss.index === 0 && COMMAND_ONLY_FIELDS.has(key)) {
            ctx.report({ messageId: 'commandOnly', data: { ref: ref_ }, loc, instance });
            continue;
          }
          const suggestion = didYouMean(key, miss.owner.keys());
          ctx.report({
            messageId: 'unknown',
            data: {
              ref: ref_,
              owner: miss.index === 0 ? miss.owner.label : `${miss.owner.label} of this component`,
              key,
              hint: suggestion ? ` (did you mean \`${suggestion}\`?)` : '',
            },
            loc,
            instance,
          });
        }
      }
    }
  },
});
