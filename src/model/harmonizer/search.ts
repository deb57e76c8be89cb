/**
 * Beam search over the harmonizer: one frame at a time, alto then tenor then bass, each chosen under the grammar
 * (a held note continues the voice's pitch; rests only under a rest of the melody lasting a beat or more) and the
 * voice-leading rules of rules.ts as hard constraints. A candidate that breaks a rule is kept only with a penalty
 * that outweighs any difference in probability, so a rule gives way only where every beam would break it (where
 * the given notes force it), and then in that frame only.
 */
import { chordLabelId, type ChordLabel } from '../../music/chord-label';
import { voiceName, voiceToken, type Frame, type VoiceEntry } from '../../satb';
import { logSumExp } from '../decoding/sampling';
import { EngineInputError, throwIfAborted } from '../errors';
import { selectRows, zeroState, type LstmState } from '../step';
import { endsOnTonicChordTone, planFrames, type FinalChord, type FramePlan } from './constraints';
import type { HarmonizerModel } from './harmonizer-model';
import type { MelodyRows } from './network';
import { TransposedViews } from './transposed-views';
import { VOICE_SOUNDING_RANGES, chromaticClash, completeTriad, parallelPerfect, voiceJudge, type FrameRules } from './rules';

/** Where the melody stands in its meter and key, as the encoder reads it. */
export interface MelodyContext {
  /** Sixteenths in a bar. */
  barLength: number;
  /** Sixteenths before the first bar line. */
  pickup: number;
  minor: boolean;
  /** Sixteenths in a beat (default: a quarter, or a dotted quarter in 6/8, 9/8, 12/8). */
  beatLength?: number;
}

export interface HarmonizerSearchOptions {
  beamWidth?: number;
  alternatives?: number;
  context?: MelodyContext;
  chords?: readonly (ChordLabel | undefined)[];
  /** Semitones from the search's pitches to the sounding ones (ranges are judged there). */
  toSounding?: number;
  /** Semitones from the melody's tokens to the octave the lower voices are set against (a melody moved by an octave
   * to fit the model's vocabulary, which sounds where it is written): the rules judge the soprano there. */
  melodyOffset?: number;
  scale?: readonly number[];
  /** Pitch classes the lower voices may use (a mode's notes); chord symbols add theirs. Undefined: any. */
  pitchClasses?: readonly number[];
  strikes?: readonly boolean[];
  /**
   * Where playing goes from frame `from` straight to frame `to`: a repeat back to the start of its part, the second
   * time through into a second ending. Parallels are judged across each as between neighbours.
   */
  joins?: readonly { from: number; to: number }[];
  /** 'auto' (default): when the last frame lies under a fermata and the melody ends on a tonic-chord tone (a minor chorale closing with a Picardy third). */
  finalChord?: FinalChord | 'auto' | 'none';
  /** Semitones the model hears the melody moved by, its log-probabilities averaged over them (transposed-views.ts); default [0]. */
  views?: readonly number[];
  /** Per frame, the melody's other notes where it plays a chord (the frames hold its top note): no lower voice clashes with them. */
  otherMelodyNotes?: readonly (readonly number[] | undefined)[];
}

export interface SearchResult {
  frames: Frame[];
  logprob: number;
  /** Rules broken in the result, a clash or parallel counting HEARD_FIRST (0 unless the given notes forced it). */
  violations: number;
}

const PENALTY = 1000;
/** Partial choices (after alto, after tenor) kept per beam. */
const PARTIALS_PER_BEAM = 2;

interface Beam {
  logprob: number;
  broken: number;
  prev: [number, number, number];
  /** Written pitches of the previous frame, soprano to bass (-1: rest / none). */
  pitches: number[];
  choices: { ids: [number, number, number]; previous: Beam['choices'] } | undefined;
  /** The pitches of the frames a repeat join will judge against later, newest first. */
  marks: { frame: number; pitches: number[]; previous: Beam['marks'] } | undefined;
}

interface Partial {
  beam: number;
  ids: number[];
  pitches: (number | undefined)[];
  logprob: number;
  broken: number;
}

