import { maxOf } from '../common/arrays';
import type { NotationDiagnostic } from '../common/diagnostic';
import { abcVoiceToFrames } from '../abc/frames';
import { parseAbc } from '../abc/parse';
import { analyzeTiming } from '../abc/timing';
import type { AbcTune } from '../abc/types';
import { formatKeyMeta } from './key-meta';
import { metaLine, type MetaField } from './meta';
import type { Chorale, Frame, SatbMeta, VoiceEntry } from './types';

export type AbcToChoraleResult =
  | { chorale: Chorale; diagnostics: NotationDiagnostic[] }
  | { problem: string; diagnostics: NotationDiagnostic[] };

/** A chorale from one ABC tune (the first, or number `tune` counting from 0), transposed to C major / A minor:
 * a single voice (or the one named by `voice`) becomes the soprano with slots for the others; a tune with four
 * voices becomes soprano, alto, tenor and bass in the order the voices are declared. Never throws. */
export function abcToChorale(text: string, options: { tune?: number; voice?: string } = {}): AbcToChoraleResult {
  const parsed = parseAbc(text);
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) return { problem: 'the ABC has errors', diagnostics: errors };
  const tune = parsed.tunes[options.tune ?? 0];
  if (!tune) return { problem: options.tune ? `there is no tune number ${options.tune + 1}` : 'the text holds no tune', diagnostics: [] };
  const ids = options.voice !== undefined ? [options.voice] : voicesWithNotes(tune);
  if (ids.length !== 1 && ids.length !== 4) {
    return { problem: `the tune has ${ids.length} voices with notes; name one melody voice, or write four (S A T B)`, diagnostics: [] };
  }
  const parts = ids.map((id) => abcVoiceToFrames(tune, id));
  const first = parts[0];
  if (first.frames.length === 0) return { problem: `voice '${first.voice}' has no notes`, diagnostics: first.diagnostics };
  const frames = ids.length === 1 ? first.frames.map(({ fermata, voices }) => ({ fermata, voices })) : combine(parts.map((p) => p.frames));
  const meter = first.meter.free ? undefined : `${first.meter.numerator}/${first.meter.denominator}`;
  const meta: SatbMeta = { comments: [], title: tune.title, key: formatKeyMeta(first.key, first.semitones), meter, pickup: first.pickup };
  // The tune's notes (N:) follow the title, as in ABC; the layout of the corpus files.
  const notes = tune.headers.filter((h) => h.name === 'N').map((h) => `% ${h.value}`);
  const line = (field: MetaField) => metaLine(field, meta);
  meta.comments = [line('title'), ...notes, line('key'), line('meter'), line('pickup')].filter((l): l is string => l !== undefined);
  return { chorale: { meta, frames }, diagnostics: parts.flatMap((p) => p.diagnostics) };
}

function voicesWithNotes(tune: AbcTune): string[] {
  const sounding = new Set(analyzeTiming(tune).events.map((e) => e.voice));
  const declared = tune.voices.map((v) => v.id).filter((id) => sounding.has(id));
  return [...declared, ...[...sounding].filter((id) => !declared.includes(id))];
}

/** Four single-voice frame lists (each voice in the soprano place) as one list of four-voice frames. */
function combine(voices: Frame[][]): Frame[] {
  const length = maxOf(voices.map((v) => v.length));
  return Array.from({ length }, (_, i) => ({
    fermata: voices.some((v) => v[i]?.fermata === true),
    voices: voices.map((v): VoiceEntry => v[i]?.voices[0] ?? { kind: 'rest' }),
  }));
}
