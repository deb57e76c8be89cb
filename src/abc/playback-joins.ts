/**
 * Where playing an ABC tune leaves the written order: a repeat sign sends it back to the start of its part, and the
 * second time through a part with endings goes from the bar before the first ending into the second.
 */
export interface PlaybackJoin {
  /** The last frame played before the jump. */
  from: number;
  /** The frame played next. */
  to: number;
}

/**
 * The joins of a voice from its bar lines (each at the frame it stands before, as `AbcFramesResult.barLines`) and
 * its final bar line; `frameCount` frames in all. A repeat with no `|:` before it goes back to the start of the tune.
 */
export function playbackJoins(barLines: readonly { frame: number; text: string }[], finalBarLine: string, frameCount: number): PlaybackJoin[] {
  const joins: PlaybackJoin[] = [];
  let partStart = 0;
  let firstEnding: number | undefined;
  const bars = [...barLines, { frame: frameCount, text: finalBarLine }];
  for (const bar of bars) {
    const { frame } = bar;
    // An inline field in the bar ([M:2/4], [P:B]) is neither a repeat sign nor an ending number.
    const text = bar.text.replace(/\[[A-Za-z]:[^\]]*\]/g, '');
    const ending = /\d/.exec(text)?.[0];
    if (text.startsWith(':') && frame > 0) joins.push({ from: frame - 1, to: partStart });
    if (ending === '1') firstEnding = frame;
    else if (ending !== undefined && firstEnding !== undefined) {
      if (firstEnding > 0) joins.push({ from: firstEnding - 1, to: frame });
      firstEnding = undefined;
    }
    const sign = text.replace(/\[?\d.*$/, '');
    if (sign.length > 1 && sign.endsWith(':') && frame < frameCount) {
      partStart = frame;
      if (ending === undefined) firstEnding = undefined;
    }
  }
  return joins.filter((j) => j.to !== j.from + 1 && j.from < frameCount && j.to < frameCount);
}