/** Beam width from which the tenor and bass layers run in two batches (searchHarmonization). */
const SPLIT_WIDTH = 16;

/** The beam a stretch that led into a dead end is searched again with. */
const WIDE_BEAM = 32;
/** How far back a dead end sends the search: bars, and at least this many frames. */
const BACKTRACK_BARS = 1;
const MIN_BACKTRACK = 8;

function fewestBroken(beams: readonly Beam[]): number {
  let fewest = Infinity;
  for (const b of beams) fewest = Math.min(fewest, b.broken);
  return fewest;
}

/**
 * The best harmonizations, best first. Where a beam walks into a dead end (at some frame every beam has to break a
 * rule, because of a choice a few frames before that the next ones revealed), the search goes back and tries that
 * stretch again with a wider beam; what still breaks a rule then is forced by the given notes.
 */
export async function searchHarmonization(model: HarmonizerModel, frames: Frame[], options: HarmonizerSearchOptions = {}, signal?: AbortSignal): Promise<SearchResult[]> {
  const narrow = Math.max(1, Math.floor(options.beamWidth ?? 8));
  const wanted = Math.max(1, Math.min(narrow, Math.floor(options.alternatives ?? 1)));
  const context = options.context ?? { barLength: 16, pickup: 0, minor: false };
  const beatLength = context.beatLength ?? defaultBeat(context.barLength);
  const melody = melodyRows(model, frames, context, options.chords);
  const finalChord = resolveFinalChord(frames, context, options.finalChord);
  const { plans, clashes } = planFrames(frames, { chords: options.chords, beatLength, positions: positionsInBar(frames.length, context), scale: options.scale, pitchClasses: options.pitchClasses, strikes: options.strikes, finalChord, otherMelodyNotes: options.otherMelodyNotes });
  const toSounding = options.toSounding ?? 0;
  const melodyOffset = options.melodyOffset ?? 0;
  const shifts = TransposedViews.fitting(model.config.vocab, frames, options.views ?? [0]);
  const net = shifts.length === 1 && shifts[0] === 0 ? model.network : new TransposedViews(model.network, model.config.vocab, shifts);
  const encoding = await net.encode(melody);
  throwIfAborted(signal);
  const W = net.encodingWidth;
  const V = net.vocabSize;
  const start = model.vocab.startId;
  let state: LstmState = zeroState(net.layers, net.hidden, 1);
  let beams: Beam[] = [{ logprob: 0, broken: 0, prev: [start, start, start], pitches: [-1, -1, -1, -1], choices: undefined, marks: undefined }];
  const back = Math.max(MIN_BACKTRACK, BACKTRACK_BARS * context.barLength);
  const saved: ({ beams: Beam[]; state: LstmState } | undefined)[] = [];
  const retried = new Set<number>();
  let wideUntil = -1;
  // Going back costs wide frames; a melody whose given notes force fault after fault spends at most one wide pass.
  let wideBudget = frames.length;

  const joinedBefore = new Map<number, number[]>();
  const joinedAfter = new Map<number, number[]>();
  // The earlier frame of each join, which the beams carry forward (marks) to be read back when the later comes.
  const marked = new Set<number>();
  for (const { from, to } of options.joins ?? []) {
    if (!(from >= 0 && to >= 0 && from < frames.length && to < frames.length) || to === from + 1 || to === from) continue;
    // Each join is judged at the later of its two frames, when the earlier is chosen.
    if (from < to) joinedBefore.set(to, [...(joinedBefore.get(to) ?? []), from]);
    else joinedAfter.set(from, [...(joinedAfter.get(from) ?? []), to]);
    marked.add(Math.min(from, to));
  }

  for (let f = 0; f < frames.length; f++) {
    throwIfAborted(signal);
    saved[f] = { beams, state };
    if (f > back) saved[f - back - 1] = undefined;
    const width = f <= wideUntil ? Math.max(narrow, WIDE_BEAM) : narrow;
    const frame = frames[f];
    const plan = plans[f];
    const B = beams.length;
    const enc = new Float32Array(B * W);
    const row = encoding.subarray(f * W, (f + 1) * W);
    for (let b = 0; b < B; b++) enc.set(row, b * W);
    const out = await net.step(enc, beams.map((x) => x.prev[0]), beams.map((x) => x.prev[1]), beams.map((x) => x.prev[2]), state);
    const soprano = heardPitch(frame.voices[0], melodyOffset);
    const ahead = lookahead(frames, plans, f, melodyOffset, toSounding, clashes);
    const earlier = (g: number): number[][] => beams.map((beam) => markedPitches(beam, g));
    const heardBefore = joinedBefore.has(f) ? joinedBefore.get(f)!.map(earlier) : undefined;
    const heardAfter = joinedAfter.has(f) ? joinedAfter.get(f)!.map(earlier) : undefined;
    let partials: Partial[] = beams.map((beam, b) => ({ beam: b, ids: [], pitches: [soprano, ...frame.voices.slice(1).map(givenPitch)], logprob: beam.logprob, broken: beam.broken }));
    for (let voice = 1; voice <= 3; voice++) {
      const given = frame.voices[voice];
      if (given.kind !== 'slot') {
        const id = model.vocab.id(voiceToken(given));
        if (id === undefined) throw new EngineInputError(`${where(frame, f)}, ${voiceName(voice)}: ${voiceToken(given)} is not in the harmonizer's vocabulary`);
        partials = partials.map((p) => ({ ...p, ids: [...p.ids, id] }));
        continue;
      }
      // The best partials so far, by rank, ties by beam then by the order made: a stable sort of all, cut short.
      const capacity = voice === 3 ? width : width * PARTIALS_PER_BEAM;
      const next: Partial[] = [];
      const ranks: number[] = [];
      const consider = (p: Partial, rowLogits: Float32Array): void => {
        const floor = next.length === capacity ? ranks[capacity - 1] : -Infinity;
        // No choice adds to the logprob (a log-probability is at most 0), so the partial's own rank bounds its choices'.
        if (p.logprob - PENALTY * p.broken < floor) return;
        const norm = logSumExp(rowLogits);
        const rules: FrameRules = { current: p.pitches, previous: beams[p.beam].pitches, toSounding, clashes, allowed: plan.allowed[voice], melodySpacing: plan.strikeAllowed };
        if (heardBefore) rules.heardBefore = heardBefore.map((rows) => rows[p.beam]);
        if (heardAfter) rules.heardAfter = heardAfter.map((rows) => rows[p.beam]);
        const kept = bestOptions(model, voice, beams[p.beam].pitches[voice], plan, rules, p.pitches, voice >= 2 ? plan.completeTonic : undefined, ahead, rowLogits, width, p, norm, floor);
        for (let j = 0; j < kept.count; j++) {
          const logprob = p.logprob + rowLogits[kept.id[j]] - norm;
          const broken = p.broken + kept.broken[j];
          const score = logprob - PENALTY * broken;
          let at = next.length;
          while (at > 0 && (ranks[at - 1] < score || (ranks[at - 1] === score && next[at - 1].beam > p.beam))) at--;
          if (at >= capacity) continue;
          const pitches = p.pitches.slice();
          pitches[voice] = kept.pitch[j];
          next.splice(at, 0, { beam: p.beam, ids: [...p.ids, kept.id[j]], pitches, logprob, broken });
          ranks.splice(at, 0, score);
          if (next.length > capacity) {
            next.pop();
            ranks.pop();
          }
        }
      };
      if (voice === 1) {
        for (const p of partials) consider(p, out.altoLogits.subarray(p.beam * V, (p.beam + 1) * V));
      } else {
        const layer = (batch: Partial[]): Promise<Float32Array> => {
          const hidden = gatherRows(out.hidden, batch.map((p) => p.beam), net.outputWidth);
          return voice === 2 ? net.tenor(hidden, batch.map((p) => p.ids[0])) : net.bass(hidden, batch.map((p) => p.ids[0]), batch.map((p) => p.ids[1]));
        };
        // Partials come best first. In a wide beam the later ones go through the layer only where the earlier ones'
        // choices have left them room: a choice never raises a partial's rank (the margin covers rounding). A layer's
        // row does not depend on the other rows of its batch. (A narrow beam's batches are too small to gain by it.)
        const first = width >= SPLIT_WIDTH ? Math.min(partials.length, width) : partials.length;
        let batch = partials.slice(0, first);
        for (let phase = 0; batch.length > 0; phase++) {
          const logits = await layer(batch);
          batch.forEach((p, i) => consider(p, logits.subarray(i * V, (i + 1) * V)));
          if (phase > 0) break;
          const floor = next.length === capacity ? ranks[capacity - 1] : -Infinity;
          batch = partials.slice(first).filter((p) => {
            const bound = p.logprob - PENALTY * p.broken;
            return bound + 1e-6 * (1 + Math.abs(bound)) >= floor;
          });
        }
      }
      partials = next;
    }
    if (partials.length > width) {
      partials.sort((a, b) => rank(b) - rank(a) || a.beam - b.beam);
      partials = partials.slice(0, width);
    }
    const fewest = fewestBroken(beams);
    if (width < WIDE_BEAM && !retried.has(f) && wideBudget > 0 && partials.every((p) => p.broken > fewest)) {
      // A dead end: go back and come here again wider.
      retried.add(f);
      const from = Math.max(0, f - back);
      wideBudget -= f - from + 1;
      ({ beams, state } = saved[from]!);
      wideUntil = f;
      f = from - 1;
      continue;
    }
    const parents = partials.map((p) => p.beam);
    state = selectRows(out.state, parents);
    beams = partials.map((p) => ({
      logprob: p.logprob,
      broken: p.broken,
      prev: [p.ids[0], p.ids[1], p.ids[2]],
      pitches: p.pitches.map((x) => x ?? -1),
      choices: { ids: [p.ids[0], p.ids[1], p.ids[2]], previous: beams[p.beam].choices },
      marks: beams[p.beam].marks,
    }));
    if (marked.has(f)) for (const beam of beams) beam.marks = { frame: f, pitches: beam.pitches, previous: beam.marks };
  }
  beams.sort((a, b) => rank(b) - rank(a));
  return beams.slice(0, wanted).map((beam) => ({ frames: fill(model, frames, beam), logprob: beam.logprob, violations: beam.broken }));
}

