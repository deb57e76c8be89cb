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

/** Maps offsets to line/column in one text, in O(log lines) per lookup. */
export class LineIndex {
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    }
  }

  positionAt(offset: number): SourcePosition {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, column: clamped - this.lineStarts[lo], offset: clamped };
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
