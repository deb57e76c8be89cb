import { harmonize, type HarmonizeOptions } from '../model/tasks/harmonize';
import type { LoadedModel } from '../model/model';
import { analyzeVoiceLeading, parseKeyMeta, voiceToken, type Chorale, type Frame } from '../satb';

export interface HarmonizationFigures {
  beamWidth: number;
  pieces: number;
  frames: number;
  /** Share of alto, tenor and bass entries equal to Bach's (pitch and held flag, or rest). */
  voiceTokensEqual: number;
  /** Share of frames whose alto, tenor and bass all equal Bach's. */
  framesEqual: number;
  /** Voice-leading findings per 100 frames in the model's harmonizations and in Bach's own. */
  faultsPer100Frames: number;
  bachFaultsPer100Frames: number;
  seconds: number;
}

/** The chorale's soprano and fermatas with alto, tenor and bass as slots, the harmonizer's input. */
export function melodyOnly(frames: Frame[]): Frame[] {
  return frames.map((f) => ({ fermata: f.fermata, voices: [f.voices[0], { kind: 'slot' }, { kind: 'slot' }, { kind: 'slot' }] }));
}

/** Harmonizes each chorale's soprano with the given beam width and compares with Bach's lower voices. */
export async function harmonizationFigures(model: LoadedModel, chorales: Chorale[], beamWidth: number, options: HarmonizeOptions = {}): Promise<HarmonizationFigures> {
  const started = Date.now();
  let frames = 0;
  let equalVoices = 0;
  let equalFrames = 0;
  let faults = 0;
  let bachFaults = 0;
  for (const chorale of chorales) {
    const [best] = await harmonize(model, melodyOnly(chorale.frames), { ...options, beamWidth, alternatives: 1 });
    const toSounding = -(parseKeyMeta(chorale.meta.key)?.shift ?? 0);
    chorale.frames.forEach((bach, i) => {
      let same = 0;
      for (let v = 1; v < 4; v++) if (voiceToken(best.frames[i].voices[v]) === voiceToken(bach.voices[v])) same++;
      equalVoices += same;
      if (same === 3) equalFrames++;
    });
    frames += chorale.frames.length;
    faults += analyzeVoiceLeading(best.frames, { toSounding }).length;
    bachFaults += analyzeVoiceLeading(chorale.frames, { toSounding }).length;
  }
  return {
    beamWidth,
    pieces: chorales.length,
    frames,
    voiceTokensEqual: equalVoices / (3 * frames),
    framesEqual: equalFrames / frames,
    faultsPer100Frames: (100 * faults) / frames,
    bachFaultsPer100Frames: (100 * bachFaults) / frames,
    seconds: (Date.now() - started) / 1000,
  };
}
