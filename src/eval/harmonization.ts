import type { LoadedModel } from '../model/model';
import { choraleSearchKey } from '../model/harmonizer/chorale-context';
import type { HarmonizerModel } from '../model/harmonizer/harmonizer-model';
import { harmonize, type HarmonizeOptions } from '../model/tasks/harmonize';
import { CHORALE_VIEWS } from '../model/harmonizer/transposed-views';
import { analyzeVoiceLeading, voiceToken, type Chorale, type Frame } from '../satb';
import { voiceLeadingCounts } from './voice-leading-counts';

export interface HarmonizationFigures {
  beamWidth: number;
  pieces: number;
  frames: number;
  /** Share of alto, tenor and bass entries equal to Bach's (pitch and held flag, or rest). */
  voiceTokensEqual: number;
  /** Share of frames whose alto, tenor and bass all equal Bach's. */
  framesEqual: number;
  /** Parallel fifths and octaves by similar motion per 100 frames, the model's and Bach's on the same melodies. */
  parallelsPer100Frames: number;
  bachParallelsPer100Frames: number;
  /** Pieces whose harmonization has any such parallel. */
  piecesWithParallels: number;
  /** Two voices a chromatic semitone apart, per 100 frames. */
  chromaticClashesPer100Frames: number;
  bachChromaticClashesPer100Frames: number;
  /** Last chord with Bach's bass and Bach's kind of third, in major-key and minor-key pieces. */
  lastChordEqualMajor: string;
  lastChordEqualMinor: string;
  lastChordEqual: number;
  /** Minor-key pieces ending on a major tonic chord, the model's and Bach's. */
  picardyThirds: string;
  /** All findings of the project's voice-leading check per 100 frames (crossing, spacing, range included). */
  faultsPer100Frames: number;
  bachFaultsPer100Frames: number;
  /** Alto and tenor pitch changes per 100 frames, the model's and Bach's (how much the inner voices move). */
  altoTenorChanges: string;
  bachAltoTenorChanges: string;
  seconds: number;
}

/** The chorale's soprano and fermatas with alto, tenor and bass as slots, the harmonizer's input. */
export function melodyOnly(frames: Frame[]): Frame[] {
  return frames.map((f) => ({ fermata: f.fermata, voices: [f.voices[0], { kind: 'slot' }, { kind: 'slot' }, { kind: 'slot' }] }));
}

/** Harmonizes each chorale's soprano with the given beam width (heard at CHORALE_VIEWS unless the options say) and compares with Bach's own parts. */
export async function harmonizationFigures(model: LoadedModel | HarmonizerModel, chorales: Chorale[], beamWidth: number, options: HarmonizeOptions = {}): Promise<HarmonizationFigures> {
  const started = Date.now();
  let frames = 0, equalVoices = 0, equalFrames = 0, faults = 0, bachFaults = 0;
  const model_ = { parallels: 0, clashes: 0, alto: 0, tenor: 0 };
  const bach = { parallels: 0, clashes: 0, alto: 0, tenor: 0 };
  let piecesWithParallels = 0;
  const last = { major: 0, majorOf: 0, minor: 0, minorOf: 0, picardy: 0, bachPicardy: 0 };
  for (const chorale of chorales) {
    const key = choraleSearchKey(chorale.meta);
    const [best] = await harmonize(model, melodyOnly(chorale.frames), { views: CHORALE_VIEWS, ...options, beamWidth, alternatives: 1, context: key.context, toSounding: key.toSounding });
    chorale.frames.forEach((original, i) => {
      let same = 0;
      for (let v = 1; v < 4; v++) if (voiceToken(best.frames[i].voices[v]) === voiceToken(original.voices[v])) same++;
      equalVoices += same;
      if (same === 3) equalFrames++;
    });
    frames += chorale.frames.length;
    faults += analyzeVoiceLeading(best.frames, { toSounding: key.toSounding }).length;
    bachFaults += analyzeVoiceLeading(chorale.frames, { toSounding: key.toSounding }).length;
    const mine = voiceLeadingCounts(best.frames);
    const theirs = voiceLeadingCounts(chorale.frames);
    for (const [sum, c] of [[model_, mine], [bach, theirs]] as const) {
      sum.parallels += c.parallels;
      sum.clashes += c.chromaticClashes;
      sum.alto += c.changes[1];
      sum.tenor += c.changes[2];
    }
    if (mine.parallels > 0) piecesWithParallels++;
    const equal = sameLastChord(best.frames, chorale.frames);
    if (key.context.minor) {
      last.minorOf++;
      if (equal) last.minor++;
      if (endsMajor(best.frames)) last.picardy++;
      if (endsMajor(chorale.frames)) last.bachPicardy++;
    } else {
      last.majorOf++;
      if (equal) last.major++;
    }
  }
  const per100 = (n: number) => (100 * n) / frames;
  return {
    beamWidth,
    pieces: chorales.length,
    frames,
    voiceTokensEqual: equalVoices / (3 * frames),
    framesEqual: equalFrames / frames,
    parallelsPer100Frames: per100(model_.parallels),
    bachParallelsPer100Frames: per100(bach.parallels),
    piecesWithParallels,
    chromaticClashesPer100Frames: per100(model_.clashes),
    bachChromaticClashesPer100Frames: per100(bach.clashes),
    lastChordEqualMajor: `${last.major} of ${last.majorOf}`,
    lastChordEqualMinor: `${last.minor} of ${last.minorOf}`,
    lastChordEqual: (last.major + last.minor) / Math.max(1, chorales.length),
    picardyThirds: `${last.picardy} of ${last.minorOf} (Bach ${last.bachPicardy})`,
    faultsPer100Frames: per100(faults),
    bachFaultsPer100Frames: per100(bachFaults),
    altoTenorChanges: `${per100(model_.alto).toFixed(1)} / ${per100(model_.tenor).toFixed(1)}`,
    bachAltoTenorChanges: `${per100(bach.alto).toFixed(1)} / ${per100(bach.tenor).toFixed(1)}`,
    seconds: (Date.now() - started) / 1000,
  };
}

/** The last frame's bass pitch class and the kind of third above it (major, minor, none) agree. */
function sameLastChord(a: Frame[], b: Frame[]): boolean {
  const x = lastChord(a), y = lastChord(b);
  return x !== undefined && y !== undefined && x.bass === y.bass && x.third === y.third;
}

function lastChord(frames: Frame[]): { bass: number; third: 'major' | 'minor' | 'none' } | undefined {
  const frame = frames[frames.length - 1];
  if (!frame) return undefined;
  const bassEntry = frame.voices[3];
  if (bassEntry?.kind !== 'note') return undefined;
  const bass = bassEntry.pitch % 12;
  const above = new Set(frame.voices.flatMap((v) => (v.kind === 'note' ? [(((v.pitch - bassEntry.pitch) % 12) + 12) % 12] : [])));
  return { bass, third: above.has(4) ? 'major' : above.has(3) ? 'minor' : 'none' };
}

function endsMajor(frames: Frame[]): boolean {
  return lastChord(frames)?.third === 'major';
}
