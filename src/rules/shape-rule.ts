import type { RuleMeta } from '../core/rule-meta.js';
import type { Loc } from '../core/source.js';
import type { ComponentInstance } from '../resolve/types.js';
import { type ShapeProblem, type ShapeRuleId, shapeProblems } from './shape-analysis.js';
import { defineRule, type Rule, type RuleContext, type TextEdit } from './types.js';

/** One shape problem of one instance, located where a person must edit it. */
export interface ShapeFinding {
  instance: ComponentInstance;
  problem: ShapeProblem;
  loc: Loc;
  /**
   * The location is exact text of the file on disk, so edits may be made by offset: not for a file
   * Atmos renders at import time, whose locations are mapped back from the rendered text by line.
   */
  editable: boolean;
}

export interface ShapeRuleOptions {
  /** Extra message data that needs the rule context (e.g. the repository's workflow files). */
  data?: (ctx: RuleContext, f: ShapeFinding) => Record<string, string | number>;
  /**
   * Fix data per finding, decided with every finding of the rule in view, so that all instances
   * sharing one written value agree on whether (and how) it is fixed.
   */
  fixes?: (
    ctx: RuleContext,
    findings: readonly ShapeFinding[],
  ) => (f: ShapeFinding) => TextEdit[] | undefined;
}

/** Where a problem was written: the key or the value, by provenance (the mixin, not the importing stack). */
export function locateProblem(
  ctx: RuleContext,
  instance: ComponentInstance,
  p: ShapeProblem,
): { loc: Loc; editable: boolean } {
  const full = ['settings', 'pro', ...p.path];
  const written = ctx.provenance(instance, full)[0];
  if (!written) return { loc: trimmed(ctx.locate(instance, full, { key: p.at === 'key' })), editable: false };
  const loc = trimmed(p.at === 'key' && written.key ? written.key : written.value);
  return {
    loc: p.at === 'value' ? withTag(loc) : loc,
    editable: written.layer.manifest.importTimeRender === undefined,
  };
}

/** A block collection's range runs to the next line; the span shown should end with its text. */
function trimmed(loc: Loc): Loc {
  let end = loc.end;
  while (end > loc.start && /\s/.test(loc.file.text[end - 1] ?? '')) end--;
  return end === loc.end ? loc : { ...loc, end };
}

/** A value's range leaves out its tag; `enabled: !env X` should be shown from `!env`. */
function withTag(loc: Loc): Loc {
  const text = loc.file.text;
  const lineStart = text.lastIndexOf('\n', loc.start - 1) + 1;
  const tag = /(?:^|\s)(!\S*[ \t]+)$/.exec(text.slice(lineStart, loc.start));
  return tag?.[1] ? { ...loc, start: loc.start - tag[1].length } : loc;
}

/** A shape rule: reports the shape problems classified under its id (see shape-analysis.ts). */
export function shapeRule(meta: RuleMeta & { id: ShapeRuleId }, opts: ShapeRuleOptions = {}): Rule {
  return defineRule({
    meta,
    check(ctx) {
      const findings: ShapeFinding[] = [];
      for (const { instance, problems } of shapeProblems(ctx.resolution)) {
        for (const problem of problems) {
          if (problem.ruleId !== meta.id) continue;
          findings.push({ instance, problem, ...locateProblem(ctx, instance, problem) });
        }
      }
      const fixOf = opts.fixes?.(ctx, findings);
      // Findings at one location are one diagnostic: fixable only if every one of them has the fix.
      const fixes = new Map<ShapeFinding, TextEdit[] | undefined>();
      const unfixable = new Set<string>();
      const where = (f: ShapeFinding) => `${f.loc.file.path}\0${f.loc.start}\0${f.loc.end}`;
      for (const f of findings) {
        const fix = fixOf?.(f);
        fixes.set(f, fix);
        if (!fix) unfixable.add(where(f));
      }
      for (const f of findings) {
        const fix = unfixable.has(where(f)) ? undefined : fixes.get(f);
        ctx.report({
          messageId: f.problem.messageId,
          data: opts.data ? { ...f.problem.data, ...opts.data(ctx, f) } : f.problem.data,
          loc: f.loc,
          instance: f.instance,
          ...(fix ? { fix } : {}),
        });
      }
    },
    ...(meta.fixable ? { fix: (data: unknown) => data as TextEdit[] } : {}),
  });
}
