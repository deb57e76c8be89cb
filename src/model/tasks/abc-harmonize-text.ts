import { parseAbc, type AbcTune } from '../../abc';
import { firstTuneError } from '../../abc/check';
import { abcVoiceToFrames, MAX_MELODY_FRAMES, type AbcFramesResult } from '../../abc/frames';
import { framesToAbcVoices } from '../../abc/frames-to-abc';
import { EngineInputError } from '../errors';
import { abcMelodySearch, vocabularyRange } from './abc-harmonize-options';
import { harmonize } from './harmonize';
import type { TextHarmonizer, TextSelection } from './text-harmonizer';

/**
 * Harmonizes one voice of an ABC tune with the chorale model: the tune holding the selection (or the first),
 * the voice of the first note in the selection (or the first voice). The voice goes to soprano frames in C/A minor
 * (moved by octaves into the soprano's range when it lies outside), gets alto, tenor and bass, and comes back as
 * a four-voice tune (V:S V:A V:T V:B) in the original key that replaces the tune's text. The tune's other header
 * lines (C:, Q:, S:, comments, directives...) are kept as written. The other voices take the melody's bar lines,
 * repeats, endings and line breaks. A one-voice tune keeps its body, as written, as V:S (the other voices are written back
 * in the melody's octave); one voice of several is written from its notes, with its chord symbols and annotations.
 */
export const harmonizeAbcText: TextHarmonizer = async (model, text, selection, options, signal) => {
  const parsed = parseAbc(text);
  const tune = selection ? parsed.tunes.find((t) => selection.start >= t.start && selection.start <= t.end) : parsed.tunes[0];
  if (!tune) throw new EngineInputError(selection ? 'the selection is not inside a tune' : 'the document has no tune (X: ... K:)');
  const error = firstTuneError(parsed, tune);
  if (error) throw new EngineInputError(`line ${error.range.start.line + 1}, column ${error.range.start.column + 1}: ${error.message}`);
  const melody = abcVoiceToFrames(tune, selectedVoice(tune, selection));
  if (melody.overlong) throw new EngineInputError(overlongMessage(melody, melody.overlong.start));
  if (!melody.frames.some((f) => f.voices[0].kind === 'note')) throw new EngineInputError(`tune ${tune.reference ?? tune.index + 1} has no notes to harmonize`);
  const { style = 'accompaniment', ...rest } = options;
  const search = abcMelodySearch(melody, vocabularyRange(model.vocab.tokens), style);
  const results = await harmonize(model, search.frames, { ...search.options, ...rest }, signal);
  return results.map((h) => {
    const written = framesToAbcVoices(h.frames, {
      ...melody,
      melodyOctave: search.octave,
      sopranoText: oneVoiceBody(tune, text),
      title: tune.title,
      reference: tune.reference,
    });
    const header = text.slice(tune.start, tune.bodyStart);
    const withHeader = keepOtherHeaderLines(keepKeyLine(written, header), header);
    return { text: text.slice(0, tune.start) + withHeader.replace(/\n$/, '') + text.slice(tune.end), logprob: h.logprob };
  });
};

/** Why a melody past MAX_MELODY_FRAMES is refused, where it passes the limit and what the limit is in its own bars. */
function overlongMessage(melody: AbcFramesResult, at: { line: number; column: number }): string {
  const perBar = melody.meter.free ? 0 : melody.meter.barLength.toNumber() * 16;
  const inBars = perBar > 0 ? ` (${Math.floor(MAX_MELODY_FRAMES / perBar).toLocaleString('en-US')} bars of M:${melody.meter.text})` : '';
  return `line ${at.line + 1}, column ${at.column + 1}: the melody runs past ${MAX_MELODY_FRAMES.toLocaleString('en-US')} sixteenths${inBars}, the most BachBot harmonizes at once; split the tune into parts and harmonize each`;
}

