/** What "BachBot: Transpose" works on, and the intervals it offers (each named with the key it leads to). */
import { parseAbc } from '../../abc/parse';
import type { TransposeOptions } from '../../abc/transpose';
import { formatKey, type KeySignature } from '../../music/key';
import { transposeKey } from '../../music/pitch';

export interface IntervalChoice {
  semitones: number;
  label: string;
  /** The tune's key after the move (`→ E`), when it has one. */
  description: string;
}

const NAMES: Record<number, string> = {
  1: 'a semitone', 2: 'a whole tone', 3: 'a minor third', 4: 'a major third', 5: 'a fourth', 6: 'a tritone', 7: 'a fifth', 12: 'an octave',
};

/** Up and down by 1 to 7 semitones and by an octave, the most used first. */
export function intervalChoices(key: KeySignature | undefined): IntervalChoice[] {
  const order = [2, -2, 1, -1, 3, -3, 4, -4, 5, -5, 7, -7, 6, -6, 12, -12];
  return order.map((semitones) => {
    const size = Math.abs(semitones);
    const label = `${semitones > 0 ? 'Up' : 'Down'} ${NAMES[size]} (${semitones > 0 ? '+' : ''}${semitones})`;
    const description = key && !key.none ? `→ K:${formatKey(transposeKey(key, semitones))}` : '';
    return { semitones, label, description };
  });
}

/** The selection when there is one, else the tune under the cursor; undefined outside every tune. */
export function transposeScope(text: string, start: number, end: number): { options: TransposeOptions; what: string; tuneKeyText?: string } | undefined {
  const { tunes } = parseAbc(text);
  const at = tunes.findIndex((t) => start >= t.start && start <= t.end);
  const tune = tunes[at];
  if (end > start) {
    const touched = tunes.filter((t) => t.start <= end && t.end >= start);
    if (touched.length === 0) return undefined;
    return { options: { range: { start, end } }, what: 'the selection', tuneKeyText: touched.length === 1 ? touched[0].keyText : undefined };
  }
  if (!tune) return undefined;
  return { options: { tune: at }, what: tune.title ? `"${tune.title}"` : 'this tune', tuneKeyText: tune.keyText };
}
