/** Splits an ABC tune body into elements (notes, bars, chord symbols, spaces, ...) with exact offsets. */
import { Fraction } from '../music/fraction';
import type { Letter } from '../music/key';
import type { AbcElement, AbcNote } from './types';

export interface RawDiagnostic {
  severity: 'error' | 'warning' | 'info';
  message: string;
  start: number;
  end: number;
  code: string;
}

type Emit = (d: RawDiagnostic) => void;

/** Decoration letters of ABC 2.1 (and `J`, `R`, `t`, which abcjs reads too); `U:` fields add more. */
const DECORATION_LETTERS = '.~HJLMOPRSTtuv';
const ACCIDENTALS: Record<string, number> = { '^^': 2, '^': 1, '__': -2, _: -1, '=': 0 };

/** Parses a length suffix (`2`, `/2`, `/`, `//`, `3/2`) at `pos`; returns the multiplier and the end offset. */
const LENGTH_RE = /(\d*)((\/+)(\d*))?/y;

/** The longest note length and the smallest fraction of the unit a length may write. */
const MAX_LENGTH_PART = 4096;

export function scanLength(text: string, pos: number, limit: number, emit?: Emit): { length: Fraction; end: number } {
  const first = text.charCodeAt(pos);
  if (pos >= limit || !((first >= 48 && first <= 57) || first === 47)) return { length: Fraction.ONE, end: pos };
  const re = LENGTH_RE;
  re.lastIndex = pos;
  const m = re.exec(text);
  if (!m || m[0].length === 0) return { length: Fraction.ONE, end: pos };
  const end = pos + m[0].length;
  let num = m[1] ? Number(m[1]) : 1;
  let den = 1;
  if (m[2]) {
    const slashes = m[3].length;
    den = m[4] ? Number(m[4]) * 2 ** (slashes - 1) : 2 ** slashes;
  }
  const problem =
    den === 0 ? 'has a zero denominator'
    : num === 0 ? 'is zero'
    : !Number.isSafeInteger(num) || !Number.isSafeInteger(den) || num > MAX_LENGTH_PART || den > MAX_LENGTH_PART ? `is out of range (from 1/${MAX_LENGTH_PART} to ${MAX_LENGTH_PART} units)`
    : undefined;
  if (problem) {
    emit?.({ severity: 'error', message: `note length '${m[0]}' ${problem}`, start: pos, end, code: 'abc.length' });
    num = 1;
    den = 1;
  }
  return { length: new Fraction(num, den), end };
}

