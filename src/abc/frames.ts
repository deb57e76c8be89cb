/** One ABC voice → soprano frames at sixteenth resolution, in C major / A minor, for the chorale model. */
import { maxOf } from '../common/arrays';
import type { NotationDiagnostic, SourceRange } from '../common/diagnostic';
import { MAX_PIECE_SIXTEENTHS } from '../common/limits';
import { Fraction } from '../music/fraction';
import { formatKey, type KeySignature } from '../music/key';
import { semitonesToReference } from '../music/pitch';
import type { Frame, VoiceEntry } from '../satb/types';
import { lineIndexFor } from './parse';
import { tunePitches } from './pitches';
import { analyzeTiming, TimedEvent } from './timing';
import type { AbcTune, Meter } from './types';

/** Where a frame's note (or rest) is written in the source: absolute offsets of its element. */
export interface FrameSource {
  start: number;
  end: number;
}

export interface AbcBarLine {
  frame: number;
  text: string;
}

export interface AbcFramesResult {
  /** One frame per sixteenth; soprano from the voice, alto/tenor/bass `{ kind: 'slot' }`. */
  frames: Frame[];
  /** Semitones added to reach C major (major-ish modes) or A minor (minor-ish); the smaller move, -6..+5. */
  semitones: number;
  /** Voice id read ('' when the tune has no V:). */
  voice: string;
  key: KeySignature;
  meter: Meter;
  unitLength: Fraction;
  /** Sixteenths before the first bar line (0 without a pickup). */
  pickup: number;
  /** The voice's bar lines between notes, as written (`|`, `:|[2`, `||[M:9/8]`), at the frame they precede; ascending. */
  barLines: AbcBarLine[];
  /** The bar line after the last note, as written ('' when none). */
  finalBarLine: string;
  /** Bar lines and repeat signs written before the first note (`|:`), as written ('' when none). */
  openingBarLine: string;
  /** Frames whose note starts a new music line in the source (a line break between notes, not continued by `\`); ascending. */
  lineBreaks: number[];
  /** Keys the voice changes to after its first note (a `K:` line or `[K:]` in the body), at the frame of the first
   * note read in it; ascending. */
  keyChanges: { frame: number; key: KeySignature }[];
  /** Chord symbols and annotations written before the voice's notes (`"G"`, `"^intro"`), at the frame of that note; ascending. */
  chordSymbols: AbcBarLine[];
  /** Per frame where the voice plays a chord (`[ce]`), its notes under the top one that the frame holds, in the frames' key. */
  otherMelodyNotes: (number[] | undefined)[];
  /** Per frame, the source element it came from (undefined for frames that fill a gap). */
  sources: (FrameSource | undefined)[];
  /** Rounded tuplets and notes shorter than a sixteenth, with their ranges. */
  diagnostics: NotationDiagnostic[];
  /** The note or rest that runs past MAX_MELODY_FRAMES: the frames stop before it. */
  overlong?: SourceRange;
}

const SIXTEENTH = new Fraction(1, 16);
export const MAX_MELODY_FRAMES = MAX_PIECE_SIXTEENTHS;
const FERMATAS = new Set(['H', 'fermata', 'invertedfermata']);

function sixteenths(whole: Fraction): { value: number; exact: boolean } {
  const x = whole.div(SIXTEENTH);
  return { value: Math.round(x.toNumber()), exact: x.den === 1 };
}

