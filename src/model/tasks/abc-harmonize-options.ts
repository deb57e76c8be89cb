/**
 * What the harmonizer's search is told about an ABC melody: where it stands in its meter (counted from its bar
 * lines), its chord symbols as chord labels, the harmonic rhythm, the notes of its mode, the chord it ends on, and
 * the octave it is moved by to lie in the model's soprano range.
 */
import { maxOf, minOf } from '../../common/arrays';
import type { AbcFramesResult } from '../../abc/frames';
import { chordLabelsPerFrame } from '../../abc/chord-symbols';
import { playbackJoins } from '../../abc/playback-joins';
import { barSixteenths, harmonicBeat, harmonicStrikes, positionsFromBarLines, type HarmonizeStyle } from '../../abc/harmonic-rhythm';
import { isMinorish, keyAccidentals, LETTER_PC, LETTERS, type KeySignature } from '../../music';
import { chordPitchClasses, closingTriad, mod12, type ChordLabel } from '../../music/chord-label';
import { parseVoiceToken, VOICE_RANGES, type Frame } from '../../satb';
import { EngineInputError } from '../errors';
import { endsOnTonicChordTone, type FinalChord } from '../harmonizer/constraints';
import type { HarmonizerSearchOptions } from '../harmonizer/search';

export interface AbcMelodySearch {
  /** The melody's frames moved to the search's key and octave. */
  frames: Frame[];
  /** Octaves (in semitones) the melody was moved by for the search, on top of `melody.semitones`. */
  octave: number;
  options: HarmonizerSearchOptions;
}

/**
 * The search's input for an ABC melody. `vocabulary` is the lowest and highest pitch the model's tokens hold: a
 * melody is moved by octaves until it lies inside (and as much as it can in the soprano's range); one wider than
 * the model's range is refused at the first note that does not fit.
 */
export function abcMelodySearch(melody: AbcFramesResult, vocabulary: readonly [number, number], style: HarmonizeStyle): AbcMelodySearch {
  const octave = melodyOctave(melody.frames, vocabulary, -melody.semitones);
  // The octave the lower voices are set against: the soprano's range without the vocabulary's limits. A melody the
  // vocabulary moves below its written octave sounds there; the voices under it keep to its written octave.
  const heard = melodyOctave(melody.frames, [0, 127], -melody.semitones);
  const frames = melody.frames.map((f) => ({ ...f, voices: f.voices.map((v) => (v.kind === 'note' ? { ...v, pitch: v.pitch + octave } : v)) }));
  const minor = isMinorish(melody.key.mode);
  const barLength = barSixteenths(melody.meter);
  const beatLength = harmonicBeat(melody.meter, style);
  const chords = chordLabelsPerFrame(melody.chordSymbols, frames.length, melody.semitones);
  const hasChords = chords.some((c) => c !== undefined);
  const positions = positionsFromBarLines(frames.length, melody.barLines.map((b) => b.frame), barLength);
  const notes = modeNotes(melody.key, melody.semitones, frames);
  const options: HarmonizerSearchOptions = {
    context: { barLength, pickup: melody.pickup, minor, beatLength },
    // The lower voices sound where the search puts them (in the chorale's ranges); only the melody is moved back by
    // the octave, to sound as written.
    toSounding: -melody.semitones,
    melodyOffset: heard - octave,
    pitchClasses: notes,
    scale: notes,
    finalChord: finalChord(frames, minor, chords),
    joins: playbackJoins(melody.barLines, melody.finalBarLine, frames.length),
    ...(melody.otherMelodyNotes.some((x) => x) ? { otherMelodyNotes: melody.otherMelodyNotes } : {}),
    ...(hasChords ? { chords } : {}),
    ...(style === 'accompaniment' ? { strikes: harmonicStrikes(positions, beatLength, hasChords ? chords : undefined) } : {}),
  };
  return { frames, octave, options };
}

/** The lowest and highest pitch among a vocabulary's note tokens. */
export function vocabularyRange(tokens: readonly string[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const t of tokens) {
    const v = parseVoiceToken(t);
    if (v?.kind !== 'note') continue;
    lo = Math.min(lo, v.pitch);
    hi = Math.max(hi, v.pitch);
  }
  return [lo, hi];
}

