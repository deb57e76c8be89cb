/**
 * Voice-leading findings for ABC tunes of four voices (a harmonized tune's V:S V:A V:T V:B): the voices in the order
 * they are declared read as soprano, alto, tenor and bass, judged as `.satb` chorales are, at their written pitches.
 * Tunes of two or three voices (a melody and a second part) are left alone: their parts need not keep a choir's
 * ranges and spacing.
 */
import { minOf } from '../common/arrays';
import type { RawDiagnostic } from './scan-body';
import { abcVoiceToFrames } from './frames';
import { analyzeVoiceLeading } from '../satb/voice-leading';
import type { Frame } from '../satb/types';
import type { AbcTune } from './types';

export function checkVoiceLeading(tune: AbcTune): RawDiagnostic[] {
  const ids = tune.voices.map((v) => v.id);
  if (ids.length !== 4) return [];
  const voices = ids.map((id) => abcVoiceToFrames(tune, id));
  if (voices.some((v) => v.frames.length === 0)) return [];
  const n = minOf(voices.map((v) => v.frames.length));
  const frames: Frame[] = Array.from({ length: n }, (_, i) => {
    const row: Frame['voices'] = [{ kind: 'rest' }, { kind: 'rest' }, { kind: 'rest' }, { kind: 'rest' }];
    voices.forEach((v, k) => {
      const e = v.frames[i].voices[0];
      row[k] = e.kind === 'note' ? { ...e, pitch: e.pitch - v.semitones } : e;
    });
    return { fermata: false, voices: row };
  });
  const out: RawDiagnostic[] = [];
  for (const f of analyzeVoiceLeading(frames)) {
    const sources = voices[f.voices[0]].sources;
    const start = sources[f.startFrame]?.start;
    const end = sources[f.endFrame]?.end;
    if (start === undefined || end === undefined) continue;
    out.push({ severity: 'warning', code: f.code, message: f.message.replace(/,\s*frames? [\d–]+$/, ''), start, end });
  }
  return out;
}
