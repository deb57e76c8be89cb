/** Transposition of ABC text: keys, notes (respelled, accidentals rewritten per bar) and chord symbols. */
import { fifthsOf, formatKey, keyAccidentals, KeySignature, Letter, parseKey, spellingAtFifths, tonicName } from '../music/key';
import { transposeKey, transposePitch } from '../music/pitch';
import { parseAbc } from './parse';
import { BarAccidentals, notePitchText, tunePitches } from './pitches';
import type { AbcTune } from './types';

export interface TransposeOptions {
  /** Only this tune (0-based index in the file); default: all tunes. */
  tune?: number;
  /** Only this voice (V: id). Its notes are respelled for the transposed key but written against the signature
   * in force (key fields stay, since other voices share them). Default: every voice, and the K: fields move. */
  voice?: string;
}

export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Transposes by `semitones`; returns the new text. Text outside the transposed tunes is kept as is. */
export function transposeAbc(text: string, semitones: number, options: TransposeOptions = {}): string {
  if (semitones === 0) return text;
  const { tunes } = parseAbc(text);
  const edits: Edit[] = [];
  tunes.forEach((tune, k) => {
    if (options.tune === undefined || options.tune === k) edits.push(...transposeTune(text, tune, semitones, options.voice));
  });
  return applyEdits(text, edits);
}

/** Applies non-overlapping edits in one pass. */
export function applyEdits(text: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) continue;
    parts.push(text.slice(at, e.start), e.text);
    at = e.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

function keyEdit(text: string, valueStart: number, valueEnd: number, semitones: number): Edit | undefined {
  const raw = text.slice(valueStart, valueEnd);
  const body = raw.replace(/%.*$/, '');
  const parsed = parseKey(body);
  if (parsed.problems.length > 0) return undefined;
  const m = /^(\s*)(\S+(?:\s+(?:maj\w*|min\w*|m|ion\w*|dor\w*|phr\w*|lyd\w*|mix\w*|aeo\w*|loc\w*))?(?:\s+exp)?(?:\s+(?:\^\^|\^|__|_|=)[A-Ga-g])*)/i.exec(body);
  if (!m || /^(clef|[a-z-]+=)/.test(m[2])) return undefined;
  const moved = transposeKey(parsed.key, semitones);
  return { start: valueStart + m[1].length, end: valueStart + m[1].length + m[2].length, text: formatKey(moved) };
}

const PITCH_RE = /(\^\^|\^|__|_|=)?[A-Ga-g][',]*/y;

function transposeTune(text: string, tune: AbcTune, semitones: number, voice?: string): Edit[] {
  const edits: Edit[] = [];
  const moveKeys = voice === undefined;
  if (moveKeys) {
    const k = [...tune.headers].reverse().find((h) => h.name === 'K');
    if (k) {
      const e = keyEdit(text, k.start + 2, k.end, semitones);
      if (e) edits.push(e);
    }
    for (const el of tune.elements) {
      if (el.kind !== 'field' || el.name !== 'K') continue;
      const e = el.inline ? keyEdit(text, el.start + 3, el.end - 1, semitones) : keyEdit(text, el.start + 2, el.end, semitones);
      if (e) edits.push(e);
    }
  }
  // Target bar accidentals per voice, reset at bar lines of that voice.
  const bars = new Map<string, BarAccidentals>();
  const barOf = (v: string) => bars.get(v) ?? bars.set(v, new BarAccidentals()).get(v)!;
  const moves = new Map<KeySignature, { to: KeySignature; writtenSignature: Record<Letter, number> }>();
  const moveOf = (from: KeySignature) => {
    const to = transposeKey(from, semitones);
    const written = moveKeys ? to : from;
    return { to, writtenSignature: keyAccidentals(written) };
  };
  const pitches = tunePitches(tune);
  let pi = 0;
  const keys = new Map<string, KeySignature>();
  for (const el of tune.elements) {
    if (el.kind === 'field' && el.name === 'K') keys.set(el.inline ? el.voice : '*', parseKey(el.value.replace(/%.*$/, '')).key);
    if (voice !== undefined && el.voice !== voice) {
      if (el.kind === 'note') pi++;
      if (el.kind === 'chord') pi += el.notes.length;
      continue;
    }
    if (el.kind === 'bar') barOf(el.voice).clear();
    if (el.kind === 'chord-symbol') {
      const from = keys.get(el.voice) ?? keys.get('*') ?? tune.key;
      const moved = transposeChordSymbol(el.text, transposeKey(from, semitones).fifths - from.fifths);
      if (moved !== el.text) edits.push({ start: el.start + 1, end: el.end - 1, text: moved });
    }
    if (el.kind !== 'note' && el.kind !== 'chord') continue;
    const count = el.kind === 'note' ? 1 : el.notes.length;
    for (let n = 0; n < count; n++) {
      const p = pitches[pi++];
      const from: KeySignature = p.key;
      const { to, writtenSignature } = moves.get(from) ?? moves.set(from, moveOf(from)).get(from)!;
      const q = transposePitch(p.spelled, semitones, from, to);
      const bar = barOf(el.voice);
      const inForce = bar.get(q.letter, q.octave) ?? writtenSignature[q.letter];
      const needs = inForce !== q.accidental || p.note.accidental !== undefined;
      if (needs) bar.set(q.letter, q.octave, q.accidental);
      PITCH_RE.lastIndex = p.note.start;
      const pitchEnd = p.note.start + (PITCH_RE.exec(text)?.[0].length ?? 0);
      edits.push({ start: p.note.start, end: pitchEnd, text: notePitchText(q.letter, q.octave, needs ? q.accidental : undefined) });
    }
  }
  return edits;
}

/**
 * Moves a chord symbol's root and bass `fifthsDelta` steps on the line of fifths (the key's move):
 * `A7/c+` → `B7/d+` for +2. `#`/`b`, or Nottingham's lowercase bass with `+`/`-`, keep their style.
 */
export function transposeChordSymbol(symbol: string, fifthsDelta: number): string {
  const delta = fifthsDelta;
  const m = /^(\(?)([A-G])(##|bb|#|b)?([^/]*)(?:\/([A-Ga-g])(##|bb|\+\+|--|[#b+-])?)?(\)?)$/.exec(symbol);
  if (!m) return symbol;
  const accOf = (t: string | undefined) => (!t ? 0 : /[#+]/.test(t) ? t.length : -t.length);
  const root = spellingAtFifths(fifthsOf(m[2] as Letter, accOf(m[3])) + delta);
  if (Math.abs(root.accidental) > 2) return symbol;
  let result = m[1] + tonicName(root.letter, root.accidental) + m[4];
  if (m[5]) {
    const lower = m[5] === m[5].toLowerCase();
    const acc = accOf(m[6]);
    const bass = spellingAtFifths(fifthsOf(m[5].toUpperCase() as Letter, acc) + delta);
    const nottingham = m[6] === '+' || m[6] === '-' || m[6] === '++' || m[6] === '--' || (lower && !m[6]);
    const accText = bass.accidental === 0 ? '' : nottingham ? (bass.accidental > 0 ? '+' : '-').repeat(Math.abs(bass.accidental)) : tonicName('C', bass.accidental).slice(1);
    result += '/' + (lower ? bass.letter.toLowerCase() : bass.letter) + accText;
  }
  return result + m[7];
}
