import { maxOf, minOf } from '../common/arrays';
import { pitchClassName, pitchName } from './pitch-names';
import { VOICE_RANGES } from './ranges';
import type { Frame } from './types';
import { voiceName } from './voices';

export type VoiceLeadingCode =
  | 'vl.parallel-fifths'
  | 'vl.parallel-octaves'
  | 'vl.contrary-fifths'
  | 'vl.contrary-octaves'
  | 'vl.voice-crossing'
  | 'vl.spacing'
  | 'vl.range';

export interface VoiceLeadingFinding {
  code: VoiceLeadingCode;
  message: string;
  /** First and last frame concerned (0-based, inclusive). */
  startFrame: number;
  endFrame: number;
  /** The voices concerned (0 soprano … 3 bass). */
  voices: number[];
}

const PAIRS: [number, number][] = [[0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 3]];
const ADJACENT: [number, number][] = [[0, 1], [1, 2], [2, 3]];

function pitch(frame: Frame, v: number): number | undefined {
  const e = frame.voices[v];
  return e?.kind === 'note' ? e.pitch : undefined;
}

function strikes(frame: Frame, v: number): boolean {
  const e = frame.voices[v];
  return e?.kind === 'note' && !e.held;
}

const cap = (s: string) => s[0].toUpperCase() + s.slice(1);
const frameSpan = (a: number, b: number) => (a === b ? `frame ${a + 1}` : `frames ${a + 1}–${b + 1}`);

export interface VoiceLeadingOptions {
  /** Semitones from the written pitches to the sung ones (for the corpus: minus the shift in `% key:`), so that
   * ranges are judged where the singers are. */
  toSounding?: number;
}

/** Voice-leading faults as plain data: consecutive perfect fifths and octaves, crossing, wide spacing, range. */
export function analyzeVoiceLeading(frames: Frame[], options: VoiceLeadingOptions = {}): VoiceLeadingFinding[] {
  const out = [...parallels(frames), ...crossings(frames), ...spacings(frames), ...ranges(frames, options.toSounding ?? 0)];
  return out.sort((x, y) => x.startFrame - y.startFrame || x.endFrame - y.endFrame || x.code.localeCompare(y.code));
}

/** The frames over which the pair keeps the pitches it has at `k`, bounded by the next strike in either voice. */
function sonority(frames: Frame[], k: number, a: number, b: number): [number, number] {
  let s = k;
  while (s > 0 && !strikes(frames[s], a) && !strikes(frames[s], b) && pitch(frames[s - 1], a) !== undefined && pitch(frames[s - 1], b) !== undefined) s--;
  let e = k;
  while (e + 1 < frames.length && !strikes(frames[e + 1], a) && !strikes(frames[e + 1], b) && pitch(frames[e + 1], a) !== undefined && pitch(frames[e + 1], b) !== undefined) e++;
  return [s, e];
}

function parallels(frames: Frame[]): VoiceLeadingFinding[] {
  const out: VoiceLeadingFinding[] = [];
  for (let k = 1; k < frames.length; k++) {
    for (const [a, b] of PAIRS) {
      const pa = pitch(frames[k - 1], a), pb = pitch(frames[k - 1], b);
      const ca = pitch(frames[k], a), cb = pitch(frames[k], b);
      if (pa === undefined || pb === undefined || ca === undefined || cb === undefined) continue;
      if (!strikes(frames[k], a) || !strikes(frames[k], b) || ca === pa || cb === pb) continue;
      // Both voices leaping by octaves keeps the same two pitch classes: the same interval, not a new one.
      if ((ca - pa) % 12 === 0 && (cb - pb) % 12 === 0) continue;
      const before = Math.abs(pa - pb) % 12, after = Math.abs(ca - cb) % 12;
      if (before !== after || (before !== 7 && before !== 0)) continue;
      const fifths = before === 7;
      const similar = Math.sign(ca - pa) === Math.sign(cb - pb);
      const code: VoiceLeadingCode = similar ? (fifths ? 'vl.parallel-fifths' : 'vl.parallel-octaves') : fifths ? 'vl.contrary-fifths' : 'vl.contrary-octaves';
      const kind = fifths ? 'fifths' : pa === pb && ca === cb ? 'unisons' : 'octaves';
      const how = similar ? `Parallel ${kind}` : `Consecutive ${kind} by contrary motion`;
      const startFrame = sonority(frames, k - 1, a, b)[0];
      const endFrame = sonority(frames, k, a, b)[1];
      const motion = `${pitchClassName(pa)}→${pitchClassName(ca)} over ${pitchClassName(pb)}→${pitchClassName(cb)}`;
      out.push({ code, startFrame, endFrame, voices: [a, b], message: `${how} between ${voiceName(a)} and ${voiceName(b)} (${motion}), ${frameSpan(startFrame, endFrame)}` });
    }
  }
  return out;
}

