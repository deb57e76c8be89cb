/** Four-voice frames → ABC voices S A T B, in the original key, meter and unit length: the one writer of frames as
 * ABC notes, used for a harmonized ABC tune (framesToAbcVoices) and for a chorale's score (satb/to-abc.ts). */
import { pushAll } from '../common/arrays';
import { Fraction } from '../music/fraction';
import { formatKey, keyAccidentals, KeySignature } from '../music/key';
import { spellPitch } from '../music/pitch';
import type { Frame, VoiceEntry } from '../satb/types';
import { isCompound } from './meter';
import { BarAccidentals, notePitchText } from './pitches';
import { playbackJoins } from './playback-joins';
import type { Meter } from './types';

export interface AbcVoicesContext {
  /** Key to write in (the tune's own key). */
  key: KeySignature;
  /** Semitones the frames were shifted by (they sound this much above the tune); undone when writing. */
  semitones: number;
  /** Semitones the melody (the first voice) was moved by on top of `semitones`, by octaves, to lie in the soprano's
   * range for the harmonizer; undone for it alone, so that it is written at its own octave and the others where the
   * harmonizer put them. */
  melodyOctave?: number;
  meter: Meter;
  unitLength: Fraction;
  /** Sixteenths before the first bar line. */
  pickup: number;
  /** Bar lines as written in the melody's source (see AbcFramesResult); when given, used instead of meter and pickup. */
  barLines?: { frame: number; text: string }[];
  /** Closing bar line when barLines are given (default `|]`). */
  finalBarLine?: string;
  /** Written before each voice's first note (`|:`). */
  openingBarLine?: string;
  /** Frames where each voice starts a new line (the melody's own line breaks); when left out, four bars per line. */
  lineBreaks?: number[];
  /** The soprano's text as written in the source; when given, V:S is this text instead of one written from the frames. */
  sopranoText?: string;
  /** Keys the melody changes to, from a frame on: each voice written from frames changes there too, and then starts
   * with its key written out (a reader may carry the key the voice before it ended in). */
  keyChanges?: { frame: number; key: KeySignature }[];
  /** Chord symbols and annotations (source text, quotes included) written in the soprano before the note at `frame`. */
  chordSymbols?: { frame: number; text: string }[];
  title?: string;
  reference?: number;
  /** Per voice, the frames whose note or rest gets the fermata; when left out, each note run that holds a fermata
   * frame gets it on its first note. */
  fermataFrames?: Set<number>[];
  /** The fermata's decoration (default `H`). */
  fermata?: string;
  /** A space each side of bar lines (`G4 | B4 |]`), as a chorale's score is written; default none (`G4|B4|]`). */
  spacedBarLines?: boolean;
}