const REWRITTEN_FIELD = /^(X|T|M|L|K|V):|^%%score\b/;

/**
 * Field letters abcjs reads as header fields. It plays a line of any other letter (`Y:AB`, the Nottingham tunes'
 * part order, `r:`, `J:`) as notes: before the voices' definitions and K:, such a line starts the music there, so
 * the key would reach the wrong voice and the melody would sound that line's notes late against its harmony.
 */
const ABCJS_FIELD = /^[A-IK-XZmsw]:/;

/**
 * Inserts the original header's lines that the four-voice writer does not produce, right after its X:/T: lines; a
 * field that abcjs would play as notes is kept as a comment, so that the melody and its harmony start together.
 */
function keepOtherHeaderLines(written: string, originalHeader: string): string {
  const kept = originalHeader
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '' && !REWRITTEN_FIELD.test(line))
    .map((line) => (/^[A-Za-z]:/.test(line) && !ABCJS_FIELD.test(line) ? `%${line}` : line));
  if (kept.length === 0) return written;
  const lines = written.split('\n');
  let at = 0;
  while (at < lines.length && /^(X|T):/.test(lines[at])) at++;
  return [...lines.slice(0, at), ...kept, ...lines.slice(at)].join('\n');
}

/** Settings of a K: line that say how its notes are read and played rather than which key it is. */
const VOICE_SETTING = /\s+(?:clef=\S+|(?:treble|bass|alto|tenor|bass3|alto1|alto2)(?:[+-]8)?(?=\s|$)|transpose=\S+|middle=\S+|octave=\S+)/g;

/**
 * The tune's own K: line in place of the one the writer produced from the parsed key, so that every form of it
 * (explicit accidentals, `exp`, modes) reads as written. Its clef, `middle=`, `octave=` and `transpose=` go on V:S,
 * where a voice's own clef would otherwise override them, so that the melody sounds as it did; `transpose=` goes on
 * the other voices too, so that they sound with it.
 */
function keepKeyLine(written: string, originalHeader: string): string {
  const own = originalHeader.split(/\r?\n/).filter((line) => /^K:/.test(line)).pop();
  if (own === undefined) return written;
  const line = own.replace(/\s*%.*$/, '');
  const settings = (line.match(VOICE_SETTING) ?? []).map((x) => x.trim());
  const key = line.replace(VOICE_SETTING, '');
  const clef = settings.find((x) => !/^(transpose|middle|octave)=/.test(x));
  const transpose = settings.filter((x) => x.startsWith('transpose='));
  const melodyOnly = settings.filter((x) => /^(middle|octave)=/.test(x));
  return written
    .replace(/^K:.*$/m, key)
    .replace(/^V:(S|A|T|B) clef=(\S+)(.*)$/gm, (_all, id: string, voiceClef: string, rest: string) => {
      const own = id === 'S' ? [clef ? `clef=${clef.replace(/^clef=/, '')}` : `clef=${voiceClef}`, ...melodyOnly] : [`clef=${voiceClef}`];
      return [`V:${id}`, ...own, ...transpose].join(' ') + rest;
    });
}

/** The body of a tune that has a single voice (no V: in its body), without trailing blank lines; undefined otherwise. */
function oneVoiceBody(tune: AbcTune, text: string): string | undefined {
  if (tune.voices.length > 1 || tune.elements.some((e) => e.kind === 'field' && e.name === 'V')) return undefined;
  const body = text.slice(tune.bodyStart, tune.end).replace(/\s+$/, '');
  return body === '' ? undefined : body;
}

/** The voice of the first note or rest at or after the selection's start (undefined: the tune's first voice). */
function selectedVoice(tune: AbcTune, selection: TextSelection | undefined): string | undefined {
  if (!selection) return undefined;
  const el = tune.elements.find((e) => (e.kind === 'note' || e.kind === 'chord' || e.kind === 'rest') && e.end > selection.start);
  return el?.voice;
}
