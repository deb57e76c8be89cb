/** An ABC tune as a Standard MIDI File: one track per voice, ties joined, tempo from Q: (default ♩ = 120), the notes
 * as written (repeats once). The one ABC-to-MIDI path: Export MIDI in the editor and `bachbot convert` both call it. */
import { Midi } from '@tonejs/midi';
import { Fraction } from '../music/fraction';
import { parseAbc } from './parse';
import { eventPitches } from './sounding-pitches';
import { analyzeTiming } from './timing';
import { tuneAt } from './tunes';
import type { AbcTune } from './types';

export class AbcMidiError extends Error {}

/** The tune at `offset` (or the first) as MIDI bytes. */
export function abcToMidi(text: string, offset = 0): Uint8Array {
  const { tunes } = parseAbc(text);
  const tune = tuneAt(tunes, offset);
  if (!tune) throw new AbcMidiError('there is no tune in this document (a tune begins with X: and has a K: line)');
  const { events } = analyzeTiming(tune);
  const pitches = eventPitches(tune, events);
  const midi = new Midi();
  midi.header.setTempo(quarterBpm(tune));
  if (tune.title) midi.header.name = tune.title;
  const secondsPerWhole = (4 * 60) / quarterBpm(tune);
  const tracks = new Map<string, ReturnType<Midi['addTrack']>>();
  /** Notes still sounding because a tie continues them: voice → midi → note started at. */
  const tied = new Map<string, Map<number, { onset: Fraction; duration: Fraction }>>();
  let notes = 0;
  events.forEach((event, i) => {
    let track = tracks.get(event.voice);
    if (!track) {
      track = midi.addTrack();
      track.name = event.voice || tune.title || 'melody';
      track.channel = tracks.size;
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
      track.addNote({ midi: p.midi, time: note.onset.toNumber() * secondsPerWhole, duration: note.duration.toNumber() * secondsPerWhole, velocity: 0.8 });
      notes++;
    }
  });
  for (const [voice, open] of tied) {
    for (const [pitch, note] of open) {
      tracks.get(voice)!.addNote({ midi: pitch, time: note.onset.toNumber() * secondsPerWhole, duration: note.duration.toNumber() * secondsPerWhole, velocity: 0.8 });
      notes++;
    }
  }
  if (notes === 0) throw new AbcMidiError(`the tune ${tune.title ? `"${tune.title}" ` : ''}has no notes`);
  return midi.toArray();
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
