import type { Diagnostic, Severity } from '../core/diagnostic.js';
import { SEVERITY_ORDER } from '../core/diagnostic.js';
import { ruleDocsPath } from '../core/rule-meta.js';
import { describeInstances } from './instances.js';
import { codeSpan, escapeHtml, escapeInline, escapeMessage } from './markdown-text.js';
import { problemCount } from './summary.js';
import { plural } from './text.js';
import type { LintReport, Reporter } from './types.js';

/** Problems listed in detail before the rest is summarised. */
export const MAX_LISTED_PROBLEMS = 200;
/** Files with more problems than this are folded into `<details>`. */
export const FOLD_ABOVE = 10;
/** PR comments are capped at 65,536 characters; stop listing well before that. */
export const MAX_MARKDOWN_CHARS = 60_000;

const ICON: Record<Severity, string> = { error: '❌', warning: '⚠️', info: 'ℹ️' };

function statusHeading(report: LintReport): string {
  const { summary } = report;
  const total = problemCount(summary);
  if (total === 0) return '## ✅ atmos-pro-lint found no problems';
  const icon = summary.errors > 0 ? ICON.error : summary.warnings > 0 ? ICON.warning : ICON.info;
  return `## ${icon} atmos-pro-lint found ${plural(total, 'problem')}`;
}

function summaryTable(report: LintReport): string[] {
  const s = report.summary;
  return [
    '| Errors | Warnings | Infos | Fixable | Instances | Stacks | Files |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${s.errors} | ${s.warnings} | ${s.infos} | ${s.fixable} | ${s.instances} | ${s.stacks} | ${s.files} |`,
  ];
}

function ruleLink(ruleId: string): string {
  return `[${codeSpan(ruleId)}](${encodeURI(ruleDocsPath(ruleId))})`;
}

function rulesTable(diagnostics: readonly Diagnostic[]): string[] {
  const rows = new Map<string, { severities: Set<Severity>; count: number }>();
  for (const d of diagnostics) {
    const row = rows.get(d.ruleId) ?? { severities: new Set<Severity>(), count: 0 };
    row.severities.add(d.severity);
    row.count++;
    rows.set(d.ruleId, row);
  }
  const worst = (s: Set<Severity>) => Math.min(...[...s].map((x) => SEVERITY_ORDER[x]));
  const sorted = [...rows].sort(
    ([a, ra], [b, rb]) =>
      worst(ra.severities) - worst(rb.severities) || rb.count - ra.count || (a < b ? -1 : 1),
  );
  return [
    '| Rule | Severity | Count |',
    '| :--- | :--- | ---: |',
    ...sorted.map(([id, row]) => {
      const severities = [...row.severities]
        .sort((a, b) => SEVERITY_ORDER[a] - SEVERITY_ORDER[b])
        .map((s) => `${ICON[s]} ${s}`)
        .join(', ');
      // Rule ids are kebab-case, but a `|` would still end the cell.
      return `| ${ruleLink(id).replace(/\|/g, '\\|')} | ${severities} | ${row.count} |`;
    }),
  ];
}

function problemItem(d: Diagnostic): string {
  const lines = [
    `- ${codeSpan(`${d.line}:${d.column}`)} ${ICON[d.severity]} ${d.severity} ${ruleLink(d.ruleId)}: ${escapeMessage(d.message)}`,
  ];
  const affects = describeInstances(d.instances);
  if (affects) lines.push(`  - ${escapeInline(affects)}`);
  for (const r of d.related ?? []) {
    lines.push(`  - ↳ ${codeSpan(`${r.file}:${r.line}:${r.column}`)} ${escapeMessage(r.message)}`);
  }
  return lines.join('\n');
}

interface FileGroup {
  file: string;
  diagnostics: Diagnostic[];
}

function groupByFile(diagnostics: readonly Diagnostic[]): FileGroup[] {
  const groups = new Map<string, FileGroup>();
  for (const d of diagnostics) {
    let group = groups.get(d.file);
    if (!group) groups.set(d.file, (group = { file: d.file, diagnostics: [] }));
    group.diagnostics.push(d);
  }
  return [...groups.values()];
}

/**
 * Markdown for `$GITHUB_STEP_SUMMARY` or a PR comment: status, counts, problems by rule, then the
 * problems per file, capped so a comment stays under GitHub's size limit.
 */
export const markdown: Reporter = (report) => {
  const out: string[] = [statusHeading(report), '', ...summaryTable(report)];
  const total = report.diagnostics.length;
  if (total === 0) return `${out.join('\n')}\n`;

  out.push('', '### Problems by rule', '', ...rulesTable(report.diagnostics), '', '### Problems by file');
  let size = out.join('\n').length;
  let listed = 0;

  for (const group of groupByFile(report.diagnostics)) {
    const count = plural(group.diagnostics.length, 'problem');
    const fold = group.diagnostics.length > FOLD_ABOVE;
    const head = fold
      ? ['', '<details>', `<summary><code>${escapeHtml(group.file)}</code> (${count})</summary>`, '']
      : ['', `#### ${codeSpan(group.file)} (${count})`, ''];
    const foot = fold ? ['', '</details>'] : [];
    let sectionSize = [...head, ...foot].join('\n').length + 1;
    const items: string[] = [];
    for (const d of group.diagnostics) {
      const item = problemItem(d);
      if (listed >= MAX_LISTED_PROBLEMS || size + sectionSize + item.length + 1 > MAX_MARKDOWN_CHARS) break;
      items.push(item);
      sectionSize += item.length + 1;
      listed++;
    }
    if (items.length === 0) break;
    out.push(...head, ...items, ...foot);
    size += sectionSize;
  }

  if (listed < total) {
    out.push(
      '',
      `> [!NOTE]`,
      `> Showing the first ${listed} of ${plural(total, 'problem')}. ` +
        'Run `atmos-pro-lint --format stylish` to see all of them.',
    );
  }
  return `${out.join('\n')}\n`;
};
