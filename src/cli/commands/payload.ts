import { EXIT } from '../../core/errors.js';
import { palette } from '../../report/style.js';
import type { UploadKind } from '../../simulate/bodies.js';
import { type RandomOrderCheck, UPLOAD_COMMANDS } from '../../simulate/payload.js';
import {
  hasOverLimit,
  type PayloadChunkRow,
  PayloadMarshalError,
  type PayloadQuery,
  type PayloadRepo,
  type PayloadReport,
  type PayloadResult,
  planPayload,
} from '../../simulate/payload-report.js';
import { emit, useColor } from '../io.js';
import type { CommonArgs } from '../run.js';
import { resolveOptions } from './shared.js';

export interface PayloadArgs extends CommonArgs {
  upload: UploadKind;
  'max-payload-bytes'?: number;
  'repo-url'?: string;
  format: 'table' | 'json' | 'markdown';
}

export {
  hasOverLimit,
  type PayloadChunkRow,
  PayloadMarshalError,
  type PayloadQuery,
  type PayloadRepo,
  type PayloadReport,
  type PayloadResult,
  planPayload,
};

/** `payload`: the command's arguments as a {@link PayloadQuery}. */
export function buildPayloadReport(args: PayloadArgs): PayloadResult {
  return planPayload({
    ...resolveOptions(args),
    upload: args.upload,
    maxPayloadBytes: args['max-payload-bytes'],
    repoUrl: args['repo-url'],
  });
}

export async function payloadCommand(args: PayloadArgs): Promise<number> {
  let result: PayloadResult;
  try {
    result = buildPayloadReport(args);
  } catch (e) {
    if (!(e instanceof PayloadMarshalError)) throw e;
    process.stderr.write(`atmos-pro-lint: ${e.message}\n`);
    return EXIT.problems;
  }
  const { report } = result;
  const text =
    args.format === 'json'
      ? `${JSON.stringify(report, null, 2)}\n`
      : args.format === 'markdown'
        ? renderMarkdown(report)
        : renderTable(report, useColor(args.color));
  emit(text, args.output, resolveOptions(args).cwd);
  return hasOverLimit(report) ? EXIT.problems : EXIT.ok;
}

// ---------------------------------------------------------------------------------------------
// Shared presentation

const BAR_CELLS = 40;
const MAX_ROWS = 40;
const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function num(n: number): string {
  return n.toLocaleString('en-US');
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${num(n)} ${n === 1 ? one : many}`;
}

/** Share of the limit; a request over it never rounds down to 100%. */
function percent(bytes: number, limit: number): string {
  const p = (bytes * 100) / limit;
  if (bytes > 0 && p < 1) return '<1%';
  return `${bytes > limit ? Math.max(101, Math.ceil(p)) : Math.floor(p)}%`;
}

function mib(bytes: number): string {
  return bytes >= 1024 * 1024 ? ` (${(bytes / (1024 * 1024)).toFixed(1)} MiB)` : '';
}

interface Bar {
  /** Cells up to the limit marker, the marker, and the cells beyond it. */
  under: string;
  marker: string;
  over: string;
}

/**
 * A horizontal bar on a scale where the limit sits at a fixed cell (or further left when a bar is
 * longer than the limit), with a `│` at the limit.
 */
function makeBar(bytes: number, limit: number, scaleMax: number): Bar {
  const scale = Math.max(limit, scaleMax);
  const limitCell = Math.round((limit / scale) * BAR_CELLS);
  const eighths = Math.round((bytes / scale) * BAR_CELLS * 8);
  const cells = (from: number, to: number): string => {
    // eighths of a cell filled between cell `from` and cell `to`
    let out = '';
    for (let c = from; c < to; c++) {
      const filled = Math.max(0, Math.min(8, eighths - c * 8));
      out += filled === 8 ? '█' : filled === 0 ? ' ' : EIGHTHS[filled];
    }
    return out;
  };
  const under = cells(0, limitCell);
  const overCells = Math.max(0, Math.ceil(eighths / 8) - limitCell);
  return { under, marker: '│', over: cells(limitCell, limitCell + overCells) };
}

function plainBar(b: Bar): string {
  return `${b.under}${b.marker}${b.over}`;
}

/** In Markdown, empty cells are shaded so that proportional fonts and collapsed spaces keep the marker in place. */
function markdownBar(b: Bar): string {
  return `\`${b.under.replace(/ /g, '░')}${b.marker}${b.over}\``;
}

