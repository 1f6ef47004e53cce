import type { Diagnostic, RelatedLocation } from '../core/diagnostic.js';
import type { Reporter, Summary } from './types.js';

/** Bumped only for incompatible changes to the `--format json` contract. */
export const JSON_FORMAT_VERSION = 1;

// Objects are rebuilt key by key so the output order is the contract's, whatever order the
// producer built them in, and so no extra properties leak into a public format.
function relatedJson(r: RelatedLocation): RelatedLocation {
  return {
    file: r.file,
    line: r.line,
    column: r.column,
    endLine: r.endLine,
    endColumn: r.endColumn,
    message: r.message,
  };
}

function diagnosticJson(d: Diagnostic): Diagnostic {
  const out: Diagnostic = {
    ruleId: d.ruleId,
    severity: d.severity,
    message: d.message,
    file: d.file,
    line: d.line,
    column: d.column,
    endLine: d.endLine,
    endColumn: d.endColumn,
    instances: d.instances.map((i) => ({ component: i.component, stack: i.stack })),
    fixable: d.fixable,
  };
  if (d.related !== undefined) out.related = d.related.map(relatedJson);
  return out;
}

function summaryJson(s: Summary): Summary {
  return {
    errors: s.errors,
    warnings: s.warnings,
    infos: s.infos,
    fixable: s.fixable,
    files: s.files,
    stacks: s.stacks,
    instances: s.instances,
  };
}

/** The machine-readable contract users script against: `{version, diagnostics, summary}`. */
export const json: Reporter = (report) =>
  `${JSON.stringify(
    {
      version: JSON_FORMAT_VERSION,
      diagnostics: report.diagnostics.map(diagnosticJson),
      summary: summaryJson(report.summary),
    },
    null,
    2,
  )}\n`;