/** The voice's notes as soprano frames; the first voice with notes when `voiceId` is left out. */
export function abcVoiceToFrames(tune: AbcTune, voiceId?: string): AbcFramesResult {
  const timing = analyzeTiming(tune);
  const voice = voiceId ?? timing.events[0]?.voice ?? tune.voices[0]?.id ?? '';
  const events = timing.events.filter((e) => e.voice === voice);
  const key = events[0]?.key ?? tune.key;
  const semitones = semitonesToReference(key);
  const pitchAt = new Map<number, number>();
  for (const p of tunePitches(tune)) if (!p.grace && p.voice === voice) pitchAt.set(p.note.start, p.midi);
  const index = lineIndexFor(tune.source);
  const diagnostics: NotationDiagnostic[] = [];
  const warn = (ev: TimedEvent, message: string) =>
    diagnostics.push({ severity: 'warning', code: 'abc.frames-rounded', message, range: index.rangeOf(ev.element.start, ev.element.end) });

  const frames: Frame[] = [];
  const sources: (FrameSource | undefined)[] = [];
  const otherMelodyNotes: (number[] | undefined)[] = [];
  let previous: { event: TimedEvent; pitch?: number } | undefined;
  let overlong: SourceRange | undefined;
  for (const ev of events) {
    const start = sixteenths(ev.onset);
    const end = sixteenths(ev.onset.add(ev.duration));
    if (end.value > MAX_MELODY_FRAMES) {
      overlong = index.rangeOf(ev.element.start, ev.element.end);
      diagnostics.push({ severity: 'warning', code: 'abc.melody-too-long', message: `the melody is longer than ${MAX_MELODY_FRAMES} sixteenths; the rest is left out`, range: overlong });
      break;
    }
    if (!start.exact || !end.exact) {
      warn(ev, end.value > start.value ? 'rounded to sixteenths for harmonization' : 'shorter than a sixteenth: left out of the harmonization');
    }
    const pitch = melodyPitch(ev, pitchAt);
    const under = pitch === undefined ? [] : chordNotesUnder(ev, pitchAt, pitch).map((p) => p + semitones);
    while (frames.length < start.value) pushFrame(frames, sources, { kind: 'rest' }, false, undefined);
    const tiedFromPrevious = previous?.event.tiedToNext === true && previous.pitch !== undefined && previous.pitch === pitch;
    const fermata = ev.decorations.some((d) => FERMATAS.has(d));
    for (let f = Math.max(start.value, frames.length); f < end.value; f++) {
      const entry: VoiceEntry = pitch === undefined ? { kind: 'rest' } : { kind: 'note', pitch: pitch + semitones, held: f > start.value || tiedFromPrevious };
      pushFrame(frames, sources, entry, fermata, { start: ev.element.start, end: ev.element.end });
      if (under.length > 0) otherMelodyNotes[frames.length - 1] = under;
    }
    previous = { event: ev, pitch };
  }
  frames.forEach((fr, i) => {
    const src = sources[i];
    if (src) fr.range = index.rangeOf(src.start, src.end);
  });
  const firstBar = timing.bars.find((b) => b.voice === voice);
  const meter = events[0]?.meter ?? tune.meter;
  const pickup = firstBar && firstBar.sectionStart && !meter.free && firstBar.duration.lt(meter.barLength) ? sixteenths(firstBar.duration).value : 0;
  const { barLines, finalBarLine, openingBarLine, lineBreaks } = barLinesOf(tune, voice, events);
  const chordSymbols = chordSymbolsOf(tune, voice, events, frames.length);
  const unitLength = events[0]?.unitLength ?? tune.unitLength;
  const keyChanges = keyChangesOf(events, frames.length);
  return { frames, semitones, voice, key, meter, unitLength, pickup, barLines, finalBarLine, openingBarLine, lineBreaks, keyChanges, chordSymbols, otherMelodyNotes: Array.from({ length: frames.length }, (_, f) => otherMelodyNotes[f]), sources, diagnostics, ...(overlong ? { overlong } : {}) };
}

function keyChangesOf(events: readonly TimedEvent[], frameCount: number): AbcFramesResult['keyChanges'] {
  const changes: AbcFramesResult['keyChanges'] = [];
  events.forEach((ev, i) => {
    if (i === 0 || formatKey(ev.key) === formatKey(events[i - 1].key)) return;
    const frame = sixteenths(ev.onset).value;
    if (frame >= frameCount) return;
    if (changes.length > 0 && changes[changes.length - 1].frame === frame) changes.pop();
    changes.push({ frame, key: ev.key });
  });
  return changes;
}

