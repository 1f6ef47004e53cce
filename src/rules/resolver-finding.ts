import type { RuleMeta } from '../core/rule-meta.js';
import { defineRule, type Rule } from './types.js';

/**
 * Rules whose problems the resolver finds while reading the repository (YAML, imports, inheritance):
 * the check reports each resolver finding of this rule through the normal pipeline, so they are
 * configurable, suppressible and aggregated like every other rule.
 */
export function resolverRule(meta: Omit<RuleMeta, 'messages' | 'fixable'>): Rule {
  return defineRule({
    meta: { ...meta, messages: { finding: '{message}' }, fixable: false },
    check(ctx) {
      for (const f of ctx.resolution.findings) {
        if (f.ruleId !== meta.id) continue;
        ctx.report({
          messageId: 'finding',
          data: { message: f.message },
          loc: f.loc,
          instance: f.instance,
          related: f.related,
          severity: f.severity,
        });
      }
    },
  });
}
