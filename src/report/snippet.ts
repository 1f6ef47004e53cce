import { codePointWidth } from './width.js';

/** Columns between tab stops when a source line is shown; the indicator uses the same expansion. */
export const TAB_WIDTH = 4;
/** Lines wider than this are shown as a window around the span, cut with `…`. */
export const MAX_SNIPPET_WIDTH = 160;
/** Columns of context kept before the span when a long line is windowed. */
const LEFT_CONTEXT = 40;

export interface SpanLike {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** One source line as displayed, and the `^~~~` line that marks the span under it. */
export interface Snippet {
  lineNumber: number;
  text: string;
  indicator: string;
}

interface Cell {
  /** UTF-16 offset of the code point in the line. */
  start: number;
  units: number;
  text: string;
  width: number;
}

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function cellsOf(line: string): Cell[] {
  const cells: Cell[] = [];
  let offset = 0;
  let column = 0;
  for (const ch of line) {
    let text = ch;
    let width: number;
    if (ch === '\t') {
      width = TAB_WIDTH - (column % TAB_WIDTH);
      text = ' '.repeat(width);
    } else if (UNSAFE.test(ch)) {
      // Escape sequences and bidi overrides in a file must not reach the terminal.
      text = '\ufffd';
      width = 1;
    } else {
      width = codePointWidth(ch.codePointAt(0)!);
    }
    cells.push({ start: offset, units: ch.length, text, width });
    offset += ch.length;
    column += width;
  }
  return cells;
}

function widthOf(cells: readonly Cell[], from: number, to: number): number {
  let width = 0;
  for (let i = from; i < to; i++) width += cells[i]!.width;
  return width;
}

/**
 * Renders the first line of a span with an indicator under it, actionlint style: `^` under the
 * first character and `~` under the rest, measured in terminal columns so wide characters and tabs
 * before the span keep it aligned. A span that continues past its first line is underlined to the
 * end of that line's content.
 */
export function renderSnippet(lineText: string, span: SpanLike, maxWidth = MAX_SNIPPET_WIDTH): Snippet {
  const cells = cellsOf(lineText);
  const startUnit = Math.max(0, Math.min(span.column - 1, lineText.length));
  const endUnit =
    span.endLine === span.line
      ? Math.max(startUnit, Math.min(span.endColumn - 1, lineText.length))
      : Math.max(startUnit, lineText.trimEnd().length);

  let first = cells.findIndex((c) => c.start + c.units > startUnit);
  if (first === -1) first = cells.length;
  let last = cells.findIndex((c) => c.start >= endUnit);
  if (last === -1) last = cells.length;
  last = Math.max(first, last);

  let from = 0;
  let to = cells.length;
  if (widthOf(cells, 0, cells.length) > maxWidth) {
    from = first;
    while (from > 0 && widthOf(cells, from - 1, first) <= LEFT_CONTEXT) from--;
    const budget = maxWidth - (from > 0 ? 1 : 0) - 1;
    to = from;
    while (to < cells.length && widthOf(cells, from, to + 1) <= budget) to++;
  }
  const lead = from > 0 ? '…' : '';
  const tail = to < cells.length ? '…' : '';
  const body = cells
    .slice(from, to)
    .map((c) => c.text)
    .join('');

  const pad = (lead ? 1 : 0) + widthOf(cells, from, first);
  const underline = widthOf(cells, Math.max(first, from), Math.min(last, to));
  return {
    lineNumber: span.line,
    text: (lead + body + tail).trimEnd(),
    indicator: `${' '.repeat(pad)}^${'~'.repeat(Math.max(0, underline - 1))}`,
  };
}

/** Line starts of a text, so that many snippets from one file cost one scan. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export type SnippetSource = (file: string, span: SpanLike) => Snippet | undefined;

/**
 * Snippets for diagnostics, reading each file once through `readSource`; undefined when the
 * file or the line is unavailable.
 */
export function snippetSource(readSource: (file: string) => string | undefined): SnippetSource {
  const files = new Map<string, { text: string; starts: number[] } | undefined>();
  return (file, span) => {
    if (!files.has(file)) {
      const text = readSource(file);
      files.set(file, text === undefined ? undefined : { text, starts: lineStarts(text) });
    }
    const entry = files.get(file);
    if (!entry) return undefined;
    const start = entry.starts[span.line - 1];
    if (start === undefined) return undefined;
    const next = entry.starts[span.line];
    let end = next === undefined ? entry.text.length : next - 1;
    if (end > start && entry.text.charCodeAt(end - 1) === 13) end--;
    return renderSnippet(entry.text.slice(start, end), span);
  };
}
