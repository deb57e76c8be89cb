/**
 * What one model token is, from its text alone (for grammar-constrained decoding).
 *
 * `duration` is in units of L and covers the token alone: a note `c3/2` is 3/2, a chord `[CE]2` is the first
 * note's length times the chord's (2), a rest `z` 1. The decoder combines it with context (see bar-state.ts):
 * inside a tuplet `(p:q:r` the next r notes/rests/chords are multiplied by q/p; a broken-rhythm token after an
 * event multiplies that event by 3/2 (`>`), 7/4 (`>>`), 15/8 (`>>>`) and the next by 1/2, 1/4, 1/8 (`<` swaps);
 * notes inside `{ }` take no time; `Z`/`X` rests fill whole bars.
 */
import { Fraction } from '../music/fraction';
import type { Letter } from '../music/key';
import { scanLength, scanNote } from './scan-body';

export type AbcTokenKind =
  | 'special' | 'field' | 'inline-field' | 'note' | 'rest' | 'chord' | 'bar' | 'ending' | 'chord-symbol' | 'annotation'
  | 'decoration' | 'tuplet' | 'broken' | 'tie' | 'slur-open' | 'slur-close' | 'grace-open' | 'grace-close'
  | 'space' | 'newline' | 'continuation' | 'spacer' | 'unknown';

export interface AbcTokenClass {
  kind: AbcTokenKind;
  /** Notes, rests, chords: length in units of L, for the token alone. */
  duration?: Fraction;
  /** Notes: the written pitch. Chords: their first note. */
  pitch?: { accidental?: number; letter: Letter; octave: number };
  /** Fields (`K:G`, `[M:3/4]`): name and value. */
  field?: { name: string; value: string };
  /** Bars: repeat marks and ending number (`:|2`). Endings (`[2`): the number. */
  bar?: { repeatStart: boolean; repeatEnd: boolean; ending?: string };
  /** Tuplets: p, and q / r when written (q left out depends on the meter: see defaultTupletQ). */
  tuplet?: { p: number; q?: number; r?: number };
  /** Broken rhythm: direction and number of marks (1..3). */
  broken?: { direction: '>' | '<'; count: number };
  /** Rests: `Z`/`X` multi-measure rest, with its bar count. */
  multiMeasure?: number;
  /** Rests: `x` and `X` are invisible. */
  invisible?: boolean;
}

const cache = new Map<string, AbcTokenClass>();

export function classifyAbcToken(tok: string): AbcTokenClass {
  let c = cache.get(tok);
  if (!c) {
    c = classify(tok);
    if (cache.size < 100_000) cache.set(tok, c);
  }
  return c;
}

function classify(tok: string): AbcTokenClass {
  if (tok === '<tune>' || tok === '</tune>') return { kind: 'special' };
  if (tok === '\n') return { kind: 'newline' };
  if (/^[ \t]+$/.test(tok)) return { kind: 'space' };
  if (tok === '\\') return { kind: 'continuation' };
  let m = /^([A-Za-z]):(.*)$/s.exec(tok);
  if (m && !tok.includes('\n')) return { kind: 'field', field: { name: m[1], value: m[2] } };
  m = /^\[([A-Za-z]):([^\]]*)\]$/.exec(tok);
  if (m) return { kind: 'inline-field', field: { name: m[1], value: m[2] } };
  if (/^"[\^_<>@]/.test(tok) && tok.endsWith('"') && tok.length >= 3) return { kind: 'annotation' };
  if (/^"[^"]*"$/.test(tok)) return { kind: 'chord-symbol' };
  if (/^(![^!\s]+!|\+[^+\s]+\+|[.~HLMOPSTuv])$/.test(tok)) return { kind: 'decoration' };
  if (tok === '-') return { kind: 'tie' };
  if (tok === '(') return { kind: 'slur-open' };
  if (tok === ')') return { kind: 'slur-close' };
  if (tok === '{' || tok === '{/') return { kind: 'grace-open' };
  if (tok === '}') return { kind: 'grace-close' };
  if (tok === 'y' || tok === '`') return { kind: 'spacer' };
  if (/^(>{1,3}|<{1,3})$/.test(tok)) return { kind: 'broken', broken: { direction: tok[0] as '>' | '<', count: tok.length } };
  m = /^\((\d+)(?::(\d*))?(?::(\d*))?$/.exec(tok);
  if (m) {
    return { kind: 'tuplet', tuplet: { p: Number(m[1]), q: m[2] ? Number(m[2]) : undefined, r: m[3] ? Number(m[3]) : undefined } };
  }
  m = /^\[(\d+(?:[-,]\d+)*)$/.exec(tok);
  if (m) return { kind: 'ending', bar: { repeatStart: false, repeatEnd: false, ending: m[1] } };
  m = /^((?:\[\|)|(?::*\|[|\]:]*)|(?:::+))(\d+(?:[-,]\d+)*)?$/.exec(tok);
  if (m && /^[|:[\]]+$/.test(m[1])) {
    return { kind: 'bar', bar: { repeatStart: m[1].endsWith(':'), repeatEnd: m[1].startsWith(':'), ending: m[2] } };
  }
  const note = scanNote(tok, 0, tok.length);
  if (note && note.end === tok.length) {
    return { kind: 'note', duration: note.length, pitch: { accidental: note.accidental, letter: note.letter, octave: note.octave } };
  }
  m = /^([zx])(.*)$/.exec(tok);
  if (m) {
    const { length, end } = scanLength(tok, 1, tok.length);
    if (end === tok.length) return { kind: 'rest', duration: length, invisible: m[1] === 'x' };
  }
  m = /^([ZX])(\d*)$/.exec(tok);
  if (m) return { kind: 'rest', multiMeasure: m[2] ? Number(m[2]) : 1, invisible: m[1] === 'X' };
  if (tok.startsWith('[')) {
    // An unclosed chord (`[e2c2`, which the parser reads with a warning) counts like a closed one.
    const close = tok.lastIndexOf(']') > 0 ? tok.lastIndexOf(']') : tok.length;
    if (close > 1) {
      const first = scanNote(tok, tok.slice(1).search(/[\^_=A-Ga-g]/) + 1, close);
      const { length, end } = scanLength(tok, Math.min(close + 1, tok.length), tok.length);
      if (first && end === tok.length) {
        return { kind: 'chord', duration: first.length.mul(length), pitch: { accidental: first.accidental, letter: first.letter, octave: first.octave } };
      }
    }
  }
  return { kind: 'unknown' };
}

