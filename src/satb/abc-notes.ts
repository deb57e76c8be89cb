import { accidentalText, keyAccidentals, spellPitch, type KeySignature, type Letter } from '../music';

/** Writes ABC note names in one key, tracking accidentals that stay in force until the bar line. */
export class AbcSpeller {
  private readonly signature: Record<Letter, number>;
  private inForce = new Map<string, number>();

  constructor(private readonly key: KeySignature) {
    this.signature = keyAccidentals(key);
  }

  newBar(): void {
    this.inForce.clear();
  }

  /** `^F,`, `c'`, `=B`: the note for a MIDI pitch, with an accidental only where the bar needs one. */
  note(midi: number): string {
    const p = spellPitch(midi, this.key);
    const place = `${p.letter}${p.octave}`;
    const current = this.inForce.get(place) ?? this.signature[p.letter];
    let text = '';
    if (current !== p.accidental) {
      text = accidentalText(p.accidental);
      this.inForce.set(place, p.accidental);
    }
    if (p.octave >= 5) text += p.letter.toLowerCase() + "'".repeat(p.octave - 5);
    else text += p.letter + ','.repeat(4 - p.octave);
    return text;
  }
}

const WRITABLE = [24, 16, 12, 8, 6, 4, 3, 2, 1];

/** Splits a length in sixteenths into lengths a single note can show (plain or dotted), longest first. */
export function writableLengths(sixteenths: number): number[] {
  const out: number[] = [];
  let left = sixteenths;
  while (left > 0) {
    const l = WRITABLE.find((w) => w <= left)!;
    out.push(l);
    left -= l;
  }
  return out;
}

/** The ABC length suffix in units of L:1/16. */
export function lengthSuffix(sixteenths: number): string {
  return sixteenths === 1 ? '' : String(sixteenths);
}
