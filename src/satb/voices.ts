import { VOICE_NAMES, type VoiceEntry } from './types';

const NAMES = ['soprano', 'alto', 'tenor', 'bass'];

export function voiceName(v: number): string {
  return NAMES[v] ?? `voice ${v + 1}`;
}

/** BachBot dropped resting voices from a frame. We read one entry as the soprano, two as soprano and bass, three as
 * soprano, alto and bass; the voices not given rest. */
const PRESENT_VOICES: Record<number, number[]> = { 0: [], 1: [0], 2: [0, 3], 3: [0, 1, 3] };

export function padShortFrame(entries: VoiceEntry[]): VoiceEntry[] {
  const present = PRESENT_VOICES[entries.length];
  if (!present) return entries.slice(0, 4);
  const voices: VoiceEntry[] = [0, 1, 2, 3].map(() => ({ kind: 'rest' }));
  present.forEach((v, i) => (voices[v] = entries[i]));
  return voices;
}

/** "S B with A T resting", for the warning on a short frame. */
export function shortFrameReading(entryCount: number): string {
  const present = PRESENT_VOICES[entryCount] ?? [0, 1, 2, 3];
  const resting = [0, 1, 2, 3].filter((v) => !present.includes(v)).map((v) => VOICE_NAMES[v]);
  return `${present.map((v) => VOICE_NAMES[v]).join(' ')} with ${resting.join(' ')} resting`;
}
