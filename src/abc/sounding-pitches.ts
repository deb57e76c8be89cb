/**
 * Sounding pitches of an ABC tune's timed events, from the notation core's `tunePitches` (key signature,
 * accidentals through the bar, ties across bar lines), with where each accidental came from, for hovers.
 */
import { keyAccidentals } from '../music/key';
import { tunePitches } from './pitches';
import type { TimedEvent } from './timing';
import type { AbcNote, AbcTune } from './types';

export interface SoundingPitch {
  /** `F#5`, `Bb3`. */
  name: string;
  midi: number;
  /** Where the accidental came from: written on the note, carried from earlier in the bar (or a tie), or the key. */
  from: 'written' | 'bar' | 'key';
}

/** For every event (in the order of `events`), the pitch of each of its notes (none for a rest). */
export function eventPitches(tune: AbcTune, events: readonly TimedEvent[]): SoundingPitch[][] {
  const byNote = new Map(tunePitches(tune).map((p) => [p.note, p]));
  return events.map((event) => {
    const el = event.element;
    const notes: AbcNote[] = el.kind === 'note' ? [el.note] : el.kind === 'chord' ? el.notes : [];
    return notes.flatMap((note) => {
      const p = byNote.get(note);
      if (!p) return [];
      const accidental = p.spelled.accidental;
      const from: SoundingPitch['from'] =
        note.accidental !== undefined ? 'written' : !p.key.none && keyAccidentals(p.key)[note.letter] === accidental ? 'key' : 'bar';
      const acc = accidental > 0 ? '#'.repeat(accidental) : 'b'.repeat(-accidental);
      return [{ name: `${note.letter}${acc}${note.octave}`, midi: p.midi, from }];
    });
  });
}
