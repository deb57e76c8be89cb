/** Our Standard MIDI File reader: the notes (note-ons paired with their note-offs), track names, text events and
 * time signatures, in ticks. Every length is checked against the bytes that are there before it is used, and any
 * file it cannot read ends in a MidiFileError that says what is wrong and at which byte. */

export interface MidiNoteIn {
  pitch: number;
  channel: number;
  ticks: number;
  durationTicks: number;
  /** 1 to 127. */
  velocity: number;
}

export interface MidiTextIn {
  type: 'text' | 'marker' | 'cuePoint' | 'lyrics';
  text: string;
  ticks: number;
}

export interface MidiTrackIn {
  /** The first track name event's text ('' without one). */
  name: string;
  notes: MidiNoteIn[];
  texts: MidiTextIn[];
  timeSignatures: { ticks: number; numerator: number; denominator: number }[];
  /** Tick of the end-of-track event (or of the last event). */
  endTicks: number;
}

export interface MidiFileIn {
  format: number;
  /** Ticks per quarter note. */
  ppq: number;
  tracks: MidiTrackIn[];
}

export class MidiFileError extends Error {}

const TEXT_TYPES: Record<number, MidiTextIn['type']> = { 0x01: 'text', 0x05: 'lyrics', 0x06: 'marker', 0x07: 'cuePoint' };
/** Data bytes after each channel status (high nibble). */
const DATA_BYTES: Record<number, number> = { 0x8: 2, 0x9: 2, 0xa: 2, 0xb: 2, 0xc: 1, 0xd: 1, 0xe: 2 };

export function readMidiFile(bytes: Uint8Array): MidiFileIn {
  const r = new ByteReader(bytes);
  if (bytes.length < 14 || r.ascii(0, 4) !== 'MThd') throw new MidiFileError('it does not begin with a MIDI header (MThd, 14 bytes)');
  const headerLength = r.uint32(4);
  if (headerLength < 6) throw new MidiFileError(`its header is ${headerLength} bytes long; a MIDI header has 6`);
  if (8 + headerLength > bytes.length) throw new MidiFileError(`its header claims ${headerLength} bytes; the file has ${bytes.length - 8} after it`);
  const format = r.uint16(8);
  const trackCount = r.uint16(10);
  const division = r.uint16(12);
  if (format > 2) throw new MidiFileError(`it is of format ${format}; MIDI files are of format 0, 1 or 2`);
  if (division & 0x8000) throw new MidiFileError('it is timed in SMPTE frames; BachBot reads MIDI files timed in ticks per quarter note');
  if (division === 0) throw new MidiFileError('its division is 0 ticks per quarter note');
  const tracks: MidiTrackIn[] = [];
  let at = 8 + headerLength;
  while (at < bytes.length && tracks.length < trackCount) {
    if (at + 8 > bytes.length) throw new MidiFileError(`the chunk at byte ${at} is cut short: ${bytes.length - at} bytes where its header needs 8`);
    const type = r.ascii(at, 4);
    const length = r.uint32(at + 4);
    const start = at + 8;
    if (start + length > bytes.length) {
      throw new MidiFileError(`the ${type === 'MTrk' ? `track ${tracks.length + 1}` : 'chunk'} at byte ${at} claims ${length} bytes; the file has ${bytes.length - start} after its header`);
    }
    // Chunks of other types are skipped, as the standard asks.
    if (type === 'MTrk') tracks.push(readTrack(r, start, start + length, tracks.length + 1));
    at = start + length;
  }
  if (tracks.length < trackCount) throw new MidiFileError(`its header promises ${trackCount} tracks; the file holds ${tracks.length}`);
  return { format, ppq: division, tracks };
}

