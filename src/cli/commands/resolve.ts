import { Chalk, type ChalkInstance } from 'chalk';
import { codeSpan, escapeInline } from '../../report/markdown-text.js';
import { stringWidth } from '../../report/width.js';
import { type Dispatch, parseEvent } from '../../simulate/dispatch.js';
import {
  type DispatchQuery,
  type DispatchRow,
  dispatchView,
  NOT_RENDERED_NOTE,
  type ResolveReport,
  type ResolveView,
} from '../../simulate/dispatch-report.js';
import { emit, useColor } from '../io.js';
import type { CommonArgs } from '../run.js';
import { resolveOptions } from './shared.js';

export interface ResolveArgs extends CommonArgs {
  event: string;
  stack?: string;
  component?: string;
  format: 'table' | 'json' | 'markdown';
}

/**
 * What every format says about the event (the command's documentation in one place): `merged` is
 * GitHub's `closed` activity with `merged: true`; apply never fires on `merge_group`.
 */
export function eventNotes(event: string): string[] {
  const ev = parseEvent(event);
  if (!ev) return [];
  switch (ev.section) {
    case 'pull_request':
      return ev.activity === 'merged'
        ? [
            "`merged` stands for GitHub's `closed` activity with `merged: true`; a pull request closed without merging dispatches nothing.",
          ]
        : [];
    case 'merge_group':
      return [
        'Apply never fires on `merge_group`: when the queue merges, GitHub sends `pull_request` `closed` with `merged: true`, which dispatches `pull_request.merged`.',
      ];
    case 'drift_detection':
      return [
        'Only instances with `settings.pro.drift_detection.enabled: true` take part in drift detection.',
      ];
    default:
      return [];
  }
}

/**
 * What `resolve` is asked: where the repository is, the event, and optional name filters. The CLI
 * and the Node API (`simulateDispatch`) both go through {@link dispatchView}.
 */
/** `resolve --event`: the command's arguments as a {@link DispatchQuery}. */
export {
  type DispatchQuery,
  type DispatchRow,
  dispatchView,
  NOT_RENDERED_NOTE,
  type ResolveReport,
  type ResolveView,
};

export function buildResolveView(args: ResolveArgs): ResolveView {
  return dispatchView({
    ...resolveOptions(args),
    event: args.event,
    stack: args.stack,
    component: args.component,
  });
}

export function buildResolveReport(args: ResolveArgs): ResolveReport {
  return buildResolveView(args).report;
}

export async function resolveCommand(args: ResolveArgs): Promise<number> {
  const view = buildResolveView(args);
  const text =
    args.format === 'json'
      ? `${JSON.stringify(view.report, null, 2)}\n`
      : args.format === 'markdown'
        ? formatResolveMarkdown(view)
        : formatResolveTable(view, useColor(args.color));
  emit(text, args.output, resolveOptions(args).cwd);
  return 0;
}

/** One dispatched workflow of one instance. */
interface WorkflowRow {
  row: DispatchRow;
  inputs: Record<string, unknown>;
}

interface Grouped {
  /** Dispatched workflows by file, files sorted; rows keep the report's stack/component order. */
  byWorkflow: [string, WorkflowRow[]][];
  idle: { row: DispatchRow; why: string }[];
  counts: Record<Dispatch['via'], number>;
}