function rank(x: { logprob: number; broken: number }): number {
  return x.logprob - PENALTY * x.broken;
}

/** The slot's best choices (bestOptions writes them here), best first: token id, pitch (-1 rest), rules broken. */
const best = { count: 0, id: new Int32Array(64), pitch: new Int32Array(64), broken: new Int32Array(64), score: new Float64Array(64) };
/** The slot's candidate ids under the grammar, a heap by descending logit (ties: the lower id first). */
let candidates = new Int32Array(512);

/**
 * The `k` choices for a slot under the grammar with the best score (logit, less PENALTY per rule broken; ties: the
 * lower id), written into `best`. Rules are counted for candidates in descending order of logit and only until no
 * candidate left could score above the k-th kept (a score is never above its logit), or give the partial a rank
 * below `floor` (the worst rank the frame's list of partials still keeps, once it is full).
 */
function bestOptions(model: HarmonizerModel, voice: number, previousPitch: number, plan: FramePlan, rules: FrameRules, pitches: readonly (number | undefined)[], complete: FinalChord | undefined, ahead: Lookahead | undefined, logits: Float32Array, k: number, partial: Partial, norm: number, floor: number): typeof best {
  if (candidates.length < model.voiceIds.length) candidates = new Int32Array(model.voiceIds.length);
  if (best.id.length < k) {
    for (const key of ['id', 'pitch', 'broken'] as const) best[key] = new Int32Array(k);
    best.score = new Float64Array(k);
  }
  const heap = candidates;
  const ids = slotIds(model);
  heap.set(ids.struck);
  let n = ids.struck.length;
  const held = previousPitch >= 0 ? ids.held[previousPitch] : undefined;
  if (held !== undefined) heap[n++] = held;
  if (plan.restAllowed) for (const id of ids.rests) heap[n++] = id;
  for (let i = (n >> 1) - 1; i >= 0; i--) siftDown(heap, n, i, logits);
  const judge = voiceJudge(voice, rules);
  const checkBass = voice === 2 && plan.bassRestricted && pitches[3] === undefined;
  const all = pitches.map((p) => p ?? -1);
  let kept = 0;
  while (n > 0) {
    const id = heap[0];
    heap[0] = heap[--n];
    siftDown(heap, n, 0, logits);
    const logit = logits[id];
    if (kept === k && logit < best.score[k - 1]) break;
    if (partial.logprob + logit - norm - PENALTY * partial.broken < floor) break;
    const pitch = model.voiceInfo[id]!.pitch;
    let broken = 0;
    if (pitch >= 0) {
      broken = judge(pitch);
      if (!model.voiceInfo[id]!.held && !plan.strikeAllowed && previousPitch >= 0) broken++;
      if (ahead?.closesTheWay(voice, pitch)) broken++;
      if (checkBass && !bassFits(pitch, rules, plan.allowed[3]!, complete)) broken++;
      if (complete) {
        all[voice] = pitch;
        // Choosing the tenor, the bass is still to come, and at the final chord it can only be the root.
        if (voice === 2) all[3] = complete.tonic;
        if (!completeTriad(all, complete.tonic, complete.minor)) broken++;
      }
    }
    const score = logit - PENALTY * broken;
    if (kept === k && !(score > best.score[k - 1] || (score === best.score[k - 1] && id < best.id[k - 1]))) continue;
    let at = kept < k ? kept++ : k - 1;
    while (at > 0 && (best.score[at - 1] < score || (best.score[at - 1] === score && best.id[at - 1] > id))) {
      best.id[at] = best.id[at - 1];
      best.pitch[at] = best.pitch[at - 1];
      best.broken[at] = best.broken[at - 1];
      best.score[at] = best.score[at - 1];
      at--;
    }
    best.id[at] = id;
    best.pitch[at] = pitch;
    best.broken[at] = broken;
    best.score[at] = score;
  }
  best.count = kept;
  return best;
}

