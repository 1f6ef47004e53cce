import type { Diagnostic, Severity } from '../core/diagnostic.js';
import { describeInstances } from './instances.js';
import { checkedSentence, cleanSentence, problemsSentence } from './summary.js';
import { neutralizeCommand, plural, singleLine, stripControls } from './text.js';
import type { Reporter } from './types.js';

/** GitHub shows at most 10 error, 10 warning and 10 notice annotations per step. */
export const DEFAULT_MAX_ANNOTATIONS = 10;
const TITLE = 'atmos-pro-lint';

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = {
  error: 'error',
  warning: 'warning',
  info: 'notice',
};

/** Workflow command data: `%` first so the escapes themselves survive. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Workflow command property values, which also end at `,` and `::`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(name: string, properties: [string, string | number][], message: string): string {
  const props = properties.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
  return `::${name}${props ? ` ${props}` : ''}::${escapeData(message)}`;
}

function annotationMessage(d: Diagnostic): string {
  const lines = [d.message];
  const affects = describeInstances(d.instances);
  if (affects) lines.push(affects);
  for (const r of d.related ?? []) lines.push(`↳ ${r.file}:${r.line}:${r.column} ${r.message}`);
  return lines.join('\n');
}

function annotation(d: Diagnostic): string {
  const props: [string, string | number][] = [
    ['file', d.file],
    ['line', d.line],
  ];
  // Annotations carry columns only within one line (the checks API rejects them otherwise).
  if (d.endLine === d.line) props.push(['col', d.column]);
  props.push(['endLine', d.endLine]);
  if (d.endLine === d.line) props.push(['endColumn', d.endColumn]);
  props.push(['title', `${TITLE} (${d.ruleId})`]);
  return command(COMMAND[d.severity], props, annotationMessage(d));
}

/** actionlint's one-line form, safe to print as a plain log line. */
function plainLine(d: Diagnostic): string {
  return neutralizeCommand(
    stripControls(singleLine(`${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message} [${d.ruleId}]`)),
  );
}

/**
 * How many of each severity become annotations. The notices that report a cap are notices
 * themselves, so they come out of the notice budget that info diagnostics use.
 */
export function annotationBudget(counts: Record<Severity, number>, max: number): Record<Severity, number> {
  const capNotices = (counts.error > max ? 1 : 0) + (counts.warning > max ? 1 : 0);
  let info = max - capNotices;
  if (counts.info > info) info -= 1;
  return { error: max, warning: max, info: Math.max(0, info) };
}

/**
 * GitHub Actions workflow commands: one annotation per diagnostic up to GitHub's per-step cap,
 * a notice per capped severity, then plain log lines for the rest and the summary.
 */
export const github: Reporter = (report, opts) => {
  const max = Math.max(1, opts.maxAnnotationsPerSeverity ?? DEFAULT_MAX_ANNOTATIONS);
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of report.diagnostics) counts[d.severity]++;
  const budget = annotationBudget(counts, max);

  const out: string[] = [];
  const used: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const rest: Diagnostic[] = [];
  for (const d of report.diagnostics) {
    if (used[d.severity] < budget[d.severity]) {
      used[d.severity]++;
      out.push(annotation(d));
    } else {
      rest.push(d);
    }
  }

  for (const severity of ['error', 'warning', 'info'] as const) {
    const hidden = counts[severity] - used[severity];
    if (hidden === 0) continue;
    const nouns = severity === 'info' ? 'infos' : `${severity}s`;
    out.push(
      command(
        'notice',
        [['title', `${TITLE}: more ${nouns}`]],
        `${hidden} more ${hidden === 1 ? severity : nouns} not shown as annotations ` +
          `(GitHub shows at most ${max} per severity in a step). They are listed in this step's log; ` +
          'run atmos-pro-lint with --format stylish to see them with context, ' +
          'or upload --format sarif output to code scanning.',
      ),
    );
  }

  if (rest.length > 0) {
    out.push('', `Not annotated (${plural(rest.length, 'problem')}):`);
    for (const d of rest) out.push(plainLine(d));
  }

  out.push('');
  if (report.diagnostics.length === 0) {
    out.push(`${TITLE}: ✓ ${cleanSentence(report.summary)}`);
  } else {
    out.push(`${TITLE}: ✖ ${problemsSentence(report.summary)}`, checkedSentence(report.summary));
  }
  return `${out.join('\n').replace(/^\n/, '')}\n`;
};
