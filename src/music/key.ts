/** Key signatures from ABC `K:` values: tonic, mode, explicit accidentals. */

export type Letter = 'C' | 'D' | 'E' | 'F' | 'G' | 'A' | 'B';
export const LETTERS: readonly Letter[] = ['C', 'D', 'E', 'F', 'G', 'A', 'B'];
/** Semitones above C of each natural letter. */
export const LETTER_PC: Record<Letter, number> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };
/** Order of sharps; flats are the reverse. Also each letter's place on the line of fifths (F = -1 ... B = 5). */
const FIFTHS_ORDER: readonly Letter[] = ['F', 'C', 'G', 'D', 'A', 'E', 'B'];

export type Mode = 'major' | 'minor' | 'ionian' | 'dorian' | 'phrygian' | 'lydian' | 'mixolydian' | 'aeolian' | 'locrian';

/** Fifths of the signature relative to the major key on the same tonic. */
export const MODE_FIFTHS: Record<Mode, number> = {
  major: 0, ionian: 0, lydian: 1, mixolydian: -1, dorian: -2, minor: -3, aeolian: -3, phrygian: -4, locrian: -5,
};

const MODE_PREFIXES: [string, Mode][] = [
  ['maj', 'major'], ['min', 'minor'], ['ion', 'ionian'], ['dor', 'dorian'], ['phr', 'phrygian'],
  ['lyd', 'lydian'], ['mix', 'mixolydian'], ['aeo', 'aeolian'], ['loc', 'locrian'],
];

export interface ExplicitAccidental {
  letter: Letter;
  /** -2..2; 0 is a natural. */
  accidental: number;
}

export interface KeySignature {
  /** `C`, `F#`, `Bb`; `C` for K:none (with `none` set). */
  tonic: string;
  mode: Mode;
  /** Sharps (+) or flats (-) of the standard signature for tonic+mode, before explicit accidentals. */
  fifths: number;
  /** Accidentals added after the key (`K:D exp ^f`, `K:D =c`). */
  explicit: ExplicitAccidental[];
  /** `exp`: only the explicit accidentals apply. */
  exp: boolean;
  /** `K:none` / `K:HP`: no signature at all. */
  none: boolean;
  /** Clef given in the K: value (`clef=bass` or a bare `bass`), if any. */
  clef?: string;
}

export interface KeyParseProblem {
  message: string;
  /** Offsets within the parsed value. */
  start: number;
  end: number;
}

export const C_MAJOR: KeySignature = { tonic: 'C', mode: 'major', fifths: 0, explicit: [], exp: false, none: false };

/** Place of a spelled note (letter + accidental) on the line of fifths: C = 0, G = 1, F = -1, F# = 6, Bb = -2. */
export function fifthsOf(letter: Letter, accidental: number): number {
  return FIFTHS_ORDER.indexOf(letter) - 1 + 7 * accidental;
}

/** Inverse of fifthsOf. */
export function spellingAtFifths(position: number): { letter: Letter; accidental: number } {
  const shifted = position + 1;
  const index = ((shifted % 7) + 7) % 7;
  return { letter: FIFTHS_ORDER[index], accidental: Math.floor(shifted / 7) };
}

export function tonicName(letter: Letter, accidental: number): string {
  return letter + (accidental > 0 ? '#'.repeat(accidental) : 'b'.repeat(-accidental));
}

function modeFromWord(word: string): Mode | undefined {
  const w = word.toLowerCase();
  if (w === 'm') return 'minor';
  if (w.length < 3) return undefined;
  for (const [prefix, mode] of MODE_PREFIXES) if (w.startsWith(prefix) && /^[a-z]+$/.test(w)) return mode;
  return undefined;
}

function makeKey(letter: Letter, accidental: number, mode: Mode): KeySignature {
  return {
    tonic: tonicName(letter, accidental),
    mode,
    fifths: fifthsOf(letter, accidental) + MODE_FIFTHS[mode],
    explicit: [],
    exp: false,
    none: false,
  };
}

const CLEF_WORDS = new Set(['treble', 'bass', 'alto', 'tenor', 'perc', 'none', 'bass3', 'alto1', 'alto2', 'treble-8', 'treble+8', 'bass-8']);

/** Parses an ABC K: value (`G`, `Ador`, `Bb minor`, `D exp ^f _b`, `none`, `HP`, `Am clef=bass`). Never throws. */
/** Where the parts of a K: value are written (offsets within the value), for edits that keep its spelling. */
export interface KeySpans {
  /** The tonic's letter and sharp/flat (`F#` of `F#m`), when a tonic is written. */
  tonic?: { start: number; end: number };
  /** Each explicit accidental (`^c` of `Dm^c`), in the order of `key.explicit`. */
  explicit: { start: number; end: number }[];
}

