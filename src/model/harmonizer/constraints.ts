/**
 * What the search may choose at each frame, worked out once per request from the melody and the options: which
 * pitch classes each generated voice may sound (chord symbols, the final tonic chord), where the lower voices may
 * rest, where they may strike, and which pitch classes the key's scale holds.
 */
import { chordPitchClasses, mod12, type ChordLabel } from '../../music/chord-label';
import type { Frame } from '../../satb';
import { chromaticClash, clashTable } from './rules';

export interface FinalChord {
  /** Pitch class of the tonic in the search's key. */
  tonic: number;
  minor: boolean;
  /** A minor piece ends on a major tonic chord (Bach's usual close), unless the melody itself sings the minor third. */
  picardy?: boolean;
}

export interface ConstraintOptions {
  /** The chord sounding at each frame (a chord symbol, in the search's key); undefined: the model chooses. */
  chords?: readonly (ChordLabel | undefined)[];
  /** Frames in a beat: chord tones are required on each beat under a chord, and a rest of the melody lasting at
   * least a beat lets the lower voices rest. */
  beatLength: number;
  /** Index of each frame in its bar. */
  positions: readonly number[];
  /** Pitch classes of the key's scale (search key), for chromatic clashes; default: the chorales' spelling (clashTable). */
  scale?: readonly number[];
  /** Pitch classes the lower voices may use anywhere (a mode's notes, so that no leading tone contradicts the
   * melody); a chord symbol's tones are allowed too under it. Undefined: any. */
  pitchClasses?: readonly number[];
  /** Where the lower voices may strike a new note (the harmonic rhythm); undefined: anywhere. */
  strikes?: readonly boolean[];
  /** End on a complete root-position tonic chord: from the melody's last note to the end. */
  finalChord?: FinalChord;
  /** Per frame, the melody's other notes where it plays a chord (`[ce]`: the C under its top note); no lower voice clashes with them. */
  otherMelodyNotes?: readonly (readonly number[] | undefined)[];
}

export interface FramePlan {
  /** Per generated voice (1..3): the pitch classes allowed here, or undefined for any. */
  allowed: (boolean[] | undefined)[];
  restAllowed: boolean;
  strikeAllowed: boolean;
  /** The bass is held to a chord's root or a final chord here (the tenor leaves it room). */
  bassRestricted?: boolean;
  /** Last frame of a final tonic chord: root, third and fifth must all sound. */
  completeTonic?: FinalChord;
}

export function planFrames(frames: readonly Frame[], options: ConstraintOptions): { plans: FramePlan[]; clashes: boolean[] } {
  const clashes = clashTable(options.scale);
  const n = frames.length;
  const restRun = sopranoRestRuns(frames);
  const everywhere = options.pitchClasses ? mask(new Set(options.pitchClasses)) : undefined;
  const plans: FramePlan[] = frames.map((_, f) => ({
    allowed: [undefined, everywhere, everywhere, everywhere],
    restAllowed: restRun[f] >= options.beatLength,
    strikeAllowed: options.strikes?.[f] ?? true,
  }));
  const chords = options.chords;
  if (chords) {
    let tones: boolean[] = [];
    for (let f = 0; f < n; f++) {
      const chord = chords[f];
      if (!chord) continue;
      const changes = f === 0 || !sameChord(chords[f - 1], chord);
      if (changes) tones = uncontradictedTones(frames, chords, f, clashes, options.otherMelodyNotes);
      if (!changes && options.positions[f] % options.beatLength !== 0) {
        if (everywhere) plans[f].allowed = [undefined, ...[1, 2, 3].map(() => everywhere.map((ok, pc) => ok || tones[pc]))];
        continue;
      }
      plans[f].allowed = [undefined, tones, tones, changes ? mask(new Set([chord.bass ?? chord.root])) : tones];
      plans[f].bassRestricted = true;
      plans[f].strikeAllowed ||= changes;
    }
  }
  const final = options.finalChord;
  if (final && n > 0) {
    const start = lastSopranoStrike(frames);
    const sung = mod12(sopranoPitch(frames, start) - final.tonic);
    const third = sung === 3 || sung === 4 ? sung : final.minor && !final.picardy ? 3 : 4;
    const triad = mask(new Set([final.tonic, final.tonic + third, final.tonic + 7]));
    for (let f = start; f < n; f++) {
      plans[f].allowed = [undefined, triad, triad, f === n - 1 ? mask(new Set([final.tonic])) : triad];
      plans[f].bassRestricted = true;
    }
    plans[start].strikeAllowed = true;
    // Where the lower voices may not strike again before the end (an accompaniment's harmonic rhythm), the chord
    // struck last is the one that closes: its bass is the root and it is complete from there on.
    let lastStrike = n - 1;
    while (lastStrike > start && !plans[lastStrike].strikeAllowed) lastStrike--;
    for (let f = lastStrike; f < n; f++) {
      plans[f].allowed[3] = mask(new Set([final.tonic]));
      plans[f].completeTonic = final;
      // With the root in the soprano and the bass, the alto and tenor must sound the third and the fifth: an alto
      // doubling the root would leave the tenor no way to complete the chord.
      if (mod12(sopranoPitch(frames, f) - final.tonic) === 0) plans[f].allowed[1] = mask(new Set([final.tonic + third, final.tonic + 7]));
    }
  }
  // The voices judge their clashes against the top note; a chord's other notes rule out their clashing pitch classes here.
  options.otherMelodyNotes?.forEach((notes, f) => {
    if (!notes || notes.length === 0 || f >= n) return;
    plans[f].allowed = plans[f].allowed.map((allowed, v) => (v === 0 ? allowed : Array.from({ length: 12 }, (_, pc) => (allowed?.[pc] ?? true) && !notes.some((p) => chromaticClash(pc, p, clashes)))));
  });
  return { plans, clashes };
}

