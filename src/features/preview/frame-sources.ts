// Where each frame of a .satb document stands, for the page to link drawn notes back to the text.
import type { SatbToken } from '../../satb';
import type { FrameSource } from '../../preview-protocol/messages';

export function frameSources(tokens: readonly SatbToken[]): (FrameSource | null)[] {
  const frames: (FrameSource | null)[] = [];
  for (const token of tokens) {
    if (token.frameIndex === undefined) continue;
    const start = token.range.start.offset;
    const end = token.range.end.offset;
    const frame = (frames[token.frameIndex] ??= { start, end, voices: [] });
    frame.start = Math.min(frame.start, start);
    frame.end = Math.max(frame.end, end);
    if (token.kind === 'voice') frame.voices.push(start, end);
  }
  // A frame without tokens of its own keeps its place (null) so that time still lines up.
  for (let i = 0; i < frames.length; i++) frames[i] ??= null;
  return frames;
}