function group(view: ResolveView): Grouped {
  const byFile = new Map<string, WorkflowRow[]>();
  const idle: Grouped['idle'] = [];
  const counts: Grouped['counts'] = { configured: 0, backstop: 0, none: 0, disabled: 0 };
  view.report.dispatches.forEach((row, i) => {
    counts[row.via]++;
    if (row.workflows.length === 0) {
      idle.push({ row, why: view.reasons[i] ?? '' });
      return;
    }
    for (const w of row.workflows) {
      let list = byFile.get(w.file);
      if (!list) byFile.set(w.file, (list = []));
      list.push({ row, inputs: w.inputs });
    }
  });
  const byWorkflow = [...byFile.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { byWorkflow, idle, counts };
}

/** An input as text on one line: strings as they are (JSON-quoted when they hold line breaks), others as JSON. */
function inputValue(v: unknown): string {
  if (typeof v === 'string') return /[\r\n\t]/.test(v) ? JSON.stringify(v) : v;
  return JSON.stringify(v) ?? 'null';
}

function summary(view: ResolveView, g: Grouped): string {
  const n = view.report.dispatches.length;
  const runs = g.byWorkflow.reduce((s, [, rows]) => s + rows.length, 0);
  const parts = [`${g.counts.configured} configured`];
  if (view.report.event === 'merge_group.checks_requested')
    parts.push(`${g.counts.backstop} via the backstop`);
  parts.push(`${g.counts.none} with nothing configured`, `${g.counts.disabled} disabled`);
  return `${n} ${n === 1 ? 'instance' : 'instances'} (${parts.join(', ')}); ${runs} workflow ${runs === 1 ? 'dispatch' : 'dispatches'}.`;
}

function backstopText(n: number): string {
  return `${n} ${n === 1 ? 'instance has' : 'instances have'} no \`merge_group.checks_requested\` and ${n === 1 ? 'runs' : 'run'} the \`pull_request.synchronize\` workflows (the backstop)`;
}

/** Plain text for notes in a terminal: code spans lose their backticks. */
function plain(text: string): string {
  return text.replace(/`([^`]*)`/g, '$1');
}

/** The terminal table: one block per workflow with its count, then what is not dispatched; backstop rows stand out. */
export function formatResolveTable(view: ResolveView, color: boolean): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const { report } = view;
  const g = group(view);
  const lines: string[] = [];
  lines.push(
    `${c.bold(`Atmos Pro dispatches for ${report.event}`)}  ${c.dim(report.rendered ? '(inputs rendered against each instance)' : '(inputs as written: templating is off)')}`,
  );
  lines.push('');
  if (report.dispatches.length === 0) {
    lines.push('No instances match.');
    return `${lines.join('\n')}\n`;
  }
  for (const [file, rows] of g.byWorkflow) {
    lines.push(`${c.cyan.bold(file)} ${c.dim(`(${rows.length})`)}`);
    const cells = rows.map((r) => [
      r.row.stack,
      r.row.component,
      r.row.via,
      Object.entries(r.inputs)
        .map(([k, v]) => `${k}=${inputValue(v)}`)
        .join('  '),
      r.row.source ? `${r.row.source.file}:${r.row.source.line}` : '',
    ]);
    lines.push(
      ...table(c, ['STACK', 'COMPONENT', 'VIA', 'INPUTS', 'SOURCE'], cells, (row, text, col) => {
        const backstop = row[2] === 'backstop';
        if (col === 2) return backstop ? c.yellow.bold(text) : c.green(text);
        if (col === 4) return c.dim(text);
        return backstop ? c.yellow(text) : text;
      }),
    );
    lines.push('');
  }
  if (g.idle.length > 0) {
    lines.push(`${c.bold('Not dispatched')} ${c.dim(`(${g.idle.length})`)}`);
    const cells = g.idle.map((r) => [r.row.stack, r.row.component, r.row.via, plain(r.why)]);
    lines.push(
      ...table(c, ['STACK', 'COMPONENT', 'VIA', 'WHY'], cells, (_row, text, col) =>
        col >= 2 ? c.dim(text) : text,
      ),
    );
    lines.push('');
  }
  lines.push(summary(view, g));
  const notes = [...(report.note ? [report.note] : []), ...eventNotes(report.event)];
  if (g.counts.backstop > 0 && report.event === 'merge_group.checks_requested') {
    notes.unshift(`${backstopText(g.counts.backstop)}: check that none of them applies changes.`);
  }
  for (const n of notes) lines.push(c.dim(`Note: ${plain(n)}`));
  return `${lines.join('\n')}\n`;
}

function table(
  c: ChalkInstance,
  head: string[],
  rows: string[][],
  style: (row: string[], text: string, col: number) => string,
): string[] {
  const widths = head.map((h, i) => Math.max(stringWidth(h), ...rows.map((r) => stringWidth(r[i] ?? ''))));
  const pad = (s: string, i: number) => s + ' '.repeat(Math.max(0, widths[i]! - stringWidth(s)));
  const last = head.length - 1;
  const out = [`  ${c.bold(head.map((h, i) => (i === last ? h : pad(h, i))).join('  '))}`];
  for (const r of rows) {
    out.push(`  ${r.map((cell, i) => style(r, i === last ? cell : pad(cell, i), i)).join('  ')}`.trimEnd());
  }
  return out;
}

/** Markdown for a PR comment or `$GITHUB_STEP_SUMMARY`: a table per workflow, backstop rows flagged. */
export function formatResolveMarkdown(view: ResolveView): string {
  const { report } = view;
  const g = group(view);
  const out: string[] = [
    `### Atmos Pro dispatches for ${codeSpan(report.event)}`,
    '',
    escapeInline(summary(view, g)),
    '',
  ];
  if (report.note) out.push('> [!NOTE]', `> ${mdText(report.note)}`, '');
  if (g.counts.backstop > 0 && report.event === 'merge_group.checks_requested') {
    out.push(
      '> [!WARNING]',
      `> ${mdText(backstopText(g.counts.backstop))}: check that none of them applies changes. Declare ${codeSpan('merge_group.checks_requested')} so the queue runs what you chose.`,
      '',
    );
  }
  for (const [file, rows] of g.byWorkflow) {
    out.push(
      `#### ${codeSpan(file)} (${rows.length})`,
      '',
      '| Stack | Component | Via | Inputs | Source |',
      '| --- | --- | --- | --- | --- |',
    );
    for (const r of rows) {
      const inputs = Object.entries(r.inputs)
        .map(([k, v]) => `${cell(k)}: ${cell(inputValue(v))}`)
        .join('<br>');
      const via = r.row.via === 'backstop' ? '⚠️ **backstop**' : r.row.via;
      const source = r.row.source ? cell(`${r.row.source.file}:${r.row.source.line}`) : '';
      out.push(`| ${cell(r.row.stack)} | ${cell(r.row.component)} | ${via} | ${inputs} | ${source} |`);
    }
    out.push('');
  }
  if (g.idle.length > 0) {
    out.push(
      `<details><summary>Not dispatched (${g.idle.length})</summary>`,
      '',
      '| Stack | Component | Via | Why |',
      '| --- | --- | --- | --- |',
    );
    for (const r of g.idle)
      out.push(`| ${cell(r.row.stack)} | ${cell(r.row.component)} | ${r.row.via} | ${mdText(r.why)} |`);
    out.push('', '</details>', '');
  }
  for (const n of eventNotes(report.event)) out.push(`> ${mdText(n)}`, '');
  return `${out.join('\n').trimEnd()}\n`;
}

/** A value as a code span that is safe inside a table cell. */
function cell(text: string): string {
  return codeSpan(text).replace(/\|/g, '\\|');
}

/** Prose with `code` spans, safe inside a table cell or a quote. */
function mdText(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? cell(part.slice(1, -1)) : escapeInline(part)))
    .join('');
}
