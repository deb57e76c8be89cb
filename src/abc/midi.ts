/** An ABC tune as a Standard MIDI File: one track per voice, ties joined, tempo from Q: (default ♩ = 120), the notes
 * as written (repeats once). The one ABC-to-MIDI path: Export MIDI in the editor and `bachbot convert` both call it. */
import { MAX_PIECE_SIXTEENTHS, MAX_PIECE_TEXT } from '../common/limits';
import { Fraction } from '../music/fraction';
import { writeMidiFile, type MidiTrackOut } from '../music/midi-write';
import { lineIndexFor, parseAbc } from './parse';
import { eventPitches } from './sounding-pitches';
import { analyzeTiming, type TimedEvent } from './timing';
import { tuneAt } from './tunes';
import type { AbcTune } from './types';

export class AbcMidiError extends Error {}

const PPQ = 480;
const TICKS_PER_WHOLE = 4 * PPQ;
const VELOCITY = 102;
/** The latest end of a note or rest, in whole notes. */
const MAX_END = new Fraction(MAX_PIECE_SIXTEENTHS, 16);

/** The tune at `offset` (or the first) as MIDI bytes. A note or rest that ends past MAX_PIECE_SIXTEENTHS is refused
 * with its line and column before anything is written. */
export function abcToMidi(text: string, offset = 0): Uint8Array {
  const { tunes } = parseAbc(text);
  const tune = tuneAt(tunes, offset);
  if (!tune) throw new AbcMidiError('there is no tune in this document (a tune begins with X: and has a K: line)');
  const { events } = analyzeTiming(tune);
  const overlong = events.find((e) => e.onset.add(e.duration).compare(MAX_END) > 0);
  if (overlong) throw new AbcMidiError(overlongMessage(tune, overlong));
  const pitches = eventPitches(tune, events);
  const tracks = new Map<string, MidiTrackOut>();
  const ticks = (wholes: Fraction) => Math.round(wholes.toNumber() * TICKS_PER_WHOLE);
  const add = (track: MidiTrackOut, pitch: number, onset: Fraction, duration: Fraction) => {
    const start = ticks(onset);
    track.notes.push({ pitch, ticks: start, durationTicks: ticks(onset.add(duration)) - start, velocity: VELOCITY });
  };
  /** Notes still sounding because a tie continues them: voice → midi → note started at. */
  const tied = new Map<string, Map<number, { onset: Fraction; duration: Fraction }>>();
  events.forEach((event, i) => {
    let track = tracks.get(event.voice);
    if (!track) {
      track = { name: event.voice || tune.title || 'melody', channel: tracks.size, notes: [] };
      tracks.set(event.voice, track);
      tied.set(event.voice, new Map());
    }
    const open = tied.get(event.voice)!;
    for (const p of pitches[i]) {
      const held = open.get(p.midi);
      const note = held ? { onset: held.onset, duration: held.duration.add(event.duration) } : { onset: event.onset, duration: event.duration };
      if (event.tiedToNext) {
        open.set(p.midi, note);
        continue;
      }
      open.delete(p.midi);
      add(track, p.midi, note.onset, note.duration);
    }
  });
  for (const [voice, open] of tied) for (const [pitch, note] of open) add(tracks.get(voice)!, pitch, note.onset, note.duration);
  const withNotes = [...tracks.values()];
  if (!withNotes.some((t) => t.notes.length > 0)) throw new AbcMidiError(`the tune ${tune.title ? `"${tune.title}" ` : ''}has no notes`);
  return writeMidiFile({ ppq: PPQ, name: tune.title || undefined, bpm: quarterBpm(tune), texts: [], tracks: withNotes });
}

function overlongMessage(tune: AbcTune, event: TimedEvent): string {
  const at = lineIndexFor(tune.source).positionAt(event.element.start);
  const written = tune.source.slice(event.element.start, Math.min(event.element.end, event.element.start + 40));
  const what = event.element.kind === 'rest' ? 'rest' : event.element.kind === 'chord' ? 'chord' : 'note';
  const endsAt = event.onset.add(event.duration).toNumber();
  return `line ${at.line + 1}, column ${at.column + 1}: the ${what} '${written}' ends ${Math.round(endsAt).toLocaleString('en-US')} whole notes into the tune; BachBot writes MIDI of at most ${MAX_PIECE_TEXT}`;
}

/** Quarter notes per minute from `Q:1/4=120`, `Q:3/8=80`, `Q:120` (in units of L), default 120. */
export function quarterBpm(tune: AbcTune): number {
  const q = tune.headers.find((h) => h.name === 'Q')?.value ?? '';
  const m = /(?:(\d+)\/(\d+)\s*=\s*)?(\d+)\s*$/.exec(q.replace(/"[^"]*"/g, '').trim());
  if (!m) return 120;
  const beat = m[1] ? Fraction.of(Number(m[1]), Number(m[2])) : tune.unitLength;
  const bpm = Number(m[3]) * beat.toNumber() * 4;
  return bpm > 0 && Number.isFinite(bpm) ? bpm : 120;
}