/**
 * The tones of the chord that starts at `start` that the melody does not contradict while the chord lasts: under
 * "A" a melody singing C natural leaves out the C# (the lower voices sound the open fifth), as a fiddler's chord
 * would. The root stays: the bass needs it.
 */
function uncontradictedTones(frames: readonly Frame[], chords: readonly (ChordLabel | undefined)[], start: number, clashes: readonly boolean[], others?: readonly (readonly number[] | undefined)[]): boolean[] {
  const chord = chords[start]!;
  const tones = mask(chordPitchClasses(chord));
  for (let f = start; f < frames.length && sameChord(chords[f], chord); f++) {
    for (const sung of melodyNotes(frames, f, others)) {
      for (let pc = 0; pc < 12; pc++) if (tones[pc] && pc !== mod12(chord.root) && chromaticClash(pc, sung, clashes)) tones[pc] = false;
    }
  }
  return tones;
}

/** Every note the melody sounds at frame f: its top note and, in a chord, the others. */
function melodyNotes(frames: readonly Frame[], f: number, others?: readonly (readonly number[] | undefined)[]): number[] {
  const top = sopranoPitch(frames, f);
  return top < 0 ? [] : [top, ...(others?.[f] ?? [])];
}

/** For each frame, the length of the run of soprano rests it lies in (0 where the soprano sounds). */
function sopranoRestRuns(frames: readonly Frame[]): number[] {
  const out = new Array<number>(frames.length).fill(0);
  let f = 0;
  while (f < frames.length) {
    if (frames[f].voices[0].kind !== 'rest') {
      f++;
      continue;
    }
    let e = f;
    while (e < frames.length && frames[e].voices[0].kind === 'rest') e++;
    for (let k = f; k < e; k++) out[k] = e - f;
    f = e;
  }
  return out;
}

function sopranoPitch(frames: readonly Frame[], f: number): number {
  const s = frames[f].voices[0];
  return s.kind === 'note' ? s.pitch : -1;
}

function lastSopranoStrike(frames: readonly Frame[]): number {
  for (let f = frames.length - 1; f >= 0; f--) {
    const s = frames[f].voices[0];
    if (s.kind === 'note' && !s.held) return f;
  }
  return frames.length - 1;
}

/** Whether the melody's last note belongs to the final tonic chord (a melody ending on the second degree does not). */
export function endsOnTonicChordTone(frames: readonly Frame[], final: FinalChord): boolean {
  for (let f = frames.length - 1; f >= 0; f--) {
    const s = frames[f].voices[0];
    if (s.kind !== 'note') continue;
    const d = (((s.pitch - final.tonic) % 12) + 12) % 12;
    return d === 0 || d === 4 || d === 7 || (final.minor && d === 3);
  }
  return false;
}

function sameChord(a: ChordLabel | undefined, b: ChordLabel): boolean {
  return !!a && a.root === b.root && a.quality === b.quality && a.bass === b.bass;
}

function mask(pcs: Set<number>): boolean[] {
  const out = new Array<boolean>(12).fill(false);
  for (const pc of pcs) out[mod12(pc)] = true;
  return out;
}