export const SATB_VOICES = [
  { id: 'S', clef: 'treble', name: 'Soprano' },
  { id: 'A', clef: 'treble', name: 'Alto' },
  { id: 'T', clef: 'bass', name: 'Tenor' },
  { id: 'B', clef: 'bass', name: 'Bass' },
];
/** Lengths (in sixteenths) that a single note can show, plain and dotted, up to the breve. */
const WRITABLE_NOTE = [32, 24, 16, 12, 8, 6, 4, 3, 2, 1];
/** A rest stops at the dotted whole: abcjs has no breve-rest glyph (it draws `z32` at L:1/16 as "pitch is undefined"). */
const WRITABLE_REST = WRITABLE_NOTE.slice(1);
const BARS_PER_LINE = 4;
/** A bar line's text split before a bracketed ending (`:|[2` → `:|`, `[2`), which reads best at the start of a line. */
const ENDING_AT_END = /^(.*?)(\[\d[\d,-]*)$/;
/** A start repeat after a closing bar line (`||` then `|:`, or `:|` then `|:`): at a line break it opens the next line, as in the melody. */
const REPEAT_START_AT_END = /^(.*\|)(\|:)$/;

interface Run {
  entry: VoiceEntry;
  start: number;
  length: number;
  fermata: boolean;
  /** A held note cut from the run before it (at a chord symbol): that run ends tied into this one. */
  continuesPrevious?: boolean;
}

export interface AbcScoreHeader {
  reference?: number;
  title?: string;
  /** N: lines. */
  notes?: string[];
  meter: Meter;
  unitLength: Fraction;
  /** Q: value. */
  tempo?: string;
  /** `name="Soprano"` ... on the V: lines. */
  voiceNames?: boolean;
  key: KeySignature;
}

/** X: to K: of a four-voice score: the voices on two staves, S and A treble, T and B bass. */
export function abcScoreHeader(h: AbcScoreHeader): string[] {
  const lines = [`X:${h.reference ?? 1}`];
  if (h.title) lines.push(`T:${h.title}`);
  pushAll(lines, (h.notes ?? []).map((n) => `N:${n}`)).push(`M:${h.meter.text}`, `L:${h.unitLength.toString()}`);
  if (h.tempo) lines.push(`Q:${h.tempo}`);
  lines.push('%%score (S A) (T B)');
  for (const v of SATB_VOICES) lines.push(`V:${v.id} clef=${v.clef}` + (h.voiceNames ? ` name="${v.name}"` : ''));
  lines.push(`K:${formatKey(h.key)}`);
  return lines;
}

/** The tune: header, then each voice whole (V:S and its lines, V:A ...). */
export function framesToAbcVoices(frames: Frame[], ctx: AbcVoicesContext): string {
  const lines = abcScoreHeader(ctx);
  SATB_VOICES.forEach((v, k) => {
    lines.push(`V:${v.id}`);
    if (k === 0 && ctx.sopranoText !== undefined) lines.push(ctx.sopranoText);
    else pushAll(lines, abcVoiceLines(frames, k, ctx));
  });
  return lines.join('\n') + '\n';
}

/** One voice's music lines (chord symbols go in the soprano). */
export function abcVoiceLines(frames: Frame[], voice: number, ctx: AbcVoicesContext): string[] {
  const symbols = new Map<number, string>();
  if (voice === 0) for (const c of ctx.chordSymbols ?? []) symbols.set(c.frame, (symbols.get(c.frame) ?? '') + c.text);
  const joins = voice === 0 ? new Set<number>() : enteredFromElsewhere(ctx, frames.length);
  const runs = runsOf(frames, voice, new Set([...symbols.keys(), ...(ctx.keyChanges ?? []).map((c) => c.frame)]), joins);
  const fermatas = ctx.fermataFrames?.[voice] ?? new Set(runs.filter((r) => r.fermata && r.entry.kind === 'note').map((r) => r.start));
  const shift = ctx.semitones + (voice === 0 ? ctx.melodyOctave ?? 0 : 0);
  return writeVoice(runs, frames.length, { ...ctx, semitones: shift }, symbols, fermatas, voice === 0);
}

/**
 * Frames that a listener may reach from somewhere other than the frame before them, or whose frame before goes on
 * elsewhere too: each side of a repeat sign or an ending (playbackJoins). A note of a written voice is not tied into
 * them (the tie would go back to the start of the part, or into the other ending); it sounds again there.
 */
function enteredFromElsewhere(ctx: AbcVoicesContext, frameCount: number): Set<number> {
  if (!ctx.barLines) return new Set();
  return new Set(playbackJoins(ctx.barLines, ctx.finalBarLine ?? '|]', frameCount).flatMap((j) => [j.from + 1, j.to]));
}

/**
 * Notes, rests and slots with their lengths; a run also starts at each frame in `breaks` (where a chord symbol goes,
 * tied on) and in `joins` (not tied on).
 */
function runsOf(frames: Frame[], voice: number, breaks: Set<number>, joins: Set<number> = new Set()): Run[] {
  const runs: Run[] = [];
  frames.forEach((frame, i) => {
    const entry = frame.voices[voice] ?? { kind: 'rest' };
    const last = runs[runs.length - 1];
    const heldNote = entry.kind === 'note' && entry.held && last?.entry.kind === 'note' && last.entry.pitch === entry.pitch;
    const continues =
      last !== undefined &&
      (heldNote || (entry.kind === 'rest' && last.entry.kind === 'rest') || (entry.kind === 'slot' && last.entry.kind === 'slot'));
    if (continues && !breaks.has(i) && !joins.has(i)) {
      last.length++;
      last.fermata ||= frame.fermata;
    } else {
      runs.push({ entry, start: i, length: 1, fermata: frame.fermata && !(continues && last.fermata), continuesPrevious: continues && heldNote && !joins.has(i) });
    }
  });
  return runs;
}

function barLength16(meter: Meter): number {
  if (meter.free) return 16;
  return Math.max(1, Math.round(meter.barLength.toNumber() * 16));
}

function beat16(meter: Meter): number {
  if (meter.free || meter.denominator <= 4) return Math.max(1, 16 / Math.max(1, meter.denominator || 4));
  return isCompound(meter) ? 6 : 2;
}

function lengthText(sixteenthsCount: number, unit: Fraction): string {
  const f = new Fraction(sixteenthsCount, 16).div(unit);
  if (f.equals(Fraction.ONE)) return '';
  if (f.den === 1) return String(f.num);
  return (f.num === 1 ? '' : String(f.num)) + '/' + f.den;
}

function writeVoice(runs: Run[], total: number, ctx: AbcVoicesContext, symbols: Map<number, string>, fermatas: Set<number>, partLabels: boolean): string[] {
  const barLen = barLength16(ctx.meter);
  const beat = beat16(ctx.meter);
  const firstBarEnd = ctx.pickup > 0 && ctx.pickup < barLen ? ctx.pickup : barLen;
  const given = ctx.barLines && ctx.barLines.length > 0 ? ctx.barLines.filter((b) => b.frame > 0 && b.frame < total) : undefined;
  // A part label ([P:B]) is the melody's to show: written in every voice, abcjs draws it over each staff.
  const givenText = new Map(given?.map((b) => [b.frame, partLabels ? b.text : b.text.replace(/\[P:[^\]]*\]/g, '')]));
  const breaks = ctx.lineBreaks ? new Set(ctx.lineBreaks.filter((f) => f > 0 && f < total)) : undefined;
  const sortedBreaks = [...(breaks ?? [])].sort((a, b) => a - b);
  const barStartOf = (t: number) => {
    if (given) return given.filter((b) => b.frame <= t).pop()?.frame ?? 0;
    return t < firstBarEnd ? 0 : firstBarEnd + Math.floor((t - firstBarEnd) / barLen) * barLen;
  };
  const nextBarLine = (t: number) => {
    if (given) return given.find((b) => b.frame > t)?.frame ?? Number.MAX_SAFE_INTEGER;
    return t < firstBarEnd ? firstBarEnd : barStartOf(t) + barLen;
  };
  /** The next bar line or line break: a note is split (and tied) at either. */
  const nextBoundary = (t: number) => Math.min(nextBarLine(t), sortedBreaks.find((b) => b > t) ?? Number.MAX_SAFE_INTEGER);
  const keyChanges = new Map((ctx.keyChanges ?? []).map((c) => [c.frame, c.key]));
  let key = ctx.key;
  let signature = keyAccidentals(key);
  const accidentals = new BarAccidentals();
  const out: string[] = [];
  const barGap = ctx.spacedBarLines ? ' ' : '';
  const fermata = ctx.fermata ?? 'H';
  let line = (keyChanges.size > 0 ? `[K:${formatKey(key)}]` : '') + (ctx.openingBarLine ?? '');
  let afterBar = false;
  let barsOnLine = 0;
  let time = 0;

  const writePiece = (run: Run, length: number, firstOfRun: boolean, tieAfter: boolean) => {
    const sinceBar = time - barStartOf(time);
    if (sinceBar > 0 && sinceBar % beat === 0) line += ' ';
    if (afterBar) line += barGap;
    afterBar = false;
    const len = lengthText(length, ctx.unitLength);
    const newKey = firstOfRun ? keyChanges.get(run.start) : undefined;
    if (newKey) {
      key = newKey;
      signature = keyAccidentals(key);
      line += `[K:${formatKey(key)}]`;
    }
    if (firstOfRun) line += symbols.get(run.start) ?? '';
    for (let f = time; f < time + length; f++) if (fermatas.has(f)) line += fermata;
    if (run.entry.kind === 'note') {
      const p = spellPitch(run.entry.pitch - ctx.semitones, key);
      const inForce = accidentals.get(p.letter, p.octave) ?? signature[p.letter];
      const acc = inForce === p.accidental ? undefined : p.accidental;
      if (acc !== undefined) accidentals.set(p.letter, p.octave, acc);
      line += notePitchText(p.letter, p.octave, acc) + len + (tieAfter ? '-' : '');
    } else {
      line += (run.entry.kind === 'slot' ? 'x' : 'z') + len;
    }
    time += length;
  };

  runs.forEach((run, r) => {
    let left = run.length;
    let first = true;
    const tiedOn = runs[r + 1]?.continuesPrevious === true;
    while (left > 0) {
      const room = nextBoundary(time) - time;
      const inBar = Math.min(left, room);
      const parts = splitWritable(inBar, run.entry.kind === 'note' ? WRITABLE_NOTE : WRITABLE_REST);
      parts.forEach((part, k) => {
        const more = k < parts.length - 1 || left - inBar > 0 || tiedOn;
        writePiece(run, part, first, more && run.entry.kind === 'note');
        first = false;
      });
      left -= inBar;
      const atBar = time < total && time === nextBarLine(time - 1);
      if (atBar) {
        line += barGap + (givenText.get(time) ?? '|');
        afterBar = true;
        accidentals.clear();
        barsOnLine++;
      }
      if (time < total && (breaks ? breaks.has(time) : barsOnLine === BARS_PER_LINE) && line.trim() !== '') {
        const [, before = '', ending = ''] = ENDING_AT_END.exec(line) ?? REPEAT_START_AT_END.exec(line) ?? [];
        const moved = before === '' ? '' : ending;
        out.push(safeLine(line.slice(0, line.length - moved.length)));
        line = moved;
        afterBar = false;
        barsOnLine = 0;
      }
      if (atBar && /\d$/.test(line)) line += ' ';
    }
  });
  line += barGap + (given ? ctx.finalBarLine || '|]' : '|]');
  out.push(safeLine(line));
  return out;
}

/** A music line must not begin like a field line (`G:|` would read as a G: field). */
function safeLine(line: string): string {
  return /^[A-Za-z]:/.test(line) ? ' ' + line : line;
}

/** Greedy split into lengths one note or rest can show, longest first. */
function splitWritable(n: number, writable: number[]): number[] {
  const parts: number[] = [];
  let left = n;
  while (left > 0) {
    const part = writable.find((w) => w <= left)!;
    parts.push(part);
    left -= part;
  }
  return parts;
}
