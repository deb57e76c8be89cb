// The tunes of an .abc file (files hold many) and the one a place in the file belongs to.

export interface AbcTuneSlice {
  /** Offsets of the tune in the file: from its `X:` line to the next one (or the end). */
  start: number;
  end: number;
  text: string;
  title: string;
}

const TUNE_START = /^X:/;

/** Every tune in the file; a file without `X:` lines is one tune. */
export function splitAbcTunes(text: string): AbcTuneSlice[] {
  const starts: number[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    const next = text.indexOf('\n', lineStart);
    const lineEnd = next < 0 ? text.length : next;
    if (TUNE_START.test(text.slice(lineStart, Math.min(lineEnd, lineStart + 2)))) starts.push(lineStart);
    if (next < 0) break;
    lineStart = next + 1;
  }
  if (starts.length === 0) return text.trim() ? [slice(text, 0, text.length)] : [];
  return starts.map((start, i) => slice(text, start, i + 1 < starts.length ? starts[i + 1] : text.length));
}

/** The tune `offset` belongs to: the last one starting at or before it; the first when the offset is in the file
 * header. Works on these slices and on parsed tunes alike. */
export function tuneAt<T extends { start: number }>(tunes: readonly T[], offset: number): T | undefined {
  let found = tunes[0];
  for (const tune of tunes) if (tune.start <= offset) found = tune;
  return found;
}

function slice(text: string, start: number, end: number): AbcTuneSlice {
  const body = text.slice(start, end);
  const title = /^T:[ \t]*(.*)$/m.exec(body)?.[1]?.trim() ?? '';
  return { start, end, text: body, title };
}
