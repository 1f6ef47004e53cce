/**
 * A text file the linter read, with lazily computed line starts so that positions cost nothing
 * until a diagnostic or a provenance query asks for them.
 */
export class SourceFile {
  private lineStarts: number[] | undefined;

  constructor(
    /** Absolute path, native separators. */
    readonly path: string,
    readonly text: string,
  ) {}

  /** 1-based line and column (UTF-16 code units, as SARIF and LSP count them) of an offset. */
  position(offset: number): { line: number; column: number } {
    const starts = this.starts();
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: clamped - starts[lo]! + 1 };
  }

  /** Offset of a 1-based line and column. */
  offset(line: number, column: number): number {
    const starts = this.starts();
    const start = starts[Math.max(0, Math.min(line - 1, starts.length - 1))] ?? 0;
    return Math.min(this.text.length, start + Math.max(0, column - 1));
  }

  /** The text of a 1-based line without its line break. */
  line(line: number): string {
    const starts = this.starts();
    const start = starts[line - 1];
    if (start === undefined) return '';
    const next = starts[line];
    let end = next === undefined ? this.text.length : next - 1;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return this.text.slice(start, Math.max(start, end));
  }

  get lineCount(): number {
    return this.starts().length;
  }

  private starts(): number[] {
    if (this.lineStarts) return this.lineStarts;
    const starts = [0];
    const text = this.text;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.lineStarts = starts;
    return starts;
  }
}

/** A range in a source file, as offsets. */
export interface Loc {
  file: SourceFile;
  start: number;
  end: number;
}

/** A range as 1-based lines and columns; `endColumn` is the column after the last character. */
export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export function spanOf(loc: Loc): Span {
  const start = loc.file.position(loc.start);
  const end = loc.file.position(Math.max(loc.start, loc.end));
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

/** A location at the very start of a file, for problems that have no better place. */
export function fileStart(file: SourceFile): Loc {
  return { file, start: 0, end: 0 };
}