/** A model's voice tokens by kind: struck notes, the held note of each pitch, rests. */
interface SlotIds {
  struck: Int32Array;
  held: (number | undefined)[];
  rests: number[];
}

const slotIdCache = new WeakMap<HarmonizerModel, SlotIds>();

function slotIds(model: HarmonizerModel): SlotIds {
  let ids = slotIdCache.get(model);
  if (!ids) {
    const struck: number[] = [];
    const held: (number | undefined)[] = [];
    const rests: number[] = [];
    for (const id of model.voiceIds) {
      const info = model.voiceInfo[id]!;
      if (info.pitch < 0) rests.push(id);
      else if (info.held) held[info.pitch] = id;
      else struck.push(id);
    }
    ids = { struck: Int32Array.from(struck), held, rests };
    slotIdCache.set(model, ids);
  }
  return ids;
}

/** Restores the heap property below `i`: a parent's logit is at least its children's (ties: the lower id above). */
function siftDown(heap: Int32Array, n: number, i: number, logits: Float32Array): void {
  const x = heap[i];
  for (;;) {
    let c = 2 * i + 1;
    if (c >= n) break;
    if (c + 1 < n && before(logits, heap[c + 1], heap[c])) c++;
    if (!before(logits, heap[c], x)) break;
    heap[i] = heap[c];
    i = c;
  }
  heap[i] = x;
}

