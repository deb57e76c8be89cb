/**
 * Where a token stream stands in its bar, for constrained decoding: meter, unit length, key, how much of the
 * bar is filled and what the next note's length will be multiplied by. Durations here are in units of L.
 *
 * To check a candidate token: `const next = advanceBarState(state, tok)`; a note/rest/chord fits when
 * `next.barDurationSoFar <= next.barLength`; a bar line is exact when `state.barDurationSoFar` equals
 * `state.barLength` (or, at a section start, when the bar is a shorter pickup: `state.sectionStart`).
 */
import { Fraction } from '../music/fraction';
import { C_MAJOR, KeySignature, parseKey } from '../music/key';
import { defaultUnitLength, FREE_METER, isCompound, parseMeter, parseUnitLength } from './meter';
import { defaultTupletQ } from './scan-body';
import { classifyAbcToken } from './token-classes';
import type { Meter } from './types';

export interface AbcBarState {
  meter: Meter;
  /** L, in whole notes. */
  unitLength: Fraction;
  /** Whether L: was given (otherwise it follows M: changes). */
  unitGiven: boolean;
  key: KeySignature;
  /** Filled part of the current bar, in units of L (tuplets and broken rhythm applied). */
  barDurationSoFar: Fraction;
  /** A full bar in units of L (zero for free meter). */
  barLength: Fraction;
  /** Multiplier waiting for the next note/rest/chord, from a broken-rhythm token. */
  pendingBroken?: Fraction;
  /** Open tuplet: notes still to come and their multiplier. */
  tupletRemaining?: { notes: number; factor: Fraction };
  /** Length of the last note/rest/chord of this bar (units of L, as counted), for a following `>`/`<`. */
  lastEventDuration?: Fraction;
  /** Inside `{ }`: notes take no time. */
  inGrace: boolean;
  /** The current bar starts a section (a short pickup bar is allowed). */
  sectionStart: boolean;
  /** Bars completed so far. */
  barIndex: number;
  /** Whether the header tokens (M: L: K:) have all been read. */
  inBody: boolean;
  headerTokensSeen: number;
  /** The last line ended with a `\\` continuation (a field line after it does not end the bar). */
  continued: boolean;
}

const LONG = [1, 3 / 2, 7 / 4, 15 / 8].map((x) => new Fraction(Math.round(x * 8), 8));
const SHORT = [1, 1 / 2, 1 / 4, 1 / 8].map((x) => new Fraction(Math.round(x * 8), 8));

export function initialBarState(): AbcBarState {
  return {
    meter: FREE_METER, unitLength: new Fraction(1, 8), unitGiven: false, key: C_MAJOR, barDurationSoFar: Fraction.ZERO,
    barLength: Fraction.ZERO, inGrace: false, sectionStart: true, barIndex: 0, inBody: false, headerTokensSeen: 0,
    continued: false,
  };
}

function barLengthOf(meter: Meter, unit: Fraction): Fraction {
  return meter.free ? Fraction.ZERO : meter.barLength.div(unit);
}

function applyField(s: AbcBarState, name: string, value: string): void {
  const v = value.replace(/%.*$/, '');
  if (name === 'M') {
    const m = parseMeter(v);
    if (!m) return;
    s.meter = m;
    if (!s.unitGiven) s.unitLength = defaultUnitLength(m);
  } else if (name === 'L') {
    const l = parseUnitLength(v);
    if (!l) return;
    // Rescale what is already counted so the bar keeps its length in whole notes.
    s.barDurationSoFar = s.barDurationSoFar.mul(s.unitLength).div(l);
    s.unitLength = l;
    s.unitGiven = true;
  } else if (name === 'K') {
    s.key = parseKey(v).key;
  }
  s.barLength = barLengthOf(s.meter, s.unitLength);
}

/** A part label on its own line after music without a bar line closes the bar (as the checker does). */
function endBarAtField(s: AbcBarState): void {
  s.barIndex++;
  s.barDurationSoFar = Fraction.ZERO;
  s.sectionStart = true;
  s.pendingBroken = undefined;
  s.lastEventDuration = undefined;
}

/** The state after one more token. Pure: returns a new object. */
export function advanceBarState(prev: AbcBarState, tok: string): AbcBarState {
  const s: AbcBarState = { ...prev };
  const c = classifyAbcToken(tok);
  if (c.kind === 'continuation') s.continued = true;
  else if (c.kind !== 'newline' && c.kind !== 'space' && c.kind !== 'field') s.continued = false;
  switch (c.kind) {
    case 'special':
      return tok === '<tune>' ? initialBarState() : s;
    case 'field':
      applyField(s, c.field!.name, c.field!.value);
      if (!s.inBody) {
        s.headerTokensSeen++;
        if (s.headerTokensSeen >= 3) s.inBody = true;
      } else if (/[PMKT]/.test(c.field!.name)) {
        if (s.barDurationSoFar.isZero()) s.sectionStart = true;
        else if (!s.continued) endBarAtField(s);
      }
      return s;
    case 'inline-field':
      applyField(s, c.field!.name, c.field!.value);
      if (c.field!.name === 'P' && s.barDurationSoFar.isZero()) s.sectionStart = true;
      return s;
    case 'bar': {
      const hadContent = !s.barDurationSoFar.isZero();
      if (hadContent) s.barIndex++;
      s.sectionStart = tok !== '|' || (!hadContent && s.sectionStart);
      s.barDurationSoFar = Fraction.ZERO;
      s.pendingBroken = undefined;
      s.lastEventDuration = undefined;
      return s;
    }
    case 'grace-open':
      s.inGrace = true;
      return s;
    case 'grace-close':
      s.inGrace = false;
      return s;
    case 'tuplet': {
      const t = c.tuplet!;
      const q = t.q ?? defaultTupletQ(t.p, isCompound(s.meter));
      s.tupletRemaining = { notes: t.r ?? t.p, factor: new Fraction(q, Math.max(1, t.p)) };
      return s;
    }
    case 'broken': {
      if (s.lastEventDuration === undefined) return s;
      const b = c.broken!;
      const [first, second] = b.direction === '>' ? [LONG, SHORT] : [SHORT, LONG];
      const changed = s.lastEventDuration.mul(first[b.count]);
      s.barDurationSoFar = s.barDurationSoFar.add(changed.sub(s.lastEventDuration));
      s.lastEventDuration = changed;
      s.pendingBroken = second[b.count];
      return s;
    }
    case 'note':
    case 'rest':
    case 'chord': {
      if (s.inGrace && c.kind !== 'rest') return s;
      let d = c.multiMeasure !== undefined ? s.barLength.mul(new Fraction(c.multiMeasure)) : c.duration ?? Fraction.ONE;
      if (s.tupletRemaining) {
        d = d.mul(s.tupletRemaining.factor);
        const left = s.tupletRemaining.notes - 1;
        s.tupletRemaining = left > 0 ? { ...s.tupletRemaining, notes: left } : undefined;
      }
      if (s.pendingBroken) {
        d = d.mul(s.pendingBroken);
        s.pendingBroken = undefined;
      }
      s.barDurationSoFar = s.barDurationSoFar.add(d);
      s.lastEventDuration = d;
      return s;
    }
    default:
      return s;
  }
}

/** The bar state after a tune's tokens so far (from `<tune>` on). */
export function abcBarState(tokens: readonly string[]): AbcBarState {
  let s = initialBarState();
  for (const t of tokens) s = advanceBarState(s, t);
  return s;
}
