import type { NotationDiagnostic, SourceRange } from '../common/diagnostic';
import type { Fraction } from '../music/fraction';
import type { KeySignature, Letter } from '../music/key';

/** A meter: `M:6/8` → {num 6, den 8}; `M:C` → 4/4; `M:none` → free (no bar checks). */
export interface Meter {
  text: string;
  free: boolean;
  /** Length of a full bar in whole notes (zero when free). */
  barLength: Fraction;
  /** Beats per bar as written (top of the fraction, summed for `2+3/8`). */
  numerator: number;
  denominator: number;
}

/** A written note: `^c'2` is {accidental 1, letter C, octave 5, length 2}. */
export interface AbcNote {
  /** Written accidental: -2..2 (0 = natural `=`); undefined when none is written. */
  accidental?: number;
  letter: Letter;
  /** Scientific octave of the written letter: `C` is 4, `c` is 5, `c'` is 6, `C,` is 3. */
  octave: number;
  /** Length multiplier of the unit length L, as written (`/` = 1/2, `3/2`, `//` = 1/4). */
  length: Fraction;
  /** Inside a chord: a `-` right after the note ties it to the next. */
  tie?: boolean;
  /** Offsets of the note text (absolute, in the whole document). */
  start: number;
  end: number;
}

interface ElementBase {
  /** Absolute offsets into the document text: the element is text.slice(start, end). */
  start: number;
  end: number;
  /** Voice the element belongs to (`V:` id), '' before any V:. */
  voice: string;
}

export type AbcElement =
  | (ElementBase & { kind: 'note'; note: AbcNote; grace: boolean })
  | (ElementBase & { kind: 'rest'; invisible: boolean; length: Fraction; multiMeasure?: number })
  | (ElementBase & { kind: 'chord'; notes: AbcNote[]; length: Fraction; grace: boolean })
  | (ElementBase & { kind: 'bar'; text: string; repeatStart: boolean; repeatEnd: boolean; ending?: string })
  | (ElementBase & { kind: 'ending'; ending: string })
  | (ElementBase & { kind: 'tie' })
  | (ElementBase & { kind: 'slur-open' })
  | (ElementBase & { kind: 'slur-close' })
  | (ElementBase & { kind: 'grace-open'; acciaccatura: boolean })
  | (ElementBase & { kind: 'grace-close' })
  | (ElementBase & { kind: 'tuplet'; p: number; q: number; r: number })
  | (ElementBase & { kind: 'broken'; direction: '>' | '<'; count: number })
  | (ElementBase & { kind: 'chord-symbol'; text: string })
  | (ElementBase & { kind: 'annotation'; text: string; placement: string })
  | (ElementBase & { kind: 'decoration'; name: string })
  | (ElementBase & { kind: 'space' })
  | (ElementBase & { kind: 'newline' })
  | (ElementBase & { kind: 'continuation' })
  | (ElementBase & { kind: 'comment'; directive: boolean })
  | (ElementBase & { kind: 'field'; name: string; value: string; inline: boolean })
  | (ElementBase & { kind: 'spacer' })
  /** Voice overlay: `&` starts another layer of the bar (or of a `(& ... &)` span) from its beginning. */
  | (ElementBase & { kind: 'overlay'; form: '&' | '(&' | '&)' })
  | (ElementBase & { kind: 'unknown' });

export type AbcElementKind = AbcElement['kind'];

export interface AbcHeaderField {
  name: string;
  value: string;
  /** Offsets of the whole line (without its line break). */
  start: number;
  end: number;
}

export interface AbcVoiceInfo {
  id: string;
  /** Text after the id on the V: line (name=, clef=, ...). */
  properties: string;
  clef?: string;
}

export interface AbcTune {
  /** The whole document the tune was read from (offsets below point into it). */
  source: string;
  /** 0-based position in the file. */
  index: number;
  /** X: number, when given. */
  reference?: number;
  title?: string;
  /** Offsets of the tune in the document (first line to end of last non-blank line). */
  start: number;
  end: number;
  /** Header fields X: ... K: in order (comments and directives excluded). */
  headers: AbcHeaderField[];
  /** `%%` directives of the header, verbatim. */
  directives: string[];
  /** Offset where the body starts (after the K: line's line break); equals `end` for a tune without body. */
  bodyStart: number;
  /** Meter, unit length and key in force at the start of the body (after the header). */
  meter: Meter;
  unitLength: Fraction;
  /** Whether L: was given in the header (otherwise the unit length comes from the meter). */
  unitLengthGiven: boolean;
  key: KeySignature;
  /** The K: value as written. */
  keyText: string;
  voices: AbcVoiceInfo[];
  /** Every piece of the body in source order; concatenating their texts gives the body back. */
  elements: AbcElement[];
}

export interface AbcParseResult {
  tunes: AbcTune[];
  diagnostics: NotationDiagnostic[];
}

export type { SourceRange };
