/** Our Standard MIDI File writer (format 1): a conductor track with the name, tempo, meter and text events, then
 * one track per part. Each event is written once into a growing buffer, so the time is linear in the notes. */

export interface MidiNoteOut {
  pitch: number;
  ticks: number;
  durationTicks: number;
  /** 1 to 127. */
  velocity: number;
}

export interface MidiTextOut {
  type: 'text' | 'marker';
  text: string;
  ticks: number;
}

export interface MidiTrackOut {
  name: string;
  channel: number;
  notes: MidiNoteOut[];
}

export interface MidiSongOut {
  ppq: number;
  name?: string;
  /** Quarter notes per minute; kept within what a tempo event can say (about 3.6 to 60,000,000). */
  bpm: number;
  timeSignature?: { numerator: number; denominator: number };
  /** Text events and markers of the conductor track. */
  texts: MidiTextOut[];
  tracks: MidiTrackOut[];
}

/** The largest delta time a variable-length quantity holds (four bytes of seven bits). */
export const MAX_MIDI_DELTA = 0x0fffffff;

/** A value the file format cannot hold; callers bound their pieces first, so this is the last guard, never a loop. */
export class MidiWriteError extends Error {}

export function writeMidiFile(song: MidiSongOut): Uint8Array {
  const out = new ByteSink();
  out.ascii('MThd');
  out.uint32(6);
  out.uint16(1);
  out.uint16(song.tracks.length + 1);
  out.uint16(song.ppq);
  writeTrack(out, conductorEvents(song));
  for (const track of song.tracks) writeTrack(out, trackEvents(track));
  return out.bytes();
}

interface TrackEvent {
  ticks: number;
  /** At one tick: meta first, then note-offs, then note-ons (a repeated pitch is released before it is struck again). */
  order: number;
  data: number[] | Uint8Array;
}

const META = 0;
const NOTE_OFF = 1;
const NOTE_ON = 2;
const encoder = new TextEncoder();

function meta(ticks: number, type: number, payload: Uint8Array | number[]): TrackEvent {
  const data = [0xff, type, ...vlq(payload.length), ...payload];
  return { ticks, order: META, data };
}

function conductorEvents(song: MidiSongOut): TrackEvent[] {
  const events: TrackEvent[] = [];
  if (song.name) events.push(meta(0, 0x03, encoder.encode(song.name)));
  const micros = Math.round(60_000_000 / song.bpm);
  const tempo = Math.min(0xffffff, Math.max(1, Number.isFinite(micros) ? micros : 500_000));
  events.push(meta(0, 0x51, [(tempo >> 16) & 0xff, (tempo >> 8) & 0xff, tempo & 0xff]));
  const ts = song.timeSignature;
  const log2 = ts ? Math.log2(ts.denominator) : Number.NaN;
  // A denominator that is not a power of two (or a numerator past a byte) has no time signature event.
  if (ts && Number.isInteger(log2) && log2 >= 0 && log2 < 256 && ts.numerator >= 1 && ts.numerator <= 255) {
    events.push(meta(0, 0x58, [ts.numerator, log2, 24, 8]));
  }
  for (const t of song.texts) events.push(meta(t.ticks, t.type === 'marker' ? 0x06 : 0x01, encoder.encode(t.text)));
  return events;
}

function trackEvents(track: MidiTrackOut): TrackEvent[] {
  const events: TrackEvent[] = [meta(0, 0x03, encoder.encode(track.name))];
  const channel = track.channel & 0x0f;
  for (const n of track.notes) {
    const pitch = n.pitch & 0x7f;
    const velocity = Math.min(127, Math.max(1, Math.round(n.velocity)));
    events.push({ ticks: n.ticks, order: NOTE_ON, data: [0x90 | channel, pitch, velocity] });
    events.push({ ticks: n.ticks + n.durationTicks, order: NOTE_OFF, data: [0x80 | channel, pitch, 0] });
  }
  return events;
}

function writeTrack(out: ByteSink, events: TrackEvent[]): void {
  events.sort((a, b) => a.ticks - b.ticks || a.order - b.order);
  out.ascii('MTrk');
  const lengthAt = out.length;
  out.uint32(0);
  let now = 0;
  for (const e of events) {
    const delta = e.ticks - now;
    if (!Number.isInteger(e.ticks) || delta < 0 || delta > MAX_MIDI_DELTA) {
      throw new MidiWriteError(`an event at tick ${e.ticks} is ${delta} ticks after the one before it; a MIDI file holds at most ${MAX_MIDI_DELTA}`);
    }
    out.vlq(delta);
    out.append(e.data);
    now = e.ticks;
  }
  out.vlq(0);
  out.append([0xff, 0x2f, 0x00]);
  out.setUint32(lengthAt, out.length - lengthAt - 4);
}

/** The variable-length quantity of a delta time or a length: seven bits a byte, high bit set on all but the last. */
function vlq(value: number): number[] {
  if (!Number.isInteger(value) || value < 0 || value > MAX_MIDI_DELTA) throw new MidiWriteError(`${value} does not fit a MIDI variable-length quantity`);
  const bytes = [value & 0x7f];
  for (let v = Math.floor(value / 128); v > 0; v = Math.floor(v / 128)) bytes.unshift((v & 0x7f) | 0x80);
  return bytes;
}

/** A byte buffer that doubles when full: appending is amortized constant time. */
class ByteSink {
  private buffer = new Uint8Array(1024);
  length = 0;

  private reserve(n: number): void {
    if (this.length + n <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + n) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }

  append(data: ArrayLike<number>): void {
    this.reserve(data.length);
    for (let i = 0; i < data.length; i++) this.buffer[this.length++] = data[i];
  }

  ascii(text: string): void {
    this.append(Array.from(text, (c) => c.charCodeAt(0)));
  }

  uint16(value: number): void {
    this.append([(value >> 8) & 0xff, value & 0xff]);
  }

  uint32(value: number): void {
    this.append([(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff]);
  }

  setUint32(at: number, value: number): void {
    new DataView(this.buffer.buffer).setUint32(at, value);
  }

  vlq(value: number): void {
    this.append(vlq(value));
  }

  bytes(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}
