/** Positions are 0-based (line, column, offset in UTF-16 code units); printers add 1 for humans. */
export interface SourcePosition {
  line: number;
  column: number;
  offset: number;
}

export interface SourceRange {
  start: SourcePosition;
  end: SourcePosition;
}

export type Severity = 'error' | 'warning' | 'info';

export interface NotationDiagnostic {
  severity: Severity;
  message: string;
  range: SourceRange;
  /** Stable machine-readable kind, e.g. 'satb.short-frame', 'abc.bar-length', 'vl.parallel-fifths'. */
  code?: string;
}

/** `file:line:col: severity: message`, the format compilers and `bachbot check` use. */
export function formatDiagnostic(file: string, d: NotationDiagnostic): string {
  return `${file}:${d.range.start.line + 1}:${d.range.start.column + 1}: ${d.severity}: ${d.message}`;
}

/** Maps offsets to line/column in one text: O(1) when offsets come in reading order (the last answer's line or
 * the next), O(log lines) otherwise. */
export class LineIndex {
  private readonly lineStarts: number[] = [0];
  private lastLine = 0;

  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  positionAt(offset: number): SourcePosition {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(clamped);
    this.lastLine = line;
    return { line, column: clamped - this.lineStarts[line], offset: clamped };
  }

  private lineOf(offset: number): number {
    const starts = this.lineStarts;
    const last = this.lastLine;
    if (starts[last] <= offset) {
      if (last + 1 >= starts.length || offset < starts[last + 1]) return last;
      if (last + 2 >= starts.length || offset < starts[last + 2]) return last + 1;
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  offsetAt(line: number, column: number): number {
    const start = this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))];
    return Math.min(start + column, this.text.length);
  }

  rangeOf(start: number, end: number): SourceRange {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }
}