function before(logits: Float32Array, a: number, b: number): boolean {
  return logits[a] > logits[b] || (logits[a] === logits[b] && a < b);
}

/** Whether, with this tenor, some bass in the frame's allowed pitch classes keeps every rule (and completes the final chord). */
function bassFits(tenor: number, rules: FrameRules, allowed: readonly boolean[], complete: FinalChord | undefined): boolean {
  const current = rules.current.slice();
  current[2] = tenor;
  const judge = voiceJudge(3, { ...rules, current, allowed });
  const [lo, hi] = VOICE_SOUNDING_RANGES[3];
  for (let q = lo - rules.toSounding; q <= hi - rules.toSounding; q++) {
    if (!allowed[((q % 12) + 12) % 12]) continue;
    if (judge(q) > 0) continue;
    if (complete && !completeTriad([current[0] ?? -1, current[1] ?? -1, tenor, q], complete.tonic, complete.minor)) continue;
    return true;
  }
  return false;
}

/**
 * Foresight to the next frame where the lower voices may strike: a note chosen now sounds until then. A pitch that
 * would clash with, or cross above, a melody note before then, or from which the voice could reach none of that
 * frame's allowed pitches (a chord symbol's tones, the final tonic chord) without parallels, a clash or a crossing
 * against the soprano, would leave the search no clean way on.
 */