/**
 * Octaves (in semitones) that put every melody note inside the vocabulary and the melody, as the search's lower
 * voices hear it (`toSounding` away), in the soprano's range: a note below it, which crowds the voices under it,
 * counts twice as much as one above.
 */
function melodyOctave(frames: readonly Frame[], [lowest, highest]: readonly [number, number], toSounding: number): number {
  const pitches = frames.flatMap((f) => (f.voices[0].kind === 'note' ? [f.voices[0].pitch] : []));
  if (pitches.length === 0) return 0;
  const lo = minOf(pitches);
  const hi = maxOf(pitches);
  const [sLo, sHi] = VOICE_RANGES[0];
  let best: number | undefined;
  let bestCost = Infinity;
  for (let k = Math.ceil((lowest - lo) / 12); 12 * k + hi <= highest; k++) {
    const cost = pitches.reduce((n, p) => n + (p + 12 * k + toSounding < sLo ? 2 : p + 12 * k + toSounding > sHi ? 1 : 0), 0);
    if (cost < bestCost || (cost === bestCost && Math.abs(k) < Math.abs((best ?? 0) / 12))) {
      best = 12 * k;
      bestCost = cost;
    }
  }
  if (best !== undefined) return best;
  const at = frames.find((f) => f.voices[0].kind === 'note' && f.voices[0].pitch === hi);
  const where = at?.range ? `line ${at.range.start.line + 1}, column ${at.range.start.column + 1}: ` : '';
  throw new EngineInputError(
    `${where}the melody spans ${hi - lo} semitones from its lowest note to this one; the harmonizer's melodies span at most ${highest - lowest}`,
  );
}

/**
 * The pitch classes the lower voices may use, in the search's key: the key signature's notes (a mode's, explicit
 * accidentals included), and in a mode with a minor seventh the leading tone too unless the melody sings the minor
 * seventh (an A dorian or A mixolydian tune that sings G gets no G# under it).
 */
export function modeNotes(key: KeySignature, semitones: number, frames: readonly Frame[]): number[] {
  const signature = keyAccidentals(key);
  const notes = new Set(LETTERS.map((l) => mod12(LETTER_PC[l] + signature[l] + semitones)));
  const tonic = isMinorish(key.mode) ? 9 : 0;
  const sung = new Set(frames.flatMap((f) => (f.voices[0].kind === 'note' ? [mod12(f.voices[0].pitch)] : [])));
  const subtonic = mod12(tonic + 10);
  const leading = mod12(tonic + 11);
  if (notes.has(subtonic) && (!sung.has(subtonic) || sung.has(leading))) notes.add(leading);
  return [...notes].sort((a, b) => a - b);
}

/**
 * The chord the harmonization ends on: the last chord symbol's triad (closingTriad), when the melody's
 * last note does not rub against it a semitone away (a tune that ends on the second over its tonic chord still
 * closes on the whole chord); without symbols, the tonic (of the mode's kind) when the melody ends on one of its tones.
 */
function finalChord(frames: readonly Frame[], minor: boolean, chords: readonly (ChordLabel | undefined)[]): FinalChord | 'none' {
  const last = chords[chords.length - 1];
  if (last) {
    const triad = closingTriad(last);
    if (!triad) return 'none';
    const final = { tonic: triad.root, minor: triad.minor };
    const sung = lastSung(frames);
    const rubs = [...chordPitchClasses(last)].some((t) => mod12(sung - t) === 1 || mod12(t - sung) === 1);
    return sung >= 0 && !rubs ? final : 'none';
  }
  const tonic = minor ? 9 : 0;
  return endsOnTonicChordTone(frames, { tonic, minor }) ? { tonic, minor } : 'none';
}

/** The melody's last pitch class (-1: none). */
function lastSung(frames: readonly Frame[]): number {
  for (let f = frames.length - 1; f >= 0; f--) {
    const s = frames[f].voices[0];
    if (s.kind === 'note') return mod12(s.pitch);
  }
  return -1;
}
