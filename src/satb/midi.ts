import { MAX_PIECE_SIXTEENTHS, MAX_PIECE_TEXT } from '../common/limits';
import { MidiFileError, readMidiFile, type MidiFileIn, type MidiTrackIn } from '../music/midi-read';
import { writeMidiFile, type MidiNoteOut, type MidiTextOut } from '../music/midi-write';
import { applyMetaComment } from './meta';
import { parseSatbMeter } from './meter';
import type { Chorale, Frame, VoiceEntry } from './types';
import { commentLines } from './write';

const PPQ = 480;
const TICKS_PER_FRAME = PPQ / 4;
const TRACK_NAMES = ['Soprano', 'Alto', 'Tenor', 'Bass'];
const FERMATA_MARKER = 'fermata';
const VELOCITY = 89;

/** The one error MIDI import gives: the file is not MIDI, or not a piece BachBot can read. */
export class MidiImportError extends Error {}

/** Why a chorale cannot be written as MIDI. */
export class MidiExportError extends Error {}

/** A four-track MIDI file (soprano first), one sixteenth per frame, at the pitches written in the file.
 * Fermatas become `fermata` markers and the `%` comment lines text events, so `midiToChorale` restores them. */
export function choraleToMidi(chorale: Chorale, options: { bpm?: number } = {}): Uint8Array {
  const { frames } = chorale;
  if (frames.length > MAX_PIECE_SIXTEENTHS) {
    throw new MidiExportError(`the chorale has ${frames.length.toLocaleString('en-US')} frames; BachBot writes MIDI of at most ${MAX_PIECE_TEXT}`);
  }
  const texts: MidiTextOut[] = commentLines(chorale.meta).map((c) => ({ type: 'text', text: c, ticks: 0 }));
  frames.forEach((f, i) => {
    if (f.fermata && !frames[i - 1]?.fermata) texts.push({ type: 'marker', text: FERMATA_MARKER, ticks: i * TICKS_PER_FRAME });
    if (!f.fermata && frames[i - 1]?.fermata) texts.push({ type: 'marker', text: `/${FERMATA_MARKER}`, ticks: i * TICKS_PER_FRAME });
  });
  if (frames.length > 0) texts.push({ type: 'marker', text: 'end', ticks: frames.length * TICKS_PER_FRAME });
  const tracks = TRACK_NAMES.map((name, v) => {
    const notes: MidiNoteOut[] = [];
    let i = 0;
    while (i < frames.length) {
      const e = frames[i].voices[v];
      if (e?.kind !== 'note') {
        i++;
        continue;
      }
      let end = i + 1;
      while (end < frames.length && isHeldOf(frames[end].voices[v], e.pitch)) end++;
      notes.push({ pitch: e.pitch, ticks: i * TICKS_PER_FRAME, durationTicks: (end - i) * TICKS_PER_FRAME, velocity: VELOCITY });
      i = end;
    }
    return { name, channel: v, notes };
  });
  const meter = parseSatbMeter(chorale.meta.meter);
  return writeMidiFile({
    ppq: PPQ,
    name: chorale.meta.title,
    bpm: options.bpm ?? 76,
    timeSignature: meter ? { numerator: meter.numerator, denominator: meter.denominator } : undefined,
    texts,
    tracks,
  });
}

function isHeldOf(e: VoiceEntry | undefined, pitch: number): boolean {
  return e?.kind === 'note' && e.held && e.pitch === pitch;
}

/** Reads a MIDI file into frames quantized to sixteenths. The Soprano/Alto/Tenor/Bass tracks that `choraleToMidi`
 * writes keep their voices; otherwise tracks with notes become voices, highest average pitch first (at most four).
 * Where a track sounds two notes at once, the one struck later cuts the earlier short. A piece longer than
 * MAX_PIECE_SIXTEENTHS is refused before any frame is made. Throws only MidiImportError. */