function lookahead(frames: readonly Frame[], plans: readonly FramePlan[], f: number, offset: number, toSounding: number, clashes: readonly boolean[]): Lookahead | undefined {
  let next = f + 1;
  while (next < frames.length && !plans[next].strikeAllowed) next++;
  const heldOver: number[] = [];
  for (let h = f + 1; h < next; h++) heldOver.push(heardPitch(frames[h].voices[0], offset));
  const strike = next < frames.length ? { before: heardPitch(frames[next - 1].voices[0], offset), soprano: heardPitch(frames[next].voices[0], offset), plan: plans[next] } : undefined;
  return heldOver.length > 0 || strike ? new Lookahead(heldOver, strike, toSounding, clashes) : undefined;
}

class Lookahead {
  private readonly memo = new Map<number, boolean>();

  constructor(
    /** The soprano's pitches (-1: rest) the chosen note is held against before the next strike. */
    private readonly heldOver: readonly number[],
    /** The next frame where the voices may strike: the soprano just before it and there, and what it allows. */
    private readonly strike: { before: number; soprano: number; plan: FramePlan } | undefined,
    private readonly toSounding: number,
    private readonly clashes: readonly boolean[],
  ) {}

  closesTheWay(voice: number, pitch: number): boolean {
    if (pitch < 0) return false;
    const key = voice * 1000 + pitch;
    let closed = this.memo.get(key);
    if (closed === undefined) {
      const allowed = this.strike?.plan.allowed[voice];
      closed = this.heldOver.some((s) => s >= 0 && (pitch > s || chromaticClash(pitch, s, this.clashes))) || (allowed !== undefined && !this.someWayOn(voice, pitch, allowed));
      this.memo.set(key, closed);
    }
    return closed;
  }

  private someWayOn(voice: number, pitch: number, allowed: readonly boolean[]): boolean {
    const { before, soprano } = this.strike!;
    const [lo, hi] = VOICE_SOUNDING_RANGES[voice];
    for (let q = lo - this.toSounding; q <= hi - this.toSounding; q++) {
      if (!allowed[((q % 12) + 12) % 12]) continue;
      if (soprano >= 0 && (q > soprano || chromaticClash(q, soprano, this.clashes))) continue;
      if (parallelPerfect(before, soprano, pitch, q)) continue;
      return true;
    }
    return false;
  }
}