/** Rows to show: every over-limit chunk, then the others in order, at most MAX_ROWS. */
function chunkRows(report: PayloadReport): { rows: PayloadChunkRow[]; hidden: number } {
  if (report.chunks.length <= MAX_ROWS) return { rows: report.chunks, hidden: 0 };
  const over = report.chunks.filter((c) => c.overLimit);
  const rest = report.chunks.filter((c) => !c.overLimit);
  const picked = [...over, ...rest].slice(0, MAX_ROWS).sort((a, b) => a.index - b.index);
  return { rows: picked, hidden: report.chunks.length - picked.length };
}

function repoLine(repo: PayloadRepo): string {
  if (repo.source === 'placeholder') return `${repo.url} (placeholder)`;
  if (repo.source === 'override') return `${repo.url} (--repo-url)`;
  return `${repo.url} (git remote ${repo.remote ?? 'origin'})`;
}

function limitLine(report: PayloadReport): string {
  const src =
    report.maxPayloadBytesSource === 'flag'
      ? '--max-payload-bytes'
      : report.maxPayloadBytesSource === 'atmos.yaml'
        ? 'atmos.yaml settings.pro.max_payload_bytes'
        : 'default';
  return `${num(report.maxPayloadBytes)} bytes${mib(report.maxPayloadBytes)}, ${src}`;
}

function itemNoun(report: PayloadReport): [string, string] {
  return report.upload === 'affected'
    ? ['affected instance', 'affected instances']
    : ['instance', 'instances'];
}

function planLine(report: PayloadReport, avg: number | undefined): string {
  const [one, many] = itemNoun(report);
  if (!report.chunked) {
    return `estimate ${num(report.estimatedBytes)} bytes, within the limit: one request of ${num(report.chunks[0]?.bytes ?? 0)} bytes without batch fields`;
  }
  const sized = avg !== undefined ? `, sized by the ${num(avg)}-byte average item` : '';
  return `estimate ${num(report.estimatedBytes)} bytes, over the limit: ${plural(report.chunks.length, 'chunk')} of up to ${plural(report.chunkSize, one, many)}${sized}`;
}

function randomOrderLine(r: RandomOrderCheck, limit: number): string {
  const seen =
    r.overLimitTrials === 0
      ? `no chunk over the limit in ${r.trials} simulated random orders; largest chunk seen ${num(r.largestChunkBytes)} bytes`
      : `a chunk over the limit in ${r.overLimitTrials} of ${r.trials} simulated random orders, of up to ${num(r.largestOverLimitBytes)} bytes`;
  return `${seen}; at most ${num(r.worstCaseChunkBytes)} bytes (${percent(r.worstCaseChunkBytes, limit)}) in any order`;
}

function averageItem(report: PayloadReport): number | undefined {
  if (!report.chunked || report.items === 0) return undefined;
  return Math.max(1, Math.trunc((report.estimatedBytes - report.overheadBytes) / report.items));
}

// ---------------------------------------------------------------------------------------------
// Table

