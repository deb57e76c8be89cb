/**
 * Figures of harmonized folk tunes, judged on the text written back: tunes refused, chord tones and the bass at each
 * chord symbol's onset, parallels involving a generated voice, the closing chord, and whether the melody plays as it
 * did (its pitches, onsets and durations as abcjs plays the tune before and after).
 */
import { minOf } from '../common/arrays';
import abcjs from 'abcjs';
import { parseAbc } from '../abc';
import { chordLabelsPerFrame } from '../abc/chord-symbols';
import { abcVoiceToFrames } from '../abc/frames';
import { chordPitchClasses, closingTriad, mod12 } from '../music/chord-label';
import { isMinorish } from '../music';
import { completeTriad, parallelPerfect } from '../model/harmonizer/rules';
import type { HarmonizingModel, HarmonizeOptions } from '../model/tasks/harmonize';
import { harmonizeText } from '../model/tasks/harmonize-text';
import type { Frame } from '../satb';

export interface FolkTune {
  name: string;
  /** One tune's text, X: to the end. */
  text: string;
}

export interface FolkHarmonizationFigures {
  tunes: number;
  refused: number;
  /** The first few refusals: tune name and message. */
  refusals: string[];
  tunesWithChordSymbols: number;
  /** Chord symbol onsets that name a chord the harmonizer reads, and those of other symbols ("Gsus4"). */
  chordOnsets: number;
  unreadChordSymbols: number;
  /** Share of chord onsets where every alto, tenor and bass note is a tone of the chord. */
  chordTonesAtOnsets: number;
  /** Share of chord onsets with the bass on the chord's root (or its written slash bass). */
  bassOnRoot: number;
  /** Parallel fifths and octaves by similar motion involving a generated voice, per 100 note onsets. */
  parallelsPer100Onsets: number;
  tunesWithParallels: number;
  /** Of the tunes whose last chord symbol is the tonic (or that have none), those whose last chord is a complete
   * root-position triad on the mode's tonic (with the symbol's third, where it is one). */
  endingOnTonic: number;
  tonicEndings: number;
  /** Of the tunes whose last chord symbol names another chord with a triad (a part ending on the dominant or its
   * seventh), those that end on that triad complete and in root position. */
  endingAsWritten: number;
  otherEndings: number;
  /** Tunes whose first voice plays the same pitches, onsets and durations in abcjs before and after. */
  melodyUnchanged: number;
  /** The first few tunes whose melody changed. */
  melodyChanged: string[];
  /** Harmonizing time: total and the longest tune. */
  seconds: number;
  slowestSeconds: number;
  slowestTune: string;
  /** The first tune in common or cut time of at least 32 bars (a reel): its name, bars and harmonizing time. */
  reel?: { tune: string; bars: number; seconds: number };
}

const LISTED = 5;

export async function folkHarmonizationFigures(model: HarmonizingModel, tunes: readonly FolkTune[], options: HarmonizeOptions = {}): Promise<FolkHarmonizationFigures> {
  const f: FolkHarmonizationFigures = {
    tunes: tunes.length, refused: 0, refusals: [], tunesWithChordSymbols: 0, chordOnsets: 0, unreadChordSymbols: 0, chordTonesAtOnsets: 0,
    bassOnRoot: 0, parallelsPer100Onsets: 0, tunesWithParallels: 0, endingOnTonic: 0, tonicEndings: 0, endingAsWritten: 0, otherEndings: 0, melodyUnchanged: 0, melodyChanged: [],
    seconds: 0, slowestSeconds: 0, slowestTune: '',
  };
  let chordTones = 0, roots = 0, parallels = 0, onsets = 0;
  for (const tune of tunes) {
    const started = performance.now();
    let out: string;
    try {
      out = await harmonizeText(model, tune.text, 'abc', undefined, { beamWidth: 8, ...options });
    } catch (err) {
      f.refused++;
      if (f.refusals.length < LISTED) f.refusals.push(`${tune.name}: ${err instanceof Error ? err.message : String(err)}`);
      continue;
    }
    const seconds = (performance.now() - started) / 1000;
    f.seconds += seconds;
    if (seconds > f.slowestSeconds) Object.assign(f, { slowestSeconds: seconds, slowestTune: tune.name });
    const melodyIn = abcVoiceToFrames(parseAbc(tune.text).tunes[0]);
    const bars = melodyIn.frames.length / 16;
    if (!f.reel && !melodyIn.meter.free && melodyIn.meter.barLength.toNumber() === 1 && bars >= 32) f.reel = { tune: tune.name, bars, seconds };
    if (sameMelody(tune.text, out)) f.melodyUnchanged++;
    else if (f.melodyChanged.length < LISTED) f.melodyChanged.push(tune.name);

    const written = parseAbc(out).tunes[0];
    const voices = ['S', 'A', 'T', 'B'].map((v) => abcVoiceToFrames(written, v));
    const frames = zipVoices(voices.map((v) => v.frames));
    const melody = voices[0];
    const labels = chordLabelsPerFrame(melody.chordSymbols, frames.length, melody.semitones);
    const symbolFrames = melody.chordSymbols.filter((s) => /"[^\^_<>@"][^"]*"/.test(s.text));
    if (symbolFrames.length > 0) f.tunesWithChordSymbols++;
    for (const s of symbolFrames) {
      const label = labels[s.frame];
      const frame = frames[s.frame];
      if (!label || !frame) {
        f.unreadChordSymbols++;
        continue;
      }
      f.chordOnsets++;
      const tones = chordPitchClasses(label);
      const lower = frame.voices.slice(1).flatMap((v) => (v.kind === 'note' ? [v.pitch] : []));
      if (lower.every((p) => tones.has(mod12(p)))) chordTones++;
      const bass = frame.voices[3];
      if (bass.kind === 'note' && mod12(bass.pitch) === mod12(label.bass ?? label.root)) roots++;
    }
    const counted = parallelsAndOnsets(frames);
    parallels += counted.parallels;
    onsets += counted.onsets;
    if (counted.parallels > 0) f.tunesWithParallels++;
    const minor = isMinorish(melody.key.mode);
    const tonic = minor ? 9 : 0;
    const close = labels[labels.length - 1];
    const triad = close && closingTriad(close);
    if (triad && triad.root !== tonic) {
      f.otherEndings++;
      if (endsOn(frames, triad.root, triad.minor)) f.endingAsWritten++;
    } else {
      f.tonicEndings++;
      // A tonic chord symbol says which third it has ("Am" closing an A mixolydian tune).
      if (endsOn(frames, tonic, triad ? triad.minor : minor)) f.endingOnTonic++;
    }
  }
  f.chordTonesAtOnsets = f.chordOnsets ? chordTones / f.chordOnsets : 1;
  f.bassOnRoot = f.chordOnsets ? roots / f.chordOnsets : 1;
  f.parallelsPer100Onsets = onsets ? (100 * parallels) / onsets : 0;
  return f;
}