/** Maximal runs of consecutive frames where `test` holds. */
function runs(frames: Frame[], test: (f: Frame) => boolean): [number, number][] {
  const out: [number, number][] = [];
  let start = -1;
  frames.forEach((f, i) => {
    if (test(f)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      out.push([start, i - 1]);
      start = -1;
    }
  });
  if (start >= 0) out.push([start, frames.length - 1]);
  return out;
}

function crossings(frames: Frame[]): VoiceLeadingFinding[] {
  const out: VoiceLeadingFinding[] = [];
  for (const [up, low] of ADJACENT) {
    const crossed = (f: Frame) => {
      const u = pitch(f, up), l = pitch(f, low);
      return u !== undefined && l !== undefined && l > u;
    };
    for (const [s, e] of runs(frames, crossed)) {
      const u = pitch(frames[s], up)!, l = pitch(frames[s], low)!;
      out.push({ code: 'vl.voice-crossing', startFrame: s, endFrame: e, voices: [up, low], message: `Voice crossing: the ${voiceName(low)} (${pitchName(l)}) is above the ${voiceName(up)} (${pitchName(u)}), ${frameSpan(s, e)}` });
    }
  }
  return out;
}

function spacings(frames: Frame[]): VoiceLeadingFinding[] {
  const out: VoiceLeadingFinding[] = [];
  for (const [up, low] of [[0, 1], [1, 2]]) {
    const wide = (f: Frame) => {
      const u = pitch(f, up), l = pitch(f, low);
      return u !== undefined && l !== undefined && u - l > 12;
    };
    for (const [s, e] of runs(frames, wide)) {
      let widest = 0;
      for (let i = s; i <= e; i++) widest = Math.max(widest, pitch(frames[i], up)! - pitch(frames[i], low)!);
      out.push({ code: 'vl.spacing', startFrame: s, endFrame: e, voices: [up, low], message: `${cap(voiceName(up))} and ${voiceName(low)} are more than an octave apart (up to ${widest} semitones), ${frameSpan(s, e)}` });
    }
  }
  return out;
}

function ranges(frames: Frame[], toSounding: number): VoiceLeadingFinding[] {
  const out: VoiceLeadingFinding[] = [];
  VOICE_RANGES.forEach(([lo, hi], v) => {
    const sung = (f: Frame) => {
      const p = pitch(f, v);
      return p === undefined ? undefined : p + toSounding;
    };
    const outside = (f: Frame) => {
      const p = sung(f);
      return p !== undefined && (p < lo || p > hi);
    };
    for (const [s, e] of runs(frames, outside)) {
      const ps = frames.slice(s, e + 1).map((f) => sung(f)!);
      const high = ps.some((p) => p > hi);
      const extreme = high ? maxOf(ps) : minOf(ps);
      const where = high ? 'above' : 'below';
      const note = toSounding === 0 ? pitchName(extreme) : `sung ${pitchName(extreme)}, written ${pitchName(extreme - toSounding)}`;
      out.push({ code: 'vl.range', startFrame: s, endFrame: e, voices: [v], message: `The ${voiceName(v)} goes ${where} its usual range ${pitchName(lo)}–${pitchName(hi)} (${note}), ${frameSpan(s, e)}` });
    }
  });
  return out;
}
