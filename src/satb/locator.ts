import type { SourcePosition, SourceRange } from '../common/diagnostic';

/** Line/column lookup for offsets that mostly come in increasing order (as a reader meets tokens): it walks
 * forward from the last answer and falls back to a binary search when asked about an earlier offset. */
export class ForwardLocator {
  private readonly lineStarts: number[] = [0];
  private line = 0;

  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  positionAt(offset: number): SourcePosition {
    const at = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.lineStarts;
    if (at < starts[this.line]) this.line = this.search(at);
    while (this.line + 1 < starts.length && starts[this.line + 1] <= at) this.line++;
    return { line: this.line, column: at - starts[this.line], offset: at };
  }

  rangeOf(start: number, end: number): SourceRange {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  private search(offset: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
