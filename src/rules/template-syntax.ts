import { getIn } from '../config/atmos-config.js';
import type { Finding } from '../core/diagnostic.js';
import type { Loc } from '../core/source.js';
import { offsetInScalar } from '../resolve/positions.js';
import { forwardResolverFindings } from './resolver-finding.js';
import { proInputStrings, templateAnalysis } from './template-analysis.js';
import { importTimeProblems } from './template-import-time.js';
import { defineRule, type RuleContext } from './types.js';

export default defineRule({
  meta: {
    id: 'template-syntax',
    category: 'template',
    defaultSeverity: 'error',
    description:
      'A template Atmos renders (a workflow input, a component value, an import, the stack name) does not parse or render',
    messages: {
      forwarded: '{message}',
      input: 'Template does not parse: {error}. {consequence}',
      nameSyntax:
        'stacks.name_template does not parse: {error}. Atmos cannot name any stack with it: `describe stacks` fails, and with it `list instances` and `describe affected`.',
    },
    fixable: false,
  },
  check(ctx) {
    const config = ctx.resolution.config;
    const analysis = templateAnalysis(ctx.resolution);
    const reported = new Set<string>();
    const nameLoc = config.locate(['stacks', 'name_template']);
    const nameFindings: Finding[] = [];
    const superseded =
      ctx.settings.rules['template-import-time'] === 'off' ? [] : importTimeProblems(ctx.resolution);

    forwardResolverFindings(ctx, 'template-syntax', 'forwarded', (f) => {
      if (nameLoc && sameStart(f.loc, nameLoc)) {
        nameFindings.push(f);
        return false;
      }
      // A component field in an import-time file is template-import-time's problem, at the same span.
      const importTime = superseded.some(
        (p) => p.loc.file.path === f.loc.file.path && p.loc.start <= f.loc.start && f.loc.start < p.loc.end,
      );
      if (!importTime) reported.add(placeKey(f.loc));
      return !importTime;
    });
    if (nameLoc && nameFindings.length > 0) reportNameTemplate(ctx, nameLoc, nameFindings);

    // The resolver parses what it renders (templating on); with templating off nothing is rendered
    // but the inputs are still uploaded, so parse them here. Same place as a resolver finding: one problem.
    const enabled = config.templates.enabled;
    const mode = enabled ? 'component' : 'upload';
    const [left] = analysis.delimitersOf(mode);
    const consequence = enabled
      ? 'Atmos fails on this component.'
      : 'templates.settings.enabled is off, so the CLI uploads it as written and Atmos Pro cannot render it.';
    for (const instance of ctx.resolution.instances) {
      for (const s of proInputStrings(instance.section, left)) {
        const parsed = analysis.parse(s.value, mode);
        if (parsed.ok) continue;
        const err = parsed.error;
        const prov = ctx.provenance(instance, s.path)[0];
        const loc = prov
          ? offsetInScalar(prov.value, s.value, err.offset, Math.max(1, err.end - err.offset))
          : ctx.locate(instance, s.path);
        if (reported.has(placeKey(loc))) continue;
        ctx.report({ messageId: 'input', data: { error: err.message, consequence }, loc, instance });
      }
    }
  },
});

function placeKey(loc: Loc): string {
  return `${loc.file.path}\0${loc.start}`;
}

function sameStart(a: Loc, b: Loc): boolean {
  return a.file.path === b.file.path && a.start === b.start;
}

/**
 * A name_template that does not parse fails the same way for every manifest: one problem, reported
 * once at its exact place in atmos.yaml. Otherwise (a var missing in some manifests) the resolver's
 * per-manifest findings stand.
 */
function reportNameTemplate(ctx: RuleContext, nameLoc: Loc, findings: Finding[]): void {
  const config = ctx.resolution.config;
  const template = config.nameTemplate;
  const parsed =
    template !== undefined ? templateAnalysis(ctx.resolution).parse(template, 'import') : undefined;
  if (template !== undefined && parsed && !parsed.ok) {
    const err = parsed.error;
    const written = getIn(config.raw, ['stacks', 'name_template']) === template;
    const valueLoc = written ? scalarOfEntry(nameLoc) : nameLoc;
    const loc = offsetInScalar(valueLoc, template, err.offset, Math.max(1, err.end - err.offset));
    ctx.report({ messageId: 'nameSyntax', data: { error: err.message }, loc });
    return;
  }
  for (const f of findings) {
    ctx.report({
      messageId: 'forwarded',
      data: { message: f.message },
      loc: f.loc,
      instance: f.instance,
      related: f.related,
      severity: f.severity,
    });
  }
}

/** `key: value` as located by AtmosConfig.locate → the value's scalar (everything after the colon). */
function scalarOfEntry(loc: Loc): Loc {
  const text = loc.file.text.slice(loc.start, loc.end);
  const m = /^(?:"[^"]*"|'[^']*'|[^:\s]+)\s*:[ \t]*/.exec(text);
  if (!m) return loc;
  return { file: loc.file, start: loc.start + m[0].length, end: loc.end };
}
