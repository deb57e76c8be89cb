// Links the notes of ABC generated from a chorale back to the .satb tokens they came from.
// Runs in the page, on the tune abcjs has just drawn (and in the tests, on abcjs.parseOnly's result).
//
// choraleToAbc returns only text, so the link is rebuilt from time: each voice's notes are laid end to
// end in sixteenths, and a note starting at sixteenth t in voice v came from frame t, voice v. This holds
// whatever spelling, beaming, bar lines or ties the converter chooses, as long as every frame is one
// sixteenth and the voices are S, A, T, B in score order.
import type { TuneObject, VoiceItem } from 'abcjs';
import type { FrameSource, OffsetRange } from '../src/preview-protocol/messages';
import type { NoteLink } from './note-lookup';

const SIXTEENTHS_PER_WHOLE = 16;

export function linkChoraleNotes(tune: TuneObject | undefined, frames: readonly (FrameSource | null)[]): NoteLink[] {
  if (!tune) return [];
  const voices = collectVoices(tune);
  const assign = voiceAssignment(voices);
  const links: NoteLink[] = [];
  voices.forEach((voice, index) => {
    const satbVoices = assign(index, voice.staff);
    let time = 0;
    for (const el of voice.elements) {
      const length = durationOf(el);
      if (length === undefined) continue;
      const first = Math.round(time * SIXTEENTHS_PER_WHOLE);
      const count = Math.max(1, Math.round(length * SIXTEENTHS_PER_WHOLE));
      time += length;
      const { startChar, endChar } = el as { startChar?: number; endChar?: number };
      if (startChar === undefined || endChar === undefined) continue;
      const link = linkOne(frames, first, count, satbVoices, startChar, endChar);
      if (link) links.push(link);
    }
  });
  return links.sort((a, b) => a.abcStart - b.abcStart);
}

function voiceRange(frame: FrameSource, voice: number): OffsetRange | undefined {
  const start = frame.voices[2 * voice];
  const end = frame.voices[2 * voice + 1];
  return start === undefined || end === undefined ? undefined : { start, end };
}

function linkOne(
  frames: readonly (FrameSource | null)[],
  first: number,
  count: number,
  satbVoices: number[],
  abcStart: number,
  abcEnd: number,
): NoteLink | undefined {
  const start = frames[first];
  if (!start) return undefined;
  const source = satbVoices.map((v) => voiceRange(start, v)).find((r) => r !== undefined) ?? { start: start.start, end: start.end };
  const tokens: OffsetRange[] = [];
  const wholeFrames: OffsetRange[] = [];
  for (let f = first; f < first + count && f < frames.length; f++) {
    const frame = frames[f];
    if (!frame) continue;
    wholeFrames.push({ start: frame.start, end: frame.end });
    for (const v of satbVoices) {
      const r = voiceRange(frame, v);
      if (r) tokens.push(r);
    }
  }
  return { abcStart, abcEnd, source, tokens, frames: wholeFrames };
}

interface ParsedVoice {
  staff: number;
  elements: VoiceItem[];
}

/** Voices in score order (staff by staff), each with its elements across all lines of music. */
function collectVoices(tune: TuneObject): ParsedVoice[] {
  const byKey = new Map<string, ParsedVoice>();
  for (const line of tune.lines) {
    line.staff?.forEach((staff, s) => {
      staff.voices?.forEach((elements, v) => {
        const key = `${s}/${v}`;
        let voice = byKey.get(key);
        if (!voice) byKey.set(key, (voice = { staff: s, elements: [] }));
        for (const element of elements) voice.elements.push(element);
      });
    });
  }
  return [...byKey.values()];
}

/**
 * Which SATB voices an ABC voice carries: four voices are S, A, T, B in order; two staves of one
 * voice each carry S+A and T+B as chords; anything else is linked to the whole frame.
 */
function voiceAssignment(voices: ParsedVoice[]): (index: number, staff: number) => number[] {
  if (voices.length === 4) return (index) => [index];
  const staves = new Set(voices.map((v) => v.staff));
  if (voices.length === 2 && staves.size === 2) return (_index, staff) => (staff === 0 ? [0, 1] : [2, 3]);
  return () => [];
}

/** Length in whole notes of a note or rest that takes time; undefined for everything else. */
function durationOf(el: VoiceItem): number | undefined {
  if (el.el_type !== 'note') return undefined;
  const item = el as { duration?: number | number[]; tripletMultiplier?: number };
  const duration = Array.isArray(item.duration) ? item.duration[0] : item.duration;
  if (typeof duration !== 'number' || !(duration > 0)) return undefined;
  return duration * (item.tripletMultiplier ?? 1);
}