export function midiToChorale(bytes: Uint8Array): Chorale {
  let midi: MidiFileIn;
  try {
    midi = readMidiFile(bytes);
  } catch (err) {
    if (err instanceof MidiFileError) throw new MidiImportError(`not a readable MIDI file: ${err.message}`);
    throw err;
  }
  const tracks = midi.tracks.filter((t) => t.notes.length > 0);
  if (tracks.length === 0) throw new MidiImportError('the MIDI file has no notes');
  const named = midi.tracks.filter((t) => TRACK_NAMES.includes(t.name));
  const unnamedWithNotes = tracks.filter((t) => !TRACK_NAMES.includes(t.name));
  const ordered = sameOrder(named.map((t) => t.name)) && unnamedWithNotes.length === 0 ? named : byMeanPitch(tracks);
  const perFrame = midi.ppq / 4;
  const frameOf = (ticks: number) => Math.round(ticks / perFrame);
  const conductor = midi.tracks[0];
  const endMarker = conductor.texts.find((m) => m.type === 'marker' && m.text === 'end');
  let length = endMarker ? frameOf(endMarker.ticks) : 0;
  for (const t of ordered) for (const n of t.notes) length = Math.max(length, frameOf(n.ticks + n.durationTicks));
  if (length > MAX_PIECE_SIXTEENTHS) {
    throw new MidiImportError(`the MIDI file runs for ${length.toLocaleString('en-US')} sixteenths (${Math.ceil(length / 16).toLocaleString('en-US')} bars of 4/4); BachBot imports at most ${MAX_PIECE_TEXT}`);
  }

  const frames: Frame[] = Array.from({ length }, () => ({ fermata: false, voices: [0, 1, 2, 3].map((): VoiceEntry => ({ kind: 'rest' })) }));
  ordered.forEach((track, v) => placeNotes(track, v, frames, frameOf));
  applyFermataMarkers(conductor, frames, frameOf);
  const chorale: Chorale = { meta: { comments: [] }, frames };
  const comments = conductor.texts.filter((m) => m.type === 'text' && m.text.startsWith('%'));
  for (const c of comments) applyMetaComment(chorale.meta, c.text);
  if (comments.length === 0) {
    if (conductor.name) chorale.meta.title = conductor.name;
    const ts = midi.tracks.flatMap((t) => t.timeSignatures).sort((a, b) => a.ticks - b.ticks)[0];
    if (ts) chorale.meta.meter = `${ts.numerator}/${ts.denominator}`;
    chorale.meta.pickup = 0;
  }
  return chorale;
}

/** The track's notes into voice `v`; each lasts until the next later onset at most (notes are sorted by onset). */
function placeNotes(track: MidiTrackIn, v: number, frames: Frame[], frameOf: (ticks: number) => number): void {
  const starts = track.notes.map((n) => frameOf(n.ticks));
  let next = 0;
  track.notes.forEach((n, k) => {
    const start = starts[k];
    if (next <= k) next = k + 1;
    while (next < starts.length && starts[next] <= start) next++;
    const cut = next < starts.length ? starts[next] : Infinity;
    const end = Math.min(cut, Math.max(start + 1, frameOf(n.ticks + n.durationTicks)), frames.length);
    for (let f = start; f < end; f++) frames[f].voices[v] = { kind: 'note', pitch: n.pitch, held: f > start };
  });
}

/** Our own files name their four tracks; others are ordered highest voice first. */
function sameOrder(names: string[]): boolean {
  return names.length === 4 && names.every((n, i) => n === TRACK_NAMES[i]);
}

function byMeanPitch<T extends { notes: { pitch: number }[] }>(tracks: T[]): T[] {
  if (tracks.length > 4) throw new MidiImportError(`the MIDI file has ${tracks.length} tracks with notes; a chorale has four voices`);
  const mean = (t: T) => t.notes.reduce((s, n) => s + n.pitch, 0) / t.notes.length;
  return [...tracks].sort((a, b) => mean(b) - mean(a));
}

/** Frames from each `fermata` marker to the next `/fermata` (or the end) hold a fermata. */
function applyFermataMarkers(conductor: MidiTrackIn, frames: Frame[], frameOf: (ticks: number) => number): void {
  const markers = conductor.texts.filter((m) => m.type === 'marker' && (m.text === FERMATA_MARKER || m.text === `/${FERMATA_MARKER}`));
  markers.sort((a, b) => a.ticks - b.ticks);
  let stopAt = frames.length;
  // From the last marker back, so that each fermata knows the next stop without a search.
  for (let k = markers.length - 1; k >= 0; k--) {
    const m = markers[k];
    if (m.text !== FERMATA_MARKER) {
      stopAt = Math.min(frames.length, frameOf(m.ticks));
      continue;
    }
    const start = frameOf(m.ticks);
    for (let f = start; f < stopAt; f++) frames[f].fermata = true;
    stopAt = Math.min(stopAt, start);
  }
}
