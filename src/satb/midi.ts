import { Midi } from '@tonejs/midi';
import { applyMetaComment } from './meta';
import { parseSatbMeter } from './meter';
import type { Chorale, Frame, VoiceEntry } from './types';
import { commentLines } from './write';

const PPQ = 480;
const TICKS_PER_FRAME = PPQ / 4;
const TRACK_NAMES = ['Soprano', 'Alto', 'Tenor', 'Bass'];
const FERMATA_MARKER = 'fermata';

export class MidiImportError extends Error {}

/** A four-track MIDI file (soprano first), one sixteenth per frame, at the pitches written in the file.
 * Fermatas become `fermata` markers and the `%` comment lines text events, so `midiToChorale` restores them. */
export function choraleToMidi(chorale: Chorale, options: { bpm?: number } = {}): Uint8Array {
  const midi = new Midi();
  midi.header.setTempo(options.bpm ?? 76);
  const meter = parseSatbMeter(chorale.meta.meter);
  if (meter) midi.header.timeSignatures.push({ ticks: 0, timeSignature: [meter.numerator, meter.denominator] });
  if (chorale.meta.title) midi.header.name = chorale.meta.title;
  for (const c of commentLines(chorale.meta)) midi.header.meta.push({ type: 'text', text: c, ticks: 0 });
  chorale.frames.forEach((f, i) => {
    if (f.fermata && !chorale.frames[i - 1]?.fermata) midi.header.meta.push({ type: 'marker', text: FERMATA_MARKER, ticks: i * TICKS_PER_FRAME });
    if (!f.fermata && chorale.frames[i - 1]?.fermata) midi.header.meta.push({ type: 'marker', text: `/${FERMATA_MARKER}`, ticks: i * TICKS_PER_FRAME });
  });
  const { frames } = chorale;
  TRACK_NAMES.forEach((name, v) => {
    const track = midi.addTrack();
    track.name = name;
    track.channel = v;
    let i = 0;
    while (i < frames.length) {
      const e = frames[i].voices[v];
      if (e?.kind !== 'note') {
        i++;
        continue;
      }
      let end = i + 1;
      while (end < frames.length && isHeldOf(frames[end].voices[v], e.pitch)) end++;
      track.addNote({ midi: e.pitch, ticks: i * TICKS_PER_FRAME, durationTicks: (end - i) * TICKS_PER_FRAME, velocity: 0.7 });
      i = end;
    }
  });
  if (frames.length > 0) midi.header.meta.push({ type: 'marker', text: 'end', ticks: frames.length * TICKS_PER_FRAME });
  return midi.toArray();
}

function isHeldOf(e: VoiceEntry | undefined, pitch: number): boolean {
  return e?.kind === 'note' && e.held && e.pitch === pitch;
}

/** Reads a MIDI file into frames quantized to sixteenths. The Soprano/Alto/Tenor/Bass tracks that `choraleToMidi`
 * writes keep their voices; otherwise tracks with notes become voices, highest average pitch first (at most four).
 * Where a track sounds two notes at once, the one struck later cuts the earlier short. */
export function midiToChorale(bytes: Uint8Array): Chorale {
  let midi: Midi;
  try {
    midi = new Midi(bytes);
  } catch (err) {
    throw new MidiImportError(`not a readable MIDI file (${err instanceof Error ? err.message : String(err)})`);
  }
  const tracks = midi.tracks.filter((t) => t.notes.length > 0);
  if (tracks.length === 0) throw new MidiImportError('the MIDI file has no notes');
  const named = midi.tracks.filter((t) => TRACK_NAMES.includes(t.name));
  const unnamedWithNotes = tracks.filter((t) => !TRACK_NAMES.includes(t.name));
  const ordered = sameOrder(named.map((t) => t.name)) && unnamedWithNotes.length === 0 ? named : byMeanPitch(tracks);
  const perFrame = midi.header.ppq / 4;
  const frameOf = (ticks: number) => Math.round(ticks / perFrame);
  const endMarker = midi.header.meta.find((m) => m.type === 'marker' && m.text === 'end');
  let length = endMarker ? frameOf(endMarker.ticks) : 0;
  for (const t of ordered) for (const n of t.notes) length = Math.max(length, frameOf(n.ticks + n.durationTicks));

  const frames: Frame[] = Array.from({ length }, () => ({ fermata: false, voices: [0, 1, 2, 3].map((): VoiceEntry => ({ kind: 'rest' })) }));
  ordered.forEach((track, v) => {
    const notes = [...track.notes].sort((a, b) => a.ticks - b.ticks);
    notes.forEach((n, k) => {
      const start = frameOf(n.ticks);
      const next = notes.slice(k + 1).map((m) => frameOf(m.ticks)).find((s) => s > start) ?? Infinity;
      const end = Math.min(next, Math.max(start + 1, frameOf(n.ticks + n.durationTicks)));
      for (let f = start; f < end && f < length; f++) frames[f].voices[v] = { kind: 'note', pitch: n.midi, held: f > start };
    });
  });
  applyFermataMarkers(midi, frames, frameOf);
  const chorale: Chorale = { meta: { comments: [] }, frames };
  const comments = midi.header.meta.filter((m) => m.type === 'text' && m.text.startsWith('%'));
  for (const c of comments) applyMetaComment(chorale.meta, c.text);
  if (comments.length === 0) {
    if (midi.header.name) chorale.meta.title = midi.header.name;
    const ts = midi.header.timeSignatures[0]?.timeSignature;
    if (ts) chorale.meta.meter = `${ts[0]}/${ts[1]}`;
    chorale.meta.pickup = 0;
  }
  return chorale;
}

/** Our own files name their four tracks; others are ordered highest voice first. */
function sameOrder(names: string[]): boolean {
  return names.length === 4 && names.every((n, i) => n === TRACK_NAMES[i]);
}

function byMeanPitch<T extends { notes: { midi: number }[] }>(tracks: T[]): T[] {
  if (tracks.length > 4) throw new MidiImportError(`the MIDI file has ${tracks.length} tracks with notes; a chorale has four voices`);
  const mean = (t: T) => t.notes.reduce((s, n) => s + n.midi, 0) / t.notes.length;
  return [...tracks].sort((a, b) => mean(b) - mean(a));
}

function applyFermataMarkers(midi: Midi, frames: Frame[], frameOf: (ticks: number) => number): void {
  const markers = midi.header.meta.filter((m) => m.type === 'marker' && (m.text === FERMATA_MARKER || m.text === `/${FERMATA_MARKER}`));
  markers.sort((a, b) => a.ticks - b.ticks);
  markers.forEach((m, k) => {
    if (m.text !== FERMATA_MARKER) return;
    const stop = markers.slice(k + 1).find((x) => x.text !== FERMATA_MARKER);
    const end = stop ? frameOf(stop.ticks) : frames.length;
    for (let f = frameOf(m.ticks); f < end && f < frames.length; f++) frames[f].fermata = true;
  });
}