export function renderTable(report: PayloadReport, color: boolean): string {
  const c = palette(color);
  const limit = report.maxPayloadBytes;
  const [one, many] = itemNoun(report);
  const out: string[] = [];
  out.push(c.bold(`atmos ${UPLOAD_COMMANDS[report.upload]}`), '');
  const facts: [string, string][] = [
    ['repository', repoLine(report.repo)],
    ['limit', limitLine(report)],
    [
      'items',
      `${plural(report.items, one, many)}, ${num(report.estimatedBytes - report.overheadBytes)} bytes as JSON; request overhead ${num(report.overheadBytes)} bytes`,
    ],
    ['plan', planLine(report, averageItem(report))],
  ];
  if (report.randomOrders) facts.push(['random order', randomOrderLine(report.randomOrders, limit)]);
  const w = Math.max(...facts.map(([k]) => k.length));
  for (const [k, v] of facts) out.push(`  ${c.dim(k.padEnd(w))}  ${v}`);
  out.push('');

  const { rows, hidden } = chunkRows(report);
  const scaleMax = Math.max(...report.chunks.map((ch) => ch.bytes));
  const total = report.chunks.length;
  const cells = rows.map((r) => [
    `${r.index + 1}/${total}`,
    num(r.items),
    num(r.bytes),
    percent(r.bytes, limit),
  ]);
  const head = ['CHUNK', 'ITEMS', 'BYTES', 'OF LIMIT'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]!.length)));
  const colored = (b: Bar) => `${c.green(b.under)}${c.dim(b.marker)}${c.red(b.over)}`;
  out.push(
    c.bold(
      `  ${head[0]!.padEnd(widths[0]!)}  ${head
        .slice(1)
        .map((h, i) => h.padStart(widths[i + 1]!))
        .join('  ')}  │ = ${num(limit)} bytes`,
    ),
  );
  rows.forEach((r, k) => {
    const cell = cells[k]!;
    const bar = makeBar(r.bytes, limit, scaleMax);
    const text = `  ${cell[0]!.padEnd(widths[0]!)}  ${cell
      .slice(1)
      .map((v, i) => v.padStart(widths[i + 1]!))
      .join('  ')}  `;
    const line = r.overLimit ? `${c.red(text)}${colored(bar)}` : `${text}${colored(bar)}`;
    out.push(color ? line.trimEnd() : `${text}${plainBar(bar)}`.trimEnd());
  });
  if (hidden > 0) out.push(c.dim(`  … ${plural(hidden, 'more chunk')} under the limit not shown`));
  out.push('');

  const largest = report.largestItems;
  if (largest.length > 0) {
    const over = new Set(report.itemsOverLimit.map((i) => `${i.stack}\0${i.component}`));
    const itemScale = Math.max(...largest.map((i) => i.bytes));
    const rowsL = largest.map((i) => [num(i.bytes), percent(i.bytes, limit), i.component, i.stack]);
    const headL = ['BYTES', 'OF LIMIT', 'COMPONENT', 'STACK'];
    const wl = headL.map((h, i) => Math.max(h.length, ...rowsL.map((r) => r[i]!.length)));
    out.push(
      c.bold(`Largest ${largest.length === 1 ? 'item' : `${largest.length} items`} (item JSON alone)`),
    );
    out.push(
      c.bold(
        `  ${headL[0]!.padStart(wl[0]!)}  ${headL[1]!.padStart(wl[1]!)}  ${headL[2]!.padEnd(wl[2]!)}  ${headL[3]!.padEnd(wl[3]!)}`,
      ),
    );
    largest.forEach((item, k) => {
      const r = rowsL[k]!;
      const bar = makeBar(item.bytes, limit, itemScale);
      const flag = over.has(`${item.stack}\0${item.component}`) ? ` ${c.red('over the limit alone')}` : '';
      const text = `  ${r[0]!.padStart(wl[0]!)}  ${r[1]!.padStart(wl[1]!)}  ${r[2]!.padEnd(wl[2]!)}  ${r[3]!.padEnd(wl[3]!)}  `;
      out.push(`${text}${color ? colored(bar) : plainBar(bar)}${flag}`.trimEnd());
    });
    out.push('');
  }

  const summary = summaryLine(report);
  out.push(hasOverLimit(report) ? c.red(summary) : c.green(summary));
  for (const note of report.notes) out.push(c.dim(`note: ${note}`));
  return `${out.join('\n')}\n`;
}

function summaryLine(report: PayloadReport): string {
  const over = report.chunks.filter((ch) => ch.overLimit).length;
  const items = report.itemsOverLimit.length;
  const random = report.randomOrders;
  const parts: string[] = [];
  if (over > 0) {
    parts.push(`${plural(over, 'chunk')} over the limit${report.orderIsRandom ? ' in the order shown' : ''}`);
  }
  if (items > 0) parts.push(`${plural(items, 'item')} over the limit alone (an item cannot be split)`);
  if (random && random.overLimitTrials > 0) {
    parts.push(`a chunk over the limit in ${random.overLimitTrials} of ${random.trials} random orders`);
  }
  if (parts.length === 0) return `Every request is within the limit (${num(report.maxPayloadBytes)} bytes).`;
  const one = parts.length === 1 && over + items <= 1;
  return `${capitalize(parts.join('; '))}: the CLI sends ${one ? 'it' : 'them'} anyway.`;
}

