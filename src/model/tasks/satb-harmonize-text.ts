import { parseSatb, voiceToken, type Frame, type SatbToken } from '../../satb';
import { EngineInputError } from '../errors';
import { choraleSearchKey } from '../harmonizer/chorale-context';
import { harmonize } from './harmonize';
import type { TextHarmonizer } from './text-harmonizer';
import { CHORALE_VIEWS } from '../harmonizer/transposed-views';

interface Edit {
  start: number;
  end: number;
  /** Slot voices written here, in order, and whether the original token text is kept in front of them. */
  voices: { frame: number; voice: number }[];
  keepOriginal: boolean;
}

/**
 * Fills the `(?)` slots of a `.satb` document (and frames that give only the soprano: their alto, tenor and bass),
 * within `selection` when one is given; the rest of the text is kept character for character.
 */
export const harmonizeSatbText: TextHarmonizer = async (model, text, selection, options, signal) => {
  const parsed = parseSatb(text);
  const error = parsed.diagnostics.find((d) => d.severity === 'error');
  if (error) throw new EngineInputError(`line ${error.range.start.line + 1}, column ${error.range.start.column + 1}: ${error.message}`);
  const frames: Frame[] = parsed.chorale.frames.map((f) => ({ ...f, voices: [...f.voices] }));
  const voiceTokens = new Map<number, SatbToken[]>();
  for (const t of parsed.tokens) {
    if (t.kind !== 'voice' || t.frameIndex === undefined) continue;
    voiceTokens.set(t.frameIndex, [...(voiceTokens.get(t.frameIndex) ?? []), t]);
  }
  const inSelection = (f: Frame) =>
    !selection || (f.range !== undefined && f.range.end.offset > selection.start && f.range.start.offset < selection.end);
  const edits: Edit[] = [];
  let last = -1;
  frames.forEach((frame, f) => {
    const toks = voiceTokens.get(f) ?? [];
    const selected = inSelection(frame);
    if (toks.length === 1 && frame.voices[0].kind !== 'slot') {
      frame.voices = [frame.voices[0], { kind: 'slot' }, { kind: 'slot' }, { kind: 'slot' }];
      const r = toks[0].range;
      if (selected) edits.push({ start: r.start.offset, end: r.end.offset, voices: [1, 2, 3].map((voice) => ({ frame: f, voice })), keepOriginal: true });
    } else {
      toks.forEach((t, voice) => {
        if (t.text === '(?)' && selected) edits.push({ start: t.range.start.offset, end: t.range.end.offset, voices: [{ frame: f, voice }], keepOriginal: false });
      });
    }
    if (selected && frame.voices.some((v) => v.kind === 'slot')) last = f;
  });
  if (last < 0) return [{ text, logprob: 0 }];
  const key = choraleSearchKey(parsed.chorale.meta);
  const search = frames.slice(0, last + 1).map((f) => moveFrame(f, key.toSearch));
  const found = await harmonize(model, search, { context: key.context, toSounding: key.toSounding, views: CHORALE_VIEWS, ...options }, signal);
  const results = found.map((h) => ({ ...h, frames: h.frames.map((f) => moveFrame(f, -key.toSearch)) }));
  return results.map((h) => {
    let out = '';
    let at = 0;
    for (const e of edits) {
      const written = e.voices.map((s) => voiceToken(h.frames[s.frame].voices[s.voice])).join(' ');
      out += text.slice(at, e.start) + (e.keepOriginal ? `${text.slice(e.start, e.end)} ${written}` : written);
      at = e.end;
    }
    return { text: out + text.slice(at), logprob: h.logprob };
  });
};

/** The frame with its notes moved by `semitones` (the harmonizer works in C major / A minor). */
function moveFrame(frame: Frame, semitones: number): Frame {
  if (semitones === 0) return frame;
  return { ...frame, voices: frame.voices.map((v) => (v.kind === 'note' ? { ...v, pitch: v.pitch + semitones } : v)) };
}
