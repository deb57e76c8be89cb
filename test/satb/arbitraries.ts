import fc from 'fast-check';
import type { Chorale, Frame, VoiceEntry } from '../../src/satb';

type Choice = { kind: 'rest' } | { kind: 'slot' } | { kind: 'strike'; pitch: number } | { kind: 'hold' };

const choice = (slots: boolean): fc.Arbitrary<Choice> =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant<Choice>({ kind: 'rest' }) },
    { weight: slots ? 1 : 0, arbitrary: fc.constant<Choice>({ kind: 'slot' }) },
    { weight: 4, arbitrary: fc.integer({ min: 28, max: 96 }).map((pitch): Choice => ({ kind: 'strike', pitch })) },
    { weight: 6, arbitrary: fc.constant<Choice>({ kind: 'hold' }) },
  );

/** Valid frames: a hold continues the note the voice sounded in the previous frame (else it becomes a rest). */
function toFrames(rows: { fermata: boolean; voices: Choice[] }[]): Frame[] {
  const frames: Frame[] = [];
  for (const row of rows) {
    const prev = frames[frames.length - 1];
    const voices = row.voices.map((c, v): VoiceEntry => {
      if (c.kind === 'strike') return { kind: 'note', pitch: c.pitch, held: false };
      if (c.kind !== 'hold') return { kind: c.kind };
      const before = prev?.voices[v];
      return before?.kind === 'note' ? { kind: 'note', pitch: before.pitch, held: true } : { kind: 'rest' };
    });
    frames.push({ fermata: row.fermata, voices });
  }
  return frames;
}

const metaText = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ,.'-]{0,20}[A-Za-z0-9]$/);

export function chorale(options: { slots?: boolean; maxFrames?: number } = {}): fc.Arbitrary<Chorale> {
  const row = fc.record({ fermata: fc.boolean(), voices: fc.array(choice(options.slots ?? true), { minLength: 4, maxLength: 4 }) });
  return fc
    .record({
      rows: fc.array(row, { maxLength: options.maxFrames ?? 48 }),
      title: fc.option(metaText, { nil: undefined }),
      meter: fc.option(fc.constantFrom('4/4', '3/4', '3/2', '6/8'), { nil: undefined }),
      pickup: fc.option(fc.integer({ min: 0, max: 15 }), { nil: undefined }),
      extra: fc.array(metaText.map((t) => `% ${t}`), { maxLength: 3 }),
    })
    .map(({ rows, title, meter, pickup, extra }) => ({
      meta: { comments: extra, title, meter, pickup },
      frames: toFrames(rows),
    }));
}
