/** Hover text for a token of a `.satb` document: "Alto: G4 (MIDI 67), held". */
import { parseSatb, parseVoiceToken, type SatbToken } from '../../satb';
import { parseKey, spellPitch, type KeySignature } from '../../music';
import { parseKeyMeta } from '../../satb/key-meta';
import { parseSatbMeter } from '../../satb/meter';

export interface HoverInfo {
  /** Plain text lines; the first names the thing under the cursor. */
  lines: string[];
  start: number;
  end: number;
}

const VOICE_TITLES = ['Soprano', 'Alto', 'Tenor', 'Bass'];
/** Which voice each entry of a BachBot short frame is (1: S; 2: S B; 3: S A B). */
const SHORT_FRAME_VOICES = [[], [0], [0, 3], [0, 1, 3]];

export function describeSatbAt(text: string, offset: number): HoverInfo | undefined {
  const { chorale, tokens } = parseSatb(text);
  const token = tokens.find((t) => t.range.start.offset <= offset && offset < t.range.end.offset);
  if (!token || token.frameIndex === undefined) return undefined;
  const where = framePosition(token.frameIndex, chorale.meta.meter, chorale.meta.pickup);
  const span = { start: token.range.start.offset, end: token.range.end.offset };
  if (token.kind === 'fermata') return { ...span, lines: ['Fermata: this frame ends a phrase', where] };
  if (token.kind === 'frame-end') return { ...span, lines: ['End of frame (one sixteenth note)', where] };
  if (token.kind !== 'voice') return undefined;
  const voice = voiceIndex(tokens, token);
  const entry = parseVoiceToken(token.text);
  if (voice === undefined || !entry) return undefined;
  const title = VOICE_TITLES[voice];
  switch (entry.kind) {
    case 'rest':
      return { ...span, lines: [`${title}: rest`, where] };
    case 'slot':
      return { ...span, lines: [`${title}: slot (?), to be filled by 'BachBot: Harmonize Selection'`, where] };
    case 'note': {
      const name = spelledName(entry.pitch, documentKey(chorale.meta.key));
      const attack = entry.held ? 'held' : 'struck';
      return { ...span, lines: [`${title}: ${name} (MIDI ${entry.pitch}), ${attack}`, where] };
    }
  }
}

function voiceIndex(tokens: SatbToken[], token: SatbToken): number | undefined {
  const voices = tokens.filter((t) => t.kind === 'voice' && t.frameIndex === token.frameIndex);
  const i = voices.indexOf(token);
  if (i < 0 || i > 3) return undefined;
  return voices.length >= 4 ? i : SHORT_FRAME_VOICES[voices.length][i];
}

/** The key the pitches of the file are in: the target of "transposed ... to C major", or the key named. */
export function documentKey(keyMeta: string | undefined): KeySignature | undefined {
  if (!keyMeta) return undefined;
  const target = /\bto\s+([A-G][#b]?)\s+(major|minor)\b/i.exec(keyMeta);
  if (target) return parseKey(`${target[1]} ${target[2].toLowerCase()}`).key;
  return parseKeyMeta(keyMeta)?.original;
}

/** `G4`, `F#4`, `Bb3`: spelled in the key when known (C major otherwise). */
export function spelledName(midi: number, key: KeySignature | undefined): string {
  const p = spellPitch(midi, key ?? parseKey('C').key);
  const acc = p.accidental > 0 ? '#'.repeat(p.accidental) : 'b'.repeat(-p.accidental);
  return `${p.letter}${acc}${p.octave}`;
}

/** "frame 13 · bar 2, beat 1" (beats of the meter's denominator; the pickup bar is bar 0). */
export function framePosition(frameIndex: number, meter: string | undefined, pickup: number | undefined): string {
  const m = parseSatbMeter(meter);
  if (!m) return `frame ${frameIndex + 1}`;
  const beatFrames = 16 / m.denominator;
  const barFrames = m.numerator * beatFrames;
  const p = pickup ?? 0;
  let bar: number;
  let inBar: number;
  if (frameIndex < p) {
    bar = 0;
    inBar = barFrames - p + frameIndex;
  } else {
    bar = Math.floor((frameIndex - p) / barFrames) + 1;
    inBar = (frameIndex - p) % barFrames;
  }
  const beat = Math.floor(inBar / beatFrames) + 1;
  const sub = inBar % beatFrames;
  return `frame ${frameIndex + 1} · bar ${bar}, beat ${beat}${sub ? ` + ${sub}/16` : ''}`;
}