/** Four voices' frames side by side (the shortest sets the length). */
function zipVoices(voices: Frame[][]): Frame[] {
  const n = minOf(voices.map((v) => v.length));
  return Array.from({ length: n }, (_, i) => ({ fermata: voices[0][i].fermata, voices: voices.map((v) => v[i].voices[0]) }));
}

/** Parallels between every pair of voices (each pair holds a generated voice), and the note onsets of all four. */
function parallelsAndOnsets(frames: readonly Frame[]): { parallels: number; onsets: number } {
  const pitch = (f: Frame, v: number) => (f.voices[v].kind === 'note' ? (f.voices[v] as { pitch: number }).pitch : -1);
  let parallels = 0, onsets = 0;
  frames.forEach((frame, k) => {
    for (let a = 0; a < 4; a++) {
      const v = frame.voices[a];
      if (v.kind === 'note' && !v.held) onsets++;
      if (k === 0) continue;
      for (let b = a + 1; b < 4; b++) if (parallelPerfect(pitch(frames[k - 1], a), pitch(frame, a), pitch(frames[k - 1], b), pitch(frame, b))) parallels++;
    }
  });
  return { parallels, onsets };
}

/** The last frame sounds a complete triad on `root` with the root in the bass. */
function endsOn(frames: readonly Frame[], root: number, minor: boolean): boolean {
  const last = frames[frames.length - 1];
  if (!last) return false;
  const pitches = last.voices.map((v) => (v.kind === 'note' ? v.pitch : -1));
  return pitches[3] >= 0 && mod12(pitches[3]) === root && completeTriad(pitches, root, minor);
}

type PlayedNote = [pitch: number, start: number, duration: number];
interface AudioTune {
  setUpAudio(options: object): { tracks: { cmd: string; pitch: number; start: number; duration: number; startChar?: number | null }[][] };
}

/**
 * The notes abcjs plays from a tune's body in its first track (chord-symbol accompaniment left out), timed from the
 * body's start. abcjs also plays a header field it does not know (the Nottingham tunes' `Y:AB`) as notes before the
 * tune: those are not the melody, and they shift it by their length.
 */
export function playedMelody(text: string): PlayedNote[] {
  const [tune] = abcjs.parseOnly(text) as unknown as AudioTune[];
  const bodyStart = parseAbc(text).tunes[0]?.bodyStart ?? 0;
  const notes = (tune?.setUpAudio({}).tracks[0] ?? []).filter((e) => e.cmd === 'note' && e.startChar !== undefined && e.startChar !== null);
  const inHeader = notes.filter((e) => e.startChar! < bodyStart);
  // A repeat without its opening sign goes back to the tune's start, and plays those header notes again.
  const before = (t: number) => inHeader.reduce((sum, e) => sum + (e.start < t ? e.duration : 0), 0);
  return notes
    .filter((e) => e.startChar! >= bodyStart)
    .map((e): PlayedNote => [e.pitch, round(e.start - before(e.start)), round(e.duration)])
    .sort((a, b) => a[1] - b[1] || a[0] - b[0]);
}

export function sameMelody(before: string, after: string): boolean {
  return JSON.stringify(playedMelody(before)) === JSON.stringify(playedMelody(after));
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;
