import { advanceBarState, classifyAbcToken, type AbcBarState, type AbcTokenClass } from '../../abc';
import { Fraction } from '../../music/fraction';
import { keyAccidentals, type Letter } from '../../music/key';
import type { Vocabulary } from '../vocabulary';
import type { Grammar } from './grammar';

/** Where ABC generation stands: the notation core's bar state, plus what the grammar needs on top. */
export interface AbcGrammarState {
  readonly bar: AbcBarState;
  readonly lastKind: string;
  /** Bar lines written since generation began, and how many end it. */
  readonly barsWritten: number;
  readonly stopAfterBars: number;
}

/** Plain bar lines only: repeats and endings need a structure the grammar does not track. */
const GENERATED_BAR_LINES = new Set(['|', '||', '|]']);

/** A chord of plain notes, closed, with an optional length (the corpus also holds typos such as `[e2c2`). */
const WELL_FORMED_CHORD = /^\[(?:(?:\^\^|__|[\^_=])?[A-Ga-g][,']*\d*(?:\/+\d*)?)+\]\d*(?:\/+\d*)?$/;

interface TokenInfo {
  id: number;
  cls: AbcTokenClass;
  /** Notes and chords: every written accidental (a chord may have several). */
  accidentals: { letter: string; value: number }[];
}

const ACCIDENTAL_VALUE: Record<string, number> = { '^^': 2, '^': 1, '=': 0, _: -1, __: -2 };

/** Accidentals written in a note or chord token, with the letter they apply to (upper case). */
export function writtenAccidentals(tok: string): { letter: string; value: number }[] {
  return [...tok.matchAll(/(\^\^|__|[\^_=])([A-Ga-g])/g)].map((m) => ({ letter: m[2].toUpperCase(), value: ACCIDENTAL_VALUE[m[1]] }));
}

/**
 * Generation rules for the ABC model's body tokens (the rules, in plain words):
 * - notes, rests (`z`), chords `[..]`, chord symbols, single spaces and plain bar lines are generated; tuplets,
 *   broken rhythm, grace notes, ties, slurs, decorations, fields, line breaks and endings are read in the prefix
 *   (the bar state counts them exactly) but never generated, so every bar can be checked with plain sums;
 * - a note, rest or chord is allowed only if it fits in what is left of the bar AND what is left after it can
 *   still be filled exactly by unaccidented notes and rests of the vocabulary (no dead end); a bar line (`|`,
 *   `||`, `|]`) only when the bar is exactly full;
 * - key: a note without an accidental always (the key signature applies); a written accidental only when it
 *   restates the key signature, or when the tune has already written that same accidental on that letter
 *   before the cursor (its own chromatic notes, e.g. ^G in A minor); double accidentals never;
 * - a chord symbol only before something that takes time (not twice in a row, not in a full bar).
 */
export class AbcGrammar implements Grammar<AbcGrammarState> {
  private readonly timed: TokenInfo[] = [];
  private readonly bars: number[] = [];
  private readonly chordSymbols: number[] = [];
  private readonly spaces: number[] = [];
  private readonly safeDurations: Fraction[];
  private readonly fillable = new Map<string, boolean>();
  private barLines: Set<number> | undefined;
  /** allowed() by everything it depends on: rows and beams keep meeting the same situations. */
  private readonly allowedMemo = new Map<string, readonly number[]>();
  private readonly keyIds = new WeakMap<object, string>();

  constructor(
    private readonly vocab: Vocabulary,
    /** `letter:accidental` pairs the tune wrote before the cursor (e.g. `G:1` for ^G, any octave). */
    private readonly chromatics: ReadonlySet<string> = new Set(),
  ) {
    const safe = new Map<string, Fraction>();
    vocab.tokens.forEach((tok, id) => {
      const cls = classifyAbcToken(tok);
      const timed = cls.kind === 'note' || (cls.kind === 'chord' && WELL_FORMED_CHORD.test(tok)) || (cls.kind === 'rest' && !cls.invisible && cls.multiMeasure === undefined);
      if (timed && cls.duration && cls.duration.num > 0) {
        const accidentals = writtenAccidentals(tok);
        if (accidentals.some((a) => Math.abs(a.value) > 1)) return;
        this.timed.push({ id, cls, accidentals });
        if (cls.kind === 'rest' || (cls.kind === 'note' && accidentals.length === 0)) safe.set(cls.duration.toString(), cls.duration);
      } else if (GENERATED_BAR_LINES.has(tok)) {
        this.bars.push(id);
      } else if (cls.kind === 'chord-symbol') {
        this.chordSymbols.push(id);
      } else if (tok === ' ') {
        this.spaces.push(id);
      }
    });
    this.safeDurations = [...safe.values()].sort((a, b) => a.compare(b));
    if (this.bars.length === 0) throw new Error('the vocabulary has no bar line token: not an ABC model');
  }

  /** Generation from `bar` (the state after the prefix), stopping after `bars` bar lines. */
  start(bar: AbcBarState, lastToken: string | undefined, bars: number): AbcGrammarState {
    return { bar, lastKind: lastToken === undefined ? 'bar' : classifyAbcToken(lastToken).kind, barsWritten: 0, stopAfterBars: bars };
  }

  /** Whether `r` (units of L) can be filled exactly by unaccidented notes and rests. */
  canFill(r: Fraction): boolean {
    if (r.num === 0) return true;
    const key = r.toString();
    const known = this.fillable.get(key);
    if (known !== undefined) return known;
    this.fillable.set(key, false); // guards the recursion; the answer is written below
    const ok = this.safeDurations.some((d) => d.compare(r) <= 0 && this.canFill(r.sub(d)));
    this.fillable.set(key, ok);
    return ok;
  }

  /** Multiplier the next note gets from an open tuplet or a broken rhythm in the prefix. */
  private pendingFactor(bar: AbcBarState): Fraction {
    let f = Fraction.ONE;
    if (bar.tupletRemaining) f = f.mul(bar.tupletRemaining.factor);
    if (bar.pendingBroken) f = f.mul(bar.pendingBroken);
    return f;
  }

  private keyAllows(bar: AbcBarState, t: TokenInfo): boolean {
    if (t.accidentals.length === 0) return true;
    const signature = keyAccidentals(bar.key);
    return t.accidentals.every((a) => a.value === (signature[a.letter as Letter] ?? 0) || this.chromatics.has(`${a.letter}:${a.value}`));
  }

  allowed(state: AbcGrammarState): readonly number[] {
    if (this.isDone(state)) return [];
    const { bar } = state;
    let keyId = this.keyIds.get(bar.key);
    if (keyId === undefined) this.keyIds.set(bar.key, (keyId = JSON.stringify(keyAccidentals(bar.key))));
    const memoKey = [
      bar.barLength, bar.barDurationSoFar, bar.pendingBroken ?? '', bar.tupletRemaining ? `${bar.tupletRemaining.notes}x${bar.tupletRemaining.factor}` : '',
      bar.lastEventDuration === undefined ? 'n' : 'e', bar.inGrace ? 'g' : '', state.lastKind, keyId,
    ].join('|');
    let ids = this.allowedMemo.get(memoKey);
    if (!ids) {
      if (this.allowedMemo.size > 4096) this.allowedMemo.clear();
      this.allowedMemo.set(memoKey, (ids = this.computeAllowed(state)));
    }
    return ids;
  }

  private computeAllowed(state: AbcGrammarState): readonly number[] {
    const { bar } = state;
    const free = bar.barLength.num === 0;
    const left = free ? Fraction.ONE : bar.barLength.sub(bar.barDurationSoFar);
    const out: number[] = [];
    if (bar.inGrace) return out; // a grace group open in the prefix: nothing is generated inside it
    if (left.num <= 0 || (free && bar.lastEventDuration !== undefined)) {
      if (left.num === 0 || free) out.push(...this.bars);
      if (!free) return out;
    }
    const factor = this.pendingFactor(bar);
    const settled = factor.num === factor.den && !bar.tupletRemaining;
    for (const t of this.timed) {
      if (!this.keyAllows(bar, t)) continue;
      if (free) {
        out.push(t.id);
        continue;
      }
      const d = t.cls.duration!.mul(factor);
      if (d.compare(left) > 0) continue;
      // Inside a tuplet the rest of the bar is checked once it closes; outside, it must stay fillable.
      if (settled && !this.canFill(left.sub(d))) continue;
      out.push(t.id);
    }
    if (state.lastKind !== 'chord-symbol' && state.lastKind !== 'space') out.push(...this.spaces);
    if (state.lastKind !== 'chord-symbol' && out.length > 0) out.push(...this.chordSymbols);
    return out;
  }

  advance(state: AbcGrammarState, id: number): AbcGrammarState {
    const tok = this.vocab.token(id);
    const kind = classifyAbcToken(tok).kind;
    return {
      bar: advanceBarState(state.bar, tok),
      lastKind: kind,
      barsWritten: state.barsWritten + (kind === 'bar' ? 1 : 0),
      stopAfterBars: state.stopAfterBars,
    };
  }

  isDone(state: AbcGrammarState): boolean {
    return state.barsWritten >= state.stopAfterBars;
  }

  /** Every bar line of the vocabulary (repeats and endings too): the prefix cache's checkpoints. */
  barLineIds(): Set<number> {
    if (!this.barLines) {
      this.barLines = new Set<number>();
      this.vocab.tokens.forEach((tok, id) => {
        if (classifyAbcToken(tok).kind === 'bar') this.barLines!.add(id);
      });
    }
    return this.barLines;
  }
}
