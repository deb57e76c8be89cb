import { pushAll } from '../common/arrays';
import { parseSatb } from './parse';
import { END_TOKEN, START_TOKEN, frameTokens } from './tokens';
import type { Chorale } from './types';

export class SlotInModelInputError extends Error {}

/** The model's tokens for a whole piece: `START`, `[(.)] S A T B |||` per frame, `END`.
 * Slots `(?)` are never model input: a chorale with slots is an error here (the harmonizer fills them). */
export function choraleModelTokens(chorale: Chorale): string[] {
  const out = [START_TOKEN];
  chorale.frames.forEach((frame, i) => {
    if (frame.voices.some((v) => v.kind === 'slot')) {
      throw new SlotInModelInputError(`frame ${i + 1} has a slot (?); slots are filled by the harmonizer, not read by the model`);
    }
    pushAll(out, frameTokens(frame));
  });
  out.push(END_TOKEN);
  return out;
}

/** Frames back from model tokens (the inverse of `choraleModelTokens`, without metadata). */
export function modelTokensToChorale(tokens: string[]): ReturnType<typeof parseSatb> {
  return parseSatb(tokens.join(' '));
}