const NOTE_RE = /(\^\^|\^|__|_|=)?([A-Ga-g])([',]*)/y;

/** Scans one note (`^c'2`) at `pos`, or returns undefined when no note starts there. */
export function scanNote(text: string, pos: number, limit: number, emit?: Emit): AbcNote | undefined {
  const m = NOTE_RE;
  m.lastIndex = pos;
  const r = m.exec(text);
  if (!r) return undefined;
  const lower = r[2] === r[2].toLowerCase();
  let octave = lower ? 5 : 4;
  for (const c of r[3]) octave += c === "'" ? 1 : -1;
  const { length, end } = scanLength(text, pos + r[0].length, limit, emit);
  return {
    accidental: r[1] === undefined ? undefined : ACCIDENTALS[r[1]],
    letter: r[2].toUpperCase() as Letter,
    octave,
    length,
    start: pos,
    end,
  };
}

/** Default q of a tuplet (p:q:r) when q is not written; `compound` for 6/8, 9/8, 12/8 ... */
export function defaultTupletQ(p: number, compound: boolean): number {
  if (p === 2 || p === 4 || p === 8) return 3;
  if (p === 3 || p === 6) return 2;
  return compound ? 3 : 2;
}

export interface ScanContext {
  emit: Emit;
  /** Current voice; updated by V: fields. */
  voice: string;
  /** Whether the meter is compound (for the default q of odd tuplets). */
  compound: () => boolean;
  /** Letters that `U:` fields made decorations (`U:W = !trill!`). */
  userDecorations?: string;
}

/** The first `ch` in text[from, lineEnd), or -1: a search that never reads past the line, however long the document. */
function indexInLine(text: string, ch: string, from: number, lineEnd: number): number {
  const code = ch.charCodeAt(0);
  for (let i = from; i < lineEnd; i++) if (text.charCodeAt(i) === code) return i;
  return -1;
}

/** Scans one line of music (`lineStart` to `lineEnd`, without its line break) into `out`. */
export function scanMusicLine(text: string, lineStart: number, lineEnd: number, ctx: ScanContext, out: AbcElement[]): void {
  let pos = lineStart;
  let inGrace = false;
  const push = (el: Record<string, unknown> & { kind: string; start: number; end: number }) => {
    el.voice = ctx.voice;
    out.push(el as unknown as AbcElement);
    pos = el.end;
  };
  const err = (message: string, start: number, end: number, code = 'abc.syntax', severity: RawDiagnostic['severity'] = 'error') =>
    ctx.emit({ severity, message, start, end, code });

  while (pos < lineEnd) {
    const c = text[pos];
    const next = text[pos + 1];
    if (c === ' ' || c === '\t') {
      let e = pos;
      while (e < lineEnd && (text[e] === ' ' || text[e] === '\t')) e++;
      push({ kind: 'space', start: pos, end: e });
    } else if (c === '%') {
      push({ kind: 'comment', directive: next === '%', start: pos, end: lineEnd });
    } else if (c === '\\') {
      const rest = text.slice(pos + 1, lineEnd);
      if (!/^\s*(%.*)?$/.test(rest)) err("'\\' continues a line only at its end", pos, pos + 1, 'abc.continuation', 'warning');
      push({ kind: 'continuation', start: pos, end: pos + 1 });
    } else if (c === '"') {
      const close = indexInLine(text, '"', pos + 1, lineEnd);
      if (close < 0 || close >= lineEnd) {
        err('unterminated chord symbol or annotation (missing closing ")', pos, lineEnd, 'abc.unterminated');
        push({ kind: 'unknown', start: pos, end: lineEnd });
        continue;
      }
      const inner = text.slice(pos + 1, close);
      if (/^[\^_<>@]/.test(inner)) push({ kind: 'annotation', text: inner.slice(1), placement: inner[0], start: pos, end: close + 1 });
      else push({ kind: 'chord-symbol', text: inner, start: pos, end: close + 1 });
    } else if (c === '!' && /^\s*(%.*)?$/.test(text.slice(pos + 1, lineEnd))) {
      // A `!` ending the line is the old ABC score line break.
      push({ kind: 'spacer', start: pos, end: pos + 1 });
    } else if (c === '!' || c === '+') {
      const close = indexInLine(text, c, pos + 1, lineEnd);
      if (close < 0 || close >= lineEnd || close === pos + 1 || /\s/.test(text.slice(pos + 1, close))) {
        let e = pos + 1;
        while (e < lineEnd && /[\w.()<>-]/.test(text[e])) e++;
        err(`unterminated decoration (missing closing ${c})`, pos, e, 'abc.unterminated');
        push({ kind: 'unknown', start: pos, end: e });
        continue;
      }
      push({ kind: 'decoration', name: text.slice(pos + 1, close), start: pos, end: close + 1 });
    } else if (DECORATION_LETTERS.includes(c) || ctx.userDecorations?.includes(c)) {
      push({ kind: 'decoration', name: c, start: pos, end: pos + 1 });
    } else if (c === '{') {
      if (inGrace) err('grace notes cannot nest', pos, pos + 1);
      inGrace = true;
      const slash = next === '/';
      push({ kind: 'grace-open', acciaccatura: slash, start: pos, end: pos + (slash ? 2 : 1) });
    } else if (c === '}') {
      if (!inGrace) err("'}' without '{'", pos, pos + 1);
      inGrace = false;
      push({ kind: 'grace-close', start: pos, end: pos + 1 });
    } else if (c === '(' && next === '&') {
      push({ kind: 'overlay', form: '(&', start: pos, end: pos + 2 });
    } else if (c === '&') {
      const form = next === ')' ? '&)' : '&';
      push({ kind: 'overlay', form, start: pos, end: pos + form.length });
    } else if (c === '(') {
      const m = /\((\d+)(?::(\d*))?(?::(\d*))?/y;
      m.lastIndex = pos;
      const r = m.exec(text);
      if (r) {
        const p = Number(r[1]);
        if (p < 2 || p > 9) err(`tuplet (${p} is not supported (2..9)`, pos, pos + r[0].length, 'abc.tuplet');
        const q = r[2] ? Number(r[2]) : defaultTupletQ(p, ctx.compound());
        const rr = r[3] ? Number(r[3]) : p;
        push({ kind: 'tuplet', p: Math.max(1, p), q: Math.max(1, q), r: Math.max(1, rr), start: pos, end: pos + r[0].length });
      } else {
        push({ kind: 'slur-open', start: pos, end: pos + 1 });
      }
    } else if (c === ')') {
      push({ kind: 'slur-close', start: pos, end: pos + 1 });
    } else if (c === '-') {
      push({ kind: 'tie', start: pos, end: pos + 1 });
    } else if (c === '>' || c === '<') {
      let e = pos;
      while (e < lineEnd && text[e] === c) e++;
      if (e - pos > 3) err('broken rhythm longer than 3', pos, e, 'abc.broken');
      push({ kind: 'broken', direction: c, count: Math.min(3, e - pos), start: pos, end: e });
    } else if (c === '[' && next === '|') {
      scanBar(pos);
    } else if (c === '[' && next !== undefined && /\d/.test(next)) {
      const m = /\[(\d+(?:[-,]\d+)*)/y;
      m.lastIndex = pos;
      const r = m.exec(text)!;
      push({ kind: 'ending', ending: r[1], start: pos, end: pos + r[0].length });
    } else if (c === '[' && next === '"') {
      // `:|["Coda"`: an ending labelled by the quoted text that follows (abcjs reads it so).
      push({ kind: 'ending', ending: '', start: pos, end: pos + 1 });
    } else if (c === ']') {
      // A `]` closing nothing is an invisible bar line (as abcjs reads it), typically left at a line's end.
      push({ kind: 'bar', text: ']', repeatStart: false, repeatEnd: false, start: pos, end: pos + 1 });
    } else if (c === '[' && /[A-Za-z]/.test(next ?? '') && text[pos + 2] === ':') {
      const close = indexInLine(text, ']', pos, lineEnd);
      if (close < 0 || close >= lineEnd) {
        err('unterminated inline field (missing ])', pos, lineEnd, 'abc.unterminated');
        push({ kind: 'unknown', start: pos, end: lineEnd });
        continue;
      }
      const value = text.slice(pos + 3, close);
      if (next === 'V') ctx.voice = value.trim().split(/\s+/)[0] ?? '';
      push({ kind: 'field', name: next, value, inline: true, start: pos, end: close + 1 });
    } else if (c === '[') {
      scanChord(pos);
    } else if (c === '|' || (c === ':' && (next === '|' || next === ':'))) {
      scanBar(pos);
    } else if (/[\^_=A-Ga-g]/.test(c)) {
      const note = scanNote(text, pos, lineEnd, ctx.emit);
      if (!note) {
        err(`accidental '${c}' without a note`, pos, pos + 1, 'abc.syntax');
        push({ kind: 'unknown', start: pos, end: pos + 1 });
      } else {
        push({ kind: 'note', note, grace: inGrace, start: note.start, end: note.end });
      }
    } else if (c === 'z' || c === 'x') {
      const { length, end } = scanLength(text, pos + 1, lineEnd, ctx.emit);
      push({ kind: 'rest', invisible: c === 'x', length, start: pos, end });
    } else if (c === 'Z' || c === 'X') {
      const m = /\d*/y;
      m.lastIndex = pos + 1;
      const digits = m.exec(text)![0];
      let count = digits ? Number(digits) : 1;
      if (count < 1 || count > 999) {
        err(`multi-measure rest of ${digits} bars (1..999)`, pos, pos + 1 + digits.length, 'abc.length');
        count = 1;
      }
      push({ kind: 'rest', invisible: c === 'X', length: Fraction.ONE, multiMeasure: count, start: pos, end: pos + 1 + digits.length });
    } else if (c === 'y' || c === '`') {
      // `y2`: the number is the spacer's width, not a duration.
      let e = pos + 1;
      if (c === 'y') while (e < lineEnd && /[\d/]/.test(text[e])) e++;
      push({ kind: 'spacer', start: pos, end: e });
    } else {
      let e = pos + 1;
      if (/[\d/]/.test(c)) while (e < lineEnd && /[\d/]/.test(text[e])) e++;
      const what = /[\d/]/.test(c) ? `length '${text.slice(pos, e)}' without a note` : `unexpected character '${c}'`;
      err(what, pos, e, 'abc.syntax');
      push({ kind: 'unknown', start: pos, end: e });
    }
  }
  if (inGrace) err("grace notes not closed with '}' on this line", lineEnd, lineEnd, 'abc.unterminated', 'warning');

  function scanBar(start: number): void {
    let e = start;
    while (e < lineEnd) {
      const ch = text[e];
      if (ch === '|' || ch === ':') e++;
      else if (ch === '[' && text[e + 1] === '|') e++;
      else if (ch === ']' && text[e - 1] === '|') e++;
      else break;
    }
    const barText = text.slice(start, e);
    let ending: string | undefined;
    if (barText.endsWith('|') && e < lineEnd && /\d/.test(text[e])) {
      const m = /\d+(?:[-,]\d+)*/y;
      m.lastIndex = e;
      ending = m.exec(text)![0];
      e += ending.length;
    }
    push({
      kind: 'bar',
      text: barText,
      repeatEnd: barText.startsWith(':'),
      repeatStart: barText.endsWith(':'),
      ending,
      start,
      end: e,
    });
  }

  function scanChord(start: number): void {
    const notes: AbcNote[] = [];
    let e = start + 1;
    while (e < lineEnd && text[e] !== ']') {
      const note = scanNote(text, e, lineEnd, ctx.emit);
      if (note) {
        notes.push(note);
        e = note.end;
        continue;
      }
      if (text[e] === '-') {
        if (notes.length) notes[notes.length - 1].tie = true;
        e++;
        continue;
      }
      if (text[e] === ' ' || DECORATION_LETTERS.includes(text[e]) || ctx.userDecorations?.includes(text[e])) {
        e++;
        continue;
      }
      if (text[e] === '!' || text[e] === '+') {
        const close = indexInLine(text, text[e], e + 1, lineEnd);
        if (close > e + 1 && close < lineEnd && /^[^\s\]]+$/.test(text.slice(e + 1, close)) && !/^[\^_=A-Ga-g',\d/]+$/.test(text.slice(e + 1, close))) {
          e = close + 1; // a decoration on one note of the chord: [+slide+DD], [!trill!DF]
          continue;
        }
      }
      if (text[e] === '+') {
        // ABC 1.6 wrote chords as +GB+; a stray '+' inside [..] is read past.
        err("'+' inside a chord (old ABC chord syntax)", e, e + 1, 'abc.legacy', 'warning');
        e++;
        continue;
      }
      break;
    }
    if (text[e] !== ']') {
      if (notes.length === 0) {
        err("chord not closed with ']'", start, e, 'abc.unterminated');
        push({ kind: 'unknown', start, end: Math.max(e, start + 1) });
        return;
      }
      err("chord not closed with ']' (ends here)", start, e, 'abc.unterminated', 'warning');
      push({ kind: 'chord', notes, length: Fraction.ONE, grace: inGrace, start, end: e });
      return;
    }
    if (notes.length === 0) err('empty chord', start, e + 1, 'abc.syntax');
    const { length, end } = scanLength(text, e + 1, lineEnd, ctx.emit);
    push({ kind: 'chord', notes, length, grace: inGrace, start, end });
  }
}