/** Chord symbols and annotations as written, each at the frame of the note or rest that follows it. */
function chordSymbolsOf(tune: AbcTune, voice: string, events: TimedEvent[], frameCount: number): AbcBarLine[] {
  const onsetAt = new Map(events.map((e) => [e.element.start, e.onset]));
  const symbols: AbcBarLine[] = [];
  let pending = '';
  for (const el of tune.elements) {
    if (el.voice !== voice) continue;
    if (el.kind === 'chord-symbol' || el.kind === 'annotation') {
      pending += tune.source.slice(el.start, el.end);
      continue;
    }
    const onset = onsetAt.get(el.start);
    if (onset === undefined || !pending) continue;
    const frame = sixteenths(onset).value;
    if (frame < frameCount) symbols.push({ frame, text: pending });
    pending = '';
  }
  return symbols;
}

/**
 * Bar lines, endings, meter changes and part labels between the voice's notes, joined per gap (`:|[2`, `|[M:9/8]`,
 * `|[P:B]`), the bar lines before its first note, and where its music lines break.
 */
function barLinesOf(
  tune: AbcTune,
  voice: string,
  events: TimedEvent[],
): { barLines: AbcBarLine[]; finalBarLine: string; openingBarLine: string; lineBreaks: number[] } {
  const onsetAt = new Map(events.map((e) => [e.element.start, e.onset]));
  const barLines: AbcBarLine[] = [];
  const lineBreaks: number[] = [];
  let pending = '';
  let openingBarLine = '';
  let seenEvent = false;
  let continued = false;
  let lineBreak = false;
  for (const el of tune.elements) {
    if (el.voice !== voice) continue;
    if (el.kind === 'continuation') continued = true;
    else if (el.kind === 'newline') {
      if (seenEvent && !continued) lineBreak = true;
      continued = false;
    } else if (el.kind === 'bar' || el.kind === 'ending') {
      if (seenEvent) pending += tune.source.slice(el.start, el.end);
      else openingBarLine += tune.source.slice(el.start, el.end);
    } else if (el.kind === 'field' && (el.name === 'M' || el.name === 'P')) {
      pending += `[${el.name}:${el.value.replace(/%.*$/, '').trim()}]`;
    } else {
      const onset = onsetAt.get(el.start);
      if (onset === undefined) continue;
      const frame = sixteenths(onset).value;
      if (pending && seenEvent) {
        const last = barLines[barLines.length - 1];
        if (last && last.frame === frame) last.text += pending;
        else barLines.push({ frame, text: /^\[[MP]:/.test(pending) ? `|${pending}` : writableBar(pending) });
      }
      if (lineBreak && lineBreaks[lineBreaks.length - 1] !== frame) lineBreaks.push(frame);
      pending = '';
      seenEvent = true;
      lineBreak = false;
    }
  }
  return { barLines, finalBarLine: writableBar(pending.replace(/\[[MP]:[^\]]*\]/g, '')), openingBarLine: writableBar(openingBarLine), lineBreaks };
}

/** Bar texts that abcjs reads without a warning: `:|:` → `:||:`, `:::` → `::`. */
function writableBar(text: string): string {
  return text.replace(/:\|:/g, ':||:').replace(/:{3,}/g, '::');
}

/** The sounding melody pitch of an event: a note's pitch, a chord's highest note, undefined for rests. */
function melodyPitch(ev: TimedEvent, pitchAt: Map<number, number>): number | undefined {
  const el = ev.element;
  if (el.kind === 'note') return pitchAt.get(el.note.start);
  if (el.kind === 'chord') {
    const ps = el.notes.map((n) => pitchAt.get(n.start)).filter((p): p is number => p !== undefined);
    return ps.length ? maxOf(ps) : undefined;
  }
  return undefined;
}

/** A chord's notes other than its top note (`top`, the melody's), once each. */
function chordNotesUnder(ev: TimedEvent, pitchAt: Map<number, number>, top: number): number[] {
  if (ev.element.kind !== 'chord') return [];
  const ps = ev.element.notes.map((n) => pitchAt.get(n.start)).filter((p): p is number => p !== undefined && p !== top);
  return [...new Set(ps)];
}

function pushFrame(frames: Frame[], sources: (FrameSource | undefined)[], soprano: VoiceEntry, fermata: boolean, source: FrameSource | undefined): void {
  frames.push({ fermata, voices: [soprano, { kind: 'slot' }, { kind: 'slot' }, { kind: 'slot' }] });
  sources.push(source);
}
