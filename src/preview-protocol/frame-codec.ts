// Where each .satb frame stands, packed for the trip to the page: one flat array of small numbers instead of an
// object and an array per frame. A 1 MB chorale's 23,000 frames cost the extension host 70-120 ms to receive from
// the analysis worker and serialise for the page as objects; packed, a few milliseconds.
//
// Per frame: -1 for a frame without tokens, else the number of voice offsets, then the frame's start, its voice
// offsets and its end, each as the difference from the offset before it in the array (the first from 0).
import type { FrameSource } from './messages';

export function encodeFrameSources(frames: readonly (FrameSource | null)[]): number[] {
  const out: number[] = [];
  let last = 0;
  const put = (offset: number) => {
    out.push(offset - last);
    last = offset;
  };
  for (const frame of frames) {
    if (!frame) {
      out.push(-1);
      continue;
    }
    out.push(frame.voices.length);
    put(frame.start);
    for (const v of frame.voices) put(v);
    put(frame.end);
  }
  return out;
}

/** The frames back from `encodeFrameSources`; throws on an array it did not write. */
export function decodeFrameSources(packed: readonly number[]): (FrameSource | null)[] {
  const frames: (FrameSource | null)[] = [];
  let last = 0;
  let i = 0;
  const take = () => {
    if (i >= packed.length) throw new Error('packed frame sources end in the middle of a frame');
    last += packed[i++];
    return last;
  };
  while (i < packed.length) {
    const count = packed[i++];
    if (count === -1) {
      frames.push(null);
      continue;
    }
    if (!Number.isInteger(count) || count < 0) throw new Error(`packed frame sources: bad voice count ${count}`);
    const start = take();
    const voices: number[] = [];
    for (let k = 0; k < count; k++) voices.push(take());
    frames.push({ start, end: take(), voices });
  }
  return frames;
}
