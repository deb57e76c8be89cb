import { parseAbc, type AbcTune } from '../../abc';
import { abcVoiceToFrames } from '../../abc/frames';
import { framesToAbcVoices } from '../../abc/frames-to-abc';
import { isMinorish } from '../../music';
import { VOICE_RANGES, type Frame } from '../../satb';
import { EngineInputError } from '../errors';
import { endsOnTonicChordTone } from '../harmonizer/constraints';
import type { HarmonizerSearchOptions } from '../harmonizer/search';
import { harmonize } from './harmonize';
import type { TextAlternative, TextHarmonizerArgs } from './satb-harmonize-text';

/**
 * Harmonizes one voice of an ABC tune with the chorale model: the tune holding the selection (or the first),
 * the voice of the first note in the selection (or the first voice). The voice goes to soprano frames in C/A minor
 * (moved by octaves into the soprano's range when it lies outside), gets alto, tenor and bass, and comes back as
 * a four-voice tune (V:S V:A V:T V:B) in the original key that replaces the tune's text. The tune's other header
 * lines (C:, Q:, S:, comments, directives...) are kept as written. The other voices take the melody's bar lines,
 * repeats, endings and line breaks. A one-voice tune keeps its body, as written, as V:S (the other voices are written back
 * in the melody's octave); one voice of several is written from its notes, with its chord symbols and annotations.
 */
export async function harmonizeAbcText(...[model, text, selection, options, signal]: TextHarmonizerArgs): Promise<TextAlternative[]> {
  const parsed = parseAbc(text);
  const tune = selection ? parsed.tunes.find((t) => selection.start >= t.start && selection.start <= t.end) : parsed.tunes[0];
  if (!tune) throw new EngineInputError(selection ? 'the selection is not inside a tune' : 'the document has no tune (X: ... K:)');
  const melody = abcVoiceToFrames(tune, selectedVoice(tune, selection));
  if (!melody.frames.some((f) => f.voices[0].kind === 'note')) throw new EngineInputError(`tune ${tune.reference ?? tune.index + 1} has no notes to harmonize`);
  const octave = octaveShift(melody.frames);
  const frames = melody.frames.map((f) => ({ ...f, voices: f.voices.map((v) => (v.kind === 'note' ? { ...v, pitch: v.pitch + octave } : v)) }));
  const results = await harmonize(model, frames, { ...melodySearchOptions(melody, octave, frames), ...options }, signal);
  return results.map((h) => {
    const written = framesToAbcVoices(h.frames, {
      ...melody,
      semitones: melody.semitones + octave,
      sopranoText: oneVoiceBody(tune, text),
      title: tune.title,
      reference: tune.reference,
    });
    const withHeader = keepOtherHeaderLines(written, text.slice(tune.start, tune.bodyStart));
    return { text: text.slice(0, tune.start) + withHeader.replace(/\n$/, '') + text.slice(tune.end), logprob: h.logprob };
  });
}

/** The melody's meter, pickup and mode for the harmonizer, where its search pitches sound, and its final tonic. */
function melodySearchOptions(melody: ReturnType<typeof abcVoiceToFrames>, octave: number, frames: Frame[]): HarmonizerSearchOptions {
  const minor = isMinorish(melody.key.mode);
  const barLength = melody.meter.free ? 16 : Math.max(1, Math.round(melody.meter.barLength.toNumber() * 16));
  const tonic = minor ? 9 : 0;
  return {
    context: { barLength, pickup: melody.pickup, minor },
    toSounding: -(melody.semitones + octave),
    finalChord: endsOnTonicChordTone(frames, { tonic, minor }) ? { tonic, minor } : 'none',
  };
}

const REWRITTEN_FIELD = /^(X|T|M|L|K|V):|^%%score\b/;

/** Inserts the original header's lines that the four-voice writer does not produce, right after its X:/T: lines. */
function keepOtherHeaderLines(written: string, originalHeader: string): string {
  const kept = originalHeader.split(/\r?\n/).filter((line) => line.trim() !== '' && !REWRITTEN_FIELD.test(line));
  if (kept.length === 0) return written;
  const lines = written.split('\n');
  let at = 0;
  while (at < lines.length && /^(X|T):/.test(lines[at])) at++;
  lines.splice(at, 0, ...kept);
  return lines.join('\n');
}

/** The body of a tune that has a single voice (no V: in its body), without trailing blank lines; undefined otherwise. */
function oneVoiceBody(tune: AbcTune, text: string): string | undefined {
  if (tune.voices.length > 1 || tune.elements.some((e) => e.kind === 'field' && e.name === 'V')) return undefined;
  const body = text.slice(tune.bodyStart, tune.end).replace(/\s+$/, '');
  return body === '' ? undefined : body;
}

/** The voice of the first note or rest at or after the selection's start (undefined: the tune's first voice). */
function selectedVoice(tune: AbcTune, selection: { start: number; end: number } | undefined): string | undefined {
  if (!selection) return undefined;
  const el = tune.elements.find((e) => (e.kind === 'note' || e.kind === 'chord' || e.kind === 'rest') && e.end > selection.start);
  return el?.voice;
}

/** Octaves (in semitones) that bring most of the melody into the soprano's range. */
function octaveShift(frames: Frame[]): number {
  const [lo, hi] = VOICE_RANGES[0];
  const pitches = frames.flatMap((f) => (f.voices[0].kind === 'note' ? [f.voices[0].pitch] : []));
  let best = 0;
  let bestInside = -1;
  for (const shift of [0, 12, -12, 24, -24]) {
    const inside = pitches.filter((p) => p + shift >= lo && p + shift <= hi).length;
    if (inside > bestInside) {
      best = shift;
      bestInside = inside;
    }
  }
  return best;
}
