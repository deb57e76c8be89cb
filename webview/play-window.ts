// Where in the music "play from the cursor" and "play the selection" begin and end, from abcjs's timing events.
// Shared by the page and the tests; no DOM imports.

/** The part of abcjs's NoteTimingEvent this needs: when it sounds and which characters of the ABC it plays. */
export interface TimedChars {
  milliseconds: number;
  type?: string;
  startChar?: number;
  endChar?: number;
  startCharArray?: number[];
  endCharArray?: number[];
}

/** Milliseconds to start at, and to stop (or loop back) at; no end plays to the end of the tune. */
export interface PlayWindow {
  startMs: number;
  endMs?: number;
}

function charsOf(e: TimedChars): { start: number; end: number }[] {
  const starts = e.startCharArray ?? (e.startChar !== undefined ? [e.startChar] : []);
  const ends = e.endCharArray ?? (e.endChar !== undefined ? [e.endChar] : []);
  return starts.map((start, i) => ({ start, end: ends[i] ?? start + 1 }));
}

/**
 * The window that plays from the note at (or after) ABC offset `from` until a note written outside `from`..`to`
 * would sound. A cursor inside a note, or just after it, starts at that note; elsewhere at the next note written.
 * Undefined when no note is written at or after `from`.
 */
export function playWindow(events: readonly TimedChars[], from: number, to?: number): PlayWindow | undefined {
  const notes = events.filter((e) => (e.type ?? 'event') === 'event' && charsOf(e).length > 0);
  const earliest = (list: TimedChars[]) => list.reduce<TimedChars | undefined>((a, e) => (!a || e.milliseconds < a.milliseconds ? e : a), undefined);
  let start =
    earliest(notes.filter((e) => charsOf(e).some((c) => c.start <= from && from < c.end))) ??
    earliest(notes.filter((e) => charsOf(e).some((c) => from === c.end)));
  if (!start) {
    const next = notes.flatMap((e) => charsOf(e).map((c) => c.start)).reduce((min, c) => (c > from && c < min ? c : min), Infinity);
    start = earliest(notes.filter((e) => charsOf(e).some((c) => c.start === next)));
  }
  if (!start) return undefined;
  const startMs = start.milliseconds;
  if (to === undefined || to <= from) return { startMs };
  // The first note heard after the start that is written outside the selection (a repeat that comes back to the
  // selected notes comes after it, so they play once).
  const inside = (e: TimedChars) => charsOf(e).some((c) => c.start >= from && c.start < to) || e === start;
  const after = earliest(notes.filter((e) => e.milliseconds > startMs && !inside(e)));
  return after ? { startMs, endMs: after.milliseconds } : { startMs };
}
