import type { Finding } from '../core/diagnostic.js';
import type { RuleMeta } from '../core/rule-meta.js';
import { defineRule, type Rule, type RuleContext } from './types.js';

/**
 * Rules whose problems the resolver finds while reading the repository (YAML, imports, inheritance):
 * the check reports each resolver finding of this rule through the normal pipeline, so they are
 * configurable, suppressible and aggregated like every other rule.
 */
export function resolverRule(meta: Omit<RuleMeta, 'messages' | 'fixable'>): Rule {
  return defineRule({
    meta: { ...meta, messages: { finding: '{message}' }, fixable: false },
    check(ctx) {
      forwardResolverFindings(ctx, meta.id, 'finding');
    },
  });
}

/**
 * Reports the resolver's findings of one rule through `messageId` (a `{message}` template); `keep`
 * lets a rule that also checks things itself leave some to its own, more precise, report.
 */
export function forwardResolverFindings(
  ctx: RuleContext,
  ruleId: string,
  messageId: string,
  keep: (f: Finding) => boolean = () => true,
): void {
  for (const f of ctx.resolution.findings) {
    if (f.ruleId !== ruleId || !keep(f)) continue;
    ctx.report({
      messageId,
      data: { message: f.message },
      loc: f.loc,
      instance: f.instance,
      related: f.related,
      severity: f.severity,
    });
  }
}