// ---------------------------------------------------------------------------------------------
// Markdown

function mdCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function mdCode(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${text}${fence}`.replace(/\|/g, '\\|');
}

function mdInline(text: string): string {
  // Notes are written with `code` spans; only table pipes and HTML need care.
  return text.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function renderMarkdown(report: PayloadReport): string {
  const limit = report.maxPayloadBytes;
  const [one, many] = itemNoun(report);
  const out: string[] = [];
  out.push(`### Atmos Pro upload: \`atmos ${UPLOAD_COMMANDS[report.upload]}\``, '');
  out.push('| | |', '| --- | --- |');
  out.push(`| Repository | ${mdCell(repoLine(report.repo))} |`);
  out.push(`| Limit | ${mdCell(limitLine(report))} |`);
  out.push(
    `| Items | ${plural(report.items, one, many)}, ${num(report.estimatedBytes - report.overheadBytes)} bytes as JSON; request overhead ${num(report.overheadBytes)} bytes |`,
  );
  out.push(`| Plan | ${mdCell(planLine(report, averageItem(report)))} |`);
  if (report.randomOrders)
    out.push(`| Random order | ${mdCell(randomOrderLine(report.randomOrders, limit))} |`);
  out.push('', `**${summaryLine(report)}**`, '');

  const { rows, hidden } = chunkRows(report);
  const total = report.chunks.length;
  const scaleMax = Math.max(...report.chunks.map((ch) => ch.bytes));
  out.push('```mermaid', 'xychart-beta');
  out.push(`  title "Request bytes per chunk (max_payload_bytes ${limit})"`);
  out.push(`  x-axis [${rows.map((r) => `"${r.index + 1}"`).join(', ')}]`);
  out.push(`  y-axis "bytes" 0 --> ${Math.max(limit, scaleMax)}`);
  out.push(`  bar [${rows.map((r) => r.bytes).join(', ')}]`);
  out.push(`  line [${rows.map(() => limit).join(', ')}]`);
  out.push('```', '');

  out.push('| Chunk | Items | Bytes | Of limit | |', '| ---: | ---: | ---: | ---: | --- |');
  for (const r of rows) {
    const bar = markdownBar(makeBar(r.bytes, limit, scaleMax));
    const b = (s: string) => (r.overLimit ? `**${s}**` : s);
    out.push(
      `| ${r.index + 1}/${total} | ${num(r.items)} | ${b(num(r.bytes))} | ${b(percent(r.bytes, limit))} | ${bar} |`,
    );
  }
  if (hidden > 0) out.push('', `_${plural(hidden, 'more chunk')} under the limit not shown._`);
  out.push('');

  const largest = report.largestItems;
  if (largest.length > 0) {
    const over = new Set(report.itemsOverLimit.map((i) => `${i.stack}\0${i.component}`));
    const itemScale = Math.max(...largest.map((i) => i.bytes));
    out.push(`#### Largest ${largest.length === 1 ? 'item' : `${largest.length} items`}`, '');
    out.push('| Component | Stack | Bytes | Of limit | |', '| --- | --- | ---: | ---: | --- |');
    for (const item of largest) {
      const bar = markdownBar(makeBar(item.bytes, limit, itemScale));
      const alone = over.has(`${item.stack}\0${item.component}`) ? ' **over the limit alone**' : '';
      out.push(
        `| ${mdCode(item.component)} | ${mdCode(item.stack)} | ${num(item.bytes)} | ${percent(item.bytes, limit)} | ${bar}${alone} |`,
      );
    }
    out.push('');
  }
  if (report.notes.length > 0) {
    for (const note of report.notes) out.push(`- ${mdInline(note)}`);
    out.push('');
  }
  return `${out.join('\n')}`;
}