/** Words of a K: value; accidentals written against the key or each other (`Dm^c`, `^f_b`) count as words. */
function keyWords(value: string): { text: string; start: number }[] {
  const words: { text: string; start: number }[] = [];
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(value))) {
    const glued = /^([A-G][#b]?[A-Za-z]*)?((?:(?:\^\^|\^|__|_|=)[A-Ga-g])+)$/.exec(m[0]);
    if (!glued || (glued[1] === undefined && !/^(?:(?:\^\^|\^|__|_|=)[A-Ga-g]){2,}$/.test(m[0]))) {
      words.push({ text: m[0], start: m.index });
      continue;
    }
    let at = m.index;
    if (glued[1]) {
      words.push({ text: glued[1], start: at });
      at += glued[1].length;
    }
    const acc = /(\^\^|\^|__|_|=)[A-Ga-g]/g;
    let a: RegExpExecArray | null;
    while ((a = acc.exec(glued[2]))) words.push({ text: a[0], start: at + a.index });
  }
  return words;
}

export function parseKey(value: string): { key: KeySignature; problems: KeyParseProblem[]; spans: KeySpans } {
  const problems: KeyParseProblem[] = [];
  const spans: KeySpans = { explicit: [] };
  const words = keyWords(value);
  let key: KeySignature = { ...C_MAJOR, explicit: [] };
  let i = 0;
  if (words.length > 0) {
    const first = words[0].text;
    if (first.toLowerCase() === 'none' || first === 'HP') {
      key = { ...C_MAJOR, explicit: [], none: true };
      i = 1;
    } else if (first === 'Hp') {
      key = { ...makeKey('D', 0, 'major'), explicit: [{ letter: 'G', accidental: 0 }] };
      i = 1;
    } else {
      const tm = /^([A-G])([#b]?)(.*)$/.exec(first);
      if (tm && (tm[3] === '' || modeFromWord(tm[3]))) {
        let mode: Mode = tm[3] ? modeFromWord(tm[3])! : 'major';
        i = 1;
        if (!tm[3] && words.length > 1 && modeFromWord(words[1].text)) {
          mode = modeFromWord(words[1].text)!;
          i = 2;
        }
        key = makeKey(tm[1] as Letter, tm[2] === '#' ? 1 : tm[2] === 'b' ? -1 : 0, mode);
        spans.tonic = { start: words[0].start, end: words[0].start + 1 + tm[2].length };
      } else if (!isTrailingWord(first)) {
        problems.push({ message: `unknown key '${first}'`, start: words[0].start, end: words[0].start + first.length });
        i = 1;
      }
    }
  }
  for (; i < words.length; i++) {
    const w = words[i];
    const acc = /^(\^\^|\^|__|_|=)([A-Ga-g])$/.exec(w.text);
    if (acc) {
      const a = { '^^': 2, '^': 1, '__': -2, _: -1, '=': 0 }[acc[1]]!;
      key.explicit.push({ letter: acc[2].toUpperCase() as Letter, accidental: a });
      spans.explicit.push({ start: w.start, end: w.start + w.text.length });
    } else if (w.text.toLowerCase() === 'exp') {
      key.exp = true;
    } else if (/^clef=/.test(w.text)) {
      key.clef = w.text.slice(5);
    } else if (CLEF_WORDS.has(w.text)) {
      key.clef = w.text;
    } else if (!/^[a-z-]+=/.test(w.text)) {
      problems.push({ message: `unexpected '${w.text}' in key`, start: w.start, end: w.start + w.text.length });
    }
  }
  return { key, problems, spans };
}

function isTrailingWord(w: string): boolean {
  return /^(\^\^|\^|__|_|=)[A-Ga-g]$/.test(w) || w.toLowerCase() === 'exp' || /^[a-z-]+=/.test(w) || CLEF_WORDS.has(w);
}

/** The signature's accidental for each letter (-2..2), explicit accidentals applied. */
export function keyAccidentals(key: KeySignature): Record<Letter, number> {
  const result: Record<Letter, number> = { C: 0, D: 0, E: 0, F: 0, G: 0, A: 0, B: 0 };
  if (!key.none && !key.exp) {
    const f = Math.max(-7, Math.min(7, key.fifths));
    for (let k = 0; k < f; k++) result[FIFTHS_ORDER[k]] = 1;
    for (let k = 0; k < -f; k++) result[FIFTHS_ORDER[6 - k]] = -1;
    // Beyond seven (e.g. G# major, 8 sharps) letters get double sharps/flats.
    for (let k = 7; k < key.fifths; k++) result[FIFTHS_ORDER[k - 7]] = 2;
    for (let k = 7; k < -key.fifths; k++) result[FIFTHS_ORDER[13 - k]] = -2;
  }
  for (const e of key.explicit) result[e.letter] = e.accidental;
  return result;
}

/** Alias kept for readers of the spec: the per-letter accidentals of a K: value or key. */
export function keySignature(k: string | KeySignature): Record<Letter, number> {
  return keyAccidentals(typeof k === 'string' ? parseKey(k).key : k);
}

/** True for modes whose third is minor (minor, aeolian, dorian, phrygian, locrian). */
export function isMinorish(mode: Mode): boolean {
  return mode === 'minor' || mode === 'aeolian' || mode === 'dorian' || mode === 'phrygian' || mode === 'locrian';
}

/** The K: value that denotes a key: `G`, `Am`, `Ddor`, `none`. Explicit accidentals and clefs follow. */
export function formatKey(key: KeySignature): string {
  if (key.none) return 'none';
  const modeText: Record<Mode, string> = {
    major: '', ionian: 'ion', minor: 'm', aeolian: 'aeo', dorian: 'dor', phrygian: 'phr', lydian: 'lyd', mixolydian: 'mix', locrian: 'loc',
  };
  let text = key.tonic + modeText[key.mode];
  if (key.exp) text += ' exp';
  for (const e of key.explicit) text += ' ' + accidentalText(e.accidental) + e.letter.toLowerCase();
  return text;
}

export function accidentalText(acc: number): string {
  return acc === 0 ? '=' : acc > 0 ? '^'.repeat(acc) : '_'.repeat(-acc);
}