function readTrack(r: ByteReader, start: number, end: number, number: number): MidiTrackIn {
  const track: MidiTrackIn = { name: '', notes: [], texts: [], timeSignatures: [], endTicks: 0 };
  let named = false;
  /** Notes sounding, by channel and pitch: their start and velocity, oldest first. */
  const sounding = new Map<number, { ticks: number; velocity: number }[]>();
  let ticks = 0;
  let status = 0;
  let at = start;
  const where = () => `track ${number}, byte ${at}`;
  const need = (n: number, what: string) => {
    if (at + n > end) throw new MidiFileError(`${where()}: ${what} runs past the end of the track`);
  };
  while (at < end) {
    const delta = r.vlq(at, end, where);
    at = delta.next;
    ticks += delta.value;
    need(1, 'an event');
    const first = r.byte(at);
    if (first === 0xff) {
      need(2, 'a meta event');
      const type = r.byte(at + 1);
      const length = r.vlq(at + 2, end, where);
      at = length.next;
      need(length.value, `a meta event of ${length.value} bytes`);
      const data = r.slice(at, at + length.value);
      at += length.value;
      if (type === 0x2f) break;
      if (type === 0x03 && !named) {
        track.name = decodeText(data);
        named = true;
      } else if (TEXT_TYPES[type]) track.texts.push({ type: TEXT_TYPES[type], text: decodeText(data), ticks });
      else if (type === 0x58 && data.length >= 2 && data[1] < 32) track.timeSignatures.push({ ticks, numerator: data[0], denominator: 2 ** data[1] });
      continue;
    }
    if (first === 0xf0 || first === 0xf7) {
      const length = r.vlq(at + 1, end, where);
      at = length.next;
      need(length.value, `a system exclusive event of ${length.value} bytes`);
      at += length.value;
      status = 0;
      continue;
    }
    if (first & 0x80) {
      if (first > 0xf0) throw new MidiFileError(`${where()}: status byte 0x${first.toString(16)} does not belong in a MIDI file`);
      status = first;
      at++;
    } else if (status === 0) {
      throw new MidiFileError(`${where()}: a data byte (0x${first.toString(16)}) where an event should begin`);
    }
    const kind = status >> 4;
    const size = DATA_BYTES[kind];
    need(size, 'a channel event');
    const a = r.byte(at);
    const b = size === 2 ? r.byte(at + 1) : 0;
    if ((a | b) & 0x80) throw new MidiFileError(`${where()}: a data byte past 127 in a channel event`);
    at += size;
    const channel = status & 0x0f;
    if (kind === 0x9 && b > 0) {
      const key = channel * 128 + a;
      const queue = sounding.get(key) ?? [];
      queue.push({ ticks, velocity: b });
      sounding.set(key, queue);
    } else if (kind === 0x8 || kind === 0x9) {
      const started = sounding.get(channel * 128 + a)?.shift();
      if (started) track.notes.push({ pitch: a, channel, ticks: started.ticks, durationTicks: ticks - started.ticks, velocity: started.velocity });
    }
  }
  track.endTicks = ticks;
  // A note never released lasts to the end of the track.
  for (const [key, queue] of sounding) {
    for (const s of queue) track.notes.push({ pitch: key % 128, channel: Math.floor(key / 128), ticks: s.ticks, durationTicks: ticks - s.ticks, velocity: s.velocity });
  }
  track.notes.sort((x, y) => x.ticks - y.ticks);
  return track;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

/** Text events are UTF-8 in our files; older files write Latin-1. */
function decodeText(data: Uint8Array): string {
  try {
    return utf8.decode(data);
  } catch {
    return latin1.decode(data);
  }
}

class ByteReader {
  constructor(private readonly bytes: Uint8Array) {}

  byte(at: number): number {
    return this.bytes[at];
  }

  ascii(at: number, n: number): string {
    return latin1.decode(this.bytes.subarray(at, at + n));
  }

  uint16(at: number): number {
    return (this.bytes[at] << 8) | this.bytes[at + 1];
  }

  uint32(at: number): number {
    return ((this.bytes[at] << 24) >>> 0) + ((this.bytes[at + 1] << 16) | (this.bytes[at + 2] << 8) | this.bytes[at + 3]);
  }

  slice(from: number, to: number): Uint8Array {
    return this.bytes.subarray(from, to);
  }

  /** A variable-length quantity of at most four bytes, within `end`. */
  vlq(at: number, end: number, where: () => string): { value: number; next: number } {
    let value = 0;
    for (let i = 0; i < 4; i++) {
      if (at + i >= end) throw new MidiFileError(`${where()}: a variable-length number runs past the end of the track`);
      const b = this.bytes[at + i];
      value = value * 128 + (b & 0x7f);
      if (!(b & 0x80)) return { value, next: at + i + 1 };
    }
    throw new MidiFileError(`${where()}: a variable-length number is longer than four bytes`);
  }
}