export function melodyRows(model: HarmonizerModel, frames: readonly Frame[], context: MelodyContext, chords?: readonly (ChordLabel | undefined)[]): MelodyRows {
  const n = frames.length;
  const rows: MelodyRows = {
    soprano: new Int32Array(n),
    fermata: new Int32Array(n),
    position: new Int32Array(n),
    bar: new Int32Array(n).fill(model.barClass(context.barLength)),
    chord: new Int32Array(n),
    minor: new Int32Array(n).fill(context.minor ? 1 : 0),
  };
  const positions = positionsInBar(n, context);
  const cap = model.config.inputs.positions - 1;
  frames.forEach((frame, f) => {
    if (frame.voices.length !== 4) throw new EngineInputError(`${where(frame, f)} has ${frame.voices.length} voices; harmonizing needs S A T B (use (?) for the voices to fill)`);
    const s = frame.voices[0];
    if (s.kind === 'slot') throw new EngineInputError(`${where(frame, f)}: the soprano is a slot (?); the harmonizer needs the melody`);
    const id = model.vocab.id(voiceToken(s));
    if (id === undefined) throw new EngineInputError(`${where(frame, f)}: the soprano's ${voiceToken(s)} is outside the harmonizer's range`);
    rows.soprano[f] = id;
    rows.fermata[f] = frame.fermata ? 1 : 0;
    rows.position[f] = Math.min(cap, positions[f]);
    rows.chord[f] = chordLabelId(chords?.[f]);
  });
  return rows;
}

function positionsInBar(n: number, context: MelodyContext): number[] {
  const L = Math.max(1, context.barLength);
  return Array.from({ length: n }, (_, f) => (((f - context.pickup) % L) + L) % L);
}

function defaultBeat(barLength: number): number {
  return barLength % 6 === 0 && barLength !== 12 ? 6 : 4;
}

function resolveFinalChord(frames: readonly Frame[], context: MelodyContext, option: HarmonizerSearchOptions['finalChord']): FinalChord | undefined {
  if (option === 'none' || frames.length === 0) return undefined;
  if (option && option !== 'auto') return option;
  if (!frames[frames.length - 1].fermata) return undefined;
  const tonic = context.minor ? 9 : 0;
  // A minor-key chorale whose melody ends on the fifth closes on the major chord of that fifth, the Phrygian close
  // (all 17 such chorales of the corpus do); otherwise on the tonic, minor ones with a Picardy third.
  if (context.minor && lastSopranoPitchClass(frames) === (tonic + 7) % 12) return { tonic: (tonic + 7) % 12, minor: false };
  const final = { tonic, minor: context.minor, picardy: true };
  return endsOnTonicChordTone(frames, final) ? final : undefined;
}

function lastSopranoPitchClass(frames: readonly Frame[]): number {
  for (let f = frames.length - 1; f >= 0; f--) {
    const s = frames[f].voices[0];
    if (s.kind === 'note') return s.pitch % 12;
  }
  return -1;
}

function writtenPitch(v: VoiceEntry): number {
  return v.kind === 'note' ? v.pitch : -1;
}

/** The pitches of marked frame g, soprano to bass (-1: a rest), as the beam chose them. */
function markedPitches(beam: Beam, g: number): number[] {
  for (let mark = beam.marks; mark; mark = mark.previous) if (mark.frame === g) return mark.pitches;
  return [-1, -1, -1, -1];
}

function heardPitch(v: VoiceEntry, offset: number): number {
  return v.kind === 'note' ? v.pitch + offset : -1;
}

function givenPitch(v: VoiceEntry): number | undefined {
  return v.kind === 'slot' ? undefined : writtenPitch(v);
}

function gatherRows(data: Float32Array, rows: readonly number[], width: number): Float32Array {
  const out = new Float32Array(rows.length * width);
  rows.forEach((r, i) => out.set(data.subarray(r * width, (r + 1) * width), i * width));
  return out;
}

function where(frame: Frame, f: number): string {
  const at = frame.range?.start;
  return at ? `line ${at.line + 1}, column ${at.column + 1} (frame ${f + 1})` : `frame ${f + 1}`;
}

function fill(model: HarmonizerModel, frames: readonly Frame[], beam: Beam): Frame[] {
  const chosen: [number, number, number][] = [];
  for (let c = beam.choices; c; c = c.previous) chosen.push(c.ids);
  chosen.reverse();
  return frames.map((frame, f) => ({
    ...frame,
    voices: frame.voices.map((v, voice): VoiceEntry => {
      if (v.kind !== 'slot') return v;
      const info = model.voiceInfo[chosen[f][voice - 1]]!;
      return info.pitch < 0 ? { kind: 'rest' } : { kind: 'note', pitch: info.pitch, held: info.held };
    }),
  }));
}
