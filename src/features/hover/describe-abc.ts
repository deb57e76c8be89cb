/** Hover text for a note of an ABC tune: pitch with the accidental in force, octave, written and sounding length. */
import { analyzeTiming, parseAbc, type TimedEvent } from '../../abc';
import { Fraction } from '../../music';
import { eventPitches } from '../../abc/sounding-pitches';
import { splitAbcTunes, tuneAt } from '../../abc/tunes';
import type { HoverInfo } from './describe-satb';

/**
 * Reads only the file header and the tune holding `offset` (a note's name depends on nothing in the other tunes), so
 * hovering in a tunebook of hundreds of tunes costs what it does in one.
 */
export function describeAbcAt(text: string, offset: number): HoverInfo | undefined {
  const tunes = splitAbcTunes(text);
  const slice = tuneAt(tunes, offset);
  if (!slice) return undefined;
  const header = text.slice(0, tunes[0].start);
  const shift = slice.start - header.length;
  const info = describeInTuneText(header + slice.text, offset - shift);
  return info && { ...info, start: info.start + shift, end: info.end + shift };
}

function describeInTuneText(text: string, offset: number): HoverInfo | undefined {
  const tune = tuneAt(parseAbc(text).tunes, offset);
  if (!tune) return undefined;
  const { events } = analyzeTiming(tune);
  const index = events.findIndex((e) => e.element.start <= offset && offset < e.element.end);
  if (index < 0) return undefined;
  const event = events[index];
  const el = event.element;
  const span = { start: el.start, end: el.end };
  const length = lengthText(event);
  if (el.kind === 'rest') return { ...span, lines: [`Rest, ${length}`] };
  const notes = el.kind === 'note' ? [el.note] : el.notes;
  const note = notes.find((n) => n.start <= offset && offset < n.end) ?? notes[0];
  if (!note) return undefined;
  const pitch = eventPitches(tune, [event])[0][notes.indexOf(note)];
  if (!pitch) return undefined;
  const lines = [`${el.kind === 'chord' ? 'Chord note' : 'Note'}: ${pitch.name} (MIDI ${pitch.midi}), ${length}`];
  if (pitch.from !== 'written') lines.push(pitch.from === 'bar' ? 'accidental from earlier in the bar' : `accidental from the key signature (K:${tune.keyText.trim()})`);
  if (el.kind === 'chord') lines.push(`one of ${notes.length} notes sounding together`);
  if (event.voice) lines.push(`voice ${event.voice}`);
  return { ...span, start: note.start, end: note.end, lines };
}

const NAMES: [Fraction, string][] = [
  [Fraction.of(1, 1), 'whole note'],
  [Fraction.of(1, 2), 'half note'],
  [Fraction.of(1, 4), 'quarter note'],
  [Fraction.of(1, 8), 'eighth note'],
  [Fraction.of(1, 16), 'sixteenth note'],
  [Fraction.of(1, 32), 'thirty-second note'],
];

/** "eighth note (1/8)", "dotted quarter note (3/8)", "1/12 (in a tuplet)". */
export function durationName(d: Fraction): string {
  for (const [f, name] of NAMES) {
    if (d.equals(f)) return `${name} (${d.toString()})`;
    if (d.equals(f.mul(Fraction.of(3, 2)))) return `dotted ${name} (${d.toString()})`;
    if (d.equals(f.mul(Fraction.of(7, 4)))) return `double-dotted ${name} (${d.toString()})`;
  }
  return `${d.toString()} of a whole note`;
}

function lengthText(event: TimedEvent): string {
  const written = event.element.kind === 'note' ? event.element.note.length : event.element.kind === 'chord' ? event.element.length : event.element.length;
  const base = durationName(event.duration);
  return `${base}; written ${written.toString()} × L:${event.unitLength.toString()}${event.tuplet ? ', in a tuplet' : ''}`;
}
