import type { Severity } from './diagnostic.js';

export type RuleCategory =
  | 'shape'
  | 'migration'
  | 'client'
  | 'resolver'
  | 'template'
  | 'workflow'
  | 'payload';

/** What every rule declares about itself; reporters, docs and `atmos-pro-lint rules` read it. */
export interface RuleMeta {
  id: string;
  category: RuleCategory;
  defaultSeverity: Severity;
  /** One line, no trailing period. */
  description: string;
  /** Message templates keyed by message id; `{name}` placeholders are filled from the finding data. */
  messages: Record<string, string>;
  fixable: boolean;
}

/** Where a rule's documentation lives, relative to the package root and on the web. */
export function ruleDocsPath(id: string): string {
  return `docs/rules/${id}.md`;
}
